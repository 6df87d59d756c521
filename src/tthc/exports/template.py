"""Blank exports for a period: header-only .xlsx files in the shape the ingest recognises.

For a centre whose systems export something else (or nothing), these are the forms to fill in.
They are written by the same writer as the demo data, from the same table specs the ingest reads
(tthc.formats.TABLES), with the title lines naming the period the way the title-date check reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tthc.errors import UsageError
from tthc.exports.writer import ExportTable, write_xlsx
from tthc.formats import TABLES
from tthc.inputs import INPUT_KINDS
from tthc.period import Period


class TemplateExistsError(UsageError):
    """A template would overwrite a file; message is Vietnamese."""


@dataclass(frozen=True)
class Template:
    file: str
    table: ExportTable


def templates(period: Period, start: date, end: date) -> list[Template]:
    """One blank table per input kind a table supplies (the dossiers export twice: centre and communes)."""
    stated = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    made = []
    for spec in TABLES:
        for key in spec.inputs:
            title = [spec.title, INPUT_KINDS[key].what[0].upper() + INPUT_KINDS[key].what[1:], stated]
            table = ExportTable(spec, title, [c.name for c in spec.columns], [], with_total=False)
            made.append(Template(f"mau-{key.replace('_', '-')}-{period}.xlsx", table))
    return made


def write_templates(period: Period, start: date, end: date, out: Path, *, force: bool = False) -> list[Path]:
    """Write every template into `out`; refuses (before writing anything) to overwrite unless `force`."""
    made = templates(period, start, end)
    existing = [t.file for t in made if (out / t.file).exists()]
    if existing and not force:
        raise TemplateExistsError(
            f"thư mục {out} đã có tệp {', '.join(existing)}; không ghi đè. Chọn thư mục khác hoặc thêm --force "
            "để ghi đè")
    return [write_xlsx(t.table, out / t.file, sheet_name="Sheet1") for t in made]
