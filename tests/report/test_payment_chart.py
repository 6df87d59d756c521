"""The payment chart stays a picture a page can hold: up to 30 bars; a province's hundreds of communes are
shown by their 30 lowest rates, which the title says, and every unit stays in the annex."""

from __future__ import annotations

from tthc.report.charts import CHART_LIMIT, TITLE, payment_chart


def rows(count: int) -> list[dict]:
    return [{"name": f"UBND xã Thử Nghiệm {i:04d}", "rate": float(50 + i % 50), "fee_bearing": 100,
             "paid_online": 50 + i % 50} for i in range(count)]


def bars(chart) -> tuple[list[str], list[str]]:
    spec = chart.to_dict()
    values = spec["layer"][0]["data"]["values"]
    return [v["name"] for v in values], spec["title"]["text"]


def test_the_shipped_district_s_fourteen_communes_are_all_drawn_under_the_usual_title() -> None:
    names, title = bars(payment_chart(rows(14), 95))

    assert len(names) == 14
    assert title == TITLE


def test_a_thousand_communes_are_shown_by_the_thirty_lowest_rates() -> None:
    given = rows(1000)
    names, title = bars(payment_chart(given, 95))

    assert len(names) == CHART_LIMIT == 30
    assert max(r["rate"] for r in given if r["name"] in names) <= min(r["rate"] for r in given if r["name"] not in names)
    assert title == ["Tỷ lệ thanh toán trực tuyến của 30 đơn vị có tỷ lệ thấp nhất",
                     "(trong 1.000 đơn vị) so với chỉ tiêu"]


def test_exactly_thirty_units_are_all_drawn() -> None:
    names, title = bars(payment_chart(rows(30), 95))

    assert len(names) == 30 and title == TITLE


def test_the_spec_the_build_displays_is_the_validated_one() -> None:
    """chart_display skips the schema validation; Altair's validating to_dict() gives the same spec."""
    from tthc.render.chart_png import PICTURE_REQUEST
    from tthc.report.charts import chart_display

    for count in (14, 1000):
        chart = payment_chart(rows(count), 95)
        _, metadata = chart_display(chart, element_id="c")
        assert metadata[PICTURE_REQUEST] == chart.to_dict()
