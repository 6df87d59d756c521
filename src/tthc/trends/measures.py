"""Derived trend measures: change against the previous period, year-to-date figures, year-end projection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

import polars as pl

from tthc.formatting.numbers import percentage, round_half_up

PROJECTION_METHOD = (
    "Ước tính bằng đường xu hướng tuyến tính (phương pháp bình phương tối thiểu) qua tỷ lệ của các kỳ "
    "từ đầu năm đến kỳ gần nhất, theo ngày kết thúc của mỗi kỳ, rồi ngoại suy đến ngày 31/12; "
    "kết quả được giới hạn trong khoảng 0–100%. Đây là ước tính, không phải cam kết."
)


def with_changes(series: pl.DataFrame) -> pl.DataFrame:
    """Add `change`: percentage points for rates (exact fractions), differences for counts."""
    ordered = series.sort("desk", "key", "period")
    previous = ordered.select(
        "desk", "key",
        pl.col("numerator").shift(1).over("desk", "key").alias("prev_numerator"),
        pl.col("denominator").shift(1).over("desk", "key").alias("prev_denominator"),
    )
    combined = pl.concat([ordered, previous.drop("desk", "key")], how="horizontal")

    def change(row: dict) -> float | None:
        if row["prev_numerator"] is None:
            return None
        if row["denominator"] is None:  # a count
            return float(row["numerator"] - row["prev_numerator"])
        if not row["denominator"] or not row["prev_denominator"]:
            return None
        exact = Fraction(100 * row["numerator"], row["denominator"]) - Fraction(
            100 * row["prev_numerator"], row["prev_denominator"])
        return float(round_half_up(exact, 2))

    return combined.with_columns(
        pl.struct("numerator", "denominator", "prev_numerator", "prev_denominator")
        .map_elements(change, return_dtype=pl.Float64).alias("change")
    ).drop("prev_numerator", "prev_denominator")


def with_year_to_date(series: pl.DataFrame) -> pl.DataFrame:
    """Add cumulative numerator/denominator within each calendar year of the period, and the YTD rate."""
    ordered = series.sort("desk", "key", "period").with_columns(pl.col("period").str.slice(0, 4).alias("year"))
    cumulated = ordered.with_columns(
        pl.col("numerator").cum_sum().over("desk", "key", "year").alias("ytd_numerator"),
        pl.col("denominator").cum_sum().over("desk", "key", "year").alias("ytd_denominator"),
    )

    def ytd(row: dict) -> float | None:
        if row["ytd_denominator"] is None:
            return float(row["ytd_numerator"])
        value = percentage(int(row["ytd_numerator"]), int(row["ytd_denominator"]))
        return float(value) if value is not None else None

    return cumulated.with_columns(
        pl.struct("ytd_numerator", "ytd_denominator").map_elements(ytd, return_dtype=pl.Float64).alias("ytd_value")
    ).drop("year")


@dataclass(frozen=True)
class Projection:
    target_date: date
    projected: Decimal | None
    target: Decimal
    months_used: int
    method: str = PROJECTION_METHOD

    @property
    def reaches_target(self) -> bool | None:
        return None if self.projected is None else self.projected >= self.target


def project_year_end(points: list[tuple[date, float]], target: Decimal, year: int) -> Projection:
    """Least-squares line through (period end, rate) of one year, read at 31/12, clipped to 0–100."""
    target_date = date(year, 12, 31)
    points = [(d, v) for d, v in points if d.year == year and v is not None]
    if len(points) < 2:
        return Projection(target_date, None, target, len(points))
    xs = [d.toordinal() for d, _ in points]
    ys = [v for _, v in points]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    value = mean_y + slope * (target_date.toordinal() - mean_x)
    clipped = min(max(value, 0.0), 100.0)
    return Projection(target_date, round_half_up(Fraction(clipped).limit_denominator(10**9), 2), target, n)
