"""Indicators across periods, from the tidy store: the same figures as the monthly reports, in one frame.

Rates are recomputed from their numerators and denominators, so a trend line
and a monthly report can never disagree. The series follow the profile's tiers
(tthc.profile, the version in force at each period's end); the per-commune series
are on the chosen geography (tthc.trends.geography): today's units, history
restated through the lineage, or the units of each period's time.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tthc.formatting.dates import format_date
from tthc.formatting.numbers import percentage
from tthc.indicators import compute_indicators, tier_unit_ids
from tthc.period import Period
from tthc.profile import Profile
from tthc.registry import UnitRegistry
from tthc.stored import StoredData, analyst_from_frames
from tthc.trends.geography import HISTORICAL, TODAY, restate

RATE_KEYS = ("on_time_rate", "online_reception_rate", "digitisation_rate", "online_payment_rate")
RATE_LABELS = {
    "on_time_rate": "Tỷ lệ giải quyết sớm và đúng hạn",
    "online_reception_rate": "Tỷ lệ tiếp nhận trực tuyến",
    "digitisation_rate": "Tỷ lệ số hóa kết quả",
    "online_payment_rate": "Tỷ lệ thanh toán trực tuyến",
}
COUNT_KEYS = ("received_total", "received_outside", "received_online", "resolved", "resolved_in_time",
              "resolved_late", "pending_overdue")
SERIES_SCHEMA = {"period": pl.String, "end": pl.Date, "desk": pl.String, "key": pl.String,
                 "numerator": pl.Int64, "denominator": pl.Int64, "value": pl.Float64, "synthetic": pl.Boolean}
#: The per-unit counts the commune rates are made of; a restatement sums them unit into unit.
UNIT_DOSSIER_FIGURES = ("received", "received_online", "resolved", "resolved_early", "resolved_on_time",
                        "results_digitised")
UNIT_PAYMENT_FIGURES = ("fee_bearing", "paid_online")
COMMUNE_DESK = "commune"  # the dossiers' desk of units of kind commune (tthc.sources)


def tier_labels(profile: Profile) -> dict[str, str]:
    """Tier key → its short name, in the profile's order (Profile.tier_labels)."""
    return profile.tier_labels()


