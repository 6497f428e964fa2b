"""The steps of the main journeys, as a person takes them: following links and pressing buttons,
typing into fields found by their labels. Never a direct POST.

Each step may `check` the page it reaches (tests.e2e.browser.check_page); journey 1 checks
every page, the variants only the pages they add.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from supervise.policy.dates import format_long
from tests.e2e.browser import Person


@dataclass(frozen=True)
class Heading:
    """A heading of the pack's personal record (its label on the page) and what is written."""

    label: str
    text: str


@dataclass(frozen=True)
class Discussion:
    child: str
    decisions: str


def _maybe(person: Person, check: bool, name: str) -> None:
    if check:
        person.check(name)


def book_today(supervisor: Person, supervisee: str, *, check: bool = False) -> None:
    """From My team: book one session with the supervisee for today."""
    today = timezone.localdate()
    supervisor.link("My team", exact=True)
    assert supervisor.heading() == "My team"
    _maybe(supervisor, check, "my team")
    supervisor.link(f"Book supervision with {supervisee}", exact=True)
    assert supervisor.heading() == "Book supervision"
    _maybe(supervisor, check, "schedule")
    supervisor.fill_date("Date of the session", today)
    supervisor.fill("Venue (optional)", "Room 4, Guildhall")
    supervisor.press("Book", exact=True)
    assert supervisor.heading() == supervisee
    assert f"Booked 1 session with {supervisee}: {format_long(today)}" in supervisor.text()
    _maybe(supervisor, check, "supervisee")


def hold_and_write(
    supervisor: Person,
    headings: list[Heading],
    discussions: list[Discussion],
    *,
    check: bool = False,
) -> None:
    """Mark today's session held, write the personal headings, discuss each child, and sign
    and send the record to the supervisee."""
    supervisor.link("Mark as held")
    assert supervisor.heading() == "Say the session took place"
    _maybe(supervisor, check, "hold")
    supervisor.press("Continue to the record", exact=True)
    assert supervisor.heading() == "Write up the record"
    _maybe(supervisor, check, "record")
    for heading in headings:
        supervisor.fill(heading.label, heading.text)
    for number, discussion in enumerate(discussions):
        supervisor.field("Add a child to discuss").select_option(label=discussion.child)
        supervisor.press("Save and discuss this child", exact=True)
        assert supervisor.heading() == f"Discussion of {discussion.child}"
        _maybe(supervisor, check and number == 0, "discussion")
        supervisor.fill("Experience", f"Visited {discussion.child} at home with the family.")
        supervisor.fill("Decisions", discussion.decisions)
        supervisor.press("Save the discussion", exact=True)
        assert supervisor.heading() == "Write up the record"
        assert f"Discussion of {discussion.child} saved" in supervisor.text()
    for heading in headings:  # kept while the discussions were written
        assert supervisor.textbox(heading.label).input_value() == heading.text
    _maybe(supervisor, check, "record with discussions")
    send(supervisor, headings, discussions, check=check)


def send(
    supervisor: Person, headings: list[Heading], discussions: list[Discussion], *, check: bool
) -> None:
    supervisor.press("Save and check before sending", exact=True)
    assert supervisor.heading() == "Check the record and send it"
    page = supervisor.text()
    for words in [h.text for h in headings] + [d.decisions for d in discussions]:
        assert words in page
    _maybe(supervisor, check, "send")
    supervisor.press("Sign and send the record", exact=True)
    assert "Record signed by you and sent to" in supervisor.text()
    _maybe(supervisor, check, "session detail (sent)")


def open_record_to_sign(supervisee: Person, *, check: bool = False) -> None:
    """My supervision shows the record waiting; open it to read and sign."""
    supervisee.link("My supervision", exact=True)
    assert supervisee.heading() == "My supervision"
    assert "1 record waiting for your signature" in supervisee.text()
    _maybe(supervisee, check, "my supervision")
    held = format_long(timezone.localdate())
    supervisee.link(f"Read and sign the record of {held}", exact=True)
    assert supervisee.heading() == "Read and sign the record"
    _maybe(supervisee, check, "sign")


def sign(supervisee: Person, comment: str = "A fair record of what we discussed") -> None:
    supervisee.fill("Your comment (optional)", comment)
    supervisee.press("Sign this record", exact=True)
    assert "You signed the record" in supervisee.text()


def decline(supervisee: Person, reason: str, *, check: bool = False) -> None:
    supervisee.fill("Why are you not signing?", reason)
    supervisee.press("Decline to sign", exact=True)
    assert "You declined to sign" in supervisee.text()
    assert reason in supervisee.text()
    _maybe(supervisee, check, "session detail (declined)")


def is_finalised(person: Person) -> bool:
    return "this record cannot be changed" in person.text()
