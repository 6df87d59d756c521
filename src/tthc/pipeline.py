"""One period, end to end: exports → recognised tables → tidy frames → findings → store.

Nothing is written when any finding is an error, so a bad export never
replaces good data in the store.
"""

from __future__ import annotations

import errno
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

import polars as pl

from tthc.analyst import ANALYST_SUFFIXES, AnalystInputs, line_of, load_analyst_inputs
from tthc.combine import combine_months
from tthc.context import Context
from tthc.errors import UsageError
from tthc.findings import Finding, Location, error, has_errors, warning
from tthc.fingerprint import InputFile, hash_files, hash_inputs, input_file
from tthc.indicators import compute_desk
from tthc.ingest.grid import EXCEL_SUFFIXES, IN_MEMORY_BYTES, SUPPORTED_SUFFIXES
from tthc.ingest.tables import read_file_sheets, tables_of_sheets
from tthc.ingest.tidy import TidyTable, tidy_table
from tthc.inputs import SourceFile
from tthc.locking import exclusive
from tthc.period import Period
from tthc.provenance import is_synthetic
from tthc.records.ingest import SheetRows, as_read, has_records_header, is_records_file
from tthc.records.period import ingest_records
from tthc.records.portal766 import PORTAL_766_KIND, ingest_portal_766, is_portal_766_file
from tthc.reference import ReferenceDataError
from tthc.registry import UnitRegistry
from tthc.reuse import store_key, stored_findings, stored_key, with_key
from tthc.sources import DESK_CENTRE, DESK_COMMUNE, DOSSIERS, SOURCES
from tthc.store import INPUTS_DATASET, write_period
from tthc.stored import analyst_from_frames, load_frames, sources_from_frame
from tthc.validation.continuity import check_carried_over
from tthc.validation.explanations import check_explanations
from tthc.validation.inputs import check_copied, check_notes_period, check_presence
from tthc.validation.rules import check_repeated_tables, check_tables, stated_totals

DATASETS = tuple(spec.name for spec in SOURCES)
RECORDS_DATASETS = ("late_dossiers", "index_766")
RECORDS_SUFFIXES = {".parquet", ".csv", ".xlsx", ".xls"}


