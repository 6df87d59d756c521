"""`tthc report`: validate, store, execute the notebook, render, publish into reports/<period>/.

Outputs are produced in a staging folder beside the final one and swapped in
only when every format rendered, so a failed run leaves the previous report
as it was.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from tthc.context import Context, Snapshot, load_context, write_snapshot
from tthc.errors import DataError
from tthc.findings import Finding
from tthc.fingerprint import build_key, code_digest, file_digest, folder_digests
from tthc.inputs import SourceFile
from tthc.locking import exclusive
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.project import MONTHLY_NOTEBOOK, PROJECT_ROOT, REPORT_FILE_STEM
from tthc.render.engine import (
    Engine,
    execute_notebook,
    pandoc_docx,
    pandoc_html,
    pandoc_version,
    quarto_render,
    quarto_version,
    resolve_engine,
)
from tthc.render.html_check import verify_html
from tthc.report.narrative import report_title

FORMATS = ("html", "docx")


class ReportDataErrors(DataError):
    """The period's data have error findings; nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("số liệu có lỗi")


@dataclass
class ReportResult:
    period: Period
    folder: Path
    files: dict[str, Path]
    engine: Engine
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    rebuilt: bool = True


def monthly_key_parts(context: Context, period: Period, formats: tuple[str, ...], engine: Engine,
                      notebook: Path) -> dict:
    """What the monthly report depends on: this period's and the previous period's inputs (the
    month-on-month change), the reference files, the notebook, the code and the render settings."""
    return {
        "kind": "monthly",
        "period": str(period),
        "inputs": folder_digests(context.paths.period_raw(period)),
        "previous_inputs": folder_digests(context.paths.period_raw(period.previous())),
        "reference": {p.name: file_digest(p) for p in (context.paths.organisation, context.paths.units)},
        "notebook": file_digest(notebook),
        "code": code_digest(),
        "formats": sorted(formats),
        "engine": str(engine),
    }


