"""Periods and their dates under the centre's cut-off day."""

from __future__ import annotations

from datetime import date

import pytest

from tthc.period import Period, PeriodError


def test_september_2024_with_cutoff_24_matches_the_seed():
    p = Period.parse("2024-09")
    assert (p.start(24), p.end(24), p.report_date(24)) == (date(2024, 8, 24), date(2024, 9, 23), date(2024, 9, 24))


def test_january_reaches_back_into_december():
    assert Period.parse("2025-01").start(24) == date(2024, 12, 24)


def test_cutoff_15_follows_decree_09_2019():
    p = Period.parse("2024-03")
    assert (p.start(15), p.end(15)) == (date(2024, 2, 15), date(2024, 3, 14))


def test_cutoff_1_is_the_calendar_month():
    p = Period.parse("2024-02")
    assert (p.start(1), p.end(1), p.report_date(1)) == (date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 1))


@pytest.mark.parametrize("text", ["2024-13", "09/2024", "2024-9", "2024-00", "", "2024-09; rm -rf /", "1999-09"])
def test_malformed_periods_are_rejected_in_vietnamese(text):
    with pytest.raises(PeriodError, match="kỳ báo cáo"):
        Period.parse(text)


def test_previous_and_next_wrap_years():
    assert Period(2024, 1).previous() == Period(2023, 12)
    assert Period(2024, 12).next() == Period(2025, 1)
