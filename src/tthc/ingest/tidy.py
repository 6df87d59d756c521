"""Turn recognised raw tables into typed polars frames, one row per unit (or feedback item).

Unit names are resolved through the registry here; every cell that cannot be
typed becomes a finding and its row is left out of the frame, so no figure is
ever computed from a guessed value.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tthc.findings import Finding, error, warning
from tthc.ingest.cells import (
    Parsed,
    formula_problem,
    is_blank,
    parse_count,
    parse_date,
    parse_rate,
    text_of,
)
from tthc.ingest.tables import RawRow, RawTable
from tthc.registry import MatchHow, UnitRegistry
from tthc.sources import FEEDBACK_STATUSES, Kind
from tthc.text import normalise, shorten

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


def schema_of(raw: RawTable) -> dict[str, pl.DataType]:
    """Frame schema for a source: row provenance, then every value column the source defines."""
    schema = dict(ROW_COLUMNS)
    for spec in raw.source.columns:
        if spec.kind in _KIND_DTYPES:
            schema[spec.name] = _KIND_DTYPES[spec.kind]
    return schema


def tidy_table(raw: RawTable, registry: UnitRegistry) -> tuple[TidyTable, list[Finding]]:
    findings: list[Finding] = []
    records = []
    dropped = []
    for row in raw.rows:
        record, problems = _tidy_row(raw, row, registry)
        findings.extend(problems)
        if record is not None:
            records.append(record)
        else:
            dropped.append(row.row)
    frame = pl.DataFrame(records, schema=schema_of(raw), orient="row") if records else pl.DataFrame(
        schema=schema_of(raw)
    )
    return TidyTable(raw, frame, _parse_total(raw), tuple(dropped)), findings


def _tidy_row(raw: RawTable, row: RawRow, registry: UnitRegistry) -> tuple[dict | None, list[Finding]]:
    findings: list[Finding] = []
    unit_cell = row.cells.get("unit")
    name = text_of(unit_cell)
    shown = shorten(name, NAME_IN_MESSAGE)
    unusable = formula_problem(unit_cell)
    match = registry.match(name) if name and not unusable else None
    unit_id = desk = None
    if unusable:
        findings.append(error("bad_unit_cell", f"ô tên đơn vị: {unusable}", raw.location(row.row, "unit"),
                              value=shorten(name, 200)))
    elif not name:
        findings.append(error("missing_unit", "dòng số liệu không có tên đơn vị" + _merged_hint(raw, row, "unit"),
                              raw.location(row.row, "unit")))
    elif match.how is MatchHow.UNKNOWN:
        hint = ", ".join(u.name for u in match.candidates) or "không có"
        findings.append(error(
            "unknown_unit",
            f"đơn vị '{shown}' không có trong danh mục đơn vị (gần nhất: {hint}); "
            "thêm cách viết này vào aliases của đơn vị đúng trong data/reference/units.yaml",
            raw.location(row.row, "unit"), name=shorten(name, 200),
        ))
    elif match.how is MatchHow.AMBIGUOUS:
        names = ", ".join(u.name for u in match.candidates)
        findings.append(error(
            "ambiguous_unit", f"tên đơn vị '{shown}' khớp với nhiều đơn vị ({names}); ghi rõ tên đơn vị",
            raw.location(row.row, "unit"), name=shorten(name, 200),
        ))
    else:
        unit_id, desk = match.unit.id, match.unit.desk
        if match.how is MatchHow.LOOSE:
            findings.append(warning(
                "loose_unit_match",
                f"tên đơn vị '{shown}' được hiểu là '{match.unit.name}' (khớp gần đúng); "
                "nếu đúng, thêm cách viết này vào aliases trong data/reference/units.yaml",
                raw.location(row.row, "unit"), name=shorten(name, 200), unit=match.unit.name,
            ))
    values: dict[str, object] = {}
    for spec in raw.source.columns:
        if spec.kind not in _KIND_DTYPES or spec.name not in raw.columns:
            values[spec.name] = None
            continue
        cell = row.cells.get(spec.name)
        parsed = _parse(spec.kind, cell, spec.required)
        if parsed.problem:
            problem = parsed.problem
            if is_blank(cell):
                problem += _merged_hint(raw, row, spec.name)
            findings.append(error(f"bad_{spec.kind}", problem, raw.location(row.row, spec.name),
                                  value=shorten(text_of(cell), 200)))
        values[spec.name] = parsed.value
    if raw.source.name == "feedback":
        status = normalise(text_of(row.cells.get("status")))
        if status not in FEEDBACK_STATUSES:
            findings.append(error(
                "bad_status",
                f"trạng thái '{shorten(text_of(row.cells.get('status')), NAME_IN_MESSAGE)}' không hợp lệ "
                f"(cần một trong: {', '.join(s.capitalize() for s in FEEDBACK_STATUSES)})",
                raw.location(row.row, "status"),
            ))
        values["status"] = FEEDBACK_STATUSES.get(status)
    if any(f.is_error for f in findings):
        return None, findings
    record = {"file": raw.file, "sheet": raw.sheet, "row": row.row, "group": row.group,
              "unit_id": unit_id, "unit_name": name, "desk": desk, **values}
    return record, findings


def _merged_hint(raw: RawTable, row: RawRow, name: str) -> str:
    area = raw.merged_area(row.row, name)
    if area is None:
        return ""
    return (f"; ô này nằm trong vùng ô gộp {area} nên trống (chỉ ô đầu của vùng gộp giữ giá trị): "
            "hãy bỏ gộp ô và ghi giá trị cho từng dòng")


def _parse(kind: Kind, cell, required: bool):
    if kind is Kind.COUNT:
        parsed = parse_count(cell)
        if parsed.value is None and not required and not text_of(cell):
            return Parsed(None)
        return parsed
    if kind is Kind.RATE:
        return parse_rate(cell)
    if kind is Kind.DATE:
        return parse_date(cell)
    unusable = formula_problem(cell)
    if unusable:
        return Parsed(None, unusable)
    text = text_of(cell)
    if required and not text:
        return Parsed(None, "ô trống, cần nội dung")
    return Parsed(text or None)


def _parse_total(raw: RawTable) -> dict[str, int | None] | None:
    if raw.total is None:
        return None
    counts = [s.name for s in raw.source.columns if s.kind is Kind.COUNT and s.name in raw.columns]
    return {name: parse_count(raw.total.cells.get(name)).value for name in counts}
