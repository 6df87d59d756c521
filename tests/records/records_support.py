"""Hand-made records for the rule tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from tthc.records.spec import DEFAULTS, RECORD_SCHEMA

START, END = date(2024, 8, 24), date(2024, 9, 23)


def record(**values: object) -> dict:
    base = {name: DEFAULTS.get(name) for name in RECORD_SCHEMA}
    base.update(dossier_code="HS-1", procedure="Đăng ký khai sinh", unit_id="phong_tu_phap", channel="online",
                received_at=date(2024, 9, 2), due_at=date(2024, 9, 10), status="processing")
    base.update(values)
    return base


def frame(*records: dict) -> pl.LazyFrame:
    rows = [{**r, "dossier_code": r["dossier_code"] if r["dossier_code"] != "HS-1" else f"HS-{i + 1}"}
            for i, r in enumerate(records)]
    return pl.DataFrame(rows, schema=RECORD_SCHEMA).lazy()


def write_seed_month_records(context, folder, period) -> Path:
    """Demo records for the seed month in a test's copy: the shipped seed month holds only what the
    seed gives (no records), so tests of the records path generate them here, as
    scripts/make_demo_records.py does for the synthetic months."""
    from tthc.demo.records import records_for_tables
    from tthc.pipeline import ingest_period
    from tthc.provenance import PARQUET_METADATA

    tables = [t.frame for t in ingest_period(context, period).tables if t.source == "dossiers"]
    records = records_for_tables(pl.concat(tables, how="vertical_relaxed"), period, context.organisation.cutoff_day)
    target = folder / f"ho-so-{period}.parquet"
    records.write_parquet(target, metadata=PARQUET_METADATA)
    return target
