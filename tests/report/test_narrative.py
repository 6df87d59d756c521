"""Month-on-month wording: percentage points from exact fractions, nothing when there is no previous month."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tthc.indicators import Rate
from tthc.period import Period
from tthc.report.narrative import change_phrase, month_label, rate_change


def rate(numerator: int, denominator: int) -> Rate:
    from tthc.formatting.numbers import percentage

    return Rate("online_payment_rate", numerator, denominator, percentage(numerator, denominator), "test")


SEPTEMBER, AUGUST = Period(2024, 9), Period(2024, 8)


def test_change_is_computed_from_exact_fractions_not_rounded_rates():
    september = rate(778, 1170)  # 66,4957… prints 66,50
    august = rate(710, 1221)  # 58,1490… prints 58,15
    assert august.value == Decimal("58.15")
    assert september.value - august.value == Decimal("8.35")  # what subtracting printed rates would say
    assert rate_change(september, august) == Decimal("8.35")
    august = rate(1423, 2447)  # 58,1528… prints 58,15
    assert august.value == Decimal("58.15")
    assert rate_change(september, august) == Decimal("8.34")
    assert change_phrase(september, august, AUGUST, SEPTEMBER) == " (tăng 8,34 điểm phần trăm so với tháng 8)"


def test_decrease_and_no_change():
    assert change_phrase(rate(50, 100), rate(60, 100), AUGUST, SEPTEMBER) == (
        " (giảm 10,00 điểm phần trăm so với tháng 8)")
    assert change_phrase(rate(1, 2), rate(2, 4), AUGUST, SEPTEMBER) == " (không đổi so với tháng 8)"


@pytest.mark.parametrize("previous", [None, rate(0, 0)])
def test_nothing_is_said_without_a_comparable_previous_rate(previous):
    assert change_phrase(rate(1, 2), previous, AUGUST, SEPTEMBER) == ""


def test_month_label_names_the_year_across_a_year_boundary():
    assert month_label(Period(2023, 12), Period(2024, 1)) == "tháng 12/2023"
    assert month_label(AUGUST, SEPTEMBER) == "tháng 8"
