"""Read dossier-record exports (.csv, .xlsx/.xls/.ods, .parquet) into the canonical lazy frame.

A records file is recognised by its header alone (is_records_file): a row near
the top holding the labels of every required record column (tthc.records.spec),
in any order, spelled with or without marks. Aggregated exports never carry
"Mã hồ sơ" or "Ngày hẹn trả", so the two kinds do not collide — but a records
file would be misread by the aggregated ingest (its "Đơn vị", "Ngày tiếp nhận"
and "Trạng thái" are also feedback-list labels), so callers must ask
is_records_file first.

scan_records returns the records with typed columns and unit names resolved to
unit_id through the registry, with findings in the aggregated ingest's terms:
an unknown or ambiguous unit, a cell that cannot be parsed, a missing required
value is an error and its row is left out (no figure is computed from a guessed
value); a loose unit match or an inconsistency that the rules can live with is a
warning. Findings about one problem are capped at a few examples plus a count.

The project's own Parquet (English column names, canonical types) is scanned
lazily with nothing read but the unit ids and the checks; any other file is
parsed eagerly (the text formats cannot be typed without reading them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import cast

import polars as pl
import python_calamine

from tthc.errors import DataError
from tthc.findings import Finding, Location, error, warning
from tthc.ingest.grid import ErrorCell, FormulaCell, UnreadableFileError, read_html_sheets, sniff_kind
from tthc.ingest.tidy import out_of_date_unit
from tthc.records.spec import (
    CANONICAL_REQUIRED,
    CHANNEL_WORDS,
    COLUMNS_BY_NAME,
    DEFAULTS,
    FALSE_WORDS,
    PAUSE_WORDS,
    RECORD_SCHEMA,
    RECORDS,
    REQUIRED,
    STATUS_WORDS,
    TRUE_WORDS,
)
from tthc.registry import MatchHow, Unit, UnitRegistry
from tthc.tablespec import Column, Kind
from tthc.text import header_key

PARQUET_SUFFIXES = {".parquet"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv"}
RECORD_SUFFIXES = PARQUET_SUFFIXES | EXCEL_SUFFIXES | CSV_SUFFIXES
CSV_ENCODINGS = ("utf-8-sig", "cp1258")
HEADER_SEARCH_ROWS = 40
MAX_EXAMPLES = 5  # findings listed per problem and column; the rest are counted in one more finding
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")



@dataclass
class RecordsScan:
    """The records of one file: a lazy canonical frame and what was found reading it."""

    file: str
    frame: pl.LazyFrame
    findings: list[Finding] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # canonical name → header text in the file

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


class RecordsFileError(DataError):
    """The file is not a readable records file; message is Vietnamese."""


# --- recognition ------------------------------------------------------------------------------------

def match_header(cells: Iterable[object]) -> dict[str, int] | None:
    """Canonical column name → position, when the cells hold every required column's label (the spec layer's
    matcher, as for the exports)."""
    found = RECORDS.find_columns((i, cell) for i, cell in enumerate(cells) if isinstance(cell, str) and cell.strip())
    return found if not RECORDS.missing(found) else None


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = match_header(row)
        if mapping:
            return index, mapping
    return None


def as_read(rows: Sequence[Sequence[object]]) -> Sequence[Sequence[object]]:
    """The hardened reader's rows as calamine gives them to this reader: the uncomputed formulas and error values
    the reader marks in them are the empty cells calamine reads (the aggregated exports report those marks)."""
    marked = (FormulaCell, ErrorCell)
    return [[None if isinstance(v, marked) else v for v in row] if any(isinstance(v, marked) for v in row) else row
            for row in rows]


def has_records_header(rows: Sequence[Sequence[object]]) -> bool:
    """True when rows already read from a sheet start with a dossier-record export's header."""
    return _find_header(rows) is not None


def is_records_file(path: Path) -> bool:
    """True when the file's header is that of a dossier-record export (nothing else is read)."""
    suffix = path.suffix.lower()
    try:
        if suffix in PARQUET_SUFFIXES:
            return match_header(pl.read_parquet_schema(path).keys()) is not None
        if suffix in CSV_SUFFIXES:
            return _find_header(_csv_head(path)) is not None
        if suffix in EXCEL_SUFFIXES:
            return any(_find_header(rows) for _, rows in _excel_heads(path))
    except (OSError, RecordsFileError, pl.exceptions.PolarsError, ValueError):
        return False
    except Exception:  # noqa: BLE001 - calamine raises its own types for corrupt workbooks
        return False
    return False


