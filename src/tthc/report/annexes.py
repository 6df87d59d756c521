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
from tthc.indicators import default_profile, tier_unit_ids
from tthc.profile import TIER_PREFIX, Profile
from tthc.records.index766 import OVERALL
from tthc.records.portal766 import PORTAL_766_DATASET, portal_766_display
from tthc.registry import UnitRegistry
from tthc.report.narrative import wording
from tthc.sources import DOSSIERS, SIGNING, SOURCES

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
    kind: str = ""  # the profile's annex name: "tier:centre", "all_tiers", "signing", "data_quality", ...
    input: str = ""  # the input kind whose absence leaves it empty ("" when none)
    notes: tuple[str, ...] = ()  # plain lines under the table (what definitions it used, what it is not)

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


def _dossier_columns(rows: pl.DataFrame) -> tuple[pl.DataFrame, list[str], dict[str, str]]:
    columns = [c for c in DOSSIER_COLUMNS if c != "paid_direct" or rows["paid_direct"].is_not_null().any()]
    labels = {c: _child_label(c) for c in columns}
    if "carried_over" in rows.columns and rows["carried_over"].is_not_null().any():  # only if the export says it
        rows = rows.with_columns(pl.col("carried_over").fill_null(0),
                                 (pl.col("carried_over").fill_null(0) + pl.col("received")).alias("in_period_total"))
        columns = ["carried_over", "received", "in_period_total", *columns[1:]]
        labels |= {"carried_over": "Tồn kỳ trước", "received": "Tiếp nhận trong kỳ",
                   "in_period_total": "Lũy kế trong kỳ"}
    return rows, columns, labels


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
UNIT, GROUP, TIER, TOTAL = 0, 1, 2, 3  # row levels: a unit, a group's subtotal, a tier's subtotal, the total


def _sum_row(part: pl.DataFrame, columns: list[str], stt: str, label: str, level: int) -> pl.DataFrame:
    return part.select(pl.lit(stt).alias("stt"), pl.lit(label).alias("unit"),
                       *(pl.col(c).fill_null(0).sum() for c in columns), pl.lit(level).alias("level"))


def _unit_block(rows: pl.DataFrame, columns: list[str], registry: UnitRegistry, subtotals: bool,
                first: int = 1) -> list[pl.DataFrame]:
    """A tier's units in export order, numbered from `first`; with subtotals, each group's sum row before its units."""
    names = {u.id: u.name for u in registry.units}
    ordered = rows.sort("row").with_columns(
        pl.col("unit_id").replace_strict(names, return_dtype=pl.String).alias("unit"),
        pl.col("unit_id").replace_strict({u.id: u.group for u in registry.units}, default="",
                                         return_dtype=pl.String).alias("unit_group"))
    groups = ordered.partition_by("unit_group", maintain_order=True) if subtotals else [ordered]
    parts: list[pl.DataFrame] = []
    number = first
    for group in groups:
        if subtotals:
            parts.append(_sum_row(group, columns, "", str(group["unit_group"][0]) or "Đơn vị khác", GROUP))
        parts.append(group.select(
            (pl.int_range(number, number + group.height)).cast(pl.String).alias("stt"), "unit", *columns,
            pl.lit(UNIT).alias("level")))
        number += group.height
    return parts


def _styled_dossier_table(number: int, data: pl.DataFrame, columns: list[str], labels: dict[str, str]) -> GT:
    levels = data["level"].to_list()
    data = data.drop("level")
    table = (
        GT(data, id=f"phu-luc-{number}")
        .cols_label({"stt": "STT", "unit": "Tên đơn vị", **labels})
    )
    for spanner, children in DOSSIER_SPANNERS.items():
        table = table.tab_spanner(label=spanner, columns=[c for c in children if c in columns])
    table = _format_counts(table, columns)
    table = table.sub_missing(columns=columns, missing_text="")
    for column in LATE_COLUMNS:
        late_rows = [i for i, v in enumerate(data[column].to_list()) if v and levels[i] == UNIT]
        if late_rows:
            table = table.tab_style(style=[HIGHLIGHT, BOLD], locations=loc.body(columns=column, rows=late_rows))
    sums = [i for i, level in enumerate(levels) if level != UNIT]
    return table.tab_style(style=BOLD, locations=loc.body(rows=sums))


def dossier_annex(number: int, title: str, dossiers: pl.DataFrame | None, unit_ids: set[str],
                  registry: UnitRegistry, *, subtotals: bool = False, kind: str = "", input_kind: str = "") -> Annex:
    """One tier's units with a total row (and each group's subtotal when the profile asks for them)."""
    rows = dossiers.filter(pl.col("unit_id").is_in(list(unit_ids))) if dossiers is not None else None
    if rows is None or not rows.height:  # no export gave this tier's table: the annex says there is no data
        return Annex(number, title, None, 0, kind, input_kind)
    rows, columns, labels = _dossier_columns(rows)
    parts = _unit_block(rows, columns, registry, subtotals)
    parts.append(_sum_row(rows, columns, "", TOTAL_LABEL, TOTAL))
    data = pl.concat(parts, how="vertical_relaxed")
    return Annex(number, title, _styled_dossier_table(number, data, columns, labels), rows.height, kind, input_kind)


