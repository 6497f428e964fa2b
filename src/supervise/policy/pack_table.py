"""Reading one TOML table of a pack strictly: typed values, allowed values, intervals, sources,
and any key nobody asked for refused, each error naming the file and the dotted key."""

from __future__ import annotations

from typing import Any

from supervise.policy.dates import Interval
from supervise.policy.pack_model import Cited, PackError, Source

_KIND_WORDS = {
    int: "a whole number",
    str: "text in quotes",
    bool: "true or false",
    dict: "a table",
    list: "a list",
}


class Table:
    """A TOML table that remembers its dotted path and refuses keys nobody asked for."""

    def __init__(self, data: dict[str, Any], path: str, file: str, seed: str) -> None:
        self.data = data
        self.path = path
        self.file = file
        self.seed = seed
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def error(self, name: str, message: str) -> PackError:
        return PackError(f"{self.file}: {self.key(name)}: {message}")

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type, *, required: bool = True, default: Any = None) -> Any:
        self.used.add(name)
        if name not in self.data:
            if required:
                raise self.error(name, "is required")
            return default
        value = self.data[name]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise self.error(name, f"must be {_KIND_WORDS.get(kind, kind.__name__)}, not {value!r}")
        return value

    def count(self, name: str, *, minimum: int, required: bool = True, default: int = 0) -> int:
        """A whole number no smaller than `minimum` (days, sessions: a negative one is a typo)."""
        value: int = self.get(name, int, required=required, default=default)
        if value < minimum:
            raise self.error(name, f"must be at least {minimum}, not {value}")
        return value

    def table(self, name: str, *, required: bool = True) -> Table | None:
        value = self.get(name, dict, required=required)
        if value is None:
            return None
        return Table(value, self.key(name), self.file, self.seed)

    def interval(self, name: str) -> Interval:
        text = self.get(name, str)
        try:
            return Interval.parse(text)
        except ValueError as error:
            raise self.error(name, str(error)) from None

    def choice(self, name: str, allowed: tuple[str, ...] | frozenset[str], **kw: Any) -> Any:
        value = self.get(name, str, **kw)
        if value is not None and value not in allowed:
            raise self.error(
                name, f"unknown value {value!r}; expected one of {names_list(allowed)}"
            )
        return value

    def names(self, name: str, *, required: bool = True) -> frozenset[str]:
        """A list of free-text names (services): each must be a non-empty string."""
        values = self.get(name, list, required=required, default=[])
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise self.error(name, f"must be a list of names, not {value!r}")
        return frozenset(values)

    def choices(self, name: str, allowed: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
        values = self.get(name, list, required=False, default=[])
        for value in values:
            if not isinstance(value, str) or value not in allowed:
                raise self.error(
                    name, f"unknown value {value!r}; expected one of {names_list(allowed)}"
                )
        return frozenset(values)

    def source(self, name: str = "source") -> Source:
        table = self.table(name)
        assert table is not None
        section = table.get("section", str)
        quote = table.get("quote", str, required=False)
        note = table.get("note", str, required=False)
        if quote is None and note is None:
            raise table.error("quote", "a source needs the policy's words (quote) or a note")
        table.done()
        return Source(file=self.seed, section=section, quote=quote, note=note)

    def cited(self, name: str) -> Cited:
        table = self.table(name)
        assert table is not None
        cited = Cited(interval=table.interval("every"), source=table.source())
        table.done()
        return cited

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.error(unknown[0], "unknown key")


def names_list(values: tuple[str, ...] | frozenset[str]) -> str:
    return ", ".join(sorted(values))