def _decode(raw: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RecordsFileError("không đọc được bảng mã của tệp CSV (cần UTF-8 hoặc Windows-1258)")


def _sniff(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_head(path: Path) -> list[list[str]]:
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    text = _decode(head) if not head.startswith(b"\xef\xbb\xbf") else head.decode("utf-8-sig", "ignore")
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    return list(csv.reader(lines, delimiter=_sniff("\n".join(lines))))


# a sheet's rows as calamine gives them
_CalamineRows = list[list[int | float | str | bool | time | date | datetime | timedelta]]
#: A workbook's sheets as (name, rows), the rows as calamine gives them.
SheetRows = Sequence[tuple[str, Sequence[Sequence[object]]]]


def _excel_heads(path: Path, nrows: int | None = HEADER_SEARCH_ROWS) -> list[tuple[str, _CalamineRows]]:
    with path.open("rb") as handle:
        is_html = sniff_kind(handle.read(4096)) == "html"
    if is_html:  # a web system's "Xuất Excel": the hardened reader's tables ("bảng 1", …)
        try:
            sheets = read_html_sheets(path)
        except UnreadableFileError as exc:
            raise RecordsFileError(str(exc)) from exc
        return [(sheet.name or "", cast("_CalamineRows", sheet.rows[:nrows] if nrows else sheet.rows))
                for sheet in sheets]
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise RecordsFileError("không mở được tệp Excel (tệp hỏng, có mật khẩu hoặc không phải Excel)") from exc
    try:
        return [(name, workbook.get_sheet_by_index(i).to_python(skip_empty_area=False, nrows=nrows))
                for i, name in enumerate(workbook.sheet_names)]
    finally:
        workbook.close()


# --- reading ---------------------------------------------------------------------------------------

def scan_records(path: Path, registry: UnitRegistry, *, display_name: str | None = None,
                 check: bool = True, sheets: SheetRows | None = None) -> RecordsScan:
    """The records of a file as a canonical lazy frame (RECORD_SCHEMA) plus findings.

    `check` runs the consistency checks (one extra pass over a lazily scanned Parquet). `sheets`: a workbook's
    sheets as the caller already read them (name, rows), so the file is not opened a second time.
    Raises RecordsFileError when the file is not a records file or cannot be read.
    """
    name = display_name or path.name
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _scan_parquet(path, name, registry, check)
    if suffix in CSV_SUFFIXES:
        raw, first_row, labels, sheet = _read_csv(path)
    elif suffix in EXCEL_SUFFIXES:
        raw, first_row, labels, sheet = _read_excel(path, sheets)
    else:
        raise RecordsFileError(f"định dạng tệp {path.suffix} không được hỗ trợ cho danh sách hồ sơ")
    frame, findings = parse_text_records(raw, registry, file=name, sheet=sheet, first_row=first_row,
                                         labels=labels)
    if check:
        findings.extend(check_records(frame.lazy(), name, labels))
    return RecordsScan(name, frame.lazy(), findings, labels)


def _read_csv(path: Path) -> tuple[pl.DataFrame, int, dict[str, str], None]:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise RecordsFileError("tệp CSV chứa ký tự nhị phân, không phải văn bản")
    delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    head: list[list[str]] = []
    consumed: list[int] = []  # physical lines read after each record (a quoted cell may span lines)
    for row in reader:
        head.append(row)
        consumed.append(reader.line_num)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    found = _find_header(head)
    if found is None:
        raise RecordsFileError("không nhận dạng được danh sách hồ sơ: thiếu dòng tiêu đề cột có "
                               + ", ".join(f"'{c.label}'" for c in REQUIRED))
    index, mapping = found
    body = "\n".join(text.splitlines()[consumed[index]:]).encode("utf-8")
    width = max(mapping.values()) + 1
    raw = pl.read_csv(io.BytesIO(body), has_header=False, separator=delimiter, infer_schema=False,
                      truncate_ragged_lines=True, new_columns=[f"c{i}" for i in range(width)],
                      columns=list(range(width)))
    labels = {name: str(head[index][col]).strip() for name, col in mapping.items()}
    raw = raw.select(pl.col(f"c{col}").alias(name) for name, col in mapping.items())
    return raw, consumed[index] + 1, labels, None


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_excel(path: Path, sheets: SheetRows | None = None) -> tuple[pl.DataFrame, int, dict[str, str], str]:
    for sheet, rows in (sheets if sheets is not None else _excel_heads(path, nrows=None)):
        found = _find_header(rows)
        if found is None:
            continue
        index, mapping = found
        data = list(rows[index + 1:])
        while data and all(v in (None, "") for v in data[-1]):
            data.pop()
        columns = {
            name: [_cell_text(row[col]) if col < len(row) else None for row in data]
            for name, col in mapping.items()
        }
        labels = {name: str(rows[index][col]).strip() for name, col in mapping.items()}
        return pl.DataFrame(columns, schema={n: pl.String for n in columns}), index + 2, labels, sheet
    raise RecordsFileError("không nhận dạng được danh sách hồ sơ: không trang tính nào có dòng tiêu đề cột có "
                           + ", ".join(f"'{c.label}'" for c in REQUIRED))


def _is_canonical(schema: pl.Schema) -> bool:
    for name, dtype in schema.items():
        wanted = RECORD_SCHEMA.get(name)
        if wanted is None:
            continue
        if dtype != wanted:
            return False
    return set(CANONICAL_REQUIRED) <= set(schema.names())


def _scan_parquet(path: Path, name: str, registry: UnitRegistry, check: bool) -> RecordsScan:
    try:
        lazy = pl.scan_parquet(path)
        schema = lazy.collect_schema()
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise RecordsFileError(f"không đọc được tệp Parquet ({exc.__class__.__name__})") from exc
    mapping = match_header(schema.names())
    if mapping is None:
        raise RecordsFileError("không nhận dạng được danh sách hồ sơ: thiếu cột "
                               + ", ".join(f"'{c.label}'" for c in REQUIRED))
    labels = {canonical: schema.names()[i] for canonical, i in mapping.items()}
    renamed = lazy.select(pl.col(labels[c]).alias(c) for c in labels)
    if _is_canonical(renamed.collect_schema()):
        frame = _complete(renamed)
        findings = _check_unit_ids(frame, registry, name, labels)
        known = [u.id for u in registry.units]
        frame = frame.filter(pl.col("unit_id").is_in(known))
        if check:
            findings.extend(check_records(frame, name, labels))
        return RecordsScan(name, frame, findings, labels)
    raw = renamed.collect().with_columns(pl.all().cast(pl.String))
    typed, findings = parse_text_records(raw, registry, file=name, sheet=None, first_row=1, labels=labels)
    if check:
        findings.extend(check_records(typed.lazy(), name, labels))
    return RecordsScan(name, typed.lazy(), findings, labels)


def _complete(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Add absent optional columns with their defaults; canonical order."""
    names = set(frame.collect_schema().names())
    return frame.with_columns(
        pl.lit(DEFAULTS.get(n), dtype=t).alias(n) for n, t in RECORD_SCHEMA.items() if n not in names
    ).select(list(RECORD_SCHEMA))


def _check_unit_ids(frame: pl.LazyFrame, registry: UnitRegistry, file: str,
                    labels: dict[str, str]) -> list[Finding]:
    ids = frame.select(pl.col("unit_id").unique()).collect()["unit_id"].to_list()
    known = {u.id for u in registry.units}
    where = Location(file, column=labels.get("unit_id", "unit_id"))
    every = {u.id: u for u in registry.everything.units} if registry.day is not None else {}
    findings = []
    for unit_id in sorted(i for i in ids if i is not None and i not in known):
        if unit_id in every:  # a unit of another date: the exports' finding, naming the successor
            findings.append(out_of_date_unit(every[unit_id].name, every[unit_id], registry, where))
        else:
            findings.append(error("unknown_unit", f"mã đơn vị '{unit_id}' không có trong danh mục đơn vị; các hồ "
                                  "sơ của mã này bị bỏ qua", where, unit_id=unit_id))
    return findings


# --- parsing text cells -----------------------------------------------------------------------------

class _Problems:
    """Row-level problems: a few findings per (code, column) with row numbers, the rest counted."""

    def __init__(self, file: str, sheet: str | None, first_row: int, labels: dict[str, str]) -> None:
        self.file, self.sheet, self.first_row, self.labels = file, sheet, first_row, labels
        self.findings: list[Finding] = []
        self.bad: pl.Series | None = None

    def report(self, mask: pl.Series, code: str, column: str, message, raw: pl.Series | None = None,
               *, severity=error) -> None:
        def finding(index: int, where: Location) -> Finding:
            value = raw[index] if raw is not None else None
            return severity(code, message(value), where, **({"value": value} if value is not None else {}))

        self.report_each(mask, column, finding, severity=severity)

    def report_each(self, mask: pl.Series, column: str, finding: Callable[[int, Location], Finding], *,
                    severity=error) -> None:
        """One finding per row of `mask` (the first few, then a count in the first one's code), each built by
        `finding` at its row."""
        rows = mask.arg_true()
        if not len(rows):
            return
        if severity is error:
            self.bad = mask if self.bad is None else (self.bad | mask)
        label = self.labels.get(column, COLUMNS_BY_NAME[column].label if column in COLUMNS_BY_NAME else column)
        shown = [finding(index, Location(self.file, self.sheet, self.first_row + index, label))
                 for index in rows[:MAX_EXAMPLES].to_list()]
        self.findings.extend(shown)
        if len(rows) > MAX_EXAMPLES:
            self.findings.append(severity(
                shown[0].code, f"còn {len(rows) - MAX_EXAMPLES} dòng khác có cùng vấn đề ở cột '{label}'",
                Location(self.file, self.sheet, None, label), count=len(rows)))


def _word_map(values: pl.Series, words: dict[str, frozenset[str]]) -> dict[str, str | None]:
    mapping = {}
    for value in values.unique().drop_nulls().to_list():
        key = header_key(value)
        mapping[value] = next((canon for canon, keys in words.items() if key in keys), None)
    return mapping


def _parse_dates(text: pl.Series) -> pl.Series:
    day = text.str.strip_chars().str.replace(r"[ T].*$", "")
    parsed = [day.str.to_date(fmt, strict=False, exact=True) for fmt in _DATE_FORMATS]
    return pl.select(pl.coalesce(parsed)).to_series().alias(text.name)


def parse_text_records(raw: pl.DataFrame, registry: UnitRegistry, *, file: str, sheet: str | None = None,
                       first_row: int = 2, labels: dict[str, str] | None = None) -> tuple[pl.DataFrame, list[Finding]]:
    """Type a frame of text cells (canonical column names) into RECORD_SCHEMA, reporting bad cells."""
    labels = labels or {}
    problems = _Problems(file, sheet, first_row, labels)
    raw = raw.with_columns(pl.col(c).str.strip_chars().replace("", None) for c in raw.columns)
    out: dict[str, pl.Series] = {}
    height = raw.height
    for name in raw.columns:
        spec: Column = COLUMNS_BY_NAME[name]
        text = raw[name]
        if spec.kind is Kind.DATE:
            value = _parse_dates(text)
            problems.report(text.is_not_null() & value.is_null(), "bad_date", name,
                            lambda v: f"ngày '{v}' không hợp lệ (cần dạng ngày/tháng/năm)", text)
        elif spec.kind is Kind.COUNT:
            value = text.str.replace_all(r"[.\s]", "").cast(pl.Int64, strict=False)
            problems.report(text.is_not_null() & (value.is_null() | (value < 0)).fill_null(True), "bad_count", name,
                            lambda v: f"giá trị '{v}' không phải số nguyên không âm", text)
        elif spec.kind is Kind.BOOL:
            flags = {v: (True if header_key(v) in TRUE_WORDS else False if header_key(v) in FALSE_WORDS else None)
                     for v in text.unique().drop_nulls().to_list()}
            value = text.replace_strict(flags, default=None, return_dtype=pl.Boolean)
            problems.report(text.is_not_null() & value.is_null(), "bad_flag", name,
                            lambda v: f"giá trị '{v}' không hiểu là Có hay Không", text)
        elif spec.kind in (Kind.STATUS, Kind.CHANNEL, Kind.PAUSE_KIND):
            words = {Kind.STATUS: STATUS_WORDS, Kind.CHANNEL: CHANNEL_WORDS, Kind.PAUSE_KIND: PAUSE_WORDS}
            mapping = _word_map(text, words[spec.kind])
            if spec.kind is Kind.PAUSE_KIND:  # any other reason written is "tạm dừng xử lý khác"
                unknown = sorted(v for v, canon in mapping.items() if canon is None)
                if unknown:
                    problems.findings.append(warning(
                        "pause_kind_as_other",
                        "loại tạm dừng " + ", ".join(f"'{v}'" for v in unknown) + " được tính là tạm dừng xử lý khác",
                        Location(file, sheet, None, labels.get(name, spec.label))))
                mapping = {v: canon or "other" for v, canon in mapping.items()}
            value = text.replace_strict(mapping, default=None, return_dtype=pl.String)
            what = {Kind.STATUS: "trạng thái", Kind.CHANNEL: "kênh nộp", Kind.PAUSE_KIND: "loại tạm dừng"}
            problems.report(text.is_not_null() & value.is_null(), f"bad_{spec.kind}", name,
                            lambda v, w=what[spec.kind]: f"{w} '{v}' không hiểu được", text)
        elif spec.kind is Kind.UNIT:
            value = _resolve_units(text, registry, problems, name)
            name = "unit_id"
        else:
            value = text
        out[name] = value.alias(name)
    for spec in REQUIRED:
        target = "unit_id" if spec.name == "unit" else spec.name
        if target in out and spec.name in raw.columns:
            problems.report(raw[spec.name].is_null(), "missing_value", spec.name,
                            lambda v, s=spec: f"thiếu {s.label.lower()} (ô trống)")
    frame = pl.DataFrame(out, height=height)
    frame = _fold(frame)
    if problems.bad is not None:
        frame = frame.filter(~problems.bad)
    frame = _complete(frame.lazy()).collect()
    return frame, problems.findings


def _resolve_units(text: pl.Series, registry: UnitRegistry, problems: _Problems, column: str) -> pl.Series:
    mapping: dict[str, str | None] = {}
    for name in text.unique().drop_nulls().to_list():
        match = registry.match(name)
        rows = text == name
        retired = match.out_of_date if match.how is MatchHow.UNKNOWN and registry.day is not None else None
        if retired is not None:  # a unit of another date: the exports' finding, naming the successor
            def finding(_: int, where: Location, n: str = name, u: Unit = retired) -> Finding:
                return out_of_date_unit(n, u, registry, where)

            problems.report_each(rows, column, finding)
            mapping[name] = None
        elif match.how is MatchHow.UNKNOWN:
            hint = ", ".join(u.name for u in match.candidates) or "không có"
            problems.report(rows, "unknown_unit", column, lambda v, n=name, h=hint: (
                f"đơn vị '{n}' không có trong danh mục đơn vị (gần nhất: {h}); thêm cách viết này vào aliases "
                "của đơn vị đúng trong data/reference/units.yaml"))
            mapping[name] = None
        elif match.how is MatchHow.AMBIGUOUS:
            names = ", ".join(u.name for u in match.candidates)
            problems.report(rows, "ambiguous_unit", column,
                            lambda v, n=name, c=names: f"tên đơn vị '{n}' khớp với nhiều đơn vị ({c}); ghi rõ tên đơn vị")
            mapping[name] = None
        else:
            assert match.unit is not None  # an exact or loose match names its unit
            if match.how is MatchHow.LOOSE:
                first = int(rows.arg_true()[0])
                problems.findings.append(warning(
                    "loose_unit_match",
                    f"tên đơn vị '{name}' được hiểu là '{match.unit.name}' (khớp gần đúng, {int(rows.sum())} hồ sơ); "
                    "nếu đúng, thêm cách viết này vào aliases trong data/reference/units.yaml",
                    Location(problems.file, problems.sheet, problems.first_row + first,
                             problems.labels.get(column, "unit")), name=name, unit=match.unit.name))
            mapping[name] = match.unit.id
    return text.replace_strict(mapping, default=None, return_dtype=pl.String)


def _fold(frame: pl.DataFrame) -> pl.DataFrame:
    """Refusal / withdrawal dates into status + finished_at; a 'supplement' pause into the supplement columns."""
    names = set(frame.columns)
    c = pl.col
    if "refused_at" in names or "withdrawn_at" in names:
        refused = c("refused_at") if "refused_at" in names else pl.lit(None, dtype=pl.Date)
        withdrawn = c("withdrawn_at") if "withdrawn_at" in names else pl.lit(None, dtype=pl.Date)
        status = c("status") if "status" in names else pl.lit(None, dtype=pl.String)
        finished = c("finished_at") if "finished_at" in names else pl.lit(None, dtype=pl.Date)
        frame = frame.with_columns(
            status=pl.when(refused.is_not_null()).then(pl.lit("refused"))
            .when(withdrawn.is_not_null()).then(pl.lit("withdrawn")).otherwise(status),
            finished_at=pl.coalesce(finished, refused, withdrawn),
        ).drop([n for n in ("refused_at", "withdrawn_at") if n in names])
    if "pause_kind" in names:
        supplement = c("pause_kind") == "supplement"
        adds = {}
        for target, source in (("supplement_requested_at", "paused_at"), ("supplement_returned_at", "resumed_at"),
                               ("supplement_days", "paused_days")):
            if source in names:
                current = c(target) if target in names else pl.lit(None, dtype=frame.schema[source])
                adds[target] = pl.when(supplement & current.is_null()).then(c(source)).otherwise(current)
        requests = c("supplement_requests") if "supplement_requests" in names else pl.lit(0, dtype=pl.Int64)
        adds["supplement_requests"] = pl.when(supplement).then(pl.max_horizontal(requests.fill_null(0), 1)) \
            .otherwise(requests)
        frame = frame.with_columns(**adds)
        clear = {n: pl.when(supplement).then(None).otherwise(c(n)) for n in ("pause_kind", "paused_at", "resumed_at",
                                                                          "paused_days") if n in names}
        frame = frame.with_columns(**clear)
    return frame.with_columns(
        pl.col(n).cast(RECORD_SCHEMA[n]) for n in frame.columns if n in RECORD_SCHEMA
    ).with_columns(pl.col(n).fill_null(DEFAULTS[n]) for n in frame.columns
                   if RECORD_SCHEMA.get(n) == pl.Boolean or n == "supplement_requests")


# --- consistency ------------------------------------------------------------------------------------

CHECKS: tuple[tuple[str, str, str, pl.Expr], ...] = (
    ("due_before_received", "due_at", "ngày hẹn trả trước ngày tiếp nhận",
     pl.col("due_at") < pl.col("received_at")),
    ("finished_before_received", "finished_at", "ngày kết thúc xử lý trước ngày tiếp nhận",
     pl.col("finished_at") < pl.col("received_at")),
    ("closed_without_date", "status", ("hồ sơ đã kết thúc (giải quyết, từ chối hoặc rút) nhưng không có ngày kết "
                                        "thúc xử lý hay ngày trả kết quả: hồ sơ được coi như chưa kết thúc"),
     (pl.col("status") != "processing") & pl.col("finished_at").is_null() & pl.col("returned_at").is_null()),
    ("open_with_finish_date", "finished_at", "hồ sơ đang xử lý nhưng có ngày kết thúc xử lý: ngày này bị bỏ qua",
     (pl.col("status") == "processing") & pl.col("finished_at").is_not_null()),
    ("paid_without_fee", "paid_online", ("hồ sơ có thanh toán nhưng không ghi có nghĩa vụ tài chính: "
                                         "thanh toán không được tính"),
     ~pl.col("fee_bearing") & (pl.col("paid_online") | pl.col("paid_direct"))),
    ("supplement_returned_before_request", "supplement_returned_at", "ngày hoàn thành bổ sung trước ngày yêu cầu bổ sung",
     pl.col("supplement_returned_at") < pl.col("supplement_requested_at")),
    ("resumed_before_pause", "resumed_at", "ngày tiếp tục xử lý trước ngày tạm dừng",
     pl.col("resumed_at") < pl.col("paused_at")),
)


def check_records(frame: pl.LazyFrame, file: str, labels: dict[str, str] | None = None) -> list[Finding]:
    """Warnings for records the rules can still classify but that look wrong; duplicate codes.

    One query: the count of each problem and a few dossier codes as examples.
    """
    labels = labels or {}
    exprs = []
    for code, _, _, condition in CHECKS:
        hit = condition.fill_null(False)
        exprs.append(hit.sum().alias(code))
        exprs.append(pl.col("dossier_code").filter(hit).head(3).implode().alias(f"{code}__examples"))
    exprs.append((pl.len() - pl.col("dossier_code").n_unique()).alias("duplicate_code"))
    row = frame.select(exprs).collect(engine="streaming").row(0, named=True)
    findings = []
    for code, column, message, _ in CHECKS:
        count = int(row[code])
        if count:
            examples = ", ".join(str(e) for e in row[f"{code}__examples"])
            findings.append(warning(code, f"{count} hồ sơ: {message} (ví dụ: {examples})",
                                    Location(file, column=labels.get(column, COLUMNS_BY_NAME[column].label)),
                                    count=count))
    if row["duplicate_code"]:
        findings.append(warning("duplicate_dossier_code",
                                f"{row['duplicate_code']} mã hồ sơ bị lặp lại; mỗi dòng vẫn được tính là một hồ sơ",
                                Location(file, column=labels.get("dossier_code", "Mã hồ sơ")),
                                count=int(row["duplicate_code"])))
    return findings


__all__ = [
    "RecordsFileError", "RecordsScan", "check_records", "is_records_file", "match_header",
    "parse_text_records", "scan_records",
]
