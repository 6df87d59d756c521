"""The build room: every document (monthly report, trends, site pages) is executed, rendered and published
here, the same way.

A `Document` says what to make (notebook, parameters, file stem, destination, title, manifest extras, the
build's `Snapshot`); `RenderOptions` says how the analyst asked for it (formats, engine, whether an
up-to-date output may be kept). `produce` executes the notebook with papermill into a staging folder
beside the destination, renders each format with the engine's registered renderer, checks the HTML, writes
the manifest and swaps the folder in only when all of that succeeded: a failed run leaves the previous
output as it was.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from tthc.context import Snapshot, write_snapshot
from tthc.findings import Finding
from tthc.fingerprint import file_digest
from tthc.period import Period
from tthc.project import FORMATS, PROJECT_ROOT
from tthc.render.chart_png import EarlyPictures, add_chart_pictures, start_painter
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
from tthc.render.kernel import NotebookKernel

Step = Callable[[str], None]


def _silent(_: str) -> None:
    """No progress lines (library use and tests)."""


@dataclass(frozen=True)
class RenderOptions:
    """What the analyst chose on the command line, for every document of one command."""

    formats: tuple[str, ...] = FORMATS
    engine: Engine = Engine.AUTO
    force: bool = True  # False: an output built from the same inputs, code and settings is kept
    on_step: Step = _silent

    def resolved(self) -> RenderOptions:
        """The same options with `auto` replaced by the engine this machine has."""
        return RenderOptions(self.formats, resolve_engine(self.engine), self.force, self.on_step)


@dataclass(frozen=True)
class Document:
    """One document to make: which notebook with which parameters, and where it is published."""

    notebook: Path
    parameters: Mapping[str, str]
    stem: str  # file name of every format, without suffix
    final: Path  # the published folder
    title: str
    manifest_extra: Mapping[str, object] = field(default_factory=dict)
    snapshot: Snapshot | None = None  # handed to the notebook as `snapshot_file`, never published


class Renderer:
    """Turns the executed notebook into one format; one per engine, registered in RENDERERS."""

    def prepare(self, formats: tuple[str, ...]) -> None:
        """What the renders of `formats` will need and can have before the notebook has run (imports, probes).

        Called on a thread of its own while the notebook runs, when this process only waits for the kernel;
        whatever fails here fails again, and is told, in `render`.
        """

    def render(self, executed: Path, target: Path, fmt: str, workdir: Path, title: str) -> Path:
        raise NotImplementedError


class PandocRenderer(Renderer):
    def prepare(self, formats: tuple[str, ...]) -> None:
        """pandoc's path and version (pypandoc runs `pandoc --version` for each place it looks), python-docx and
        the DOCX post-processor (~0,25 s to import), the vega bundle read from its cache."""
        pandoc_version()
        if "docx" in formats:
            import tthc.render.docx_postprocess
            import tthc.render.reference_docx  # noqa: F401
        if "html" in formats:
            from tthc.render.html_assets import vega_bundle

            vega_bundle()

    def render(self, executed: Path, target: Path, fmt: str, workdir: Path, title: str) -> Path:
        if fmt == "html":
            return pandoc_html(executed, target, workdir, title)
        return pandoc_docx(executed, target, workdir)


class QuartoRenderer(Renderer):
    def render(self, executed: Path, target: Path, fmt: str, workdir: Path, title: str) -> Path:
        return quarto_render(executed, target, fmt, workdir, title)


RENDERERS: dict[Engine, Renderer] = {Engine.PANDOC: PandocRenderer(), Engine.QUARTO: QuartoRenderer()}
DEFAULT_OPTIONS = RenderOptions()


@dataclass
class ReportResult:
    period: Period
    folder: Path
    files: dict[str, Path]
    engine: Engine
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    rebuilt: bool = True



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



def produce(document: Document, options: RenderOptions, timings: dict[str, float],
            kernel: NotebookKernel | None = None) -> dict[str, Path]:
    """Execute the document's notebook and render it, in a staging folder swapped in only when all succeeded.

    `kernel` is one the caller started early for this notebook (see :mod:`tthc.render.kernel`); without it
    the kernel starts here.

    With a snapshot, the notebook gets the build's configuration and stored periods in a file named by its
    `snapshot_file` parameter (removed once it has run, and not in the manifest: it is not an input).
    """
    engine, step = options.resolved().engine, options.on_step
    renderer = RENDERERS[engine]
    final = document.final.resolve()  # pandoc runs in its own working folder: every path must be absolute
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(final)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published report is read by the web server
    parameters = dict(document.parameters)
    pictures = any(f != "html" for f in options.formats)  # the charts' PNG are for Word only
    early = EarlyPictures() if pictures else None  # each chart painted as soon as its cell has run
    if pictures:
        start_painter()  # warms up while the kernel runs: see tthc.render.chart_png
    on_cell = early.cell_executed if early is not None else None
    try:
        executed = staging / f"{document.stem}.ipynb"
        step("Chạy sổ tính báo cáo (papermill)")
        t0 = time.perf_counter()
        preparing = threading.Thread(target=_prepare, args=(renderer, options.formats), name="render-prepare",
                                     daemon=True)
        if document.snapshot is None:
            execute_notebook(document.notebook, executed, parameters, kernel, on_start=preparing.start,
                             on_cell=on_cell)
        else:
            private = Path(tempfile.mkdtemp(prefix="snapshot-", dir=staging))
            snapshot_file = write_snapshot(document.snapshot, private / "snapshot.pickle")
            execute_notebook(document.notebook, executed, {**parameters, "snapshot_file": str(snapshot_file)},
                             kernel, on_start=preparing.start, on_cell=on_cell)
            shutil.rmtree(private)
        add_chart_pictures(executed, pictures, early)
        timings["execute"] = time.perf_counter() - t0
        if preparing.ident is not None:  # started: the renders begin once it is done, not beside it
            preparing.join(timeout=60)
        files = {"ipynb": executed}
        work = Path(tempfile.mkdtemp(prefix="render-", dir=staging))

        def render(fmt: str) -> tuple[str, Path, float]:
            t0 = time.perf_counter()
            target = staging / f"{document.stem}.{fmt}"
            renderer.render(executed, target, fmt, Path(tempfile.mkdtemp(prefix=f"{fmt}-", dir=work)),
                            document.title)
            if fmt == "html":
                verify_html(target, str(engine))  # whatever the engine: nothing published that needs the network
            return fmt, target, time.perf_counter() - t0

        step(f"Xuất báo cáo {', '.join(f.upper() for f in options.formats)} ({engine})")
        with ThreadPoolExecutor(max_workers=len(options.formats)) as pool:  # each format is its own process
            for fmt, target, seconds in pool.map(render, options.formats):
                files[fmt] = target
                timings[f"render_{fmt}"] = seconds
        shutil.rmtree(work)
        manifest = staging / "manifest.json"
        write_manifest(manifest, parameters=parameters, engine=engine, files=files, timings=timings,
                       extra=dict(document.manifest_extra))
        files["manifest"] = manifest
        publish(staging, final)
    finally:
        if early is not None:
            early.close()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return {k: final / v.name for k, v in files.items()}


def _prepare(renderer: Renderer, formats: tuple[str, ...]) -> None:
    """`renderer.prepare`, silent: a failure is the render's to report, with its own message."""
    try:
        renderer.prepare(formats)
    except Exception:  # told by the render that meets it again
        pass


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
