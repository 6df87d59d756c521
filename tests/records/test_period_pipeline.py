"""Records of the seed month (generated from its exports in the test's copy) go through the pipeline: no
difference with the exports, late list and 766 in the store."""

from __future__ import annotations

import polars as pl
import pytest
from records.records_support import write_seed_month_records

from tthc.pipeline import build_period, ingest_period
from tthc.stored import load_frames

from support import SEPTEMBER, run_tthc

RECORDS = "ho-so-2024-09.parquet"


@pytest.fixture(autouse=True)
def records(context, september):
    return write_seed_month_records(context, september, SEPTEMBER)


def test_records_reconcile_and_fill_the_store(context):
    inputs = build_period(context, SEPTEMBER)
    assert not inputs.has_errors
    assert not [f for f in inputs.findings if f.code.startswith("records")], [f.describe() for f in inputs.findings]
    frames = load_frames(context, SEPTEMBER)
    late = frames["late_dossiers"]
    # the seed's annexes: 1 + 12 resolved late, 1 + 1 pending overdue
    assert late.height == 15
    assert late.group_by("desk").len().sort("desk").rows() == [("centre", 2), ("commune", 13)]
    overall = frames["index_766"].filter(pl.col("unit_id") == "__overall__")
    assert set(overall["indicator"]) == {"2.1", "3.3", "3.6", "4.1", "4.2"}


def test_a_changed_record_is_reported_by_check(data_dir, september, context):
    path = september / RECORDS
    records = pl.read_parquet(path)
    target = records.filter((pl.col("unit_id") == "phong_tu_phap") & pl.col("result_attached")).row(0, named=True)
    records.with_columns(
        result_attached=pl.when(pl.col("dossier_code") == target["dossier_code"]).then(False)
        .otherwise(pl.col("result_attached"))
    ).write_parquet(path)
    found = [f for f in ingest_period(context, SEPTEMBER).findings if f.location.file == "Bieu_TTHCC_thang9.xlsx"
             and "Phòng Tư pháp" in f.message]
    assert len(found) == 1 and "23" in found[0].message and "22" in found[0].message
    completed = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert completed.returncode == 0 and "Phòng Tư pháp" in completed.stdout
