"""Specification of Vietnamese administrative date formats."""

from datetime import date

import pytest

from tthc.formatting.dates import (
    format_date,
    format_month,
    format_month_name,
    format_period_annex,
    format_period_prose,
    format_place_date,
)


@pytest.mark.parametrize(
    ("d", "plain", "padded"),
    [
        (date(2024, 8, 24), "24/8/2024", "24/08/2024"),
        (date(2025, 1, 5), "5/1/2025", "05/01/2025"),
        (date(2024, 12, 31), "31/12/2024", "31/12/2024"),
    ],
)
def test_format_date(d, plain, padded):
    assert format_date(d) == plain
    assert format_date(d, padded=True) == padded


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 9, 24), "Lương Tài, ngày 24 tháng 9 năm 2024"),
        (date(2025, 1, 5), "Lương Tài, ngày 05 tháng 01 năm 2025"),
        (date(2024, 12, 3), "Lương Tài, ngày 03 tháng 12 năm 2024"),
        (date(2024, 2, 15), "Lương Tài, ngày 15 tháng 02 năm 2024"),
        (date(2024, 3, 10), "Lương Tài, ngày 10 tháng 3 năm 2024"),
        (date(2024, 10, 9), "Lương Tài, ngày 09 tháng 10 năm 2024"),
    ],
)
def test_format_place_date_pads_small_days_and_first_two_months(d, expected):
    # Nghị định 30/2020/NĐ-CP: days < 10 and months 1, 2 get a leading zero.
    assert format_place_date("Lương Tài", d) == expected


def test_format_period_prose():
    assert format_period_prose(date(2024, 8, 24), date(2024, 9, 23)) == (
        "Từ ngày 24/8/2024 - 23/9/2024"
    )


def test_format_period_annex():
    assert format_period_annex(date(2024, 8, 24), date(2024, 9, 23)) == (
        "(Từ ngày 24/08/2024-23/09/2024)"
    )


def test_single_day_period_is_allowed():
    day = date(2024, 9, 1)
    assert format_period_prose(day, day) == "Từ ngày 1/9/2024 - 1/9/2024"


@pytest.mark.parametrize("formatter", [format_period_prose, format_period_annex])
def test_reversed_period_is_rejected(formatter):
    with pytest.raises(ValueError):
        formatter(date(2024, 9, 23), date(2024, 8, 24))


def test_format_month():
    assert format_month(2024, 9) == "09/2024"
    assert format_month(2024, 12) == "12/2024"


@pytest.mark.parametrize("month", [0, 13])
def test_format_month_rejects_impossible_months(month):
    with pytest.raises(ValueError):
        format_month(2024, month)


def test_format_month_name_is_how_lists_and_links_name_a_period():
    assert format_month_name(2024, 12) == "Tháng 12/2024"
    assert format_month_name(2024, 9) == "Tháng 09/2024"  # padded, as in the report title "tháng 09/2024"
