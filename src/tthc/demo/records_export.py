"""Write canonical records as a provincial system exports them: Vietnamese headers and cell words.

Used by tests (real CSV / XLSX / Parquet files with Vietnamese headers, in any
column order) and by anyone who wants to hand the records to an analyst. Dates
are written dd/mm/yyyy, flags "Có" / "Không", units by their registry name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl
from openpyxl import Workbook

from tthc.records.spec import COLUMNS_BY_NAME
from tthc.registry import UnitRegistry
from tthc.tablespec import Kind

STATUS_LABELS = {"processing": "Đang xử lý", "resolved": "Đã trả kết quả", "refused": "Từ chối giải quyết",
                 "withdrawn": "Công dân rút hồ sơ"}
CHANNEL_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến"}
PAUSE_LABELS = {"financial": "Thực hiện nghĩa vụ tài chính", "other": "Tạm dừng xử lý khác"}

DEFAULT_ORDER = (
    "dossier_code", "procedure", "unit", "channel", "received_at", "due_at", "finished_at", "returned_at",
    "status", "supplement_requests", "supplement_requested_at", "supplement_returned_at", "supplement_days",
    "pause_kind", "paused_at", "resumed_at", "paused_days", "fee_bearing", "paid_online", "paid_direct",
    "components_digitised", "result_attached", "paper_result", "apology_letter",
)


def export_frame(records: pl.DataFrame, registry: UnitRegistry, *, order: Sequence[str] = DEFAULT_ORDER,
                 labels: dict[str, str] | None = None) -> pl.DataFrame:
    """Text cells under Vietnamese header labels (the first label of each column unless `labels`)."""
    labels = labels or {}
    names = {u.id: u.name for u in registry.units}
    columns = []
    for name in order:
        spec = COLUMNS_BY_NAME[name]
        header = labels.get(name, spec.label)
        if name == "unit":
            expr = pl.col("unit_id").replace_strict(names, default=pl.col("unit_id"), return_dtype=pl.String)
        elif spec.kind is Kind.DATE:
            expr = pl.col(name).dt.strftime("%d/%m/%Y")
        elif spec.kind is Kind.BOOL:
            expr = pl.when(pl.col(name)).then(pl.lit("Có")).otherwise(pl.lit("Không"))
        elif spec.kind is Kind.STATUS:
            expr = pl.col(name).cast(pl.String).replace_strict(STATUS_LABELS, return_dtype=pl.String)
        elif spec.kind is Kind.CHANNEL:
            expr = pl.col(name).cast(pl.String).replace_strict(CHANNEL_LABELS, return_dtype=pl.String)
        elif spec.kind is Kind.PAUSE_KIND:
            expr = pl.col(name).cast(pl.String).replace_strict(PAUSE_LABELS, default=None, return_dtype=pl.String)
        else:
            expr = pl.col(name).cast(pl.String)
        columns.append(expr.alias(header))
    return records.select(columns)


def write_records(records: pl.DataFrame, path: Path, registry: UnitRegistry, *,
                  order: Sequence[str] = DEFAULT_ORDER, labels: dict[str, str] | None = None,
                  title: str | None = None) -> Path:
    """Write records with Vietnamese headers as .csv (UTF-8 with BOM), .xlsx or .parquet."""
    frame = export_frame(records, registry, order=order, labels=labels)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.write_parquet(path)
    elif suffix == ".csv":
        text = frame.write_csv()
        if title:
            text = f"{title}\n\n{text}"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif suffix == ".xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Danh sách hồ sơ"
        if title:
            sheet.append([title])
            sheet.append([])
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
        workbook.save(path)
    else:
        raise ValueError(f"unsupported suffix {path.suffix}")
    return path
