"""Every figure of sections 2–5 of the seed report, computed from the shipped exports."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tthc.indicators import PeriodIndicators, compute_indicators
from tthc.pipeline import build_period
from tthc.stored import analyst_from_frames, load_frames

from support import SEPTEMBER, run_tthc


@pytest.fixture
def result(context) -> PeriodIndicators:
    inputs = build_period(context, SEPTEMBER)
    assert not inputs.has_errors
    frames = load_frames(context, SEPTEMBER)
    return compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation, context.registry)


def rate(desk, key):
    r = desk.rates[key]
    return r.numerator, r.denominator, r.value


def test_centre_resolved_figures_exclude_the_tax_office(result):
    centre = result.centre
    assert centre.counts["received_total"].value == 684
    assert centre.counts["received_outside"].value == 400
    assert centre.counts["received_online"].value == 284
    assert centre.counts["resolved"].value == 213  # 613 − 400
    assert centre.outside_units == ("Chi cục Thuế",)
    assert rate(centre, "on_time_rate") == (212, 213, Decimal("99.53"))
    assert rate(centre, "early_rate") == (207, 213, Decimal("97.18"))
    assert rate(centre, "on_due_date_rate") == (5, 213, Decimal("2.35"))
    assert rate(centre, "late_rate") == (1, 213, Decimal("0.47"))


def test_centre_pending_paused_and_cancelled(result):
    counts = {k: c.value for k, c in result.centre.counts.items()}
    assert (counts["pending"], counts["pending_not_due"], counts["pending_overdue"]) == (64, 63, 1)
    assert (counts["paused"], counts["paused_other"], counts["paused_supplement"]) == (7, 7, 0)
    assert (counts["refused"], counts["withdrawn"]) == (0, 0)
    paused = {u.short_name: u.value for u in result.centre.by_unit["paused_other"]}
    assert paused == {"Chi nhánh Văn phòng Đăng ký đất đai": 2, "Phòng Lao động - Thương binh và Xã hội": 5}
    assert [(u.name, u.value) for u in result.centre.by_unit["pending_overdue"]] == [("Phòng Tư pháp", 1)]


def test_centre_online_digitised_and_payment(result):
    assert rate(result.centre, "online_reception_rate") == (284, 284, Decimal("100.00"))
    assert rate(result.centre, "digitisation_rate") == (213, 213, Decimal("100.00"))
    assert rate(result.centre, "online_payment_rate") == (105, 112, Decimal("93.75"))
    # the annex's own payment columns disagree with the portal: both are kept, the portal is used
    assert result.centre.counts["annex_fee_bearing"].value == 61
    assert result.centre.counts["annex_paid_online"].value == 54


def test_communes_rates_are_rounded_half_up(result):
    communes = result.communes
    assert communes.counts["received_total"].value == 438
    assert rate(communes, "on_time_rate") == (407, 419, Decimal("97.14"))
    assert rate(communes, "early_rate") == (377, 419, Decimal("89.98"))
    assert rate(communes, "on_due_date_rate") == (30, 419, Decimal("7.16"))
    assert rate(communes, "late_rate") == (12, 419, Decimal("2.86"))
    assert rate(communes, "online_reception_rate") == (438, 438, Decimal("100.00"))
    assert rate(communes, "digitisation_rate") == (416, 419, Decimal("99.28"))
    # the seed prints a truncated 66,49; 778/1170 = 66,4957… rounds half-up to 66,50
    assert rate(communes, "online_payment_rate") == (778, 1170, Decimal("66.50"))
    counts = {k: c.value for k, c in communes.counts.items()}
    assert (counts["pending"], counts["pending_not_due"], counts["pending_overdue"]) == (13, 12, 1)
    assert (counts["withdrawn"], counts["refused"], counts["paused"], counts["paused_supplement"]) == (6, 0, 0, 0)


def test_commune_payment_classes(result):
    classes = result.payment_classes
    assert [r.short_name for r in classes.full] == ["Minh Tân", "Phú Hòa", "Phú Lương", "Trừng Xá"]
    assert [r.short_name for r in classes.high] == ["Tân Lãng"]
    assert [r.short_name for r in classes.below] == [
        "Thị trấn Thứa", "An Thịnh", "Bình Định", "Lai Hạ", "Lâm Thao", "Mỹ Hương", "Quảng Phú",
        "Trung Chính", "Trung Kênh",
    ]


def test_units_below_full_signing_from_workfiles(result):
    below = [(u.name, u.rate.value) for u in result.signing_below_target]
    assert below == [("Phòng Tài nguyên và Môi trường", Decimal("96.36")), ("Trung tâm GDNN-GDTX", Decimal("54.55"))]
    assert result.signing_district.value == Decimal("99.65")


def test_feedback_uses_stated_totals_and_groups_open_items(result):
    fb = result.feedback
    assert (fb.total.value, fb.handled.value, fb.hidden.value, fb.unanswered.value) == (17, 1, 5, 11)
    assert fb.listed == 16
    groups = [(g.unit_name, g.count, g.hidden) for g in fb.open_groups]
    assert groups == [("UBND xã Lai Hạ", 1, 0), ("UBND xã Phú Hòa", 2, 0), ("UBND xã Tân Lãng", 1, 0),
                      ("UBND thị trấn Thứa", 3, 0), ("UBND xã Trung Kênh", 9, 5)]


def test_analyst_figures(result):
    assert result.analyst.registration_fee_revenue == 2_671_770_000
    assert result.analyst.registration_fee_words == (
        "Hai tỷ, sáu trăm bảy mươi mốt triệu, bảy trăm bảy mươi nghìn đồng")
    assert result.analyst.e_certifications == 566
    assert result.analyst.directives_drafted == 5


def test_every_rate_keeps_its_source(result):
    for desk in (result.centre, result.communes):
        for r in desk.rates.values():
            assert r.source and (".xlsx" in r.source or ".csv" in r.source)


def test_cli_json_contains_every_seed_figure(data_dir):
    completed = run_tthc("indicators", "2024-09", "--json", "--data", str(data_dir))
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    rates = {(d, k): (v["numerator"], v["denominator"], v["display"])
             for d in ("centre", "communes") for k, v in data[d]["rates"].items()}
    assert rates[("centre", "on_time_rate")] == (212, 213, "99,53%")
    assert rates[("centre", "online_payment_rate")] == (105, 112, "93,75%")
    assert rates[("communes", "online_payment_rate")] == (778, 1170, "66,50%")
    assert rates[("communes", "digitisation_rate")] == (416, 419, "99,28%")
    assert data["feedback"]["total"]["value"] == 17
    assert data["period"] == "2024-09" and data["start"] == "2024-08-24" and data["end"] == "2024-09-23"
    assert (data_dir / "store" / "dossiers" / "2024-09.parquet").is_file()
