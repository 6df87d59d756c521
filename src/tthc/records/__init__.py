"""Dossier records (one row per dossier): ingest, unit tables, reconciliation, late list, 766 scores.

The package imports none of its modules: the report kernel uses the scoring modules without loading the
readers (python-calamine) that only the pipeline needs.

Synthetic records for demos and benchmarks live in :mod:`tthc.demo.records`, outside production.

Integration points for the pipeline:
- detect:     ingest.is_records_file(path)  — ask before the aggregated ingest (see ingest's docstring)
- read:       ingest.scan_records(path, registry) -> RecordsScan(frame: LazyFrame, findings)
- tables:     tables.unit_tables(frame, start, end, ...) / reconcile.reconcile_period(aggregated, frame, start, end)
- report:     late.late_list(frame, start, end); index766.index_766(frame, start, end, load_index_766(path), ...)
"""
