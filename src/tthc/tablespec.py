"""One description of every table the project reads: its columns, their labels and words, its rules.

The aggregated exports (tthc.sources) and the dossier records (tthc.records.spec) are both
TableSpec instances. What differs between kinds of table is data on the spec, never a test of
its name: whether it is a list (one row per item) or a per-unit count table, what an empty table
means, which columns identify a row, the sum identities and stated rates its rows must satisfy,
the totals its title block states. Which kinds a period needs is the centre's choice and stays in
organisation.yaml (`inputs:`); a spec names the input kinds it supplies.

Labels are compared by key (tthc.text.header_key), so marks, case, spaces and punctuation do not
matter; a two-row header's label is written "Parent / Child" and keyed part by part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tthc.findings import Severity
from tthc.text import header_key


class Kind(StrEnum):
    """What a column holds, which decides how its cells are parsed."""

    KEY = "key"  # STT
    UNIT = "unit"
    COUNT = "count"
    RATE = "rate"
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    STATUS = "status"
    CHANNEL = "channel"
    PAUSE_KIND = "pause_kind"


Words = tuple[tuple[str, tuple[str, ...]], ...]  # canonical value → the words a cell may hold for it


def label_key(label: str) -> str:
    """The key of a label; "Parent / Child" keys each part, so the two rows stay distinguishable."""
    return "/".join(header_key(part.strip()) for part in label.split(" / ") if part.strip())


@dataclass(frozen=True)
class Column:
    name: str
    labels: tuple[str, ...]
    kind: Kind = Kind.COUNT
    required: bool = True
    words: Words = ()  # the cell words of a status, channel, pause-kind, yes/no or list-status column

    @property
    def label(self) -> str:
        """The label written in files the project makes and shown in messages."""
        return self.labels[0]

    @property
    def keys(self) -> frozenset[str]:
        """Keys of every recognised label."""
        return frozenset(label_key(label) for label in self.labels)

    def word_keys(self) -> dict[str, frozenset[str]]:
        """Canonical value → keys of its words (header_key: no marks, case or spaces)."""
        return {canonical: frozenset(header_key(w) for w in words) for canonical, words in self.words}


@dataclass(frozen=True)
class Identity:
    """left == sum(right) (or left <= sum(right) when `at_most`), checked row by row."""

    code: str
    left: str
    right: tuple[str, ...]
    severity: Severity
    at_most: bool = False
    note: str = ""


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str  # written in the title block of files the project makes; names the table in messages
    short: str  # what the table is, in a few Vietnamese words ("hồ sơ TTHC")
    columns: tuple[Column, ...]
    inputs: tuple[str, ...]  # keys of tthc.inputs.INPUT_KINDS this table can supply
    desk_inputs: tuple[tuple[str, str], ...] = ()  # desk → input kind, for a table split by where units sit
    is_list: bool = False  # one row per item (feedback, dossiers): no total row, a unit may repeat
    empty: Severity | None = Severity.WARNING  # a table without data rows; None: normal (a quiet month)
    identity: tuple[str, ...] = ("unit",)  # the columns that identify a row: two rows alike are duplicates
    identities: tuple[Identity, ...] = ()
    rates: tuple[tuple[str, str, str], ...] = ()  # stated rate column, its numerator and denominator
    stated_totals: tuple[tuple[str, str], ...] = ()  # total → label the title block states it with
    names_are_labels: bool = False  # the English column name is accepted as a label (the project's Parquet)
    stands_for: tuple[tuple[Column, str], ...] = ()  # a column accepted in place of a required one (unit_id, unit)
    two_row_header: bool = True  # header cells may be "Parent / Child" (keyed part by part); else one row, keyed whole

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.all_columns if c.name == name)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The columns and those that may stand for them."""
        return (*self.columns, *(c for c, _ in self.stands_for))

    def names(self, kind: Kind) -> list[str]:
        return [c.name for c in self.columns if c.kind is kind]

    def keys_of(self, column: Column) -> frozenset[str]:
        """The keys a header cell may have to be this column."""
        return column.keys | {header_key(column.name)} if self.names_are_labels else column.keys

    def cell_key(self, text: str) -> str:
        """The key of a header cell's text (a flattened two-row label, or one cell)."""
        return label_key(text) if self.two_row_header else header_key(text)

    def find_columns(self, cells: Iterable[tuple[int, str]]) -> dict[str, int]:
        """Column name → position of the first header cell carrying one of its labels, in the cells' order.

        The one header matcher of every table: exports (ingest.headers) and records (records.ingest).
        """
        keyed = [(position, self.cell_key(text)) for position, text in cells]
        found: dict[str, int] = {}
        for column in self.all_columns:
            keys = self.keys_of(column)
            taken = set(found.values())
            position = next((p for p, key in keyed if key in keys and p not in taken), None)
            if position is not None:
                found[column.name] = position
        return dict(sorted(found.items(), key=lambda item: item[1]))

    def missing(self, found: Iterable[str]) -> tuple[str, ...]:
        """Required column names not found; a column stood for by one that was found is not missing."""
        present = set(found)
        present |= {replaced for column, replaced in self.stands_for if column.name in present}
        return tuple(c.name for c in self.required if c.name not in present)

    def input_of_desk(self, desk: str) -> str | None:
        return dict(self.desk_inputs).get(desk)
