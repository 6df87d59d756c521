"""A dossier-record workbook in a period's folder is opened once: the rows read to recognise it are the rows the
records reader takes, and they give the same records and findings as reading the file on its own."""

from __future__ import annotations

import polars as pl
import python_calamine
from records.records_support import write_seed_month_records

from tthc.demo.records_export import write_records
from tthc.ingest.grid import read_sheets
from tthc.pipeline import ingest_period
from tthc.records.ingest import as_read, scan_records

from support import SEPTEMBER

RECORDS = "ho-so-2024-09.xlsx"


def seed_month_records_xlsx(context, september):
    parquet = write_seed_month_records(context, september, SEPTEMBER)
    target = write_records(pl.read_parquet(parquet), september / RECORDS, context.registry)
    parquet.unlink()
    return target


def test_a_records_workbook_is_opened_once_by_the_period(context, september, monkeypatch):
    path = seed_month_records_xlsx(context, september)
    opened: list[str] = []
    for name in ("from_path", "from_filelike"):
        real = getattr(python_calamine.CalamineWorkbook, name)

        def counting(source, _real=real, _name=name):
            opened.append(getattr(source, "name", str(source)) if _name == "from_path" else "bytes")
            return _real(source)

        monkeypatch.setattr(python_calamine.CalamineWorkbook, name, staticmethod(counting))

    inputs = ingest_period(context, SEPTEMBER)

    assert not inputs.has_errors, [f.describe() for f in inputs.findings if f.is_error]
    assert "late_dossiers" in inputs.extra_frames  # the records were read and used
    xlsx_in_folder = len(list(september.glob("*.xlsx")))
    assert len(opened) == xlsx_in_folder  # one open per workbook, the records' included
    assert str(path) not in opened  # the records reader did not reopen it from its path


def test_the_rows_already_read_give_what_the_file_gives(context, september):
    path = seed_month_records_xlsx(context, september)
    sheets = [(s.name or "", as_read(s.rows)) for s in read_sheets(path)]

    alone = scan_records(path, context.registry)
    given = scan_records(path, context.registry, sheets=sheets)

    assert given.frame.collect().equals(alone.frame.collect())
    assert [f.describe() for f in given.findings] == [f.describe() for f in alone.findings]
    assert given.columns == alone.columns
