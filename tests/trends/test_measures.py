"""Change, year-to-date and projection measures on small hand-made series."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl

from tthc.trends.measures import project_year_end, with_changes, with_year_to_date
from tthc.trends.series import SERIES_SCHEMA


def series(rows):
    return pl.DataFrame(rows, schema=SERIES_SCHEMA, orient="row")


SAMPLE = series([
    ("2024-08", date(2024, 8, 23), "communes", "online_payment_rate", 1423, 2447, 58.15, True),
    ("2024-09", date(2024, 9, 23), "communes", "online_payment_rate", 778, 1170, 66.50, False),
    ("2024-08", date(2024, 8, 23), "communes", "received_total", 400, None, 400.0, True),
    ("2024-09", date(2024, 9, 23), "communes", "received_total", 438, None, 438.0, False),
])


def test_rate_change_in_points_from_exact_fractions_and_count_difference():
    changed = with_changes(SAMPLE)
    by = {(r["key"], r["period"]): r["change"] for r in changed.iter_rows(named=True)}
    assert by[("online_payment_rate", "2024-08")] is None
    assert by[("online_payment_rate", "2024-09")] == 8.34
    assert by[("received_total", "2024-09")] == 38.0


def test_year_to_date_sums_fractions_not_rates():
    ytd = with_year_to_date(SAMPLE)
    row = ytd.filter((pl.col("key") == "online_payment_rate") & (pl.col("period") == "2024-09")).row(0, named=True)
    assert (row["ytd_numerator"], row["ytd_denominator"]) == (1423 + 778, 2447 + 1170)
    assert row["ytd_value"] == 60.85  # 2201/3617 = 60,851…
    count = ytd.filter((pl.col("key") == "received_total") & (pl.col("period") == "2024-09")).row(0, named=True)
    assert count["ytd_value"] == 838.0


def test_projection_of_a_straight_line_reaches_its_year_end_value():
    points = [(date(2024, m, 23), 30.0 + 5 * (m - 1)) for m in range(1, 10)]
    projection = project_year_end(points, Decimal("95"), 2024)
    # 5 points a month: the line passes 70 at 23/9 and about 86,2 at 31/12
    assert Decimal("85.5") < projection.projected < Decimal("87")
    assert projection.reaches_target is False and projection.months_used == 9


def test_projection_is_clipped_and_needs_two_points():
    steep = [(date(2024, 1, 23), 50.0), (date(2024, 2, 23), 90.0)]
    assert project_year_end(steep, Decimal("95"), 2024).projected == Decimal("100.00")
    assert project_year_end(steep[:1], Decimal("95"), 2024).projected is None