class PeriodNotFoundError(UsageError):
    """The period has no input folder; message is Vietnamese."""


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
    sources: list[SourceFile] = field(default_factory=list)  # every input file: digest, kinds, real or synthetic
    from_store: bool = False  # read back from a store written from the same inputs (tthc.reuse), not ingested

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def ingest_period(context: Context, period: Period) -> PeriodInputs:
    """Read exactly the files now in data/raw/<period>/: what each holds, what is missing, what is wrong."""
    folder = context.paths.period_raw(period)
    if not folder.is_dir():
        raise PeriodNotFoundError(f"không có thư mục số liệu của kỳ {period}: {folder}")
    cutoff = context.organisation.cutoff_day
    inputs = PeriodInputs(period, period.start(cutoff), period.end(cutoff))
    registry = context.registry.on(inputs.end)  # the units existing at the period's end: what its exports name
    analyst_files: list[Path] = []
    records_files: list[Path] = []
    records_read: dict[Path, SheetRows] = {}  # workbooks of records already read here: not opened again
    portal_files: list[Path] = []
    kinds: dict[str, set[str]] = {}
    read: dict[str, tuple[InputFile, bool]] = {}  # exports read whole here: their digest and demo mark, from that read
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
        found = kinds.setdefault(path.name, set())
        if is_portal_766_file(path):  # a YAML too, but never the analyst's notes
            portal_files.append(path)
            found.add(PORTAL_766_KIND)
        elif suffix in ANALYST_SUFFIXES:
            analyst_files.append(path)
        elif suffix in RECORDS_SUFFIXES and suffix not in EXCEL_SUFFIXES and _is_records(path):
            records_files.append(path)  # Parquet or CSV: the header is read alone
            found.add("records")
        elif suffix in SUPPORTED_SUFFIXES:
            data = _read_once(path)  # every use below reads these bytes: the file is opened once
            if data is not None:
                read[path.name] = (input_file(path.name, data), is_synthetic(path, data))
            sheets, findings = read_file_sheets(path, path.name, data)  # once, for both recognisers
            if suffix in RECORDS_SUFFIXES and any(has_records_header(s.rows) for s in sheets if not s.problem):
                records_files.append(path)
                found.add("records")
                if not findings and not any(s.problem for s in sheets):  # the records reader takes these rows
                    records_read[path] = [(s.name or "", as_read(s.rows)) for s in sheets]
                continue
            raw_tables, more = tables_of_sheets(sheets, path.name)
            findings += more
            inputs.findings.extend(findings)
            for raw in raw_tables:
                table, problems = tidy_table(raw, registry)
                inputs.tables.append(table)
                inputs.findings.extend(problems)
                found.update(_table_kinds(table))
        else:
            inputs.findings.append(warning(
                "ignored_file", "tệp không thuộc loại được xử lý (.xlsx, .xls, .csv, .yaml, danh sách hồ sơ .parquet) nên bị bỏ qua",
                Location(path.name)))
    inputs.analyst = _load_analyst(analyst_files, inputs.findings, folder)
    for path in analyst_files:  # a broken notes file is reported as broken, not also as missing
        kinds[path.name].add("analyst_notes")
    repeated, repeats = check_repeated_tables(inputs.tables)
    inputs.findings.extend(repeated)
    inputs.tables = [t for i, t in enumerate(inputs.tables) if i not in repeats]  # a repeat feeds nothing
    inputs.findings.extend(check_tables(inputs.tables, inputs.start, inputs.end))
    if records_files:
        dossiers = [t.frame for t in inputs.tables if t.source == DOSSIERS.name]  # what the records reconcile with
        outcome = ingest_records(records_files, registry, context.paths.root, inputs.start, inputs.end,
                                 pl.concat(dossiers, how="vertical_relaxed") if dossiers else None, records_read)
        inputs.findings.extend(outcome.findings)
        inputs.extra_frames.update(outcome.frames)
        if not outcome.frames:  # the records were not usable for this period: they feed nothing
            for path in records_files:
                kinds[path.name].discard("records")
    if portal_files:  # the portal's own 766 score, stored apart from the one computed from records
        frames, findings = ingest_portal_766(portal_files, context.paths.root, inputs.start, inputs.end)
        inputs.findings.extend(findings)
        inputs.extra_frames.update(frames)
        if not frames:
            for path in portal_files:
                kinds[path.name].discard(PORTAL_766_KIND)
    present = {k for found in kinds.values() for k in found}
    inputs.findings.extend(check_presence(present, context.organisation, folder,
                                          context.profile.unused_inputs(), context.profile.on(inputs.end)))
    inputs.findings.extend(check_explanations(inputs.analyst, _explained_counts(inputs, context.registry),
                                              _explanations_line(inputs.analyst, folder)))
    inputs.findings.extend(check_notes_period(inputs.analyst, period))
    hashed = [read[p.name][0] if p.name in read else hash_files([p])[0] for p in inputs.files]
    inputs.findings.extend(check_copied(hashed, hash_inputs(context.paths.period_raw(period.previous())),
                                        period.previous()))
    inputs.findings.extend(check_carried_over(inputs.tables, load_frames(context, period.previous()).get("dossiers"),
                                              period.previous()))
    inputs.sources = [SourceFile(f.name, f.sha256, f.size, tuple(sorted(kinds.get(f.name, ()))),
                                 read[f.name][1] if f.name in read else is_synthetic(folder / f.name)) for f in hashed]
    return inputs


def _table_kinds(table: TidyTable) -> set[str]:
    """The input kinds a recognised table supplies: a table split by desk (dossiers) one per desk it has rows for."""
    spec = table.raw.source
    if not spec.desk_inputs:
        return set(spec.inputs) if table.frame.height else set()
    desks = set(table.frame["desk"].drop_nulls().to_list())
    return {kind for d in desks if (kind := spec.input_of_desk(d)) is not None}


