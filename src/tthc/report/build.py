"""`tthc report`: validate, store, execute the notebook, render, publish into reports/<period>/.

Outputs are produced in a staging folder beside the final one and swapped in
only when every format rendered, so a failed run leaves the previous report
as it was.
"""

from __future__ import annotations

import time
from pathlib import Path

from tthc.context import Context, Snapshot, load_context
from tthc.errors import DataError
from tthc.findings import Finding
from tthc.fingerprint import build_key, code_digest, file_digest, folder_digests
from tthc.inputs import SourceFile
from tthc.locking import exclusive
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.project import MONTHLY_NOTEBOOK, report_file_stem
from tthc.render.engine import Engine
from tthc.render.kernel import NotebookKernel
from tthc.render.room import DEFAULT_OPTIONS, Document, RenderOptions, ReportResult, is_current, produce
from tthc.report.narrative import report_title
from tthc.report.prose import ProseTemplates
from tthc.reuse import reference_files


class InvalidInputsError(DataError):
    """The period's inputs have error findings (listed to the analyst); nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("số liệu có lỗi")


def monthly_key_parts(context: Context, period: Period, formats: tuple[str, ...], engine: Engine,
                      notebook: Path) -> dict:
    """What the monthly report depends on: this period's and the previous period's inputs (the
    month-on-month change), the reference files, the notebook, the code and the render settings."""
    return {
        "kind": "monthly",
        "period": str(period),
        "inputs": {prefix: folder_digests(f) for prefix, f in context.paths.input_folders(period)},
        "previous_inputs": {prefix: folder_digests(f) for prefix, f in context.paths.input_folders(period.previous())},
        "last_year_inputs": {prefix: folder_digests(f)
                             for prefix, f in context.paths.input_folders(period.same_period_last_year())},
        "reference": {p.name: file_digest(p) for p in reference_files(context)},
        "templates": dict(context.templates),  # the centre's own wording: a changed template rebuilds the report
        "notebook": file_digest(notebook),
        "code": code_digest(),
        "formats": sorted(formats),
        "engine": str(engine),
    }


def build_report(period: Period, data_dir: Path, reports_dir: Path, options: RenderOptions = DEFAULT_OPTIONS,
                 notebook: Path = MONTHLY_NOTEBOOK) -> ReportResult:
    """Validate, store, execute and render one period; with options.force False an up-to-date report is kept."""
    data_dir, reports_dir = data_dir.resolve(), reports_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, str(period), on_wait=options.on_step):
        return _build_report(context, period, data_dir, reports_dir, options.resolved(), notebook)


def _build_report(context: Context, period: Period, data_dir: Path, reports_dir: Path, options: RenderOptions,
                  notebook: Path) -> ReportResult:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    options.on_step("Kiểm tra và lưu số liệu")
    final = reports_dir / str(period)
    stem = report_file_stem(period)
    key = build_key(monthly_key_parts(context, period, options.formats, options.engine, notebook))
    if not options.force and is_current(final, key, options.formats):
        files = {f: final / f"{stem}.{f}" for f in (*options.formats, "ipynb")}
        return ReportResult(period, final, {**files, "manifest": final / "manifest.json"}, options.engine,
                            {"total": time.perf_counter() - started}, [], rebuilt=False)
    ProseTemplates(context.templates, context.paths.templates).check()  # a broken template stops here
    with NotebookKernel(notebook) as kernel:  # boots and imports on the other core while the inputs are validated
        stored = set()
        compared = [period.previous()]  # the change on the previous period
        if context.profile.same_period_last_year:
            compared.append(period.same_period_last_year())
        for other in compared:  # first: the period's carried-over check reads the previous period's store
            if context.paths.has_inputs(other) and not build_period(context, other).has_errors:  # errors drop it
                stored.add(other)
        inputs = build_period(context, period)
        if inputs.has_errors:
            raise InvalidInputsError(inputs.findings)
        stored.add(period)
        timings["validate"] = time.perf_counter() - started
        kind, subject = report_title(period)
        document = Document(notebook, {"period": str(period), "data_dir": str(data_dir)}, stem, final,
                            f"{kind} {subject}",
                            {"period": str(period), "build_key": key, "inputs": input_list(inputs.sources),
                             "reference": _reference_list(context)},
                            Snapshot(context, frozenset(stored)))
        files = produce(document, options, timings, kernel)
    timings["total"] = time.perf_counter() - started
    return ReportResult(period, final, files, options.engine, timings,
                        [f for f in inputs.findings if not f.is_error])


def input_list(sources: list[SourceFile]) -> list[dict]:
    """Exactly the files the report was made from, what each supplied, and whether it is demo data."""
    return [{"file": s.name, "sha256": s.sha256, "bytes": s.size, "kinds": list(s.kinds), "synthetic": s.synthetic}
            for s in sources]


def _reference_list(context: Context) -> list[dict]:
    return [{"file": p.name, "sha256": file_digest(p)} for p in reference_files(context)]


