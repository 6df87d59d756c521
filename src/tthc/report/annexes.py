"""The annex tables (Phụ lục 1–4) as great-tables tables, with Vietnamese number format.

Unit names are the registry's canonical names, so a commune is spelled one way
in every annex, whatever its export said.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from great_tables import GT, loc, style

from tthc.formatting.numbers import format_decimal, format_int
from tthc.registry import UnitRegistry
from tthc.sources import DESK_CENTRE, DESK_COMMUNE, DOSSIERS, SIGNING, SOURCES

HIGHLIGHT = style.fill(color="#fde2e1")
BOLD = style.text(weight="bold")
TOTAL_LABEL = "Tổng"

DOSSIER_SPANNERS = {
    "Đã giải quyết": ["resolved", "resolved_early", "resolved_on_time", "resolved_late"],
    "Đang giải quyết": ["pending", "pending_not_due", "pending_overdue"],
    "Tạm dừng": ["paused_supplement", "paused_financial", "paused_other"],
    "Hủy hồ sơ": ["refused", "withdrawn"],
}
DOSSIER_COLUMNS = ["received", "received_direct", "received_online", *DOSSIER_SPANNERS["Đã giải quyết"],
                   *DOSSIER_SPANNERS["Đang giải quyết"], *DOSSIER_SPANNERS["Tạm dừng"], *DOSSIER_SPANNERS["Hủy hồ sơ"],
                   "fee_bearing", "paid_online", "paid_direct", "results_digitised"]
LATE_COLUMNS = ["resolved_late", "pending_overdue"]
SIGNING_COUNTS = ["docs_in", "workfiles", "workfiles_done", "docs_out", "docs_out_from_workfiles", "docs_out_signed",
                  "docs_out_signed_from_workfiles"]
SIGNING_RATES = ["rate_signed", "rate_signed_from_workfiles"]
SIGNING_AXIS = ["docs_in_national_axis", "docs_out_national_axis"]


@dataclass(frozen=True)
class Annex:
    number: int
    title: str
    table: GT | None
    rows: int

    def html(self) -> str:
        return self.table.as_raw_html() if self.table is not None else ""


def _child_label(column: str, spec=DOSSIERS) -> str:
    return spec.column(column).label.split(" / ")[-1]


def _with_stt_and_names(frame: pl.DataFrame, registry: UnitRegistry) -> pl.DataFrame:
    names = {u.id: u.name for u in registry.units}
    return frame.sort("row").with_columns(
        pl.int_range(1, frame.height + 1).cast(pl.String).alias("stt"),
        pl.col("unit_id").replace_strict(names, return_dtype=pl.String).alias("unit"),
    )


def _format_counts(table: GT, columns: list[str]) -> GT:
    return table.fmt_number(columns=columns, decimals=0, sep_mark=".", dec_mark=",")


def dossier_annex(number: int, title: str, dossiers: pl.DataFrame | None, desk: str,
                  registry: UnitRegistry) -> Annex:
    rows = dossiers.filter(pl.col("desk") == desk) if dossiers is not None else None
    if rows is None or not rows.height:  # no export gave this desk's table: the annex says there is no data
        return Annex(number, title, None, 0)
    columns = [c for c in DOSSIER_COLUMNS if c != "paid_direct" or rows["paid_direct"].is_not_null().any()]
    labels = {c: _child_label(c) for c in columns}
    if "carried_over" in rows.columns and rows["carried_over"].is_not_null().any():  # only if the export says it
        rows = rows.with_columns(pl.col("carried_over").fill_null(0),
                                 (pl.col("carried_over").fill_null(0) + pl.col("received")).alias("in_period_total"))
        columns = ["carried_over", "received", "in_period_total", *columns[1:]]
        labels |= {"carried_over": "Tồn kỳ trước", "received": "Tiếp nhận trong kỳ",
                   "in_period_total": "Lũy kế trong kỳ"}
    body = _with_stt_and_names(rows, registry).select("stt", "unit", *columns)
    total = body.select(pl.lit("").alias("stt"), pl.lit(TOTAL_LABEL).alias("unit"),
                        *(pl.col(c).fill_null(0).sum() for c in columns))
    data = pl.concat([body, total], how="vertical_relaxed")
    last = data.height - 1
    table = (
        GT(data, id=f"phu-luc-{number}")
        .cols_label({"stt": "STT", "unit": "Tên đơn vị", **labels})
    )
    for spanner, children in DOSSIER_SPANNERS.items():
        table = table.tab_spanner(label=spanner, columns=[c for c in children if c in columns])
    table = _format_counts(table, columns)
    table = table.sub_missing(columns=columns, missing_text="")
    for column in LATE_COLUMNS:
        late_rows = [i for i, v in enumerate(data[column].to_list()) if v and i != last]
        if late_rows:
            table = table.tab_style(style=[HIGHLIGHT, BOLD], locations=loc.body(columns=column, rows=late_rows))
    table = table.tab_style(style=BOLD, locations=loc.body(rows=[last]))
    return Annex(number, title, table, body.height)


def signing_annex(number: int, title: str, signing: pl.DataFrame | None, registry: UnitRegistry) -> Annex:
    if signing is None or not signing.height:
        return Annex(number, title, None, 0)
    body = _with_stt_and_names(signing, registry).with_columns(pl.col("group").fill_null(""))
    columns = SIGNING_COUNTS + SIGNING_RATES + [c for c in SIGNING_AXIS if body[c].is_not_null().any()]
    data = body.select("stt", "unit", "group", *columns)
    table = (
        GT(data, id=f"phu-luc-{number}", groupname_col="group")
        .cols_label({"stt": "STT", "unit": "Tên đơn vị", **{c: SIGNING.column(c).label for c in columns}})
    )
    table = _format_counts(table, [c for c in columns if c not in SIGNING_RATES])
    table = table.fmt_number(columns=SIGNING_RATES, decimals=2, sep_mark=".", dec_mark=",")
    table = table.sub_missing(columns=columns, missing_text="")
    for column in SIGNING_RATES:
        low = [i for i, (v, out) in enumerate(zip(data[column].to_list(), data["docs_out"].to_list()))
               if v is not None and v < 100 and out]
        if low:
            table = table.tab_style(style=[HIGHLIGHT, BOLD], locations=loc.body(columns=column, rows=low))
    return Annex(number, title, table, body.height)


def quality_annex(number: int, title: str, findings: pl.DataFrame | None, registry: UnitRegistry) -> Annex:
    warnings = findings.filter(pl.col("severity") == "warning") if findings is not None else None
    if warnings is None or not warnings.height:
        return Annex(number, title, None, 0)
    names = {u.id: u.name for u in registry.units}
    data = warnings.select(
        pl.int_range(1, warnings.height + 1).cast(pl.String).alias("stt"),
        pl.col("file"),
        pl.col("sheet").fill_null(""),
        pl.col("row").cast(pl.String).fill_null(""),
        pl.col("column").fill_null(""),
        pl.col("message"),
        pl.col("values").map_elements(lambda v: values_text(v, names), return_dtype=pl.String).alias("values"),
    )
    table = GT(data, id=f"phu-luc-{number}").cols_label(
        stt="STT", file="Tệp", sheet="Trang tính", row="Dòng", column="Cột", message="Nội dung không khớp",
        values="Giá trị").cols_width(
        {"stt": "4%", "file": "16%", "sheet": "8%", "row": "5%", "column": "14%", "message": "38%", "values": "15%"})
    return Annex(number, title, table, data.height)


# What a finding's values are called in the signed annex; a value not named here stays in the store only.
VALUE_LABELS = {
    "stated": "Số ghi trong tệp", "summed": "Cộng các dòng", "computed": "Tính từ số liệu", "name": "Tên ghi trong tệp",
    "unit": "Đơn vị", "value": "Nội dung ô", "aggregated": "Biểu tổng hợp", "records": "Danh sách hồ sơ",
    "figure": "Số liệu", "first": "Tệp trùng", "same_figures": "Cùng số liệu", "rows": "Dòng bị loại",
    "columns": "Số cột", "previous": "Tệp kỳ trước", "column": "Cột",
    "total_stated": "Tổng số PAKN ghi", "total_listed": "Tổng số PAKN trong danh sách",
    "handled_stated": "Đã xử lý (ghi)", "handled_listed": "Đã xử lý (trong danh sách)",
    "hidden_stated": "Đã ẩn (ghi)", "hidden_listed": "Đã ẩn (trong danh sách)",
    "unanswered_stated": "Chưa trả lời (ghi)", "unanswered_listed": "Chưa trả lời (trong danh sách)",
}
_COLUMN_LABELS: dict[str, str] = {}
for _spec in SOURCES:  # a name shared by two exports (fee_bearing) takes the dossiers export's label
    for _column in _spec.columns:
        _COLUMN_LABELS.setdefault(_column.name, _column.label)
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")  # unit ids, column names: never shown to the signer


def values_text(values: str, unit_names: dict[str, str] | None = None) -> str:
    """A finding's values as the signer reads them: the exports' labels, Vietnamese numbers, no identifiers."""
    parsed = json.loads(values) if values else {}
    unit_names = unit_names or {}
    parts = []
    for key, raw in parsed.items():
        label = _COLUMN_LABELS.get(key) or VALUE_LABELS.get(key)
        if label is None:
            continue
        shown = _value_text(str(raw), unit_names)
        if shown:
            parts.append(f"{label}: {shown}")
    return "; ".join(parts)


def _value_text(raw: str, unit_names: dict[str, str]) -> str:
    if raw in unit_names:
        return unit_names[raw]
    if raw in _COLUMN_LABELS:
        return _COLUMN_LABELS[raw]
    if raw in ("True", "False"):
        return "có" if raw == "True" else "không"
    if re.fullmatch(r"-?\d+", raw):
        return format_int(int(raw))
    if re.fullmatch(r"-?\d+\.\d+", raw):
        return format_decimal(Decimal(raw), len(raw.split(".")[1]))
    return "" if _IDENTIFIER.match(raw) else raw


LATE_STATES = {"resolved_late": "Đã giải quyết, quá hạn", "pending_overdue": "Đang giải quyết, quá hạn"}


def late_annex(number: int, title: str, late: pl.DataFrame | None) -> Annex:
    if late is None or not late.height:
        return Annex(number, title, None, 0)
    data = late.select(
        pl.int_range(1, late.height + 1).cast(pl.String).alias("stt"),
        pl.col("unit_name"), pl.col("dossier_code"), pl.col("procedure"),
        pl.col("state").replace_strict(LATE_STATES, default=pl.col("state"), return_dtype=pl.String),
        pl.col("due_at").dt.strftime("%d/%m/%Y"), pl.col("finished_at").dt.strftime("%d/%m/%Y").fill_null(""),
        pl.col("days_late"),
        pl.when(pl.col("apology_letter")).then(pl.lit("Có")).otherwise(pl.lit("Chưa có")).alias("apology"),
    )
    table = GT(data, id=f"phu-luc-{number}").cols_label(
        stt="STT", unit_name="Đơn vị", dossier_code="Mã hồ sơ", procedure="Thủ tục", state="Tình trạng",
        due_at="Hẹn trả", finished_at="Ngày giải quyết", days_late="Số ngày quá hạn", apology="Thư xin lỗi")
    missing = [i for i, v in enumerate(data["apology"].to_list()) if v == "Chưa có"]
    if missing:
        table = table.tab_style(style=[HIGHLIGHT, BOLD], locations=loc.body(columns="apology", rows=missing))
    return Annex(number, title, table, data.height)


def index_766_annex(number: int, title: str, scores: pl.DataFrame | None, registry: UnitRegistry) -> Annex:
    if scores is None or not scores.height:
        return Annex(number, title, None, 0)
    names = {u.id: u.name for u in registry.units} | {"__overall__": "Toàn huyện"}
    wide = scores.pivot(on="indicator", index=["unit_id", "unit_points", "unit_max_points", "unit_share", "band"],
                        values="rate")
    indicators = [c for c in wide.columns if c[:1].isdigit()]
    wide = wide.filter(pl.any_horizontal(pl.col(indicators).is_not_null()))  # units with no dossier: no row
    data = wide.select(
        pl.col("unit_id").replace_strict(names, default=pl.col("unit_id"), return_dtype=pl.String).alias("unit"),
        *indicators, "unit_points", "unit_max_points", "unit_share", "band")
    table = GT(data, id=f"phu-luc-{number}").cols_label({
        "unit": "Đơn vị", "unit_points": "Điểm đạt", "unit_max_points": "Điểm tối đa",
        "unit_share": "Tỷ lệ điểm (%)", "band": "Xếp loại", **{c: f"Chỉ số {c} (%)" for c in indicators}})
    table = table.fmt_number(columns=[*indicators, "unit_points", "unit_max_points", "unit_share"], decimals=2,
                             sep_mark=".", dec_mark=",").sub_missing(missing_text="–")
    table = table.tab_style(style=BOLD, locations=loc.body(rows=[data.height - 1]))
    return Annex(number, title, table, data.height)


ANNEX_TITLES = {
    1: "TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM HÀNH CHÍNH CÔNG",
    2: "TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI UBND CÁC XÃ, THỊ TRẤN",
    3: "THỐNG KÊ TÌNH HÌNH KÝ SỐ VĂN BẢN ĐIỆN TỬ",
    4: "CẢNH BÁO VỀ CHẤT LƯỢNG SỐ LIỆU VÀ NGUỒN SỐ LIỆU",
    5: "DANH SÁCH HỒ SƠ QUÁ HẠN",
    6: "KẾT QUẢ BỘ CHỈ SỐ 766 TÍNH TỪ DANH SÁCH HỒ SƠ",
}


def build_annexes(frames: dict[str, pl.DataFrame], registry: UnitRegistry) -> list[Annex]:
    dossiers = frames.get("dossiers")
    return [
        dossier_annex(1, ANNEX_TITLES[1], dossiers, DESK_CENTRE, registry),
        dossier_annex(2, ANNEX_TITLES[2], dossiers, DESK_COMMUNE, registry),
        signing_annex(3, ANNEX_TITLES[3], frames.get("signing"), registry),
        quality_annex(4, ANNEX_TITLES[4], frames.get("findings"), registry),
        late_annex(5, ANNEX_TITLES[5], frames.get("late_dossiers")),
        index_766_annex(6, ANNEX_TITLES[6], frames.get("index_766"), registry),
    ]
