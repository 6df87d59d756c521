"""Core properties (File > Info): the report's title and a date that does not depend on the clock."""

from __future__ import annotations

import datetime as dt
import os

from docx.document import Document as DocxDocument

from tthc.render.reference_docx import FIXED_DATE, fix_core_properties


def document_date(report_date: dt.date | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the report's own date, else a fixed date.

    Never the clock: the same inputs must give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    if report_date is not None:
        return dt.datetime(report_date.year, report_date.month, report_date.day)
    return FIXED_DATE.replace(tzinfo=None)


def set_core_properties(document: DocxDocument, title: str, moment: dt.datetime) -> None:
    fix_core_properties(document)
    props = document.core_properties
    if title:
        props.title = title
    props.created = props.modified = props.last_printed = moment
