"""Turn recognised raw tables into typed polars frames, one row per unit (or feedback item).

Unit names are resolved through the registry here; every cell that cannot be
typed becomes a finding and its row is left out of the frame, so no figure is
ever computed from a guessed value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import polars as pl

from tthc.findings import Finding, Location, error, warning
from tthc.ingest.cells import formula_problem, is_blank, parse_count, text_of
from tthc.ingest.columns import column_texts, type_column
from tthc.ingest.grid import Cell, collector_paused
from tthc.ingest.tables import RawRow, RawTable
from tthc.lineage import Step
from tthc.registry import MatchHow, Unit, UnitMatch, UnitRegistry
from tthc.tablespec import Column, Kind
from tthc.text import normalise, shorten

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

NAME_IN_MESSAGE = 80  # characters of a unit name or text quoted in a message

ROW_COLUMNS = {"file": pl.String, "sheet": pl.String, "row": pl.Int64, "group": pl.String,
               "unit_id": pl.String, "unit_name": pl.String, "desk": pl.String}
_KIND_DTYPES = {Kind.COUNT: pl.Int64, Kind.RATE: pl.Float64, Kind.TEXT: pl.String, Kind.DATE: pl.Date}


@dataclass(frozen=True)
class TidyTable:
    raw: RawTable
    frame: pl.DataFrame
    total: dict[str, int | None] | None  # the export's own total row, parsed
    dropped: tuple[int, ...] = ()  # rows left out for an error: the total row's differences follow from them

    @property
    def source(self) -> str:
        return self.raw.source.name


def schema_of(raw: RawTable) -> dict[str, PolarsDataType]:
    """Frame schema for a source: row provenance, then every value column the source defines."""
    schema: dict[str, PolarsDataType] = dict(ROW_COLUMNS)
    for spec in raw.source.columns:
        if spec.kind in _KIND_DTYPES:
            schema[spec.name] = _KIND_DTYPES[spec.kind]
    return schema


@collector_paused
def tidy_table(raw: RawTable, registry: UnitRegistry) -> tuple[TidyTable, list[Finding]]:
    """Every value column typed in polars; a row with an error finding is left out of the frame."""
    rows = raw.rows
    schema = schema_of(raw)
    if not rows:
        return TidyTable(raw, pl.DataFrame(schema=schema), _parse_total(raw), ()), []
    problems: list[tuple[int, int, Finding]] = []  # (row position, column order, finding): the findings' order
    read = raw.column_cells(["unit", *(s.name for s in raw.source.columns if s.kind in _KIND_DTYPES)])
    names, unit_ids, desks = _resolve_units(raw, read["unit"], registry, problems)
    columns: dict[str, pl.Series] = {}
    for order, spec in enumerate(raw.source.columns, start=1):
        if spec.kind not in _KIND_DTYPES:
            continue
        if spec.name not in raw.columns:
            columns[spec.name] = pl.Series(spec.name, [None] * len(rows), dtype=_KIND_DTYPES[spec.kind])
            continue
        cells = read[spec.name]
        typed = type_column(spec.kind, cells, spec.required)
        for index, problem in typed.problems.items():
            cell = cells[index]
            if is_blank(cell):
                problem += _merged_hint(raw, rows[index], spec.name)
            problems.append((index, order, error(f"bad_{spec.kind}", problem, raw.location(rows[index].row, spec.name),
                                                 value=shorten(text_of(cell), 200))))
        columns[spec.name] = typed.values.alias(spec.name)
    for spec in raw.source.columns:  # a list's status column: its words, as the spec gives them
        if spec.kind is Kind.TEXT and spec.words:
            columns[spec.name] = _worded(raw, spec, read[spec.name], problems)
    problems.sort(key=lambda item: (item[0], item[1]))
    dropped_at = sorted({index for index, _, finding in problems if finding.is_error})
    frame = pl.DataFrame({
        "file": [raw.file] * len(rows), "sheet": [raw.sheet] * len(rows), "row": [r.row for r in rows],
        "group": [r.group for r in rows], "unit_id": unit_ids, "unit_name": names, "desk": desks, **columns,
    }, schema=schema)
    if dropped_at:
        keep = pl.Series([True] * len(rows))
        keep = keep.scatter(dropped_at, False)
        frame = frame.filter(keep)
    dropped = tuple(rows[i].row for i in dropped_at)
    return TidyTable(raw, frame, _parse_total(raw), dropped), [finding for _, _, finding in problems]


def _resolve_units(raw: RawTable, cells: list[Cell], registry: UnitRegistry,
                   problems: list[tuple[int, int, Finding]]) -> tuple[list[str], list[str | None], list[str | None]]:
    """Unit names (the cells of the unit column) matched once per distinct spelling and group; each row with a
    problem gets its finding."""
    texts, special = column_texts(cells)
    names = texts.fill_null("").to_list()
    unusable: dict[int, str] = {}
    for index in special:
        names[index] = text_of(cells[index])
        problem = formula_problem(cells[index])
        if problem:
            unusable[index] = problem
    groups = [row.group for row in raw.rows]  # "Huyện A" above its communes: the same name can be in three districts
    keys = [("", group) if index in unusable else (name, group)  # an unusable cell is not looked up
            for index, (name, group) in enumerate(zip(names, groups))] if unusable else list(zip(names, groups))
    resolved: dict[tuple[str, str | None], tuple[UnitMatch | None, str | None, str | None, bool]] = {}
    for key in dict.fromkeys(keys):
        name, group = key
        match = registry.match(name, group) if name else None  # remembered per spelling
        if match is not None and match.how not in (MatchHow.UNKNOWN, MatchHow.AMBIGUOUS):
            assert match.unit is not None  # an exact or loose match names its unit
            resolved[key] = (match, match.unit.id, match.unit.desk, match.how is MatchHow.LOOSE)
        else:
            resolved[key] = (match, None, None, True)
    outcomes = [resolved[key] for key in keys]
    unit_ids = [outcome[1] for outcome in outcomes]
    desks = [outcome[2] for outcome in outcomes]
    for index in sorted({i for i, outcome in enumerate(outcomes) if outcome[3]} | set(unusable)):
        problem = unusable.get(index)
        finding = _unit_finding(raw, raw.rows[index], names[index], problem, outcomes[index][0], registry)
        problems.append((index, 0, finding))
    return names, unit_ids, desks


def _unit_finding(raw: RawTable, row: RawRow, name: str, unusable: str | None, match,
                  registry: UnitRegistry) -> Finding:
    shown = shorten(name, NAME_IN_MESSAGE)
    where = raw.location(row.row, "unit")
    if unusable:
        return error("bad_unit_cell", f"ô tên đơn vị: {unusable}", where, value=shorten(name, 200))
    if not name:
        return error("missing_unit", "dòng số liệu không có tên đơn vị" + _merged_hint(raw, row, "unit"), where)
    if match.how is MatchHow.UNKNOWN and match.out_of_date is not None and registry.day is not None:
        return out_of_date_unit(name, match.out_of_date, registry, where)
    if match.how is MatchHow.UNKNOWN:
        hint = ", ".join(u.name for u in match.candidates) or "không có"
        return error(
            "unknown_unit",
            f"đơn vị '{shown}' không có trong danh mục đơn vị (gần nhất: {hint}); "
            "thêm cách viết này vào aliases của đơn vị đúng trong data/reference/units.yaml",
            where, name=shorten(name, 200),
        )
    if match.how is MatchHow.AMBIGUOUS:
        names = ", ".join(u.name for u in match.candidates)
        return error("ambiguous_unit", f"tên đơn vị '{shown}' khớp với nhiều đơn vị ({names}); ghi rõ tên đơn vị",
                     where, name=shorten(name, 200))
    return warning(
        "loose_unit_match",
        f"tên đơn vị '{shown}' được hiểu là '{match.unit.name}' (khớp gần đúng); "
        "nếu đúng, thêm cách viết này vào aliases trong data/reference/units.yaml",
        where, name=shorten(name, 200), unit=match.unit.name,
    )


def out_of_date_unit(name: str, unit: Unit, registry: UnitRegistry, where: Location) -> Finding:
    """A name of a unit that does not exist on the period's end: retired (naming today's successors) or not yet created.

    An error, like an unknown unit, and for the same reason: the row's figures belong to a unit
    the period does not have. Filing them under the successor silently would be a guess (a unit
    may have been split, the export may be of another period or come from a system whose unit
    list was not updated), so the row is left out and the report waits for a corrected export.
    """
    day = registry.day
    assert day is not None  # only a dated registry knows what no longer exists
    shown = shorten(name, NAME_IN_MESSAGE)
    spelled = "" if normalise(name) == normalise(unit.name) else f" (tức '{unit.name}')"
    period_end = f"ngày {day:%d/%m/%Y}, cuối kỳ của số liệu"
    if unit.valid_from is not None and day < unit.valid_from:
        return error("not_yet_valid_unit",
                     f"đơn vị '{shown}'{spelled} chỉ có từ ngày {unit.valid_from:%d/%m/%Y}, sau {period_end}; "
                     "kiểm tra kỳ của tệp kết xuất hoặc valid_from của đơn vị trong units.yaml",
                     where, name=shorten(name, 200), unit=unit.name)
    history = registry.everything
    successors = history.successors(unit.id, day)
    steps = [_step_text(step, history) for step in history.lineage.path(unit.id, day)]
    ceased = unit.validity.ceased_on
    told = f"đơn vị '{shown}'{spelled} đã chấm dứt hoạt động từ ngày {ceased:%d/%m/%Y}" if ceased else (
        f"đơn vị '{shown}'{spelled} không còn vào {period_end}")
    if steps:
        told += ": " + "; ".join(steps)
    if successors:
        names = ", ".join(f"'{u.name}'" for u in successors)
        told += (f". Đơn vị kế thừa vào {period_end}: {names}; số liệu phải ghi cho đơn vị kế thừa, "
                 "hãy lấy lại tệp kết xuất theo danh mục đơn vị hiện hành")
    else:
        told += ". Danh mục đơn vị không ghi đơn vị kế thừa; kiểm tra kỳ của tệp kết xuất hoặc mục 'lineage' "
        told += "trong units.yaml"
    return error("retired_unit", told, where, name=shorten(name, 200), unit=unit.name,
                 successors=", ".join(u.name for u in successors))


def _step_text(step: Step, history: UnitRegistry) -> str:
    """One reorganisation as the analyst reads it: "UBND xã Lai Hạ được sắp xếp vào UBND xã An Tập từ ngày …"."""
    unit = history.by_id(step.unit).name
    targets = ", ".join(history.by_id(t).name for t in step.targets)
    split = " (chia tách)" if len(step.targets) > 1 else ""
    basis = f" theo {step.basis}" if step.basis else ""
    return f"{unit} được sắp xếp vào {targets}{split} từ ngày {step.date:%d/%m/%Y}{basis}"


def _cell_texts(cells: list) -> list[str]:
    """text_of of every cell, the plain ones computed as one polars column."""
    series, special = column_texts(cells)
    texts = series.fill_null("").to_list()
    for index in special:
        texts[index] = text_of(cells[index])
    return texts


def _worded(raw: RawTable, spec: Column, cells: list[Cell], problems: list[tuple[int, int, Finding]]) -> pl.Series:
    """A column of words (a feedback list's statuses) as canonical values, each distinct spelling normalised once."""
    words = {normalise(word): canonical for canonical, spelled in spec.words for word in spelled}
    texts = _cell_texts(cells)
    known = {text: words.get(normalise(text)) for text in set(texts)}
    order = len(raw.source.columns) + 1
    for index, text in enumerate(texts):
        if known[text] is None:
            problems.append((index, order, error(
                f"bad_{spec.name}",
                f"trạng thái '{shorten(text, NAME_IN_MESSAGE)}' không hợp lệ "
                f"(cần một trong: {', '.join(s.capitalize() for s in words)})",
                raw.location(raw.rows[index].row, spec.name),
            )))
    return pl.Series(spec.name, [known[text] for text in texts], dtype=pl.String)


def _merged_hint(raw: RawTable, row: RawRow, name: str) -> str:
    area = raw.merged_area(row.row, name)
    if area is None:
        return ""
    return (f"; ô này nằm trong vùng ô gộp {area} nên trống (chỉ ô đầu của vùng gộp giữ giá trị): "
            "hãy bỏ gộp ô và ghi giá trị cho từng dòng")


def _parse_total(raw: RawTable) -> dict[str, int | None] | None:
    if raw.total is None:
        return None
    counts = [s.name for s in raw.source.columns if s.kind is Kind.COUNT and s.name in raw.columns]
    return {name: cast("int | None", parse_count(raw.cell(raw.total, name)).value) for name in counts}