def is_current(folder: Path, key: str, formats: tuple[str, ...]) -> bool:
    """True when the published folder was built from the same key and has every format."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return False
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    outputs = {o["format"]: o["file"] for o in recorded.get("outputs", [])}
    return recorded.get("build_key") == key and all((folder / outputs.get(f, "-")).is_file() for f in formats)


def build_report(period: Period, data_dir: Path, reports_dir: Path, formats: tuple[str, ...] = FORMATS,
                 engine: Engine = Engine.AUTO, notebook: Path = MONTHLY_NOTEBOOK,
                 on_step: Callable[[str], None] | None = None, *, force: bool = True) -> ReportResult:
    """Validate, store, execute and render one period; with force=False an up-to-date report is kept."""
    data_dir, reports_dir = data_dir.resolve(), reports_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, str(period), on_wait=on_step):
        return _build_report(context, period, data_dir, reports_dir, formats, engine, notebook, on_step, force)


def _build_report(context: Context, period: Period, data_dir: Path, reports_dir: Path, formats: tuple[str, ...],
                  engine: Engine, notebook: Path, on_step: Callable[[str], None] | None,
                  force: bool) -> ReportResult:
    step = on_step or (lambda _: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    step("Kiểm tra và lưu số liệu")
    chosen = resolve_engine(engine)
    final = reports_dir / str(period)
    key = build_key(monthly_key_parts(context, period, formats, chosen, notebook))
    if not force and is_current(final, key, formats):
        stem = REPORT_FILE_STEM.format(period=period)
        files = {f: final / f"{stem}.{f}" for f in (*formats, "ipynb")}
        return ReportResult(period, final, {**files, "manifest": final / "manifest.json"}, chosen,
                            {"total": time.perf_counter() - started}, [], rebuilt=False)
    inputs = build_period(context, period)
    if inputs.has_errors:
        raise ReportDataErrors(inputs.findings)
    stored = {period}
    previous = period.previous()
    if context.paths.period_raw(previous).is_dir():
        if not build_period(context, previous).has_errors:  # for the month-on-month change; errors drop it
            stored.add(previous)
    timings["validate"] = time.perf_counter() - started
    kind, subject = report_title(period)
    parameters = {"period": str(period), "data_dir": str(data_dir.resolve())}
    files = produce(notebook, parameters, REPORT_FILE_STEM.format(period=period), final, formats, chosen,
                    f"{kind} {subject}", timings, step,
                    manifest_extra={"period": str(period), "build_key": key,
                                    "inputs": input_list(inputs.sources),
                                    "reference": _reference_list(context)},
                    snapshot=Snapshot(context, frozenset(stored)))
    timings["total"] = time.perf_counter() - started
    return ReportResult(period, final, files, chosen, timings, [f for f in inputs.findings if not f.is_error])


def input_list(sources: list[SourceFile]) -> list[dict]:
    """Exactly the files the report was made from, what each supplied, and whether it is demo data."""
    return [{"file": s.name, "sha256": s.sha256, "bytes": s.size, "kinds": list(s.kinds), "synthetic": s.synthetic}
            for s in sources]


def _reference_list(context: Context) -> list[dict]:
    return [{"file": p.name, "sha256": file_digest(p)} for p in (context.paths.organisation, context.paths.units)]


def produce(notebook: Path, parameters: dict[str, str], stem: str, final: Path, formats: tuple[str, ...],
            engine: Engine, title: str, timings: dict[str, float], step: Callable[[str], None],
            manifest_extra: dict, *, snapshot: Snapshot | None = None) -> dict[str, Path]:
    """Execute a notebook and render it, in a staging folder swapped in as `final` only when all succeeded.

    With a snapshot, the notebook gets the build's configuration and stored periods in a file named by its
    `snapshot_file` parameter (removed once it has run, and not in the manifest: it is not an input).
    """
    final = final.resolve()  # pandoc runs in its own working folder: every path must be absolute
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(final)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published report is read by the web server
    try:
        executed = staging / f"{stem}.ipynb"
        step("Chạy sổ tính báo cáo (papermill)")
        t0 = time.perf_counter()
        if snapshot is None:
            execute_notebook(notebook, executed, parameters)
        else:
            private = Path(tempfile.mkdtemp(prefix="snapshot-", dir=staging))
            snapshot_file = write_snapshot(snapshot, private / "snapshot.pickle")
            execute_notebook(notebook, executed, {**parameters, "snapshot_file": str(snapshot_file)})
            shutil.rmtree(private)
        timings["execute"] = time.perf_counter() - t0
        files = {"ipynb": executed}
        work = Path(tempfile.mkdtemp(prefix="render-", dir=staging))

        def render(fmt: str) -> tuple[str, Path, float]:
            t0 = time.perf_counter()
            target = staging / f"{stem}.{fmt}"
            folder = Path(tempfile.mkdtemp(prefix=f"{fmt}-", dir=work))
            if engine is Engine.QUARTO:
                quarto_render(executed, target, fmt, folder, title)
            elif fmt == "html":
                pandoc_html(executed, target, folder, title)
            else:
                pandoc_docx(executed, target, folder)
            if fmt == "html":
                verify_html(target, str(engine))  # whatever the engine: nothing published that needs the network
            return fmt, target, time.perf_counter() - t0

        step(f"Xuất báo cáo {', '.join(f.upper() for f in formats)} ({engine})")
        with ThreadPoolExecutor(max_workers=len(formats)) as pool:  # each format is its own pandoc process
            for fmt, target, seconds in pool.map(render, formats):
                files[fmt] = target
                timings[f"render_{fmt}"] = seconds
        shutil.rmtree(work)
        manifest = staging / "manifest.json"
        write_manifest(manifest, parameters=parameters, engine=engine, files=files, timings=timings,
                       extra=manifest_extra)
        files["manifest"] = manifest
        publish(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return {k: final / v.name for k, v in files.items()}


def remove_leftovers(final: Path) -> None:
    """Staging and old folders of a killed run (the caller holds this output's lock, so none is live).

    A run killed inside `publish`, between its two renames, left the previous complete
    folder under its old name: it is put back first.
    """
    if not final.exists():
        previous = sorted(final.parent.glob(f".{final.name}-old-*"), key=lambda p: p.stat().st_mtime)
        if previous:
            previous[-1].rename(final)
    for leftover in final.parent.glob(f".{final.name}-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def publish(staging: Path, final: Path) -> None:
    """Swap the staged folder in; the previous folder is removed only after the swap."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def git_commit() -> str | None:
    try:
        completed = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                                   check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout.strip() or None


def render_time() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def write_manifest(path: Path, *, parameters: dict, engine: Engine, files: dict[str, Path],
                   timings: dict[str, float], extra: dict) -> None:
    manifest = {
        **extra,
        "rendered_at": render_time(),
        "engine": str(engine),
        "parameters": parameters,
        "package": {"name": "tthc-report", "version": _version("tthc-report"), "git_commit": git_commit()},
        "versions": {
            "python": platform.python_version(),
            "pandoc": pandoc_version(),
            "quarto": quarto_version(),
            **{p: _version(p) for p in ("polars", "great-tables", "altair", "papermill", "vl-convert-python")},
        },
        "outputs": [{"format": k, "file": v.name, "sha256": file_digest(v)} for k, v in files.items()],
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
