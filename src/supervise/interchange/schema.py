"""The interchange folder's files and columns (`../shared/spec/INTERCHANGE.md`), as data."""

from __future__ import annotations

from dataclasses import dataclass

from supervise.policy import model

# Column kinds: how a cell is read.
ID, TEXT, DATE, BOOL, ENUM, DURATION, INT = "id", "text", "date", "bool", "enum", "duration", "int"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str
    required: bool = False
    field: str | None = None  # the model attribute, when it differs from the column name
    choices: tuple[str, ...] = ()
    ref: str | None = None  # "staff" | "child" | "session": must name a row of that file

    @property
    def attribute(self) -> str:
        return self.field or self.name


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str
    model: type
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns whose values must be unique together
    required: bool = False

    @property
    def attribute(self) -> str:
        """The `Dataset` list this file fills: its name without `.csv`."""
        return self.name.removesuffix(".csv")

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.name == name:
                return column
        return None


def _ref(name: str, target: str, required: bool = True, field: str | None = None) -> Column:
    return Column(name, ID, required=required, ref=target, field=field)


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "staff.csv",
        model.Staff,
        (
            Column("staff_id", ID, required=True),
            Column("name", TEXT, required=True),
            Column("email", TEXT),
            Column("role", ENUM, required=True, choices=model.ROLES),
            Column("team", TEXT),
            Column("contract", ENUM, choices=model.CONTRACTS),
            Column("hours", ENUM, choices=model.HOURS),
            Column("started_on", DATE, required=True),
            Column("qualified_on", DATE),
            Column("asye", BOOL),
            Column("left_on", DATE),
            Column("supervisor_training_on", DATE),
            Column("file_archived_on", DATE),
            Column("file_destroyed_on", DATE),
        ),
        key=("staff_id",),
        required=True,
    ),
    FileSpec(
        "supervision_lines.csv",
        model.SupervisionLine,
        (
            _ref("supervisee_id", "staff"),
            _ref("supervisor_id", "staff"),
            Column("from", DATE, required=True, field="starts_on"),
            Column("to", DATE, field="ends_on"),
            Column("cover", BOOL),
        ),
    ),
    FileSpec(
        "absences.csv",
        model.Absence,
        (
            _ref("staff_id", "staff"),
            Column("from", DATE, required=True, field="starts_on"),
            Column("to", DATE, field="ends_on"),
            Column("reason", ENUM, required=True, choices=model.ABSENCE_REASONS),
            Column("planned", BOOL),
        ),
    ),
    FileSpec(
        "events.csv",
        model.StaffEvent,
        (
            _ref("staff_id", "staff"),
            Column("on", DATE, required=True),
            Column("kind", ENUM, required=True, choices=model.EVENT_KINDS),
            Column("note", TEXT),
        ),
    ),
    FileSpec(
        "agreements.csv",
        model.Agreement,
        (
            Column("agreement_id", ID, required=True),
            _ref("supervisee_id", "staff"),
            _ref("supervisor_id", "staff"),
            Column("supervisee_signed_on", DATE),
            Column("supervisor_signed_on", DATE),
            Column("frequency", DURATION),
        ),
        key=("agreement_id",),
    ),
    FileSpec(
        "children.csv",
        model.Child,
        (
            Column("child_id", ID, required=True),
            Column("name", TEXT),
            Column("born_on", DATE),
            Column("opened_on", DATE, required=True),
            Column("closed_on", DATE),
            Column("service", TEXT),
            Column("particularly_vulnerable", BOOL),
            Column("risk_rating", ENUM, choices=model.RISK_RATINGS),
            Column("agreed_interval", DURATION),
            _ref("agreed_by", "staff", required=False),
            Column("permanence_plan_on", DATE),
        ),
        key=("child_id",),
    ),
    FileSpec(
        "child_statuses.csv",
        model.ChildStatus,
        (
            _ref("child_id", "child"),
            Column("status", ENUM, required=True, choices=model.CHILD_STATUSES),
            Column("from", DATE, required=True, field="starts_on"),
            Column("to", DATE, field="ends_on"),
        ),
    ),
    FileSpec(
        "allocations.csv",
        model.Allocation,
        (
            _ref("child_id", "child"),
            _ref("staff_id", "staff"),
            Column("from", DATE, required=True, field="starts_on"),
            Column("to", DATE, field="ends_on"),
        ),
    ),
    FileSpec(
        "sessions.csv",
        model.Session,
        (
            Column("session_id", ID, required=True),
            Column("kind", ENUM, required=True, choices=model.SESSION_KINDS),
            _ref("supervisor_id", "staff"),
            _ref("supervisee_id", "staff", required=False),
            Column("scheduled_on", DATE),
            Column("status", ENUM, required=True, choices=model.SESSION_STATUSES),
            Column("held_on", DATE),
            Column("duration_minutes", INT),
            Column("cancelled_by", ENUM, choices=model.CANCELLED_BY),
            Column("cancel_reason", ENUM, choices=model.CANCEL_REASONS),
            Column("record_completed_on", DATE),
            Column("supervisor_signed_on", DATE),
            Column("supervisee_signed_on", DATE),
            Column("finalised_on", DATE),
        ),
        key=("session_id",),
    ),
    FileSpec(
        "case_discussions.csv",
        model.CaseDiscussion,
        (
            _ref("session_id", "session"),
            _ref("child_id", "child"),
            Column("recorded_on", DATE),
        ),
        key=("session_id", "child_id"),
    ),
    FileSpec(
        "observations.csv",
        model.Observation,
        (
            Column("observation_id", ID, required=True),
            Column("kind", ENUM, required=True, choices=model.OBSERVATION_KINDS),
            _ref("observer_id", "staff"),
            _ref("observed_id", "staff"),
            Column("on", DATE, required=True),
        ),
        key=("observation_id",),
    ),
)
FILES_BY_NAME = {spec.name: spec for spec in FILES}
# Which file each kind of reference points into, and the column there that holds the id.
REF_TARGETS = {
    "staff": ("staff.csv", "staff_id"),
    "child": ("children.csv", "child_id"),
    "session": ("sessions.csv", "session_id"),
}
