"""Trend charts across periods: volumes, headline rates, a commune × month heatmap, digital signing.

The commune chart pairs a heatmap with one commune's line: a drop-down (and a
click on a row) selects the commune, highlighted in both views at once.

Every line is told apart by colour and by stroke dash or point shape, so a
legend never shows two identical symbols and a grey print still reads; rate
axes are cut to the data (never past 100) so rates near 100 do not pile up;
labels are never shortened with an ellipsis.  Months read "09/2024", as in
the report titles.  Each reorganisation inside the range (tthc.trends.geography)
is a dashed vertical rule at the first period of the new geography, labelled
with its date and legal basis, in every chart over time.  Series are per tier
of the profile; `labels` names them (tthc.trends.series.tier_labels).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import polars as pl

from tthc.formatting.dates import format_month
from tthc.period import Period
from tthc.profile import load_profile
from tthc.report.charts import FONT, LABEL_SIZE, TITLE_SIZE
from tthc.trends.geography import Break
from tthc.trends.series import RATE_KEYS, RATE_LABELS, tier_labels

WIDTH = 560
TARGET_COLOUR = "#333333"
#: Stroke dashes of up to four series: solid, dashed, dotted, dash-dot (distinct in grey too).
DASHES = [[1, 0], [8, 4], [2, 3], [10, 3, 2, 3]]
SHAPES = ["circle", "square", "triangle-up", "diamond"]
POINTS = alt.OverlayMarkDef(filled=True, size=40)
#: A rate axis starts this many points below the lowest value (at least), rounded down to a multiple of 5.
RATE_MARGIN = 1.0
BREAK_COLOUR = "#6a1b9a"
#: Vertical distance between the labels of two breaks, so labels of close dates do not overlap.
BREAK_LABEL_STEP = 15


def seed_labels() -> dict[str, str]:
    """The tier names of the seed's profile: what a chart names its series when the caller gives none."""
    return tier_labels(load_profile(None))


def _breaks_on_axis(breaks: Sequence[Break], order: list[str]) -> list[tuple[str, Break]]:
    """(month on the axis, break) of each break whose period the chart shows."""
    shown = {format_month(b.period.year, b.period.month): b for b in breaks}
    return [(m, b) for m, b in shown.items() if m in order]


def break_layers(breaks: Sequence[Break], order: list[str]) -> list[alt.Chart]:
    """A dashed rule at each break whose period is on the axis (none outside the range), and its label in a
    band above the plot (between the title and the data, so it never hides a point or a heatmap row)."""
    marks: list[dict[str, Any]] = [
        {"month": month, "label": b.short_label(), "note": b.note(), "row": i,
         "right": order.index(month) > len(order) / 2}
        for i, (month, b) in enumerate(_breaks_on_axis(breaks, order))]
    if not marks:
        return []
    data = alt.Data(values=marks)
    x = _month_x(order)
    rule = alt.Chart(data).mark_rule(color=BREAK_COLOUR, strokeDash=[6, 3], strokeWidth=1.5).encode(
        x=x, tooltip=[alt.Tooltip("note:N", title="Sắp xếp đơn vị hành chính")])
    labels = [alt.Chart(data).transform_filter(f"datum.row == {mark['row']}").mark_text(
        align="right" if mark["right"] else "left", dx=-4 if mark["right"] else 4, baseline="bottom",
        color=BREAK_COLOUR, fontSize=LABEL_SIZE).encode(
        x=x, y=alt.value(-4 - (len(marks) - 1 - mark["row"]) * BREAK_LABEL_STEP), text="label:N") for mark in marks]
    return [rule, *labels]


def _title(text: str, breaks: Sequence[Break], order: list[str]) -> str | alt.TitleParams:
    """The chart's title, raised above the band of break labels (as before where the range has no break)."""
    shown = len(_breaks_on_axis(breaks, order))
    return alt.TitleParams(text, offset=6 + shown * BREAK_LABEL_STEP) if shown else text


def _line_legend() -> alt.Legend:
    """Legend symbols drawn as a short stretch of line, long enough to show its dash."""
    return alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=700)


def _style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Fonts of the report; labelLimit/titleLimit 0 = never cut a label or title to "…"."""
    return (chart.configure(font=FONT)
            .configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, labelLimit=0, titleLimit=0)
            .configure_legend(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, orient="bottom",
                              direction="vertical", labelLimit=0, titleLimit=0)
            .configure_header(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, labelLimit=0, titleLimit=0)
            .configure_title(fontSize=TITLE_SIZE))


def _values(frame: pl.DataFrame) -> alt.Data:
    return alt.Data(values=frame.to_dicts())


def _with_months(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Add `month` ("09/2024") for the axis, and the months in period order (text order would mix years)."""
    if "period" not in frame.columns:
        return frame, []
    periods = sorted({Period.parse(p) for p in frame.get_column("period").to_list()})
    names = {str(p): format_month(p.year, p.month) for p in periods}
    months = frame.with_columns(pl.col("period").replace_strict(names, return_dtype=pl.String).alias("month"))
    return months, [names[str(p)] for p in periods]


