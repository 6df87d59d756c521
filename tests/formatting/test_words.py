"""Specification of Vietnamese number readings (standard Northern rules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.formatting.words import amount_in_words, read_number

READINGS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (9, "chín"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (71, "bảy mươi mốt"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (305, "ba trăm linh năm"),
    (999, "chín trăm chín mươi chín"),
    (1_000, "một nghìn"),
    (1_001, "một nghìn không trăm linh một"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (1_015, "một nghìn không trăm mười lăm"),
    (1_100, "một nghìn một trăm"),
    (2_024, "hai nghìn không trăm hai mươi bốn"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (25_025, "hai mươi lăm nghìn không trăm hai mươi lăm"),
    (100_000, "một trăm nghìn"),
    (105_000, "một trăm linh năm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_001, "một triệu không trăm linh một"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_200_000, "một triệu hai trăm nghìn"),
    (5_000_020, "năm triệu không trăm hai mươi"),
    (21_000_000, "hai mươi mốt triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_001, "một tỷ không trăm linh một"),
    (1_000_001_000, "một tỷ không trăm linh một nghìn"),
    (2_000_000_000, "hai tỷ"),
    (2_671_770_000, "hai tỷ sáu trăm bảy mươi mốt triệu bảy trăm bảy mươi nghìn"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_234_000_000_000, "một nghìn hai trăm ba mươi bốn tỷ"),
    (1_000_000_000_005, "một nghìn tỷ không trăm linh năm"),
    (1_000_000_000_000_000, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
]


@pytest.mark.parametrize(("n", "expected"), READINGS)
def test_read_number(n, expected):
    assert read_number(n) == expected


def test_read_number_reaches_a_quintillion():
    nine_groups = "chín trăm chín mươi chín"
    expected = (
        f"{nine_groups} triệu {nine_groups} nghìn {nine_groups} tỷ "
        f"{nine_groups} triệu {nine_groups} nghìn {nine_groups}"
    )
    assert read_number(10**18 - 1) == expected


def test_read_number_rejects_negative_numbers():
    with pytest.raises(ValueError):
        read_number(-1)


def test_read_number_rejects_non_integers():
    with pytest.raises(TypeError):
        read_number(1.0)  # type: ignore[arg-type]


def test_zero_tens_option_selects_le():
    assert read_number(105, zero_tens="lẻ") == "một trăm lẻ năm"
    assert read_number(2_001, zero_tens="lẻ") == "hai nghìn không trăm lẻ một"


def test_four_after_tens_option_only_applies_after_muoi():
    assert read_number(24, four_after_tens="tư") == "hai mươi tư"
    assert read_number(234, four_after_tens="tư") == "hai trăm ba mươi tư"
    assert read_number(14, four_after_tens="tư") == "mười bốn"
    assert read_number(104, four_after_tens="tư") == "một trăm linh bốn"
    assert read_number(4, four_after_tens="tư") == "bốn"


def test_thousand_option_selects_ngan():
    assert read_number(2_024, thousand="ngàn") == "hai ngàn không trăm hai mươi bốn"
    assert read_number(10**12, thousand="ngàn") == "một ngàn tỷ"


def test_group_separator_goes_between_groups():
    assert read_number(2_671_770_000, group_separator=", ") == (
        "hai tỷ, sáu trăm bảy mươi mốt triệu, bảy trăm bảy mươi nghìn"
    )
    assert (
        read_number(1_000_001, group_separator=", ") == "một triệu, không trăm linh một"
    )


def test_amount_in_words_separates_groups_with_commas():
    assert amount_in_words(2_671_770_000) == (
        "Hai tỷ, sáu trăm bảy mươi mốt triệu, bảy trăm bảy mươi nghìn đồng"
    )


def test_amount_in_words_without_commas():
    assert amount_in_words(2_671_770_000, group_commas=False) == (
        "Hai tỷ sáu trăm bảy mươi mốt triệu bảy trăm bảy mươi nghìn đồng"
    )


def test_amount_in_words_small_amounts_and_currency():
    assert amount_in_words(0) == "Không đồng"
    assert amount_in_words(15_000) == "Mười lăm nghìn đồng"
    assert amount_in_words(1_000_000, currency="USD") == "Một triệu USD"
    assert amount_in_words(5, currency="") == "Năm"


def test_amount_in_words_rejects_negative_amounts():
    with pytest.raises(ValueError):
        amount_in_words(-1)


# --- An independent words -> int parser, used to check readings by value. ---

DIGIT_VALUES = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
    "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6}


def parse_reading(text: str) -> int:
    """Turn a Vietnamese reading back into a number.

    "tỷ" multiplies everything said before it (so "một nghìn tỷ" is 10**12);
    "nghìn" and "triệu" multiply only what was said since the last larger
    scale word.
    """
    parts: list[tuple[int, int]] = []  # (value, magnitude of its scale word)
    small = 0
    last_digit = 0
    for word in text.replace(",", " ").split():
        if word in DIGIT_VALUES:
            last_digit = DIGIT_VALUES[word]
            small += last_digit
        elif word == "mười":
            small += 10
        elif word == "mươi":
            small += last_digit * 9
        elif word == "trăm":
            small += last_digit * 99
        elif word in ("linh", "lẻ"):
            pass
        elif word == "tỷ":
            total = small + sum(value for value, _ in parts)
            parts, small = [(total * 10**9, 10**9)], 0
        elif word in SCALES:
            scale = SCALES[word]
            below = [value for value, magnitude in parts if magnitude < scale]
            parts = [(v, m) for v, m in parts if m >= scale]
            parts.append(((small + sum(below)) * scale, scale))
            small = 0
        else:
            raise ValueError(f"unknown word {word!r} in {text!r}")
    return small + sum(value for value, _ in parts)


@pytest.mark.parametrize(("n", "reading"), READINGS)
def test_parser_agrees_with_the_table(n, reading):
    assert parse_reading(reading) == n


# Uniform integers rarely contain zero groups or zero digits; mix in numbers
# assembled from 3-digit groups that stress "không trăm", "linh", "mốt", "lăm".
tricky_groups = st.sampled_from(
    [0, 0, 0, 1, 4, 5, 10, 11, 15, 21, 24, 25, 100, 105, 110]
)
tricky_numbers = st.lists(
    st.one_of(tricky_groups, st.integers(0, 999)), min_size=1, max_size=5
).map(lambda groups: int("".join(f"{g:03d}" for g in groups)))
readable = st.one_of(st.integers(min_value=0, max_value=10**15), tricky_numbers)


@given(readable)
def test_reading_properties(n):
    reading = read_number(n)
    assert "mươi một" not in reading
    assert "mươi năm" not in reading
    assert "mười năm" not in reading
    assert "  " not in reading
    assert reading == reading.strip()
    assert parse_reading(reading) == n


@given(st.one_of(st.integers(min_value=0, max_value=10**18 - 1), tricky_numbers))
def test_options_and_amounts_round_trip(n):
    regional = read_number(n, zero_tens="lẻ", four_after_tens="tư", thousand="ngàn")
    assert parse_reading(regional) == n
    with_commas = amount_in_words(n)
    assert with_commas.replace(",", "") == amount_in_words(n, group_commas=False)
    assert parse_reading(with_commas.lower().removesuffix(" đồng")) == n
