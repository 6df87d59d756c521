"""`tthc site`: every period's report, the trends report and the index, rebuilt only where inputs changed.

Periods build in parallel on a bounded number of workers, each with one notebook kernel reset and
reused for its periods, and the trends report builds beside them (it reads the store only); a period that
fails is reported on the index and in the build log, the others go on.
The build log (_site/build-log.json) says what was rebuilt and what was kept.
"""

from __future__ import annotations

import functools
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import polars as pl

from tthc.context import Context, load_context
from tthc.fingerprint import file_digest
from tthc.locking import exclusive
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.render.kernel import reused_kernels
from tthc.render.room import RenderOptions, ReportResult, remove_leftovers
from tthc.report.build import InvalidInputsError, build_report
from tthc.site.pages import PeriodEntry, QualityRow, index_page, quality_page
from tthc.store import INPUTS_DATASET
from tthc.stored import analyst_from_frames, load_frames
from tthc.trends.build import TRENDS_FOLDER, build_trends

BUILD_LOG = "build-log.json"
INDEX = "index.html"
QUALITY = "chat-luong-so-lieu.html"


@dataclass
class SiteResult:
    site: Path
    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


SITE_OPTIONS = RenderOptions(force=False)  # a site build keeps every report whose inputs have not changed


def build_site(data_dir: Path, reports_dir: Path, site_dir: Path, options: RenderOptions = SITE_OPTIONS, *,
               jobs: int = 2, on_progress: Callable[[str, str], None] | None = None) -> SiteResult:
    data_dir, reports_dir, site_dir = data_dir.resolve(), reports_dir.resolve(), site_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, "site"):  # one site build at a time; periods lock themselves too
        return _build_site(context, data_dir, reports_dir, site_dir, options.resolved(), jobs, on_progress)


def _build_site(context: Context, data_dir: Path, reports_dir: Path, site_dir: Path, options: RenderOptions,
                jobs: int, on_progress: Callable[[str, str], None] | None) -> SiteResult:
    started = time.perf_counter()
    progress = on_progress or (lambda period, state: None)
    periods = context.paths.periods()
    result = SiteResult(site_dir)

    def one(period: Period) -> bool:
        return build_report(period, data_dir, reports_dir, options).rebuilt

    todo: queue.SimpleQueue[Period] = queue.SimpleQueue()
    for period in periods:
        todo.put(period)
    done: queue.SimpleQueue[tuple[Period, Callable[[], bool]]] = queue.SimpleQueue()

    def worker() -> None:
        """Periods one after another on one kernel, reset between them (imports paid once per worker)."""
        with reused_kernels():
            while True:
                try:
                    period = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    rebuilt = one(period)
                except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which words it
                    done.put((period, functools.partial(_raise, exc)))
                else:
                    done.put((period, functools.partial(bool, rebuilt)))

    workers = [threading.Thread(target=worker, name=f"tthc-site-{i}", daemon=True)
               for i in range(max(1, min(jobs, len(periods))))]
    for thread in workers:
        thread.start()
    trends_done: queue.SimpleQueue[Callable[[], ReportResult | None]] = queue.SimpleQueue()

    def trends_job() -> None:
        """The trends read the store only: built beside the monthly reports, not after them (its kernel and
        charts are the longest single job). Its range is the periods whose data validate."""
        def first_valid(candidates: Iterable[Period]) -> Period | None:
            return next((p for p in candidates if not build_period(context, p).has_errors), None)  # or read back

        try:  # the range's ends only: build_trends itself leaves out any period with errors between them
            first = first_valid(periods)
            last = first_valid(reversed(periods)) if first is not None else None
            built = build_trends(first, last, data_dir, reports_dir, options) if first and last else None
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which words it
            trends_done.put(functools.partial(_raise, exc))
        else:
            trends_done.put(lambda: built)

    trends_thread = threading.Thread(target=trends_job, name="tthc-site-trends", daemon=True)
    if periods:
        trends_thread.start()
    published: dict[Period, tuple[PeriodEntry, list[QualityRow]]] = {}
    for _ in periods:
        period, outcome = done.get()
        try:
            rebuilt = outcome()
        except InvalidInputsError as exc:
            errors = [f for f in exc.findings if f.is_error]
            result.failed[str(period)] = f"số liệu có {len(errors)} lỗi, ví dụ: {errors[0].describe()}"
        except Exception as exc:  # noqa: BLE001 - one period's failure must not stop the others
            result.failed[str(period)] = f"{type(exc).__name__}: {exc}"
        else:
            (result.rebuilt if rebuilt else result.kept).append(str(period))
        # published and summed up for the index now, while the workers build the other periods
        try:
            published[period] = _publish_period(context, period, reports_dir, site_dir, result.failed.get(str(period)))
        except Exception as exc:  # noqa: BLE001 - told on the index; the workers go on and are joined below
            for names in (result.rebuilt, result.kept):
                if str(period) in names:
                    names.remove(str(period))
            result.failed[str(period)] = f"không đưa được lên trang: {type(exc).__name__}: {exc}"
            published[period] = PeriodEntry(str(period), None, {}, 0, False, result.failed[str(period)]), []
        progress(str(period), "failed" if str(period) in result.failed else "done")
    for thread in workers:
        thread.join()

    trends_link = None
    if periods:
        trends_thread.join()
        try:
            trends = trends_done.get()()
        except Exception as exc:  # noqa: BLE001 - reported, the index is still written
            result.failed[TRENDS_FOLDER] = f"{type(exc).__name__}: {exc}"
            progress(TRENDS_FOLDER, "failed")
        else:
            if trends is not None:  # None: no period's data validate
                (result.rebuilt if trends.rebuilt else result.kept).append(TRENDS_FOLDER)
                trends_link = f"{TRENDS_FOLDER}/{trends.files['html'].name}" if "html" in trends.files else None
                progress(TRENDS_FOLDER, "done")

    entries = [published[period][0] for period in periods]
    quality = [row for period in periods for row in published[period][1]]
    if (reports_dir / TRENDS_FOLDER).is_dir():
        _publish_folder(reports_dir / TRENDS_FOLDER, site_dir / TRENDS_FOLDER)
    latest = max(periods) if periods else None  # the centre as it is now: its name and tiers by the latest period
    organisation = context.organisation.for_period(latest) if latest is not None else context.organisation
    name = organisation.issuing_body_full
    tiers = (context.profile.on(latest.end(organisation.cutoff_day)) if latest is not None
             else context.profile).tier_labels()
    _write_if_changed(site_dir / INDEX, index_page(name, entries, trends_link, QUALITY, tiers))
    _write_if_changed(site_dir / QUALITY, quality_page(name, quality))
    for names in (result.rebuilt, result.kept):  # in period order, not in the order the workers finished
        names.sort(key=_period_order)
    result.seconds = time.perf_counter() - started
    _write_log(site_dir, result)
    return result


