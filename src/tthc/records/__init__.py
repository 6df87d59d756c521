"""Dossier records (one row per dossier): ingest, unit tables, reconciliation, late list, 766 scores.

Synthetic records for demos and benchmarks live in :mod:`tthc.demo.records`, outside production.

Integration points for the pipeline:
- detect:     ingest.is_records_file(path)  — ask before the aggregated ingest (see ingest's docstring)
- read:       ingest.scan_records(path, registry) -> RecordsScan(frame: LazyFrame, findings)
- tables:     tables.unit_tables(frame, start, end, ...) / reconcile.reconcile_period(aggregated, frame, start, end)
- report:     late.late_list(frame, start, end); index766.index_766(frame, start, end, load_index_766(path), ...)
"""

from tthc.records.index766 import (
    Index766,
    Index766Result,
    index_766,
    load_index_766,
    score,
)
from tthc.records.ingest import (
    RecordsFileError,
    RecordsScan,
    is_records_file,
    scan_records,
)
from tthc.records.late import late_list
from tthc.records.reconcile import reconcile, reconcile_period, tables_for
from tthc.records.tables import COUNT_COLUMNS, unit_tables, unit_tables_query

__all__ = [
    "COUNT_COLUMNS", "Index766", "Index766Result", "RecordsFileError", "RecordsScan",
    "index_766", "is_records_file", "late_list", "load_index_766", "reconcile", "reconcile_period",
    "scan_records", "score", "tables_for", "unit_tables", "unit_tables_query",
]