def all_tiers_annex(number: int, title: str, dossiers: pl.DataFrame | None, tiers: list[tuple[str, set[str]]],
                    registry: UnitRegistry, *, subtotals: bool, total_label: str) -> Annex:
    """Every tier: its sum row (I, II, III), its units (and groups), then the grand total."""
    if dossiers is None or not dossiers.height:
        return Annex(number, title, None, 0, "all_tiers")
    everything, columns, labels = _dossier_columns(dossiers)
    parts: list[pl.DataFrame] = []
    units = 0
    for index, (name, unit_ids) in enumerate(tiers):
        rows = everything.filter(pl.col("unit_id").is_in(list(unit_ids)))
        if not rows.height:
            continue
        parts.append(_sum_row(rows, columns, ROMAN[index] if index < len(ROMAN) else str(index + 1), name, TIER))
        parts += _unit_block(rows, columns, registry, subtotals)
        units += rows.height
    shown = everything.filter(pl.col("unit_id").is_in([i for _, ids in tiers for i in ids]))
    parts.append(_sum_row(shown, columns, "", total_label, TOTAL))
    data = pl.concat(parts, how="vertical_relaxed")
    return Annex(number, title, _styled_dossier_table(number, data, columns, labels), units, "all_tiers")


def signing_annex(number: int, title: str, signing: pl.DataFrame | None, registry: UnitRegistry) -> Annex:
    if signing is None or not signing.height:
        return Annex(number, title, None, 0, "signing", "signing")
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
    return Annex(number, title, table, body.height, "signing", "signing")


def quality_annex(number: int, title: str, findings: pl.DataFrame | None, registry: UnitRegistry) -> Annex:
    warnings = findings.filter(pl.col("severity") == "warning") if findings is not None else None
    if warnings is None or not warnings.height:
        return Annex(number, title, None, 0, "data_quality")
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
    return Annex(number, title, table, data.height, "data_quality")


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
        return Annex(number, title, None, 0, "late_dossiers", "records")
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
    return Annex(number, title, table, data.height, "late_dossiers", "records")


def index_766_annex(number: int, title: str, scores: pl.DataFrame | None, registry: UnitRegistry,
                    quoted: pl.DataFrame | None = None, whole_area: str = "toàn huyện") -> Annex:
    """`whole_area`: the profile's name of the whole area ("toàn huyện", "toàn xã"), its row's label."""
    if scores is None or not scores.height:
        return Annex(number, title, None, 0, "index_766", "records")
    notes = index_766_notes(scores, quoted)
    names = {u.id: u.name for u in registry.units} | {OVERALL: whole_area[:1].upper() + whole_area[1:]}
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
    return Annex(number, title, table, data.height, "index_766", "records", notes)


def index_766_notes(scores: pl.DataFrame, quoted: pl.DataFrame | None) -> tuple[str, ...]:
    """The version of the definitions the scores used, and the portal's own score beside them, if quoted."""
    notes = []
    if "version_label" in scores.columns:  # a store written before versions has no label: nothing to claim
        labels = [v for v in scores["version_label"].unique(maintain_order=True).to_list() if v]
        if labels:
            notes.append(f"Định nghĩa các chỉ số: {'; '.join(labels)}.")
    shown = portal_766_display(quoted)
    if shown is not None:
        notes.append(shown.note)
    return tuple(notes)


ANNEX_TITLES = {
    "signing": "THỐNG KÊ TÌNH HÌNH KÝ SỐ VĂN BẢN ĐIỆN TỬ",
    "data_quality": "CẢNH BÁO VỀ CHẤT LƯỢNG SỐ LIỆU VÀ NGUỒN SỐ LIỆU",
    "late_dossiers": "DANH SÁCH HỒ SƠ QUÁ HẠN",
    "index_766": "KẾT QUẢ BỘ CHỈ SỐ 766 TÍNH TỪ DANH SÁCH HỒ SƠ",
}


def build_annexes(frames: dict[str, pl.DataFrame], registry: UnitRegistry, profile: Profile | None = None) -> list[Annex]:
    """The profile's annexes in its order, numbered as the report cites them."""
    profile = profile or default_profile()
    dossiers = frames.get("dossiers")
    annexes = []
    for number, name in enumerate(profile.annexes, start=1):
        tier = profile.tier(name[len(TIER_PREFIX):]) if name.startswith(TIER_PREFIX) else None
        if tier is not None:
            annexes.append(dossier_annex(number, tier.annex_title, dossiers, tier_unit_ids(tier, registry), registry,
                                         subtotals=profile.group_subtotals, kind=name, input_kind=tier.input))
        elif name == "all_tiers":
            title = profile.total.annex_title if profile.total else "TỔNG HỢP TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC"
            annexes.append(all_tiers_annex(
                number, title, dossiers, [(t.name, tier_unit_ids(t, registry)) for t in profile.tiers], registry,
                subtotals=profile.group_subtotals, total_label=f"Tổng cộng {profile.total.name.lower()}" if profile.total
                else "Tổng cộng"))
        elif name == "signing":
            annexes.append(signing_annex(number, ANNEX_TITLES[name], frames.get("signing"), registry))
        elif name == "data_quality":
            annexes.append(quality_annex(number, ANNEX_TITLES[name], frames.get("findings"), registry))
        elif name == "late_dossiers":
            annexes.append(late_annex(number, ANNEX_TITLES[name], frames.get("late_dossiers")))
        elif name == "index_766":
            annexes.append(index_766_annex(number, ANNEX_TITLES[name], frames.get("index_766"), registry,
                                           frames.get(PORTAL_766_DATASET), wording(profile.wording, "whole_area")))
    return annexes
