"""Trend charts across periods: volumes, headline rates, a commune × month heatmap, digital signing.

The commune chart pairs a heatmap with one commune's line: a drop-down (and a
click on a row) selects the commune, highlighted in both views at once.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from tthc.report.charts import FONT, LABEL_SIZE, TITLE_SIZE
from tthc.trends.series import DESK_LABELS, RATE_LABELS

WIDTH = 560
TARGET_COLOUR = "#333333"


def _style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (chart.configure(font=FONT)
            .configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE)
            .configure_legend(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE, orient="bottom")
            .configure_title(fontSize=TITLE_SIZE))


def _values(frame: pl.DataFrame) -> alt.Data:
    return alt.Data(values=frame.to_dicts())


def received_chart(received: pl.DataFrame) -> alt.TopLevelMixin:
    data = received.with_columns(pl.col("desk").replace(DESK_LABELS).alias("desk_label"))
    chart = alt.Chart(_values(data)).mark_line(point=True).encode(
        x=alt.X("period:O", title="Kỳ báo cáo"),
        y=alt.Y("value:Q", title="Số hồ sơ tiếp nhận", axis=alt.Axis(format=",d")),
        color=alt.Color("channel:N", title="Hình thức"),
        strokeDash=alt.StrokeDash("desk_label:N", title="Nơi tiếp nhận"),
        tooltip=[alt.Tooltip("period:O", title="Kỳ"), alt.Tooltip("desk_label:N", title="Nơi tiếp nhận"),
                 alt.Tooltip("channel:N", title="Hình thức"), alt.Tooltip("value:Q", title="Số hồ sơ", format=",d")],
    ).properties(title="Hồ sơ tiếp nhận theo hình thức", width=WIDTH, height=220)
    return _style(chart)


def rates_chart(series: pl.DataFrame, target: float) -> alt.TopLevelMixin:
    rates = series.filter(pl.col("denominator").is_not_null()).with_columns(
        pl.col("key").replace(RATE_LABELS).alias("indicator"), pl.col("desk").replace(DESK_LABELS).alias("desk_label"))
    lines = alt.Chart().mark_line(point=True).encode(
        x=alt.X("period:O", title="Kỳ báo cáo"),
        y=alt.Y("value:Q", title="Tỷ lệ (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("indicator:N", title="Chỉ tiêu"),
        tooltip=[alt.Tooltip("period:O", title="Kỳ"), alt.Tooltip("indicator:N", title="Chỉ tiêu"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("numerator:Q", title="Tử số", format=",d"),
                 alt.Tooltip("denominator:Q", title="Mẫu số", format=",d")],
    )
    rule = alt.Chart().mark_rule(color=TARGET_COLOUR, strokeDash=[4, 3]).encode(y=alt.datum(target))
    chart = alt.layer(lines, rule, data=_values(rates)).properties(width=WIDTH, height=200).facet(
        row=alt.Row("desk_label:N", title=None)).properties(title="Các tỷ lệ chính theo kỳ")
    return _style(chart)


def commune_payment_chart(rates: pl.DataFrame, target: float) -> alt.TopLevelMixin:
    """Heatmap of online payment per commune and month, linked to one commune's line by a selector."""
    data = rates.filter(pl.col("key") == "online_payment_rate").with_columns(
        pl.when(pl.col("value") >= target).then(pl.lit("Đạt chỉ tiêu")).otherwise(pl.lit("Chưa đạt")).alias("status"))
    names = sorted(set(data["unit"].to_list()))
    pick = alt.selection_point(
        name="xa", fields=["unit"], value=[{"unit": names[0]}] if names else None,
        bind=alt.binding_select(options=names, name="Chọn xã, thị trấn: "),
    )
    base = alt.Chart(_values(data))
    heat = base.mark_rect().encode(
        x=alt.X("period:O", title="Kỳ báo cáo"),
        y=alt.Y("unit:N", title=None, sort=names),
        color=alt.Color("value:Q", title="Thanh toán trực tuyến (%)",
                        scale=alt.Scale(domain=[0, target, 100], range=["#c62828", "#fff3b0", "#2e7d32"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        stroke=alt.condition(pick, alt.value("#000000"), alt.value(None)),
        tooltip=[alt.Tooltip("unit:N", title="Đơn vị"), alt.Tooltip("period:O", title="Kỳ"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("numerator:Q", title="Thanh toán trực tuyến", format=",d"),
                 alt.Tooltip("denominator:Q", title="Hồ sơ có nghĩa vụ tài chính", format=",d"),
                 alt.Tooltip("rank:Q", title="Xếp hạng trong kỳ"), alt.Tooltip("status:N", title="Chỉ tiêu")],
    ).add_params(pick).properties(title="Thanh toán trực tuyến của từng xã theo kỳ", width=WIDTH,
                                  height=alt.Step(16))
    line = base.mark_line(point=True).encode(
        x=alt.X("period:O", title="Kỳ báo cáo"),
        y=alt.Y("value:Q", title="Tỷ lệ (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("unit:N", title="Đơn vị"), alt.Tooltip("period:O", title="Kỳ"),
                 alt.Tooltip("value:Q", title="Tỷ lệ (%)", format=",.2f")],
    ).transform_filter(pick)
    rule = base.mark_rule(color=TARGET_COLOUR, strokeDash=[4, 3]).encode(y=alt.datum(target))
    detail = alt.layer(line, rule).properties(title="Xã được chọn", width=WIDTH, height=180)
    return _style(alt.vconcat(heat, detail))


def signing_chart(signing: pl.DataFrame) -> alt.TopLevelMixin:
    chart = alt.Chart(_values(signing)).mark_line(point=True).encode(
        x=alt.X("period:O", title="Kỳ báo cáo"),
        y=alt.Y("rate_signed_from_workfiles:Q", title="Văn bản đi ký số từ hồ sơ công việc (%)",
                scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("unit_group:N", title="Nhóm đơn vị"),
        tooltip=[alt.Tooltip("period:O", title="Kỳ"), alt.Tooltip("unit_group:N", title="Nhóm"),
                 alt.Tooltip("rate_signed_from_workfiles:Q", title="Tỷ lệ (%)", format=",.2f"),
                 alt.Tooltip("docs_out:Q", title="Văn bản đi", format=",d")],
    ).properties(title="Ký số văn bản theo nhóm đơn vị", width=WIDTH, height=220)
    return _style(chart)
