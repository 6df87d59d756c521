"""Year-to-date figures of a month do not depend on where the trends range starts."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.stored import StoreNotReadyError
from tthc.trends.document import TrendsReport

from support import SHIPPED

MONTHS = [f"2024-{m:02d}" for m in range(1, 10)]


def _workspace(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for month in MONTHS:
        shutil.copytree(SHIPPED / "raw" / month, data / "raw" / month)
    return data


def _september_ytd(report: TrendsReport) -> dict[tuple[str, str], tuple]:
    rows = report.series.filter(pl.col("period") == "2024-09")
    return {(r["desk"], r["key"]): (r["ytd_numerator"], r["ytd_denominator"], r["ytd_value"])
            for r in rows.iter_rows(named=True)}


def test_year_to_date_counts_from_january_whatever_the_range_start(tmp_path: Path):
    data = _workspace(tmp_path)
    context = load_context(data)
    for month in MONTHS:  # what `tthc trends` does before its kernel starts: the kernel reads the store only
        assert not build_period(context, Period.parse(month)).has_errors
    from_july = TrendsReport("2024-07", "2024-09", data)
    from_january = TrendsReport("2024-01", "2024-09", data)
    assert [str(p) for p in from_july.periods] == ["2024-07", "2024-08", "2024-09"]
    assert set(from_july.series.get_column("period")) == {"2024-07", "2024-08", "2024-09"}
    july, january = _september_ytd(from_july), _september_ytd(from_january)
    assert july and july == january
    received = july[("centre", "received_total")]
    monthly = pl.concat([TrendsReport(m, m, data).series for m in MONTHS]).filter(
        (pl.col("desk") == "centre") & (pl.col("key") == "received_total"))
    assert received[2] == monthly.get_column("value").sum()  # the sum of the nine months, not of three


def test_the_trends_kernel_reads_the_store_only_and_says_which_command_stores_the_range(tmp_path: Path):
    data = _workspace(tmp_path)
    with pytest.raises(StoreNotReadyError, match="tthc trends --from 2024-07 --to 2024-09"):
        TrendsReport("2024-07", "2024-09", data)
    assert not (data / "store").exists()
