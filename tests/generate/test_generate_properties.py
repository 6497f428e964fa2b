"""Properties of `check` over whole generated authorities (hypothesis): any size, seed and day,
under every pack, the reader accepts the folder and the engine neither crashes nor reports a
duty due before the facts it was counted from."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervise.generate import write_authority
from supervise.interchange.reader import read_folder
from supervise.policy.engine import evaluate
from supervise.policy.findings import DUE_SOON, OVERDUE
from supervise.policy.pack import BUILT_IN, load_pack

PACKS = {slug: load_pack(slug) for slug in BUILT_IN}

# The facts that say what a duty is counted from: a duty is never due before any of them.
COUNTED_FROM = (
    "reference_on",
    "last_held_on",
    "last_discussed_on",
    "last_group_discussion_on",
    "allocated_on",
    "held_on",
    "left_on",
    "signed_on",
    "last_observed_on",
    "last_appraisal_on",
    "casenote_added_on",
    "cancelled_on",
    "counted_from",
)

SETTINGS = settings(
    max_examples=int(os.environ.get("SUPERVISE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(
    seed=st.integers(min_value=0, max_value=2**31),
    staff=st.integers(min_value=10, max_value=40),
    children=st.integers(min_value=0, max_value=200),
    years=st.integers(min_value=1, max_value=3),
    as_of=st.dates(date(2021, 1, 1), date(2030, 12, 31)),
    check_on=st.integers(min_value=-40, max_value=200),
    soon=st.sampled_from((0, 7, 30)),
)
def test_check_on_any_generated_authority_never_crashes(
    seed: int, staff: int, children: int, years: int, as_of: date, check_on: int, soon: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_authority(
            Path(folder), staff=staff, children=children, years=years, seed=seed, as_of=as_of
        )
        result = read_folder(Path(folder))
    assert [str(problem) for problem in result.problems] == []
    # Checked on the generation day, before it (history in the future) or well after.
    day = date.fromordinal(as_of.toordinal() + check_on)
    for slug, pack in PACKS.items():
        findings = evaluate(result.dataset, pack, day, soon)
        keys = [(f.due_on, f.rule, f.subject_id) for f in findings]
        assert keys == sorted(keys), slug
        for finding in findings:
            assert finding.status == (OVERDUE if finding.due_on < day else DUE_SOON), finding
            assert (finding.due_on - day).days <= soon, finding
            for name in COUNTED_FROM:
                counted_from = finding.facts.get(name)
                if isinstance(counted_from, date):
                    assert finding.due_on >= counted_from, (slug, name, finding)
