"""A period validated again with nothing changed reads its store back; any change to what it depends on
(its exports, the previous period's, the reference files) ingests the exports again."""

from __future__ import annotations

import shutil
from pathlib import Path

from tthc.context import load_context
from tthc.period import Period
from tthc.pipeline import build_period, ingest_period
from tthc.reuse import stored_key

from support import SHIPPED

SEPTEMBER, AUGUST = Period(2024, 9), Period(2024, 8)


def _store_stamps(store: Path) -> dict[str, int]:
    return {str(p.relative_to(store)): p.stat().st_mtime_ns for p in store.rglob("*.parquet")}


def _with_august(data_dir: Path) -> Path:
    shutil.copytree(SHIPPED / "raw" / "2024-08", data_dir / "raw" / "2024-08")
    return data_dir


def test_an_unchanged_period_is_read_back_with_the_findings_and_files_of_its_validation(data_dir):
    context = load_context(data_dir)
    first = build_period(context, SEPTEMBER)
    stamps = _store_stamps(context.paths.store)
    again = build_period(load_context(data_dir), SEPTEMBER)
    assert _store_stamps(context.paths.store) == stamps  # nothing rewritten
    assert again.from_store and not first.from_store
    assert [f.describe() for f in again.findings] == [f.describe() for f in first.findings]
    assert [f.describe() for f in again.findings] == [f.describe() for f in ingest_period(context, SEPTEMBER).findings]
    assert "Tổng số PAKN: ghi 17, danh sách có 16" in " ".join(f.message for f in again.findings)
    assert again.sources == first.sources and again.analyst == first.analyst
    assert sorted(p.name for p in again.files) == sorted(p.name for p in first.files)


def test_a_changed_reference_file_validates_the_period_again(data_dir):
    context = load_context(data_dir)
    build_period(context, SEPTEMBER)
    key = stored_key(context, SEPTEMBER)
    units = context.paths.units
    units.write_text(units.read_text(encoding="utf-8") + "\n# sửa danh mục\n", encoding="utf-8")
    build_period(load_context(data_dir), SEPTEMBER)
    assert stored_key(context, SEPTEMBER) not in (None, key)


def test_the_previous_period_stored_or_changed_validates_the_period_again(data_dir):
    """The carried-over check reads the previous period's store, the copied-file check its folder."""
    _with_august(data_dir)
    context = load_context(data_dir)
    build_period(context, SEPTEMBER)
    alone = stored_key(context, SEPTEMBER)
    build_period(context, AUGUST)
    build_period(context, SEPTEMBER)
    after_august = stored_key(context, SEPTEMBER)
    assert after_august != alone
    notes = next((data_dir / "raw" / "2024-08").glob("*.yaml"))
    notes.write_text(notes.read_text(encoding="utf-8") + "\n# sửa ghi chú\n", encoding="utf-8")
    build_period(context, SEPTEMBER)
    assert stored_key(context, SEPTEMBER) not in (None, after_august)


def test_a_period_with_errors_is_not_stored_and_so_never_read_back(data_dir):
    context = load_context(data_dir)
    build_period(context, SEPTEMBER)
    notes = next((data_dir / "raw" / "2024-09").glob("*.yaml"))
    notes.write_text("khong: [dong ngoac\n", encoding="utf-8")
    for _ in range(2):
        assert build_period(load_context(data_dir), SEPTEMBER).has_errors
