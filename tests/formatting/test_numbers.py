"""Specification of exact rates and Vietnamese number formatting."""

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from babel import numbers as babel_numbers
from hypothesis import given
from hypothesis import strategies as st

from tthc.formatting import numbers
from tthc.formatting.numbers import (
    format_decimal,
    format_int,
    format_percent,
    format_points,
    pad_count,
    percentage,
    round_half_up,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (212, 213, "99.53"),
        (207, 213, "97.18"),
        (5, 213, "2.35"),
        (1, 213, "0.47"),
        (407, 419, "97.14"),
        (377, 419, "89.98"),
        (30, 419, "7.16"),
        (12, 419, "2.86"),
        (416, 419, "99.28"),
        (105, 112, "93.75"),
        (778, 1170, "66.50"),  # 66.4957…: truncating would give 66.49
        (285, 286, "99.65"),
        (12, 22, "54.55"),
        (53, 55, "96.36"),
        (284, 284, "100.00"),
        (0, 284, "0.00"),
    ],
)
def test_percentage_is_exact_and_rounded_half_up(numerator, denominator, expected):
    result = percentage(numerator, denominator)
    assert result == Decimal(expected)
    assert str(result) == expected  # always exactly two decimals


def test_percentage_is_undefined_without_denominator():
    assert percentage(0, 0) is None
    assert percentage(5, 0) is None


def test_percentage_places_are_configurable():
    assert str(percentage(1, 3, places=0)) == "33"
    assert str(percentage(2, 3, places=1)) == "66.7"
    assert str(percentage(1, 8, places=1)) == "12.5"
    assert str(percentage(1, 8, places=0)) == "13"  # 12.5 rounds up, not to even


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("2.345"), 2, "2.35"),
        (Decimal("2.3449999"), 2, "2.34"),
        (Decimal("0.125"), 2, "0.13"),  # HALF_EVEN would give 0.12
        (Decimal("-0.125"), 2, "-0.13"),  # halves go away from zero
        (Decimal("-0.001"), 2, "0.00"),  # no negative zero
        (Fraction(2, 3), 3, "0.667"),
        (Fraction(1, 200), 2, "0.01"),
        (7, 2, "7.00"),
        (7, 0, "7"),
        (Decimal("1E+3"), 1, "1000.0"),
    ],
)
def test_round_half_up(value, places, expected):
    assert str(round_half_up(value, places)) == expected


def test_round_half_up_rejects_negative_places():
    with pytest.raises(ValueError):
        round_half_up(1, -1)


@given(
    st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**6),
    st.integers(min_value=0, max_value=6),
)
def test_round_half_up_matches_decimal_rounding(value, places):
    # Independent oracle: decimal's own ROUND_HALF_UP on a precise quotient.
    with localcontext() as ctx:
        ctx.prec = 200
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (2671770000, "2.671.770.000"),
        (1170, "1.170"),
        (999, "999"),
        (1000, "1.000"),
        (0, "0"),
        (-1234, "-1.234"),
        (-5, "-5"),
    ],
)
def test_format_int_groups_thousands_with_dots(n, expected):
    assert format_int(n) == expected


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_format_int_matches_python_grouping(n):
    assert format_int(n) == f"{n:,}".replace(",", ".")


def test_format_int_refuses_non_integers():
    with pytest.raises(TypeError):
        format_int(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (99.53, 2, "99,53"),
        (100, 2, "100,00"),
        (1234.5, 2, "1.234,50"),
        (Decimal("66.495"), 2, "66,50"),
        (Decimal("1234.505"), 2, "1.234,51"),  # babel alone would round to even
        (Decimal(2671770000), 0, "2.671.770.000"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("-1234.5"), 1, "-1.234,5"),
        (Decimal("-0.004"), 2, "0,00"),
        (2.675, 2, "2,68"),  # floats are taken at their repr, as typed
        (0, 3, "0,000"),
    ],
)
def test_format_decimal(value, places, expected):
    assert format_decimal(value, places) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_format_decimal_rejects_non_finite(bad):
    with pytest.raises(ValueError):
        format_decimal(bad)


def test_format_percent():
    assert format_percent(Decimal("99.53")) == "99,53%"
    assert format_percent(Decimal(100)) == "100,00%"
    assert format_percent(Decimal("7.5"), places=1) == "7,5%"
    assert format_percent(percentage(778, 1170)) == "66,50%"


def test_format_percent_marks_undefined_rate_with_en_dash():
    assert format_percent(None) == "\u2013"
    assert format_percent(percentage(3, 0)) == "–"


def test_format_points_drops_the_sign():
    assert format_points(Decimal("-8.34")) == "8,34"
    assert format_points(Decimal("8.34")) == "8,34"
    assert format_points(Decimal("-0.005")) == "0,01"
    assert format_points(Decimal("-1234.5"), places=1) == "1.234,5"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0"),
        (1, "01"),
        (5, "05"),
        (9, "09"),
        (10, "10"),
        (99, "99"),
        (1170, "1.170"),
    ],
)
def test_pad_count(n, expected):
    assert pad_count(n) == expected


def test_pad_count_rejects_negative_counts():
    with pytest.raises(ValueError):
        pad_count(-1)


def test_output_is_normalised_even_if_babel_emits_other_symbols(monkeypatch):
    # Other locales (and possibly future CLDR data) use NBSP/NNBSP groups,
    # U+2212 minus and bidi marks; the output must stay ASCII-style.
    original = babel_numbers.format_decimal

    def quirky(number, format=None, locale=None, **kwargs):
        text = original(number, format=format, locale=locale, **kwargs)
        return "\u200e" + text.replace("-", "\u2212").replace(".", "\u202f")

    monkeypatch.setattr(numbers.babel_numbers, "format_decimal", quirky)
    assert format_int(-2671770000) == "-2.671.770.000"
    assert format_decimal(Decimal("-1234.5")) == "-1.234,50"


def test_falls_back_when_babel_output_is_unusable(monkeypatch):
    monkeypatch.setattr(
        numbers.babel_numbers, "format_decimal", lambda *a, **k: "1,234.50"
    )
    assert format_int(1234) == "1.234"
    assert format_decimal(Decimal("-1234.5")) == "-1.234,50"
    assert format_decimal(Decimal("1234.5"), places=0) == "1.235"