def _explained_counts(inputs: PeriodInputs, registry: UnitRegistry) -> dict[str, dict[str, int]]:
    """Per desk, the figures the analyst's explanations stand beside in the report (computed only for the desks
    the notes explain: a province's dossiers make the desk's indicators costly)."""
    parts = [t.frame for t in inputs.tables if t.source == DOSSIERS.name]
    explained = {desk for desk, items in inputs.analyst.explanations.items() if any(items.values())} \
        if inputs.analyst is not None else set()
    if not parts or not explained:
        return {}
    dossiers = pl.concat(parts, how="vertical_relaxed")
    counts = {}
    for desk_key, desk in (("centre", DESK_CENTRE), ("communes", DESK_COMMUNE)):
        if desk_key not in explained or not dossiers.filter(pl.col("desk") == desk).height:
            continue
        figures = compute_desk(dossiers, None, desk, registry, by_unit=False).counts
        counts[desk_key] = {k: figures[k].value for k in ("resolved_late", "pending_overdue", "paused", "withdrawn",
                                                           "refused")}
    return counts


def _read_once(path: Path) -> bytes | None:
    """The file's content; None when it is larger than the readers keep in memory (they then read it from disk in
    parts) or cannot be read (the reader then opens it and tells why)."""
    try:
        return path.read_bytes() if path.stat().st_size <= IN_MEMORY_BYTES else None
    except OSError:
        return None


def _explanations_line(analyst: AnalystInputs | None, folder: Path) -> int | None:
    return line_of(folder / analyst.file, "explanations") if analyst is not None else None


def _is_records(path: Path) -> bool:
    """Records are recognised by their header like every export; an unreadable file is left to the
    aggregated ingest, which reports it."""
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
    if not files:  # reported with the other missing inputs (tthc.validation.inputs)
        return None
    if len(files) > 1:
        findings.append(error("several_analyst_files",
                              f"có nhiều tệp ghi chú (.yaml): {', '.join(p.name for p in files)}; chỉ giữ một tệp",
                              Location(folder.name)))
        return None
    try:
        return load_analyst_inputs(files[0])
    except ReferenceDataError as exc:
        findings.append(error("bad_analyst_file", str(exc).split(": ", 1)[-1], Location(files[0].name, row=exc.line)))
        return None


def tidy_frames(inputs: PeriodInputs) -> dict[str, pl.DataFrame]:
    """One frame per dataset (tables of the same source stacked), plus findings and analyst inputs."""
    frames: dict[str, pl.DataFrame] = {}
    for dataset in DATASETS:
        parts = [t.frame for t in inputs.tables if t.source == dataset]
        if parts:
            frames[dataset] = pl.concat(parts, how="vertical_relaxed")
    for spec in SOURCES:  # the totals a table's title block states, as "<dataset>_stated"
        stated_tables = [t for t in inputs.tables if t.source == spec.name] if spec.stated_totals else []
        if stated_tables:
            keys = [k for k, _ in spec.stated_totals]
            stated = stated_totals(stated_tables[0].raw.title_lines, dict(spec.stated_totals))
            frames[f"{spec.name}_stated"] = pl.DataFrame([{k: stated.get(k) for k in keys}],
                                                         schema={k: pl.Int64 for k in keys})
    frames.update(inputs.extra_frames)
    frames["findings"] = findings_frame(inputs.findings)
    if inputs.analyst is not None:
        frames["analyst"] = pl.DataFrame({"json": [json.dumps(asdict(inputs.analyst), ensure_ascii=False)]})
    frames[INPUTS_DATASET] = sources_frame(inputs.sources, [*frames, INPUTS_DATASET])
    return frames


