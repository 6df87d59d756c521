"""One period, end to end: exports → recognised tables → tidy frames → findings → store.

Nothing is written when any finding is an error, so a bad export never
replaces good data in the store.
"""

from __future__ import annotations

import errno
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from tthc.analyst import ANALYST_SUFFIXES, AnalystInputs, load_analyst_inputs
from tthc.findings import Finding, Location, error, has_errors, warning
from tthc.ingest.grid import SUPPORTED_SUFFIXES, too_large_to_open
from tthc.ingest.tables import extract_tables
from tthc.ingest.tidy import TidyTable, tidy_table
from tthc.locking import exclusive
from tthc.organisation import Organisation, load_organisation
from tthc.paths import DataPaths
from tthc.period import Period
from tthc.records.ingest import is_records_file
from tthc.records.period import ingest_records
from tthc.reference import ReferenceError
from tthc.registry import UnitRegistry, load_registry
from tthc.store import read_period, write_period
from tthc.validation.rules import check_tables, stated_feedback_totals

DATASETS = ("dossiers", "signing", "payments", "feedback")
RECORDS_DATASETS = ("late_dossiers", "index_766")
RECORDS_SUFFIXES = {".parquet", ".csv", ".xlsx", ".xls"}
REQUIRED_DATASETS = ("dossiers",)


class PeriodNotFoundError(Exception):
    """The period has no input folder; message is Vietnamese."""


@dataclass(frozen=True)
class Context:
    paths: DataPaths
    organisation: Organisation
    registry: UnitRegistry


@dataclass
class PeriodInputs:
    period: Period
    start: date
    end: date
    tables: list[TidyTable] = field(default_factory=list)
    analyst: AnalystInputs | None = None
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    extra_frames: dict[str, pl.DataFrame] = field(default_factory=dict)  # from dossier records

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def load_context(data_dir: Path) -> Context:
    paths = DataPaths(data_dir)
    return Context(paths, load_organisation(paths.organisation), load_registry(paths.units))


def ingest_period(context: Context, period: Period) -> PeriodInputs:
    folder = context.paths.period_raw(period)
    if not folder.is_dir():
        raise PeriodNotFoundError(f"không có thư mục số liệu của kỳ {period}: {folder}")
    cutoff = context.organisation.cutoff_day
    inputs = PeriodInputs(period, period.start(cutoff), period.end(cutoff))
    analyst_files: list[Path] = []
    records_files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")):
            continue
        suffix = path.suffix.lower()
        wanted = suffix in ANALYST_SUFFIXES or suffix in SUPPORTED_SUFFIXES or suffix in RECORDS_SUFFIXES
        if not path.is_file():
            problem = _not_a_file(path, wanted)
            if problem is not None:
                inputs.findings.append(problem)
            continue
        inputs.files.append(path)
        if suffix in ANALYST_SUFFIXES:
            analyst_files.append(path)
        elif suffix in RECORDS_SUFFIXES and _is_records(path):
            records_files.append(path)
        elif suffix in SUPPORTED_SUFFIXES:
            raw_tables, findings = extract_tables(path, path.name)
            inputs.findings.extend(findings)
            for raw in raw_tables:
                table, problems = tidy_table(raw, context.registry)
                inputs.tables.append(table)
                inputs.findings.extend(problems)
        else:
            inputs.findings.append(warning(
                "ignored_file", "tệp không thuộc loại được xử lý (.xlsx, .xls, .csv, .yaml, danh sách hồ sơ .parquet) nên bị bỏ qua",
                Location(path.name)))
    inputs.analyst = _load_analyst(analyst_files, inputs.findings, folder)
    inputs.findings.extend(check_tables(inputs.tables, inputs.start, inputs.end))
    if records_files:
        dossiers = [t.frame for t in inputs.tables if t.source == "dossiers"]
        outcome = ingest_records(records_files, context.registry, context.paths.root, inputs.start, inputs.end,
                                 pl.concat(dossiers, how="vertical_relaxed") if dossiers else None)
        inputs.findings.extend(outcome.findings)
        inputs.extra_frames.update(outcome.frames)
    present = {t.source for t in inputs.tables}
    for dataset in REQUIRED_DATASETS:
        if dataset not in present:
            inputs.findings.append(error(
                "missing_dataset", "thiếu biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC của kỳ này",
                Location(folder.name)))
    return inputs


def _is_records(path: Path) -> bool:
    """Records are recognised by their header like every export; an unreadable file is left to the
    aggregated ingest, which reports it."""
    if too_large_to_open(path):  # loading it whole would exhaust memory; extract_tables reports it
        return False
    try:
        return is_records_file(path)
    except Exception:  # noqa: BLE001 - any failure to read the header means "not records"
        return False