def _publish_period(context: Context, period: Period, reports_dir: Path, site_dir: Path,
                    failure: str | None) -> tuple[PeriodEntry, list[QualityRow]]:
    """The period's folder copied into the site, and its line of the index and rows of the quality page."""
    folder = reports_dir / str(period)
    links = _publish_folder(folder, site_dir / str(period)) if folder.is_dir() else {}
    if failure is not None:
        return PeriodEntry(str(period), None, links, 0, False, failure), []
    frames = load_frames(context, period)
    if INPUTS_DATASET not in frames:  # store stale or removed since the report was built: re-validate (no kernel)
        build_period(context, period)
        frames = load_frames(context, period)
    indicators, _ = _indicators(context, period, frames)
    findings = frames.get("findings", pl.DataFrame())
    warnings = findings.filter(pl.col("severity") == "warning").height if findings.height else 0
    return (PeriodEntry(str(period), indicators, links, warnings, bool(indicators.synthetic_files)),
            _quality_rows(str(period), findings))


def _period_order(name: str) -> tuple[int, int, int]:
    """Periods by the month they end, then their length ("2024-11", "2024-12", "2024-Q4", "2024"), the trends
    last."""
    if name == TRENDS_FOLDER:
        return (1, 0, 0)
    period = Period.parse(name)
    return (0, period.year * 12 + period.month + period.months, period.months)


def _raise(error: BaseException) -> NoReturn:
    raise error


def _indicators(context, period: Period, frames: dict):
    from tthc.indicators import compute_indicators

    analyst = analyst_from_frames(frames)
    return compute_indicators(period, frames, analyst, context.organisation, context.registry,
                              context.profile, context.catalogue), analyst


def _quality_rows(period: str, findings: pl.DataFrame) -> list[QualityRow]:
    if not findings.height:
        return []
    return [QualityRow(period, r["severity"], r["file"] or "", r["sheet"] or "", str(r["row"] or ""),
                       r["column"] or "", r["message"]) for r in findings.iter_rows(named=True)]


def _publish_folder(source: Path, target: Path) -> dict[str, str]:
    """Copy a report folder into the site when its manifest changed; return relative links by format."""
    manifest = source / "manifest.json"
    current = target / "manifest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)  # a site build killed while publishing this folder
    if not current.is_file() or not manifest.is_file() or file_digest(current) != file_digest(manifest):
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        shutil.copytree(source, staging, dirs_exist_ok=True)
        staging.chmod(0o755)
        old = target.with_name(f".{target.name}-old-{os.getpid()}") if target.exists() else None
        if old is not None:
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    links = {}
    for fmt in ("html", "docx", "ipynb"):
        found = sorted(target.glob(f"*.{fmt}"))
        if found:
            links[fmt] = f"{target.name}/{found[0].name}"
    return links


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _write_log(site: Path, result: SiteResult) -> None:
    log = {"rebuilt": sorted(result.rebuilt), "kept": sorted(result.kept), "failed": result.failed,
           "seconds": round(result.seconds, 3)}
    _write_if_changed(site / BUILD_LOG, json.dumps(log, ensure_ascii=False, indent=2) + "\n")