def tier_keys(profile: Profile, present: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The profile's tiers in its order, then any other tier a series holds (one of an earlier version)."""
    keys = [t.key for t in profile.tiers]
    return keys + [k for k in dict.fromkeys(present) if k not in keys]


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
    rows: list[tuple] = []
    for period in periods:
        frames = data.frames(period)
        analyst = analyst_from_frames(frames)
        indicators = compute_indicators(period, frames, analyst, data.context.organisation, data.context.registry,
                                        data.context.profile, data.context.catalogue)
        for desk, figures in indicators.tiers.items():  # the profile's tiers in force at the period's end
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


def _tier_of_units(registry: UnitRegistry, profile: Profile) -> dict[str, str]:
    """Unit id → the key of the profile's tier its kind belongs to (as the indicators count it)."""
    return {unit_id: tier.key for tier in profile.tiers for unit_id in tier_unit_ids(tier, registry)}


def received_by_channel(data: StoredData, periods: list[Period]) -> pl.DataFrame:
    """Dossiers received per tier ("desk") and channel (all units, the tax office included), long format."""
    schema = {"period": pl.String, "desk": pl.String, "channel": pl.String, "value": pl.Int64}
    context = data.context
    frames = []
    for period in periods:
        profile = context.profile.on(period.end(context.organisation.cutoff_day))
        tiers = _tier_of_units(context.registry, profile)
        dossiers = data.frames(period)["dossiers"]
        known = dossiers.filter(pl.col("unit_id").is_in(list(tiers)))
        frames.append(known.with_columns(
            pl.col("unit_id").replace_strict(tiers, return_dtype=pl.String).alias("desk"),
            pl.lit(str(period)).alias("period")))
    if not frames:
        return pl.DataFrame(schema=schema)
    dossiers = pl.concat(frames, how="vertical_relaxed")
    wide = dossiers.group_by("period", "desk").agg(
        pl.col("received_direct").sum().alias("Trực tiếp"), pl.col("received_online").sum().alias("Trực tuyến"))
    return (wide.unpivot(index=["period", "desk"], variable_name="channel", value_name="value")
            .sort("period", "desk", "channel"))


def unit_figures(data: StoredData, periods: list[Period]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The communes' own counts per period, as stored: (dossiers, online payments); payments empty when no
    period has the payments export."""
    dossiers, payments = [], []
    for period in periods:
        frames = data.frames(period)
        keys = [pl.col("unit_id"), pl.col("desk"), pl.lit(str(period)).alias("period")]
        dossiers.append(frames["dossiers"].filter(pl.col("desk") == COMMUNE_DESK)
                        .select(*keys, *(pl.col(c).cast(pl.Int64) for c in UNIT_DOSSIER_FIGURES)))
        paid = frames.get("payments")
        if paid is not None:
            payments.append(paid.filter(pl.col("desk") == COMMUNE_DESK)
                            .select(*keys, *(pl.col(c).cast(pl.Int64) for c in UNIT_PAYMENT_FIGURES)))
    empty = {"unit_id": pl.String, "desk": pl.String, "period": pl.String}
    return (pl.concat(dossiers) if dossiers else pl.DataFrame(schema={**empty, **dict.fromkeys(UNIT_DOSSIER_FIGURES, pl.Int64)}),
            pl.concat(payments) if payments else pl.DataFrame())


def _unit_rates(dossiers: pl.DataFrame, payments: pl.DataFrame) -> pl.DataFrame:
    """Per unit and period, the four headline rates as fractions (with `exact` of the restatement)."""
    keep = ["unit_id", "period", "exact"]
    parts = [
        dossiers.select(*keep, pl.lit("on_time_rate").alias("key"),
                        (pl.col("resolved_early") + pl.col("resolved_on_time")).alias("numerator"),
                        pl.col("resolved").alias("denominator")),
        dossiers.select(*keep, pl.lit("online_reception_rate").alias("key"),
                        pl.col("received_online").alias("numerator"), pl.col("received").alias("denominator")),
        dossiers.select(*keep, pl.lit("digitisation_rate").alias("key"),
                        pl.col("results_digitised").alias("numerator"), pl.col("resolved").alias("denominator")),
    ]
    if payments.height:
        parts.append(payments.select(*keep, pl.lit("online_payment_rate").alias("key"),
                                     pl.col("paid_online").alias("numerator"),
                                     pl.col("fee_bearing").alias("denominator")))
    return pl.concat(parts)


def unit_names(registry: UnitRegistry, unit_ids: list[str]) -> dict[str, str]:
    """Short names; two units of one name (old and new Lâm Thao) told apart by their dates."""
    units = [registry.by_id(u) for u in dict.fromkeys(unit_ids)]
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.short_name] = counts.get(unit.short_name, 0) + 1

    def name(unit) -> str:
        if counts[unit.short_name] == 1:
            return unit.short_name
        if unit.valid_to is not None:
            return f"{unit.short_name} (đến {format_date(unit.valid_to)})"
        if unit.valid_from is not None:
            return f"{unit.short_name} (từ {format_date(unit.valid_from)})"
        return unit.short_name

    return {unit.id: name(unit) for unit in units}


def commune_rates(data: StoredData, periods: list[Period], geography: str = HISTORICAL,
                  day: date | None = None) -> pl.DataFrame:
    """Per commune, per period, per headline rate: fraction, rate (half-up, 2 decimals), rank (1 = best) and
    `exact` (False where a predecessor was split); on `geography`, today's units being those existing on `day`."""
    if not periods:
        return pl.DataFrame()
    registry = data.context.registry
    day = day or periods[-1].end(data.context.organisation.cutoff_day)
    dossiers, payments = unit_figures(data, periods)
    rates = _unit_rates(restate(dossiers, registry, day, geography),
                        restate(payments, registry, day, geography) if payments.height else payments)
    names = unit_names(registry, rates.get_column("unit_id").to_list())
    rates = rates.with_columns(pl.col("unit_id").replace_strict(names, return_dtype=pl.String).alias("unit"),
                               exact_rate("numerator", "denominator").alias("value"))
    return rates.with_columns(
        pl.col("value").rank(method="min", descending=True).over("period", "key").cast(pl.Int64).alias("rank")
    ).sort("period", "key", "rank")


def same_period_last_year(data: StoredData, period: Period) -> pl.DataFrame:
    """The communes' rates of the same period a year before, restated onto the units existing at `period`'s
    end through the lineage (2025-09's xã Lương Tài ← 2024-09's Thứa + Phú Hòa + Tân Lãng); empty when that
    period is not stored."""
    before = Period(period.year - 1, period.month)
    if data.frames(before).get("dossiers") is None:
        return pl.DataFrame()
    return commune_rates(data, [before], TODAY, period.end(data.context.organisation.cutoff_day))


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
