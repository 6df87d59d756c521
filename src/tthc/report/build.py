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
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from tthc.findings import Finding
from tthc.period import Period
from tthc.pipeline import build_period, load_context
from tthc.project import MONTHLY_NOTEBOOK, PROJECT_ROOT, REPORT_FILE_STEM
from tthc.render.engine import (Engine, execute_notebook, pandoc_docx, pandoc_html, pandoc_version, quarto_render,
                                quarto_version, resolve_engine)
from tthc.report.document import hash_inputs
from tthc.report.narrative import report_title

FORMATS = ("html", "docx")


class ReportDataErrors(Exception):
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


def build_report(period: Period, data_dir: Path, reports_dir: Path, formats: tuple[str, ...] = FORMATS,
                 engine: Engine = Engine.AUTO, notebook: Path = MONTHLY_NOTEBOOK,
                 on_step: Callable[[str], None] | None = None) -> ReportResult:
    step = on_step or (lambda _: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    step("Kiểm tra và lưu số liệu")
    context = load_context(data_dir)
    inputs = build_period(context, period)
    if inputs.has_errors:
        raise ReportDataErrors(inputs.findings)
    previous = period.previous()
    if context.paths.period_raw(previous).is_dir():
        build_period(context, previous)  # for the month-on-month change; its errors only drop the comparison
    timings["validate"] = time.perf_counter() - started
    chosen = resolve_engine(engine)

    reports_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{period}-", dir=reports_dir))
    staging.chmod(0o755)  # mkdtemp makes it private; a published report is read by the web server
    try:
        stem = REPORT_FILE_STEM.format(period=period)
        executed = staging / f"{stem}.ipynb"
        step("Chạy sổ tính báo cáo (papermill)")
        t0 = time.perf_counter()
        parameters = {"period": str(period), "data_dir": str(data_dir.resolve())}
        execute_notebook(notebook, executed, parameters, cwd=PROJECT_ROOT)
        timings["execute"] = time.perf_counter() - t0
        files = {"ipynb": executed}
        kind, subject = report_title(period)
        title = f"{kind} {subject}"
        work = Path(tempfile.mkdtemp(prefix="render-", dir=staging))

        def render(fmt: str) -> tuple[str, Path, float]:
            t0 = time.perf_counter()
            target = staging / f"{stem}.{fmt}"
            folder = Path(tempfile.mkdtemp(prefix=f"{fmt}-", dir=work))
            if chosen is Engine.QUARTO:
                quarto_render(executed, target, fmt, folder, title)
            elif fmt == "html":
                pandoc_html(executed, target, folder, title)
            else:
                pandoc_docx(executed, target, folder)
            return fmt, target, time.perf_counter() - t0

        step(f"Xuất báo cáo {', '.join(f.upper() for f in formats)} ({chosen})")
        with ThreadPoolExecutor(max_workers=len(formats)) as pool:  # each format is its own pandoc process
            for fmt, target, seconds in pool.map(render, formats):
                files[fmt] = target
                timings[f"render_{fmt}"] = seconds
        shutil.rmtree(work)
        manifest = staging / "manifest.json"
        write_manifest(manifest, period=period, data_dir=data_dir, parameters=parameters, engine=chosen,
                       files=files, timings=timings, context_paths=(context.paths.organisation, context.paths.units),
                       raw_folder=context.paths.period_raw(period))
        files["manifest"] = manifest
        final = reports_dir / str(period)
        publish(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    timings["total"] = time.perf_counter() - started
    return ReportResult(period, final, {k: final / v.name for k, v in files.items()}, chosen, timings,
                        [f for f in inputs.findings if not f.is_error])


def publish(staging: Path, final: Path) -> None:
    """Swap the staged folder in; the previous folder is removed only after the swap."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def write_manifest(path: Path, *, period: Period, data_dir: Path, parameters: dict, engine: Engine,
                   files: dict[str, Path], timings: dict[str, float], context_paths: tuple[Path, ...],
                   raw_folder: Path) -> None:
    manifest = {
        "period": str(period),
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
        "inputs": [{"file": f.name, "sha256": f.sha256, "bytes": f.size} for f in hash_inputs(raw_folder)],
        "reference": [{"file": p.name, "sha256": _sha256(p)} for p in context_paths],
        "outputs": [{"format": k, "file": v.name, "sha256": _sha256(v)} for k, v in files.items()],
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