def sources_frame(sources: list[SourceFile], datasets: list[str]) -> pl.DataFrame:
    """The period's input files as the store keeps them; `datasets` names what this write made."""
    listed = ",".join(sorted(datasets))
    return pl.DataFrame(
        [(s.name, s.sha256, s.size, ",".join(s.kinds), s.synthetic, listed) for s in sources],
        schema={"file": pl.String, "sha256": pl.String, "bytes": pl.Int64, "kinds": pl.String,
                "synthetic": pl.Boolean, "datasets": pl.String}, orient="row")


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
    """Ingest and validate; write the store only when there is no error. A period whose store was written
    from what it depends on now (tthc.reuse) is read back instead."""
    if context.paths.is_combined(period):
        return build_combined_period(context, period)
    with exclusive(context.paths.locks, f"store-{period}"):  # a second build of the period waits, then reuses
        key = store_key(context, period)
        if stored_key(context, period) == key:
            reused = reused_inputs(context, period)
            if reused is not None:
                return reused
        inputs = ingest_period(context, period)
        if not inputs.has_errors:
            write_period(context.paths.store, period, with_key(tidy_frames(inputs), key))
        return inputs


def reused_inputs(context: Context, period: Period) -> PeriodInputs | None:
    """The period as its store holds it (findings, input files, notes), None when the store is not current."""
    frames = load_frames(context, period)
    if INPUTS_DATASET not in frames:
        return None
    cutoff = context.organisation.cutoff_day
    folder = context.paths.period_raw(period)
    sources = sources_from_frame(frames[INPUTS_DATASET])
    return PeriodInputs(period, period.start(cutoff), period.end(cutoff), findings=stored_findings(frames),
                        analyst=analyst_from_frames(frames), files=[folder / s.name for s in sources],
                        sources=sources, from_store=True)


def check_period(context: Context, period: Period) -> PeriodInputs:
    """Ingest and validate without writing: the period's own folder, or each of its months'."""
    if not context.paths.is_combined(period):
        return ingest_period(context, period)
    return _combined_inputs(context, period, [ingest_period(context, m) for m in _months_present(context, period)])


def build_combined_period(context: Context, period: Period) -> PeriodInputs:
    """A quarter, half-year or year with no folder of its own, from its months: each month validated and
    stored as `tthc report` would, then the months' stores combined (tthc.combine) and stored as the period."""
    months = _months_present(context, period)
    built = [build_period(context, m) for m in months]
    inputs = _combined_inputs(context, period, built)
    if inputs.has_errors:
        return inputs
    frames = combine_months(period, {m: load_frames(context, m) for m in months})
    frames["findings"] = findings_frame(inputs.findings)
    frames[INPUTS_DATASET] = sources_frame(inputs.sources, [*frames, INPUTS_DATASET])
    with exclusive(context.paths.locks, f"store-{period}"):
        write_period(context.paths.store, period, frames)
    return inputs


def _months_present(context: Context, period: Period) -> list[Period]:
    months = period.month_periods(context.organisation.cutoff_day)  # a range not made of whole months is refused
    missing = [m for m in months if not context.paths.period_raw(m).is_dir()]
    if missing:
        names = ", ".join(str(context.paths.period_raw(m)) for m in missing)
        raise PeriodNotFoundError(
            f"kỳ {period} ({period.label()}) không có thư mục {context.paths.period_raw(period)}, nên được cộng từ "
            f"các tháng của kỳ; thiếu thư mục số liệu của: {names}")
    return months


def _combined_inputs(context: Context, period: Period, months: list[PeriodInputs]) -> PeriodInputs:
    """The months' findings and input files, each named with its month ("2024-07/Bieu.xlsx")."""
    cutoff = context.organisation.cutoff_day
    inputs = PeriodInputs(period, period.start(cutoff), period.end(cutoff))
    for month in months:
        prefix = f"{month.period}/"
        inputs.findings.extend(replace(f, location=replace(f.location, file=prefix + f.location.file))
                               for f in month.findings)
        inputs.sources.extend(replace(s, name=prefix + s.name) for s in month.sources)
        inputs.files.extend(month.files)
    return inputs
