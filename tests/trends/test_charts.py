"""The trends charts as specifications (chart.to_dict()) and as drawn by vega (vl-convert's SVG).

Readers saw a legend with two identical symbols, rate lines piled up under
100 on a 0–100 axis and labels cut off with an ellipsis; each test below
fails on that version of the charts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import polars as pl
import pytest
import vl_convert

from tthc.trends import charts
from tthc.trends.geography import Break
from tthc.trends.series import RATE_KEYS, SERIES_SCHEMA

PERIODS = [f"2024-{m:02d}" for m in range(1, 13)]
TARGET = 95.0
#: Long enough to be cut at vega's default label limits (160 px legends, 180 px axes).
LONG_GROUP = "Các phòng, ban, đơn vị trực thuộc huyện và các đơn vị của tỉnh đóng trên địa bàn"
SVG = "{http://www.w3.org/2000/svg}"


def _series() -> pl.DataFrame:
    """Both desks; the centre's rates all between 95 and 100, the communes' payment rate climbing from 33."""
    rows = []
    for i, period in enumerate(PERIODS):
        end = date(2024, i + 1, 23)
        for desk in ("centre", "communes"):
            for k, key in enumerate(RATE_KEYS):
                if desk == "communes" and key == "online_payment_rate":
                    value = 33.0 + 5 * i
                else:
                    value = 95.0 + (k + i) % 6 * 0.9
                rows.append((period, end, desk, key, int(value * 10), 1000, value, False))
            rows.append((period, end, desk, "received_total", 400 + i, None, 400.0 + i, False))
    return pl.DataFrame(rows, schema=SERIES_SCHEMA, orient="row")


def _received() -> pl.DataFrame:
    return pl.DataFrame([(p, desk, channel, 300 + 10 * i + (50 if channel == "Trực tuyến" else 0))
                         for i, p in enumerate(PERIODS) for desk in ("centre", "communes")
                         for channel in ("Trực tiếp", "Trực tuyến")],
                        schema={"period": pl.String, "desk": pl.String, "channel": pl.String, "value": pl.Int64},
                        orient="row")


def _signing() -> pl.DataFrame:
    groups = ["Các xã, thị trấn", LONG_GROUP]
    return pl.DataFrame([(p, g, 96.0 + j + 0.1 * i, 200 + i) for i, p in enumerate(PERIODS) for j, g in enumerate(groups)],
                        schema={"period": pl.String, "unit_group": pl.String,
                                "rate_signed_from_workfiles": pl.Float64, "docs_out": pl.Int64}, orient="row")


def _communes() -> pl.DataFrame:
    units = ["An Thịnh", "Bình Định", "Thị trấn Thứa"]
    return pl.DataFrame([(p, "online_payment_rate", u, 40 + 3 * i + j, 100, 40.0 + 3 * i + j, j + 1)
                         for i, p in enumerate(PERIODS) for j, u in enumerate(units)],
                        schema={"period": pl.String, "key": pl.String, "unit": pl.String, "numerator": pl.Int64,
                                "denominator": pl.Int64, "value": pl.Float64, "rank": pl.Int64}, orient="row")


def _all_charts() -> dict[str, Any]:
    series = _series()
    return {
        "received": charts.received_chart(_received()),
        "rates-centre": charts.rates_chart(series, TARGET, "centre"),
        "rates-communes": charts.rates_chart(series, TARGET, "communes"),
        "communes": charts.commune_payment_chart(_communes(), TARGET),
        "signing": charts.signing_chart(_signing()),
    }


@pytest.fixture(scope="module")
def drawn() -> dict[str, tuple[dict, ET.Element]]:
    out = {}
    for name, chart in _all_charts().items():
        spec = chart.to_dict()
        out[name] = (spec, ET.fromstring(vl_convert.vegalite_to_svg(spec)))
    return out


def _has_class(element: ET.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _symbol(path: ET.Element) -> tuple:
    """What a reader sees of a legend symbol: outline, fill and, only when a stroke is painted, stroke and dash."""
    stroke = path.get("stroke")
    painted = stroke not in (None, "none", "transparent") and path.get("stroke-width") != "0"
    return (path.get("d"), path.get("fill") if path.get("fill-opacity") != "0" else None,
            stroke if painted else None, path.get("stroke-dasharray") if painted else None)


def _legends(svg: ET.Element) -> list[tuple[str, list[tuple]]]:
    """Each drawn legend: its title and, per entry, the symbol as seen (see _symbol)."""
    legends = []
    for group in svg.iter(f"{SVG}g"):
        if not _has_class(group, "role-legend"):
            continue
        title = " ".join(t.text or "" for g in group.iter(f"{SVG}g") if _has_class(g, "role-legend-title")
                         for t in g.iter(f"{SVG}text"))
        symbols = [_symbol(p) for g in group.iter(f"{SVG}g") if _has_class(g, "role-legend-symbol") for p in g.iter(f"{SVG}path")]
        legends.append((title, symbols))
    return legends


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _y_scales(spec: dict) -> list[dict]:
    return [n["y"]["scale"] for n in _walk(spec) if isinstance(n.get("y"), dict) and "scale" in n["y"]]


@pytest.mark.parametrize("name", ["received", "rates-centre", "rates-communes", "signing"])
def test_every_legend_draws_each_series_differently(drawn, name):
    _, svg = drawn[name]
    legends = _legends(svg)
    assert legends, "the chart has no legend"
    for title, symbols in legends:
        assert len(symbols) >= 2, title
        assert len(set(symbols)) == len(symbols), f"legend {title!r} repeats a symbol: {symbols}"


def test_the_desk_legend_of_the_received_chart_is_told_apart_without_colour(drawn):
    """Colour names the channel; where the dossier was received must show in shape or stroke dash too."""
    spec, svg = drawn["received"]
    desk = [(title, symbols) for title, symbols in _legends(svg) if title == "Nơi tiếp nhận"]
    assert desk, _legends(svg)
    [(_, symbols)] = desk
    assert len({(d, dash) for d, _, _, dash in symbols}) == len(symbols), symbols
    encodings = [n["encoding"] for n in _walk(spec) if isinstance(n.get("encoding"), dict)]
    by_desk = {channel for e in encodings for channel, definition in e.items()
               if isinstance(definition, dict) and definition.get("field") == "desk_label"}
    assert by_desk & {"shape", "strokeDash"}, by_desk


@pytest.mark.parametrize("name", ["rates-centre", "rates-communes", "signing"])
def test_rate_lines_are_told_apart_by_colour_and_shape_or_dash(drawn, name):
    spec, _ = drawn[name]
    encodings = [n["encoding"] for n in _walk(spec) if isinstance(n.get("encoding"), dict)]
    for e in encodings:
        colour = e.get("color", {})
        if isinstance(colour, dict) and "field" in colour:
            others = {c for c in ("shape", "strokeDash") if e.get(c, {}).get("field") == colour["field"]}
            assert others, f"{name}: series told apart by colour only"


def test_the_rate_axis_fits_rates_between_95_and_100(drawn):
    spec, svg = drawn["rates-centre"]
    [scale] = _y_scales(spec)
    low, high = scale["domain"]
    assert 80 <= low < 95 and high == 100, scale
    assert scale.get("nice") is not True  # vega's nice would widen an explicit domain again
    ticks = [float(t.text.replace(",", ".")) for g in svg.iter(f"{SVG}g") if _has_class(g, "role-axis-label")
             for t in g.iter(f"{SVG}text") if t.text and re.fullmatch(r"[\d.,]+", t.text)]
    assert ticks and max(ticks) <= 100


def test_the_rate_axis_reaches_down_to_the_lowest_rate_and_never_above_100(drawn):
    for name in ("rates-communes", "communes", "signing"):
        spec, _ = drawn[name]
        for scale in _y_scales(spec):
            if "domain" in scale:
                low, high = scale["domain"]
                assert high <= 100, (name, scale)
                assert low <= 33 if name == "rates-communes" else True, (name, scale)
            else:
                assert scale.get("zero") is False and scale.get("domainMax", 100) <= 100, (name, scale)
    [scale] = _y_scales(drawn["rates-communes"][0])
    assert scale["domain"][0] > 0 or scale["domain"] != [0, 100]


def test_no_label_is_cut_off(drawn):
    for name, (spec, svg) in drawn.items():
        config = spec.get("config", {})
        for part in ("legend", "axis", "header"):
            settings = config.get(part, {})
            for limit in ("labelLimit", "titleLimit"):
                value = settings.get(limit)
                assert value is not None and (value == 0 or value >= 300), (name, part, limit, settings)
        texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
        assert not [t for t in texts if t.endswith("…")], (name, [t for t in texts if t.endswith("…")])
    _, signing = drawn["signing"]
    assert LONG_GROUP in [t.text for t in signing.iter(f"{SVG}text")]


def test_period_axes_name_months_in_vietnamese(drawn):
    for name, (_, svg) in drawn.items():
        labels = [t.text for g in svg.iter(f"{SVG}g") if _has_class(g, "role-axis-label") for t in g.iter(f"{SVG}text")]
        assert "12/2024" in labels, (name, labels)
        assert not [label for label in labels if re.fullmatch(r"\d{4}-\d{2}", label or "")], (name, labels)


# --- break markers: a reorganisation inside the range -------------------------------------------------------

def _charts_with(breaks) -> dict[str, dict]:
    series = _series()
    return {
        "received": charts.received_chart(_received(), breaks).to_dict(),
        "rates-centre": charts.rates_chart(series, TARGET, "centre", breaks).to_dict(),
        "communes": charts.commune_payment_chart(_communes(), TARGET, breaks).to_dict(),
        "signing": charts.signing_chart(_signing(), breaks).to_dict(),
    }


def _marks(spec: dict, kind: str) -> list[dict]:
    """Every layer drawing `kind` marks, with the months and texts of its inline data."""
    found = []
    for node in _walk(spec):
        mark = node.get("mark")
        if (mark == kind or (isinstance(mark, dict) and mark.get("type") == kind)) and "encoding" in node:
            found.append(node)
    return found


def _data_of(spec: dict, layer: dict) -> list[dict]:
    data = layer.get("data", {})
    if "values" in data:
        return data["values"]
    return spec.get("datasets", {}).get(data.get("name"), [])


REORGANISATION = Break(date(2024, 7, 1), "Nghị quyết 1658/NQ-UBTVQH15 ngày 16/6/2025")


@pytest.mark.parametrize("name", ["received", "rates-centre", "communes", "signing"])
def test_every_time_chart_has_a_rule_and_a_label_at_the_break(name):
    spec = _charts_with([REORGANISATION])[name]
    rules = [layer for layer in _marks(spec, "rule") if layer["encoding"].get("x", {}).get("field") == "month"]
    assert rules, f"{name}: no rule on the time axis"
    assert {row["month"] for rule in rules for row in _data_of(spec, rule)} == {"07/2024"}
    texts = [row["label"] for layer in _marks(spec, "text") for row in _data_of(spec, layer)]
    assert "01/7/2024: sắp xếp ĐVHC" in texts, texts
    notes = [row["note"] for rule in rules for row in _data_of(spec, rule)]
    assert notes == ["Từ ngày 1/7/2024, sắp xếp đơn vị hành chính theo Nghị quyết 1658/NQ-UBTVQH15 ngày "
                     "16/6/2025."] * len(rules)  # the legal basis in the rule's tooltip


def test_a_break_outside_the_range_draws_nothing_and_no_break_keeps_the_chart_as_it_was():
    outside = Break(date(2025, 7, 1), "")
    for name, spec in _charts_with([outside]).items():
        assert not [layer for layer in _marks(spec, "rule") if layer["encoding"].get("x")], name
    assert _charts_with([])["received"] == charts.received_chart(_received()).to_dict()


def test_two_close_breaks_get_their_labels_on_separate_rows_above_the_plot():
    second = Break(date(2024, 9, 1), "")
    spec = _charts_with([REORGANISATION, second])["rates-centre"]
    heights = [layer["encoding"]["y"]["value"] for layer in _marks(spec, "text")]
    assert len(heights) == 2 and len(set(heights)) == 2 and max(heights) < 0, heights  # above the plot, apart
    drawn = [t.text for t in ET.fromstring(vl_convert.vegalite_to_svg(spec)).iter(f"{SVG}text")]
    assert "01/7/2024: sắp xếp ĐVHC" in drawn and "01/9/2024: sắp xếp ĐVHC" in drawn


def test_series_are_named_by_the_profiles_tiers():
    spec = charts.rates_chart(_series(), TARGET, "communes", labels={"centre": "Trung tâm PVHCC xã",
                                                                       "communes": "UBND xã"}).to_dict()
    assert spec["title"] == "Các tỷ lệ chính theo kỳ: UBND xã"
    received = charts.received_chart(_received(), labels={"centre": "Trung tâm PVHCC xã", "communes": "UBND xã"})
    assert {row["desk_label"] for row in _data_of(received.to_dict(), received.to_dict())} == {
        "Trung tâm PVHCC xã", "UBND xã"}
    seed = charts.rates_chart(_series(), TARGET, "communes").to_dict()
    assert seed["title"] == "Các tỷ lệ chính theo kỳ: Xã, thị trấn"  # the seed's profile
