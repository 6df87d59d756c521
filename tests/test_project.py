"""A report's file is named for the kind of its period: the quarter's is not a "báo cáo tháng"."""

from __future__ import annotations

import pytest

from tthc.period import Period
from tthc.project import report_file_stem


@pytest.mark.parametrize(("period", "stem"), [
    ("2024-09", "bao-cao-thang-2024-09"),
    ("2023-Q1", "bao-cao-quy-2023-Q1"),
    ("2024-H1", "bao-cao-6-thang-2024-H1"),
    ("2022", "bao-cao-nam-2022"),
    ("2022-12-15_2023-03-14", "bao-cao-ky-2022-12-15_2023-03-14"),
])
def test_the_file_name_says_the_kind_of_period(period: str, stem: str) -> None:
    assert report_file_stem(Period.parse(period)) == stem