def _month_x(order: list[str]) -> alt.X:
    """Every month of the range on the axis, also where a filtered view (one commune) has fewer."""
    return alt.X("month:O", title="Kỳ báo cáo", sort=order, scale=alt.Scale(domain=order))


def rate_domain(values: Iterable[float | None], *marks: float) -> list[float]:
    """A rate axis from just below the lowest value (or mark, e.g. the target) to just above the highest, within 0–100.

    A fixed 0–100 axis piles rates of 95–100 into the top sliver of the chart.
    """
    known = [float(v) for v in (*values, *marks) if v is not None]
    if not known:
        return [0.0, 100.0]
    low, high = min(known), max(known)
    margin = max(RATE_MARGIN, (high - low) * 0.05)
    return [max(0.0, math.floor((low - margin) / 5) * 5), min(100.0, math.ceil((high + margin) / 5) * 5)]


def _rate_scale(values: Iterable[float | None], *marks: float) -> alt.Scale:
    """An explicit fitted domain; nice=False because vega's nice would stretch it again."""
    return alt.Scale(domain=rate_domain(values, *marks), zero=False, nice=False)


def received_chart(received: pl.DataFrame, breaks: Sequence[Break] = (),
                   labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Dossiers received: colour = channel, point shape and stroke dash = where they were received (the tier)."""
    labels = dict(labels or seed_labels())
    data, order = _with_months(received.with_columns(pl.col("desk").replace(labels).alias("desk_label")))
    present = list(dict.fromkeys(data.get_column("desk_label").to_list())) if data.height else []
    desks = [name for name in labels.values() if name in present] + [d for d in present if d not in labels.values()]
    lines = alt.Chart(_values(data)).mark_line(point=POINTS).encode(
        x=_month_x(order),
        y=alt.Y("value:Q", title="Số hồ sơ tiếp nhận", axis=alt.Axis(format=",d")),
        color=alt.Color("channel:N", title="Hình thức", legend=_line_legend()),
        # one legend for both (same field and title); it shows the shapes, the lines show the dash
        # (legend=None on either would drop that legend altogether)
        shape=alt.Shape("desk_label:N", title="Nơi tiếp nhận", scale=alt.Scale(domain=desks, range=SHAPES[:len(desks)])),
        strokeDash=alt.StrokeDash("desk_label:N", title="Nơi tiếp nhận",
                                  scale=alt.Scale(domain=desks, range=DASHES[:len(desks)])),
        tooltip=[alt.Tooltip("month:O", title="Kỳ"), alt.Tooltip("desk_label:N", title="Nơi tiếp nhận"),
                 alt.Tooltip("channel:N", title="Hình thức"), alt.Tooltip("value:Q", title="Số hồ sơ", format=",d")],
    )
    chart = alt.layer(lines, *break_layers(breaks, order)).properties(
        title=_title("Hồ sơ tiếp nhận theo hình thức", breaks, order), width=WIDTH, height=220)
    return _style(chart)


def _series_encodings(field: str, title: str, order: list[str]) -> dict[str, alt.FieldChannelMixin]:
    """Colour and stroke dash on the same field, with the same legend: vega-lite draws one legend of dashed colour lines."""
    legend = _line_legend()
    return {
        "color": alt.Color(f"{field}:N", title=title, sort=order, scale=alt.Scale(domain=order), legend=legend),
        "strokeDash": alt.StrokeDash(f"{field}:N", title=title, sort=order, legend=legend,
                                     scale=alt.Scale(domain=order, range=DASHES[:len(order)])),
    }


def rates_chart(series: pl.DataFrame, target: float, desk: str, breaks: Sequence[Break] = (),
                labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """One desk's headline rates; one chart per desk so each gets its own fitted axis and the page's width."""
    rates, order = _with_months(series.filter(pl.col("denominator").is_not_null() & (pl.col("desk") == desk))
                                .with_columns(pl.col("key").replace(RATE_LABELS).alias("indicator")))
    present = set(rates.get_column("key").to_list()) if rates.height else set()
    indicators = [RATE_LABELS[k] for k in RATE_KEYS if k in present]
    lines = alt.Chart().mark_line(point=POINTS).encode(
        x=_month_x(order),
        y=alt.Y("value:Q", title="Tỷ lệ (%)", scale=_rate_scale(rates.get_column("value").to_list(), target)),
        **_series_encodings("indicator", "Chỉ tiêu", indicators),
        tooltip=[alt.Tooltip("month:O", title="Kỳ"), alt.Tooltip("indicator:N", title="Chỉ tiêu"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("numerator:Q", title="Tử số", format=",d"),
                 alt.Tooltip("denominator:Q", title="Mẫu số", format=",d")],
    )
    rule = alt.Chart().mark_rule(color=TARGET_COLOUR, strokeDash=[4, 3]).encode(y=alt.datum(target))
    names = dict(labels or seed_labels())
    chart = alt.layer(lines, rule, *break_layers(breaks, order), data=_values(rates)).properties(
        title=_title(f"Các tỷ lệ chính theo kỳ: {names.get(desk, desk)}", breaks, order), width=WIDTH, height=220)
    return _style(chart)


def commune_payment_chart(rates: pl.DataFrame, target: float, breaks: Sequence[Break] = ()) -> alt.TopLevelMixin:
    """Heatmap of online payment per commune and month, linked to one commune's line by a selector."""
    data, order = _with_months(rates.filter(pl.col("key") == "online_payment_rate").with_columns(
        pl.when(pl.col("value") >= target).then(pl.lit("Đạt chỉ tiêu")).otherwise(pl.lit("Chưa đạt")).alias("status")))
    names = sorted(set(data["unit"].to_list()))
    latest = order[-1] if order else None  # first shown: a commune that still reports (not one merged away)
    current = sorted(set(data.filter(pl.col("month") == latest)["unit"].to_list())) if latest else []
    first = (current or names)[:1]
    pick = alt.selection_point(
        name="xa", fields=["unit"], value=[{"unit": first[0]}] if first else None,
        bind=alt.binding_select(options=names, name="Chọn xã, thị trấn: "),
    )
    base = alt.Chart(_values(data))
    heat = base.mark_rect().encode(
        x=_month_x(order),
        y=alt.Y("unit:N", title=None, sort=names),
        color=alt.Color("value:Q", title="Thanh toán trực tuyến (%)",
                        scale=alt.Scale(domain=[0, target, 100], range=["#c62828", "#fff3b0", "#2e7d32"]),
                        legend=alt.Legend(direction="horizontal")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        stroke=alt.condition(pick, alt.value("#000000"), alt.value(None)),
        tooltip=[alt.Tooltip("unit:N", title="Đơn vị"), alt.Tooltip("month:O", title="Kỳ"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("numerator:Q", title="Thanh toán trực tuyến", format=",d"),
                 alt.Tooltip("denominator:Q", title="Hồ sơ có nghĩa vụ tài chính", format=",d"),
                 alt.Tooltip("rank:Q", title="Xếp hạng trong kỳ"), alt.Tooltip("status:N", title="Chỉ tiêu")],
    ).add_params(pick)
    heat = alt.layer(heat, *break_layers(breaks, order)).properties(
        title=_title("Thanh toán trực tuyến của từng xã theo kỳ", breaks, order), width=WIDTH, height=alt.Step(16))
    line = base.mark_line(point=POINTS).encode(
        x=_month_x(order),
        # fitted to every commune, not the selected one, so switching communes keeps the axis still
        y=alt.Y("value:Q", title="Tỷ lệ (%)", scale=_rate_scale(data.get_column("value").to_list(), target)),
        tooltip=[alt.Tooltip("unit:N", title="Đơn vị"), alt.Tooltip("month:O", title="Kỳ"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f")],
    ).transform_filter(pick)
    rule = base.mark_rule(color=TARGET_COLOUR, strokeDash=[4, 3]).encode(y=alt.datum(target))
    detail = alt.layer(line, rule, *break_layers(breaks, order)).properties(
        title=_title("Xã được chọn", breaks, order), width=WIDTH, height=180)
    return _style(alt.vconcat(heat, detail))


def signing_chart(signing: pl.DataFrame, breaks: Sequence[Break] = ()) -> alt.TopLevelMixin:
    """Outgoing documents signed from work files, per group of units."""
    data, order = _with_months(signing)
    groups = sorted(set(data.get_column("unit_group").to_list())) if data.height else []
    lines = alt.Chart(_values(data)).mark_line(point=POINTS).encode(
        x=_month_x(order),
        y=alt.Y("rate_signed_from_workfiles:Q", title=["Văn bản đi ký số", "từ hồ sơ công việc (%)"],
                scale=_rate_scale(data.get_column("rate_signed_from_workfiles").to_list() if data.height else [])),
        **_series_encodings("unit_group", "Nhóm đơn vị", groups),
        tooltip=[alt.Tooltip("month:O", title="Kỳ"), alt.Tooltip("unit_group:N", title="Nhóm"),
                 alt.Tooltip("rate_signed_from_workfiles:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("docs_out:Q", title="Văn bản đi", format=",d")],
    )
    chart = alt.layer(lines, *break_layers(breaks, order)).properties(
        title=_title("Ký số văn bản theo nhóm đơn vị", breaks, order), width=WIDTH, height=220)
    return _style(chart)