def _not_a_file(path: Path, wanted: bool) -> Finding | None:
    """A folder entry that is not a regular file: a folder, a broken or looping link, a device."""
    where = Location(path.name)
    if path.is_dir():
        return warning("ignored_folder", "đây là thư mục, không phải tệp, nên bị bỏ qua; nếu số liệu nằm trong "
                                         "thư mục này, hãy chép tệp ra thư mục của kỳ", where) if wanted else None
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                reason = "tệp là liên kết (symlink) vòng lặp, trỏ về chính nó"
            else:
                reason = "tệp là liên kết (symlink/shortcut) trỏ tới tệp không còn tồn tại"
            make = error if wanted else warning
            return make("unreadable_file", f"{reason}; hãy chép tệp thật vào thư mục của kỳ", where)
    return warning("ignored_file", "không phải tệp thông thường (thiết bị, đường ống…) nên bị bỏ qua", where)


def _load_analyst(files: list[Path], findings: list[Finding], folder: Path) -> AnalystInputs | None:
    if not files:
        findings.append(warning(
            "missing_analyst_file",
            "không có tệp ghi chú của chuyên viên (.yaml): báo cáo sẽ thiếu phí trước bạ, chứng thực điện tử và phần nhận xét",
            Location(folder.name)))
        return None
    if len(files) > 1:
        findings.append(error("several_analyst_files",
                              f"có nhiều tệp ghi chú (.yaml): {', '.join(p.name for p in files)}; chỉ giữ một tệp",
                              Location(folder.name)))
        return None
    try:
        return load_analyst_inputs(files[0])
    except ReferenceError as exc:
        findings.append(error("bad_analyst_file", str(exc).split(": ", 1)[-1], Location(files[0].name, row=exc.line)))
        return None


def tidy_frames(inputs: PeriodInputs) -> dict[str, pl.DataFrame]:
    """One frame per dataset (tables of the same source stacked), plus findings and analyst inputs."""
    frames: dict[str, pl.DataFrame] = {}
    for dataset in DATASETS:
        parts = [t.frame for t in inputs.tables if t.source == dataset]
        if parts:
            frames[dataset] = pl.concat(parts, how="vertical_relaxed")
    feedback_tables = [t for t in inputs.tables if t.source == "feedback"]
    if feedback_tables:
        stated = stated_feedback_totals(feedback_tables[0].raw.title_lines)
        frames["feedback_stated"] = pl.DataFrame(
            [{k: stated.get(k) for k in ("total", "handled", "hidden", "unanswered")}],
            schema={k: pl.Int64 for k in ("total", "handled", "hidden", "unanswered")})
    frames.update(inputs.extra_frames)
    frames["findings"] = findings_frame(inputs.findings)
    if inputs.analyst is not None:
        frames["analyst"] = pl.DataFrame({"json": [json.dumps(asdict(inputs.analyst), ensure_ascii=False)]})
    return frames


def findings_frame(findings: list[Finding]) -> pl.DataFrame:
    schema = {"severity": pl.String, "code": pl.String, "message": pl.String, "file": pl.String,
              "sheet": pl.String, "row": pl.Int64, "column": pl.String, "values": pl.String}
    records = []
    for finding in findings:
        record = finding.to_record()
        record["values"] = json.dumps(record["values"], ensure_ascii=False)
        records.append(record)
    return pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)


def build_period(context: Context, period: Period) -> PeriodInputs:
    """Ingest and validate; write the store only when there is no error."""
    inputs = ingest_period(context, period)
    if not inputs.has_errors:
        with exclusive(context.paths.locks, f"store-{period}"):
            write_period(context.paths.store, period, tidy_frames(inputs))
    return inputs


def load_frames(context: Context, period: Period) -> dict[str, pl.DataFrame]:
    frames = {}
    for dataset in (*DATASETS, *RECORDS_DATASETS, "feedback_stated", "findings", "analyst"):
        frame = read_period(context.paths.store, dataset, period)
        if frame is not None:
            frames[dataset] = frame
    return frames


def analyst_from_frames(frames: dict[str, pl.DataFrame]) -> AnalystInputs | None:
    frame = frames.get("analyst")
    if frame is None or not frame.height:
        return None
    data = json.loads(frame["json"][0])
    data["sections"] = {k: tuple(v) for k, v in data.get("sections", {}).items()}
    return AnalystInputs(**data)
