"""Every template of the project, read as text: comments that Django would print, and dates shown
in any form other than the project's own ('Tuesday 3 November 2026', through `long_date`,
`long_datetime` and `clock_time` of `supervise_tags`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

import supervise

PACKAGE = Path(supervise.__file__).resolve().parent
SOURCE = PACKAGE.parent


def _templates() -> list[Path]:
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [p for p in PACKAGE.rglob("templates") if p.is_dir()]
    found = {
        path
        for root in roots
        if root.is_dir()
        for path in root.rglob("*")
        if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".svg")
    }
    return sorted(found)


TEMPLATES = _templates()


def _name(path: Path) -> str:
    return str(path.relative_to(SOURCE))


def test_the_walk_finds_the_templates() -> None:
    names = {_name(p) for p in TEMPLATES}
    assert len(names) > 100
    assert "supervise/sessions/templates/sessions/record/edit.html" in names


# --- comments -------------------------------------------------------------------------------

_COMMENT_BLOCK = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.S)
_ONE_LINE_COMMENT = re.compile(r"{#.*?#}")


def unclosed_comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of each `{#` not closed on its own line: Django prints the rest as text."""
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text)
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "{#" in _ONE_LINE_COMMENT.sub("", line):
            out.append((number, line.strip()))
    return out


def test_the_comment_check_finds_a_comment_over_two_lines() -> None:
    assert unclosed_comments("<p>\n{# one line #}\n{% comment %}\n{# x\n{% endcomment %}") == []
    assert unclosed_comments("<p>\n  {# two\n lines #}\n") == [(2, "{# two")]


def test_no_template_has_a_comment_over_several_lines() -> None:
    """`{# #}` is one line only in Django: over two lines it is printed on the page."""
    found = [
        f"{_name(path)}:{number}: {line}"
        for path in TEMPLATES
        for number, line in unclosed_comments(path.read_text(encoding="utf-8"))
    ]
    assert not found, "use {% comment %}…{% endcomment %}:\n" + "\n".join(found)


# --- dates ------------------------------------------------------------------------------------

# Machine formats, never read as words: an ISO date in an address or a form value, and
# ISO 8601 in a <time datetime> attribute.
MACHINE_FORMATS = {"Y-m-d", "c"}
_DATE_FILTER = re.compile(r"\|\s*date\b\s*(?::\s*(?P<quote>[\"'])(?P<format>.*?)(?P=quote))?")
_OTHER_DATE_WORDS = re.compile(
    r"\|\s*(short_date|time|naturalday|naturaltime|timesince|timeuntil)\b"
    r"|{%\s*now\b"
)


def foreign_date_formats(text: str) -> list[tuple[int, str]]:
    """(line, what) of each date shown other than through the project's filters."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_FILTER.finditer(line):
            if match.group("format") not in MACHINE_FORMATS:
                out.append((number, match.group().strip()))
        out += [(number, match.group()) for match in _OTHER_DATE_WORDS.finditer(line)]
    return out


def test_the_date_check_finds_other_formats() -> None:
    text = (
        '{{ a|long_date }} {{ b|long_datetime }} {{ c|clock_time }} {{ d|date:"Y-m-d" }}\n'
        '{{ e|short_date }} {{ f|date:\'j M Y\' }} {{ g|date }} {{ h|time:"H:i" }} {% now "Y" %}'
    )
    assert [what for _, what in foreign_date_formats(text)] == [
        "|date:'j M Y'",
        "|date",
        "|short_date",
        "|time",
        "{% now",
    ]
    assert {line for line, _ in foreign_date_formats(text)} == {2}


def test_templates_show_dates_only_through_the_projects_filters() -> None:
    found = [
        f"{_name(path)}:{number}: {what}"
        for path in TEMPLATES
        for number, what in foreign_date_formats(path.read_text(encoding="utf-8"))
    ]
    assert not found, (
        "show a date with |long_date ('Tuesday 3 November 2026'), a moment with |long_datetime, "
        "a time beside a date with |clock_time:\n" + "\n".join(found)
    )


# Python code that builds words with a date: the day, then the month by name, written by hand
# ('3 Nov 2026', 'Tue 3 Nov'), rather than through `format_long` or `supervise.web.dates`.
_HAND_MADE = re.compile(r"\.day\}\s*\{[^}]*:%[bB]|%-?d %[bB]|:%a\}|%e %[bB]")
# The helpers themselves; generated demo text (record content, not the product's words); the
# engine's terminal table (`supervise check --format table`, a narrow column in a terminal).
PYTHON_ALLOWED = {
    "supervise/policy/dates.py",
    "supervise/web/dates.py",
    "supervise/interchange/output.py",
}


def test_python_words_use_the_same_date_helper() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _name(path)
        if name in PYTHON_ALLOWED or name.startswith("supervise/generate/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _HAND_MADE.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "use supervise.policy.dates.format_long:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("line", "made_by_hand"),
    [
        ('f"{day.day} {day:%b %Y}"', True),
        ('f"{day.day} {day:%B %Y}"', True),
        ('f"{day:%a} {day.day}"', True),
        ('f"{days[0]:%B %Y} to {days[-1]:%B %Y}"', False),  # months, not days
        ("format_long(day)", False),
    ],
)
def test_the_python_check(line: str, made_by_hand: bool) -> None:
    assert bool(_HAND_MADE.search(line)) is made_by_hand
