"""`tthc trends` across the 2025 reorganisation, on a copy of examples/xa-luong-tai (real CLI, real kernel).

Xã Lương Tài exists from 1/7/2025; on today's geography its line runs back through the sum of the
communes it was made of (Thị trấn Thứa, Phú Hòa, Tân Lãng), the figures checked here against the
stored per-unit rows; on the historical geography the old communes keep their own lines. The two
reorganisation dates (1/1/2025, 1/7/2025) mark every chart over time and are noted under the tables.
One build per geography for the whole module: each takes about half a minute.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.period import Period
from tthc.profile import load_profile
from tthc.render.engine import Engine
from tthc.stored import StoredData
from tthc.trends.build import trends_key_parts
from tthc.trends.document import TrendsReport
from tthc.trends.geography import GEOGRAPHY_NOTES, HISTORICAL, TODAY
from tthc.trends.series import tier_labels

from support import REPO, run_tthc

FIRST, LAST = "2024-01", "2026-11"
#: domain.md §9: xã Lương Tài (from 1/7/2025) = thị trấn Thứa + Phú Hòa + Tân Lãng.
LUONG_TAI, PREDECESSORS = "xa_luong_tai_2025", ("tt_thua", "phu_hoa", "tan_lang")
BREAK_NOTES = ("Từ ngày 1/1/2025, sắp xếp đơn vị hành chính.",
               "Từ ngày 1/7/2025, sắp xếp đơn vị hành chính theo Nghị quyết 1658/NQ-UBTVQH15 ngày 16/6/2025.")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The example copied once, the trends built on each geography (HTML) into reports-<geography>/."""
    root = tmp_path_factory.mktemp("trends-reorganisation")
    shutil.copytree(REPO / "examples" / "xa-luong-tai", root / "data")
    out = {"root": root}
    for geography in (TODAY, HISTORICAL):
        completed = run_tthc("trends", "--from", FIRST, "--to", LAST, "--formats", "html", "--engine", "pandoc",
                             "--data", "data", "--out", f"reports-{geography}", "--geography", geography, cwd=root)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        out[geography] = root / f"reports-{geography}" / "xu-huong" / f"xu-huong-{FIRST}-{LAST}.html"
    return out


@pytest.fixture(scope="module")
def reports(built) -> dict[str, TrendsReport]:
    """What each notebook computed, recomputed from the store the builds left (the kernel reads only that)."""
    data = built["root"] / "data"
    return {g: TrendsReport(FIRST, LAST, data, geography=g) for g in (TODAY, HISTORICAL)}


def stored_rows(built, period: str, dataset: str) -> pl.DataFrame:
    data = StoredData(load_context(built["root"] / "data"))
    return data.frames(Period.parse(period))[dataset].filter(pl.col("desk") == "commune")


def fraction(report: TrendsReport, unit_id: str, period: str, key: str) -> tuple[int, int]:
    rows = report.communes.filter((pl.col("unit_id") == unit_id) & (pl.col("period") == period)
                                  & (pl.col("key") == key))
    assert rows.height == 1, rows
    return rows.item(0, "numerator"), rows.item(0, "denominator")


def test_luong_tai_in_2024_09_is_the_sum_of_its_predecessors_stored_rows(built, reports):
    dossiers = stored_rows(built, "2024-09", "dossiers").filter(pl.col("unit_id").is_in(PREDECESSORS))
    payments = stored_rows(built, "2024-09", "payments").filter(pl.col("unit_id").is_in(PREDECESSORS))
    assert dossiers.height == payments.height == 3
    on_time = (int(dossiers["resolved_early"].sum() + dossiers["resolved_on_time"].sum()), int(dossiers["resolved"].sum()))
    online = (int(dossiers["received_online"].sum()), int(dossiers["received"].sum()))
    paid = (int(payments["paid_online"].sum()), int(payments["fee_bearing"].sum()))
    today = reports[TODAY]
    assert fraction(today, LUONG_TAI, "2024-09", "on_time_rate") == on_time
    assert fraction(today, LUONG_TAI, "2024-09", "online_reception_rate") == online
    assert fraction(today, LUONG_TAI, "2024-09", "online_payment_rate") == paid
    assert today.communes.filter(pl.col("unit_id") == LUONG_TAI).get_column("exact").all()  # no split: exact
    # after 1/7/2025 it is its own row, as stored
    own = stored_rows(built, "2025-09", "payments").filter(pl.col("unit_id") == LUONG_TAI)
    assert fraction(today, LUONG_TAI, "2025-09", "online_payment_rate") == (own.item(0, "paid_online"),
                                                                            own.item(0, "fee_bearing"))


