"""Indicators across periods, from the tidy store: the same figures as the monthly reports, in one frame.

Rates are recomputed from their numerators and denominators, so a trend line
and a monthly report can never disagree.
"""

from __future__ import annotations

import polars as pl

from tthc.formatting.numbers import percentage
from tthc.indicators import compute_indicators
from tthc.period import Period
from tthc.stored import StoredData, analyst_from_frames

DESKS = ("centre", "communes")
RATE_KEYS = ("on_time_rate", "online_reception_rate", "digitisation_rate", "online_payment_rate")
RATE_LABELS = {
    "on_time_rate": "Tỷ lệ giải quyết sớm và đúng hạn",
    "online_reception_rate": "Tỷ lệ tiếp nhận trực tuyến",
    "digitisation_rate": "Tỷ lệ số hóa kết quả",
    "online_payment_rate": "Tỷ lệ thanh toán trực tuyến",
}
DESK_LABELS = {"centre": "Trung tâm HCC", "communes": "Xã, thị trấn"}
COUNT_KEYS = ("received_total", "received_outside", "received_online", "resolved", "resolved_in_time",
              "resolved_late", "pending_overdue")
SERIES_SCHEMA = {"period": pl.String, "end": pl.Date, "desk": pl.String, "key": pl.String,
                 "numerator": pl.Int64, "denominator": pl.Int64, "value": pl.Float64, "synthetic": pl.Boolean}


def exact_rate(numerator: str, denominator: str) -> pl.Expr:
    """The report's rate (exact fraction, half-up to 2 decimals) as a float column; null when 0/0."""
    def one(pair: dict) -> float | None:
        value = percentage(int(pair["n"]), int(pair["d"])) if pair["d"] else None
        return float(value) if value is not None else None

    return pl.struct(n=pl.col(numerator), d=pl.col(denominator)).map_elements(one, return_dtype=pl.Float64)


def history_start(first: Period) -> Period:
    """Year-to-date figures count from January of the range's first year, whatever the range's start."""
    return Period(first.year, 1)


def available_periods(data: StoredData, first: Period, last: Period) -> list[Period]:
    """Periods in [first, last] whose validated data are in the store."""
    periods = []
    period = first
    while period <= last:
        if data.frames(period).get("dossiers") is not None:
            periods.append(period)
        period = period.next()
    return periods


def desk_series(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    """One row per (period, desk, indicator): rates with their fractions, counts with numerator = value."""
    rows = []
    for period in periods:
        frames = data.frames(period)
        analyst = analyst_from_frames(frames)
        indicators = compute_indicators(period, frames, analyst, data.context.organisation, data.context.registry,
                                        data.context.profile, data.context.catalogue)
        for desk in DESKS:
            figures = getattr(indicators, desk)
            if not figures.present:  # no export for this desk in that period: no point, not a zero
                continue
            for key in RATE_KEYS:
                rate = figures.rates.get(key)
                if rate is not None:
                    rows.append((str(period), indicators.end, desk, key, rate.numerator, rate.denominator,
                                 float(rate.value) if rate.value is not None else None,
                                 indicators.is_synthetic(rate)))
            for key in COUNT_KEYS:
                count = figures.counts[key]
                rows.append((str(period), indicators.end, desk, key, count.value, None, float(count.value),
                             indicators.is_synthetic(count)))
    return pl.DataFrame(rows, schema=SERIES_SCHEMA, orient="row")


def received_by_channel(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    """Dossiers received per desk and channel (all units, the tax office included), long format."""
    frames = [data.frames(p)["dossiers"].with_columns(pl.lit(str(p)).alias("period")) for p in periods]
    if not frames:
        return pl.DataFrame(schema={"period": pl.String, "desk": pl.String, "channel": pl.String, "value": pl.Int64})
    dossiers = pl.concat(frames, how="vertical_relaxed")
    wide = dossiers.group_by("period", "desk").agg(
        pl.col("received_direct").sum().alias("Trực tiếp"), pl.col("received_online").sum().alias("Trực tuyến"))
    return (wide.unpivot(index=["period", "desk"], variable_name="channel", value_name="value")
            .with_columns(pl.col("desk").replace({"commune": "communes"}))
            .sort("period", "desk", "channel"))


def _unit_rates_for(frames: dict[str, pl.DataFrame], period: Period) -> pl.DataFrame:
    dossiers = frames["dossiers"].filter(pl.col("desk") == "commune")
    parts = [
        dossiers.select("unit_id", pl.lit("on_time_rate").alias("key"),
                        (pl.col("resolved_early") + pl.col("resolved_on_time")).alias("numerator"),
                        pl.col("resolved").alias("denominator")),
        dossiers.select("unit_id", pl.lit("online_reception_rate").alias("key"),
                        pl.col("received_online").alias("numerator"), pl.col("received").alias("denominator")),
        dossiers.select("unit_id", pl.lit("digitisation_rate").alias("key"),
                        pl.col("results_digitised").alias("numerator"), pl.col("resolved").alias("denominator")),
    ]
    payments = frames.get("payments")
    if payments is not None:
        parts.append(payments.filter(pl.col("desk") == "commune").select(
            "unit_id", pl.lit("online_payment_rate").alias("key"), pl.col("paid_online").alias("numerator"),
            pl.col("fee_bearing").alias("denominator")))
    return pl.concat(parts).with_columns(pl.lit(str(period)).alias("period"))


def commune_rates(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    """Per commune, per period, per headline rate: fraction, rate (half-up, 2 decimals) and rank (1 = best)."""
    names = pl.DataFrame({"unit_id": [u.id for u in data.context.registry.units],
                          "unit": [u.short_name for u in data.context.registry.units]})
    frames = [_unit_rates_for(data.frames(p), p) for p in periods]
    if not frames:
        return pl.DataFrame()
    rates = pl.concat(frames).join(names, on="unit_id", how="left").with_columns(
        exact_rate("numerator", "denominator").alias("value"))
    return rates.with_columns(
        pl.col("value").rank(method="min", descending=True).over("period", "key").cast(pl.Int64).alias("rank")
    ).sort("period", "key", "rank")


def signing_by_group(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    rows = []
    for period in periods:
        signing = data.frames(period).get("signing")
        if signing is None:
            continue
        groups = {u.id: u.group for u in data.context.registry.units}
        summed = (signing.with_columns(pl.col("unit_id").replace_strict(groups, return_dtype=pl.String).alias("unit_group"))
                  .group_by("unit_group").agg(pl.col("docs_out").sum(), pl.col("docs_out_signed").sum(),
                                              pl.col("docs_out_signed_from_workfiles").sum()))
        rows.append(summed.with_columns(pl.lit(str(period)).alias("period")))
    if not rows:
        return pl.DataFrame()
    return pl.concat(rows).with_columns(
        exact_rate("docs_out_signed", "docs_out").alias("rate_signed"),
        exact_rate("docs_out_signed_from_workfiles", "docs_out").alias("rate_signed_from_workfiles"),
    ).sort("period", "unit_group")


def index_766_series(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    """The overall Decision 766 scores of each period that has dossier records (empty otherwise)."""
    frames = []
    for period in periods:
        scores = data.frames(period).get("index_766")
        if scores is not None:
            frames.append(scores.filter(pl.col("unit_id") == "__overall__"))
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()  # stores before versions
