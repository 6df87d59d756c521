"""Charts of the monthly report, and how a notebook shows them offline and in Word.

Altair's default HTML output loads vega from a public CDN, so on the intranet a
chart would stay blank.  :func:`chart_mimebundle` instead emits HTML that calls
the page-wide ``vegaEmbed`` shipped inline by the report template
(:mod:`tthc.render.html_assets`), plus a PNG that pandoc and Quarto use for
Word.  No SVG is emitted: it would win over the PNG in .docx output.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from tthc.formatting.numbers import format_decimal, format_int
from tthc.render.chart_png import PICTURE_REQUEST, VI_NUMBER_LOCALE, png_base64

#: Two lines, so the title fits a phone screen as well as a Word page.
TITLE = ["Tỷ lệ thanh toán trực tuyến của các xã, thị trấn", "so với chỉ tiêu"]
#: The most bars a chart draws: beyond it (a province's hundreds of communes) a bar per unit is a picture taller
#: than any page and its PNG takes seconds to draw, so the chart shows the units with the lowest rates, which
#: are the ones a reader must act on, and says so; every unit stays in the annex.
CHART_LIMIT = 30
X_TITLE = "Tỷ lệ thanh toán trực tuyến (%)"
REACHED = "Đạt chỉ tiêu"
MISSED = "Chưa đạt chỉ tiêu"
REACHED_COLOUR = "#2e7d32"
MISSED_COLOUR = "#c62828"
TARGET_COLOUR = "#333333"
WIDTH = 560
BAR_STEP = 20
TITLE_OFFSET = 18  # room for the target label above the plot
#: The report's serif face and sizes legible next to 13 pt body text.
FONT = "Times New Roman, Liberation Serif, DejaVu Serif, serif"
LABEL_SIZE = 12
TITLE_SIZE = 14

#: vegaEmbed options of every chart.  ``ast`` makes vega evaluate expressions
#: with its interpreter instead of ``new Function``, so the page's CSP needs
#: no 'unsafe-eval'.
EMBED_OPTIONS: dict[str, Any] = {
    "actions": False,
    "renderer": "svg",
    "mode": "vega-lite",
    "ast": True,
    "formatLocale": VI_NUMBER_LOCALE,
}

#: Shown in place of the chart when the page lacks the inline vega bundle
#: (e.g. the notebook opened in Jupyter rather than the rendered report).
_NO_LIBRARY = "Không hiển thị được biểu đồ: trang thiếu thư viện vẽ biểu đồ."
_FAILED = "Không vẽ được biểu đồ: "


def lowest_title(shown: int, total: int) -> list[str]:
    """The title of a chart cut to the `shown` lowest rates of `total` units."""
    return [f"Tỷ lệ thanh toán trực tuyến của {shown} đơn vị có tỷ lệ thấp nhất",
            f"(trong {format_int(total)} đơn vị) so với chỉ tiêu"]


def payment_chart(rows: list[dict], target: float, limit: int = CHART_LIMIT) -> alt.LayerChart:
    """Online-payment rate per commune against the target, best unit first; beyond `limit` units, the `limit`
    units with the lowest rates (ties by name), under a title that says so."""
    data = _payment_values(rows, target)
    title = TITLE
    if len(data) > limit:
        title = lowest_title(limit, len(data))
        data = data[-limit:]  # sorted best first: the last are the lowest
    order = [row["name"] for row in data]
    bars = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X(
                "rate:Q",
                title=X_TITLE,
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(format=",d", values=list(range(0, 101, 10))),
            ),
            y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=[REACHED, MISSED], range=[REACHED_COLOUR, MISSED_COLOUR]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Đơn vị"),
                alt.Tooltip("rate:Q", title="Tỷ lệ (%)", format=",.2f"),
                alt.Tooltip("fee_bearing:Q", title="Hồ sơ có nghĩa vụ tài chính", format=",d"),
                alt.Tooltip("paid_online:Q", title="Thanh toán trực tuyến", format=",d"),
            ],
        )
    )
    mark = alt.Data(values=[{"target": target, "label": _target_label(target)}])
    rule = (
        alt.Chart(mark)
        .mark_rule(color=TARGET_COLOUR, strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="target:Q")
    )
    label = (
        alt.Chart(mark)
        .mark_text(align="right", baseline="bottom", dx=-4, dy=-2, color=TARGET_COLOUR, fontWeight="bold")
        .encode(x="target:Q", text="label:N", y=alt.value(0))
    )
    chart = alt.layer(bars, rule, label).properties(
        title=alt.TitleParams(title, offset=TITLE_OFFSET, fontSize=TITLE_SIZE, frame="bounds"),
        width=WIDTH,
        height=alt.Step(BAR_STEP),
    )
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=LABEL_SIZE)
        .configure_legend(labelFontSize=LABEL_SIZE)
        .configure_text(fontSize=LABEL_SIZE)
    )


def chart_mimebundle(chart: alt.TopLevelMixin, *, element_id: str) -> dict[str, str]:
    """Display data for one chart: offline HTML for web pages, a PNG for Word (drawn here, in this process)."""
    spec = chart.to_dict()
    return {
        "text/html": _embed_html(spec, element_id),
        "image/png": png_base64(spec),
    }


def chart_display(chart: alt.TopLevelMixin, *, element_id: str) -> tuple[dict[str, str], dict[str, Any]]:
    """Display data and metadata for the build's notebooks: the HTML now, and the request for Word's PNG,
    which the build draws outside the kernel (:mod:`tthc.render.chart_png`).

    Not validated against the Vega-Lite schema here (a third of the cell's time): the charts are built by this
    package only, and the tests validate each of them (``test_every_chart_the_build_displays_is_valid``)."""
    spec = chart.to_dict(validate=False)
    return {"text/html": _embed_html(spec, element_id)}, {PICTURE_REQUEST: spec}


def display_chart(chart: alt.TopLevelMixin, element_id: str) -> None:
    """Show a chart in a notebook cell, HTML and PNG at once (a notebook explored by hand, not the build's)."""
    from IPython.display import display

    display(chart_mimebundle(chart, element_id=element_id), raw=True)


def _payment_values(rows: list[dict], target: float) -> list[dict[str, Any]]:
    """Rows with a rate, sorted best first (ties by name), each tagged reached/missed."""
    kept = [row for row in rows if row.get("rate") is not None]
    kept.sort(key=lambda row: (-float(row["rate"]), row["name"]))
    return [
        {
            "name": row["name"],
            "rate": float(row["rate"]),
            "fee_bearing": int(row["fee_bearing"]),
            "paid_online": int(row["paid_online"]),
            "status": REACHED if float(row["rate"]) >= target else MISSED,
        }
        for row in kept
    ]


def _target_label(target: float) -> str:
    """"Chỉ tiêu 95%", with a decimal comma when the target is not whole."""
    return f"Chỉ tiêu {format_decimal(target, 2).rstrip('0').rstrip(',')}%"


def _embed_html(spec: dict[str, Any], element_id: str) -> str:
    """A chart container and the inline script that draws it with the page's vegaEmbed."""
    inline = {key: value for key, value in spec.items() if key != "$schema"}  # a URL, and unused
    if isinstance(inline.get("width"), int | float):
        inline["width"] = "container"  # re-laid out at the page's width: legible on phones
    return (
        f'<div id="{_attribute(element_id)}" class="chart"></div>\n'
        "<script>\n"
        "(function () {\n"
        f"  var element = document.getElementById({_script_json(element_id)});\n"
        f"  var spec = {_script_json(inline)};\n"
        f"  var options = {_script_json(EMBED_OPTIONS)};\n"
        '  if (typeof window.vegaEmbed !== "function") {\n'
        f"    element.textContent = {_script_json(_NO_LIBRARY)};\n"
        "    return;\n"
        "  }\n"
        "  window.vegaEmbed(element, spec, options).catch(function (error) {\n"
        f"    element.textContent = {_script_json(_FAILED)} + error.message;\n"
        "    console.error(error);\n"
        "  });\n"
        "})();\n"
        "</script>"
    )


def _script_json(value: Any) -> str:
    """JSON that cannot end the surrounding <script> element, byte-stable across runs."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