def test_today_has_the_four_communes_of_today_and_historical_keeps_the_old_ones(reports):
    today, historical = reports[TODAY].communes, reports[HISTORICAL].communes
    assert set(today.get_column("unit_id")) == {LUONG_TAI, "lam_thao_2025", "trung_chinh_2025", "trung_kenh_2025"}
    lai_ha = historical.filter(pl.col("unit_id") == "lai_ha").get_column("period").unique().sort().to_list()
    assert lai_ha == [f"2024-{m:02d}" for m in range(1, 13)]  # 2024 figures, none after its merger
    assert "Lai Hạ" in historical.get_column("unit").to_list()
    assert not historical.filter((pl.col("unit_id") == "lai_ha") & (pl.col("period") >= "2026-01")).height
    assert historical.filter((pl.col("unit_id") == "tt_thua") & (pl.col("period") == "2024-09")).height == 4


def test_the_same_period_last_year_is_restated_through_the_lineage(built, reports):
    september = TrendsReport("2025-01", "2025-09", built["root"] / "data")
    compared = september.last_year_payment().filter(pl.col("unit_id") == LUONG_TAI)
    payments = stored_rows(built, "2024-09", "payments").filter(pl.col("unit_id").is_in(PREDECESSORS))
    expected = round(100 * payments["paid_online"].sum() / payments["fee_bearing"].sum(), 2)
    assert compared.height == 1 and compared.item(0, "last_year") == pytest.approx(expected, abs=0.005)
    html = september.summary_table(nanoplots=True).as_raw_html()
    assert "Cùng kỳ năm trước (%)" in html
    assert "Cùng kỳ năm trước: kỳ 09/2024" in september.summary_markdown().replace("\\", "")


def test_break_markers_in_every_time_chart_and_notes_under_the_tables(built, reports):
    for geography, report in reports.items():
        for element, _, chart in report.charts():
            spec = json.dumps(chart.to_dict(), ensure_ascii=False)
            for label in ("01/1/2025: sắp xếp ĐVHC", "01/7/2025: sắp xếp ĐVHC"):
                assert label in spec, (geography, element)
            assert '"rule"' in spec and BREAK_NOTES[1] in spec, (geography, element)
        summary, index_766 = report.summary_markdown(), report.index_766_markdown()
        for note in BREAK_NOTES:
            assert note in summary.replace("\\", ""), geography
        assert "09/2025¹²" in index_766  # first row of the 766 table after both reorganisations
        assert BREAK_NOTES[1] in index_766.replace("\\", "")
        page = " ".join(built[geography].read_text(encoding="utf-8").split())  # pandoc wraps lines
        assert BREAK_NOTES[1] in page and GEOGRAPHY_NOTES[geography] in page


def test_the_tiers_are_named_by_the_profile_of_the_ranges_end(reports):
    assert reports[TODAY].labels == {"centre": "Trung tâm PVHCC xã", "communes": "UBND xã"}
    assert "| UBND xã | Tỷ lệ thanh toán trực tuyến |" in reports[TODAY].headline_markdown()
    assert tier_labels(load_profile(None)) == {"centre": "Trung tâm HCC", "communes": "Xã, thị trấn"}  # the seed


def test_the_geography_is_part_of_the_build_key(built):
    context = load_context(built["root"] / "data")
    first, last = Period.parse(FIRST), Period.parse(LAST)
    keys = {g: trends_key_parts(context, first, last, ("html",), Engine.PANDOC, g) for g in (TODAY, HISTORICAL)}
    assert keys[TODAY] != keys[HISTORICAL]
    manifests = [json.loads((built[g].parent / "manifest.json").read_text(encoding="utf-8")) for g in (TODAY, HISTORICAL)]
    assert manifests[0]["build_key"] != manifests[1]["build_key"]


def test_an_unknown_geography_is_a_usage_error_naming_the_choices(built):
    completed = run_tthc("trends", "--from", FIRST, "--to", LAST, "--data", "data", "--geography", "tomorrow",
                         cwd=built["root"])
    assert completed.returncode == 2
    assert "--geography: địa giới 'tomorrow' không hợp lệ" in completed.stderr
    assert "today (địa giới hiện nay)" in completed.stderr


def test_every_chart_the_build_displays_is_valid(reports) -> None:
    """The build displays charts unvalidated (chart_display: validation was a third of a cell's time); every
    chart of the trends, with its reorganisation marks, passes Altair's Vega-Lite schema validation here."""
    from tthc.report.charts import chart_display

    charts = [chart for report in reports.values() for _, _, chart in report.charts()]
    assert len(charts) >= 5
    for chart in charts:
        _, metadata = chart_display(chart, element_id="c")
        assert next(iter(metadata.values())) == chart.to_dict()  # to_dict() validates, and raises when invalid
