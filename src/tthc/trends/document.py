"""Everything the trends notebook shows: headline table, projection, charts and the per-unit summary.

The tiers and their names are the profile's at the range's end; the per-commune figures are on the
chosen geography (today's units by default, history restated through the lineage); each reorganisation
inside the range marks the charts (a rule) and the tables (the period marked, a note with its basis).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
from great_tables import GT

from tthc.formatting.dates import format_date, format_month
from tthc.formatting.numbers import format_decimal, format_percent, round_half_up
from tthc.period import Period
from tthc.report.markdown import div, escape, heading, paragraph, raw_html
from tthc.report.narrative import wording
from tthc.stored import StoredData, StoreNotReadyError
from tthc.trends import charts
from tthc.trends.geography import GEOGRAPHY_NOTES, TODAY, Break, breaks, check_geography, inexact_note
from tthc.trends.measures import Projection, project_year_end, with_changes, with_year_to_date
from tthc.trends.series import (
    RATE_KEYS,
    RATE_LABELS,
    available_periods,
    commune_rates,
    desk_series,
    history_start,
    index_766_series,
    received_by_channel,
    same_period_last_year,
    signing_by_group,
    tier_keys,
    tier_labels,
)

if TYPE_CHECKING:
    from great_tables._text import BaseText  # the label type cols_label takes

SYNTHETIC_PERIODS = "Các kỳ sau dùng số liệu minh họa do chương trình tạo ra, không phải số liệu thật: {periods}."
#: Marks of the periods where a reorganisation takes effect, in table cells and before their notes.
BREAK_MARKS = ("¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹")


class TrendsReport:
    """The trends of a range of periods, from the store alone (the build has validated and stored them)."""

    def __init__(self, period_from: str | Period, period_to: str | Period, data_dir: str | Path,
                 snapshot_file: str | Path = "", geography: str = TODAY) -> None:
        self.first, self.last = (p if isinstance(p, Period) else Period.parse(p) for p in (period_from, period_to))
        self.geography = check_geography(geography)
        self.data = StoredData.open(data_dir, snapshot_file)
        self.context = self.data.context
        self.periods = available_periods(self.data, self.first, self.last)
        if not self.periods:
            raise StoreNotReadyError(
                f"kho số liệu chưa có số liệu đã kiểm tra của kỳ nào từ {self.first} đến {self.last}: chạy "
                f"`tthc trends --from {self.first} --to {self.last}` (lệnh này kiểm tra rồi lưu từng kỳ) trước")
        # year-to-date counts from January (and a change from the month before the range) whatever the range
        history = available_periods(self.data, history_start(self.first), self.last)
        full = with_year_to_date(with_changes(desk_series(self.data, history)))
        self.series = full.filter(pl.col("period") >= str(self.first))
        cutoff = self.context.organisation.cutoff_day
        self.end = self.periods[-1].end(cutoff)  # "today" of the geography: the end of the latest stored period
        self.profile = self.context.profile.on(self.end)  # the tiers and their names as they are at the end
        self.labels = tier_labels(self.profile)
        self.tiers = tier_keys(self.profile, self.series.get_column("desk").to_list())
        self.breaks: tuple[Break, ...] = breaks(self.context.registry, self.first.start(cutoff), self.end)
        self.received = received_by_channel(self.data, self.periods)
        self.communes = commune_rates(self.data, self.periods, self.geography, self.end)
        self.last_year = same_period_last_year(self.data, self.periods[-1])
        self.signing = signing_by_group(self.data, self.periods)
        self.target = self.context.organisation.thresholds.online_payment_target
        self.index_766 = index_766_series(self.data, self.periods)

    @property
    def synthetic_periods(self) -> list[str]:
        flagged = self.series.filter(pl.col("synthetic")).get_column("period").unique().sort()
        return flagged.to_list()

    @staticmethod
    def month_names(periods: list[str] | list[Period]) -> str:
        """Periods as the reader knows them ("09/2024"), not by their folder names ("2024-09")."""
        parsed = [p if isinstance(p, Period) else Period.parse(p) for p in periods]
        return ", ".join(format_month(p.year, p.month) for p in parsed)

    def title(self) -> str:
        return f"Xu hướng kết quả giải quyết TTHC từ kỳ {self.first.month:02d}/{self.first.year} " \
               f"đến kỳ {self.last.month:02d}/{self.last.year}"

    def front_matter(self) -> str:
        organisation = self.context.organisation.for_period(self.last)  # the centre as it is at the range's end
        out = div(escape(organisation.issuing_body_full.upper()), style="Title")
        out += div(escape(self.title()), style="Subtitle")
        if self.synthetic_periods:
            out += div(f"**{escape(SYNTHETIC_PERIODS.format(periods=self.month_names(self.synthetic_periods)))}**",
                       classes=("synthetic-notice",))
        out += paragraph(f"Số kỳ có số liệu đã kiểm tra: {len(self.periods)} "
                         f"({escape(self.month_names(self.periods))})\\.")
        if self.breaks:  # a range with no reorganisation reads as before
            out += paragraph(escape(self.geography_note()))
            out += "".join(paragraph(escape(note)) for note in self.inexact_notes())
            out += "".join(paragraph(escape(f"{mark} {b.note()}")) for mark, b in self.break_marks())
        return out

    def geography_note(self) -> str:
        """Which geography the per-commune figures are on (GEOGRAPHY_NOTES), and on which day."""
        return (f"Địa giới của số liệu theo xã: {GEOGRAPHY_NOTES[self.geography]} "
                f"Đơn vị hành chính hiện nay là các đơn vị có hiệu lực ngày {format_date(self.end)}."
                if self.geography == TODAY else f"Địa giới của số liệu theo xã: {GEOGRAPHY_NOTES[self.geography]}")

    def inexact_notes(self) -> list[str]:
        """One sentence per unit whose restated history sums a split predecessor (empty on the historical one)."""
        if not self.communes.height:
            return []
        inexact = self.communes.filter(~pl.col("exact")).get_column("unit_id").unique(maintain_order=True)
        return [inexact_note(self.context.registry, u, self.end) for u in inexact.to_list()]

    def break_marks(self) -> list[tuple[str, Break]]:
        """(mark, break) of each reorganisation inside the range: "¹" marks its first period in the tables."""
        return list(zip(BREAK_MARKS, self.breaks, strict=False))

    def break_notes_markdown(self) -> str:
        """The notes under a table that spans the reorganisations: the date and legal basis of each."""
        return "".join(paragraph(escape(f"{mark} {b.note()}")) for mark, b in self.break_marks())

    def period_marks(self, periods: list[str]) -> dict[str, str]:
        """Period → the marks of the reorganisations it is the first row after ("2025-07" → "²"), for a table
        whose rows are these periods; a break before the table's first row or after its last marks nothing."""
        rows = sorted(periods)
        marks: dict[str, str] = {}
        for mark, b in self.break_marks():
            after = [p for p in rows if p >= str(b.period)]
            if after and after[0] != rows[0]:
                marks[after[0]] = marks.get(after[0], "") + mark
        return marks

    def latest(self) -> pl.DataFrame:
        last = str(self.periods[-1])
        return self.series.filter((pl.col("period") == last) & pl.col("denominator").is_not_null())

    def headline_markdown(self) -> str:
        out = heading("1\\. Các tỷ lệ chính của kỳ gần nhất", identifier="ty-le-chinh")
        rows = self.latest()
        header = "| Nơi tiếp nhận | Chỉ tiêu | Tỷ lệ | So với kỳ trước | Lũy kế từ đầu năm |\n|---|---|---:|---:|---:|\n"
        lines = []
        for desk in self.tiers:
            for key in RATE_KEYS:
                match = rows.filter((pl.col("desk") == desk) & (pl.col("key") == key))
                if not match.height:
                    continue
                r = match.row(0, named=True)
                change = "" if r["change"] is None else (
                    ("+" if r["change"] > 0 else "−" if r["change"] < 0 else "±")
                    + format_decimal(abs(r["change"]), 2) + "\u00a0điểm\u00a0%")  # never "điểm" / "%" on two lines
                lines.append(f"| {escape(self.labels.get(desk, desk))} | {RATE_LABELS[key]} | {_pct(r['value'])} | {change} | "
                             f"{_pct(r['ytd_value'])} |")
        return out + header + "\n".join(lines) + "\n\n"

    def projection(self, desk: str = "communes") -> Projection:
        rows = self.series.filter((pl.col("desk") == desk) & (pl.col("key") == "online_payment_rate")).sort("period")
        points = list(zip(rows["end"].to_list(), rows["value"].to_list(), strict=True))
        return project_year_end(points, Decimal(self.target), self.periods[-1].year)

    def projection_markdown(self) -> str:
        out = heading("2\\. Dự báo tỷ lệ thanh toán trực tuyến đến cuối năm", identifier="du-bao")
        target = format_decimal(self.target, 0)
        for desk in self.tiers:
            p = self.projection(desk)
            label = escape(self.labels.get(desk, desk))
            if p.projected is None:
                out += paragraph(f"{label}: chưa đủ số kỳ để ước tính\\.")
                continue
            verdict = "đạt" if p.reaches_target else "chưa đạt"
            out += paragraph(
                f"{label}: tỷ lệ thanh toán trực tuyến ước đạt {escape(format_percent(p.projected))} "
                f"vào ngày {escape(format_date(p.target_date))}, {verdict} chỉ tiêu {target}% "
                f"(tính từ {p.months_used} kỳ)\\.")
        out += paragraph(f"*Phương pháp: {escape(self.projection().method)}*")
        return out

    def charts(self) -> list[tuple[str, str | None, object]]:
        """(element id, section heading or None to stay under the previous one, chart)."""
        target = float(self.target)
        # one rates chart per desk that has figures: each axis fitted to its own data, each chart as wide as the page
        desks = [d for d in self.tiers
                 if self.series.filter((pl.col("desk") == d) & pl.col("denominator").is_not_null()).height]
        ids = {"centre": "bieu-do-ty-le", "communes": "bieu-do-ty-le-xa"}  # the seed's ids, kept for its links
        rates = [(ids.get(d, f"bieu-do-ty-le-{d}"), "4\\. Các tỷ lệ chính" if i == 0 else None,
                  charts.rates_chart(self.series, target, d, self.breaks, self.labels)) for i, d in enumerate(desks)]
        return [
            ("bieu-do-ho-so", "3\\. Hồ sơ tiếp nhận", charts.received_chart(self.received, self.breaks, self.labels)),
            *rates,
            ("bieu-do-xa", "5\\. Thanh toán trực tuyến theo xã",
             charts.commune_payment_chart(self.communes, target, self.breaks)),
            ("bieu-do-ky-so", "6\\. Ký số văn bản", charts.signing_chart(self.signing, self.breaks)),
        ]

    def summary_table(self, *, nanoplots: bool) -> GT:
        """One row per commune: latest payment rate, its rank and the series (a nanoplot in HTML); with the
        same period of the previous year (restated through the lineage) when it is stored."""
        pay = self.communes.filter(pl.col("key") == "online_payment_rate").sort("period")
        last = str(self.periods[-1])
        wide = pay.group_by("unit_id", "unit").agg(
            pl.col("value").alias("series"),
            pl.col("value").filter(pl.col("period") == last).first().alias("latest"),
            pl.col("rank").filter(pl.col("period") == last).first().alias("rank"),
        ).sort("rank", "unit", nulls_last=True)  # ties by name (same each build); one merged away comes last
        labels: dict[str, str | BaseText] = {"unit": "Xã, thị trấn", "latest": "Kỳ gần nhất (%)", "rank": "Xếp hạng"}
        compared = self.last_year_payment()
        if compared.height:
            wide = wide.join(compared, on="unit_id", how="left")
            labels.update(last_year="Cùng kỳ năm trước (%)", vs_last_year="So với cùng kỳ (điểm %)")
        wide = wide.drop("unit_id")
        if nanoplots:
            data = wide.with_columns(pl.col("series").list.eval(pl.element().fill_null(0)).alias("trend")).drop("series")
            table = GT(data, id="bang-tong-hop-xa").fmt_nanoplot(columns="trend", plot_type="line")
            table = table.cols_label(cases={**labels, "trend": "Diễn biến"})
        else:
            data = wide.with_columns(pl.col("series").list.eval(
                pl.element().round(2).cast(pl.String).str.replace(r"\.", ",")).list.join(" · ").alias("trend")
            ).drop("series")
            table = GT(data, id="bang-tong-hop-xa-word").cols_label(cases={**labels, "trend": "Các kỳ (%)"})
        numbers = ["latest", *(["last_year", "vs_last_year"] if compared.height else [])]
        table = table.fmt_number(columns=numbers, decimals=2, sep_mark=".", dec_mark=",")
        return table.sub_missing(columns=[*numbers, "rank"], missing_text="–")

    def last_year_payment(self) -> pl.DataFrame:
        """Per commune of the latest period: the online payment rate a year before, on its geography, and the
        change in points (from the exact fractions); empty when that period is not stored."""
        if not self.last_year.height:
            return pl.DataFrame()
        now = self.communes.filter((pl.col("key") == "online_payment_rate") & (pl.col("period") == str(self.periods[-1])))
        before = self.last_year.filter(pl.col("key") == "online_payment_rate").select(
            "unit_id", pl.col("numerator").alias("n0"), pl.col("denominator").alias("d0"),
            pl.col("value").alias("last_year"))
        joined = now.select("unit_id", "numerator", "denominator").join(before, on="unit_id", how="inner")

        def points(row: dict) -> float | None:
            if not row["denominator"] or not row["d0"]:
                return None
            exact = Fraction(100 * row["numerator"], row["denominator"]) - Fraction(100 * row["n0"], row["d0"])
            return float(round_half_up(exact, 2))

        return joined.with_columns(pl.struct("numerator", "denominator", "n0", "d0").map_elements(
            points, return_dtype=pl.Float64).alias("vs_last_year")).select("unit_id", "last_year", "vs_last_year")

    def index_766_markdown(self) -> str:
        out = heading("8\\. Bộ chỉ số 766 qua các kỳ", identifier="chi-so-766")
        if not self.index_766.height:
            return out + paragraph("Chưa có danh sách hồ sơ của kỳ nào nên chưa tính được Bộ chỉ số 766\\.")
        area = wording(self.profile.wording, "whole_area")  # the area as it is at the range's end
        out += paragraph(f"Tính từ danh sách hồ sơ của từng kỳ, {escape(area)}, trừ các đơn vị ngoài hệ thống một cửa; "
                         "ngưỡng, điểm và cách xếp loại theo tệp data/reference/index\\_766\\.yaml\\.")
        marks = self.period_marks(self.index_766.get_column("period").unique().to_list())
        table = index_766_table(self.index_766, marks)
        out += raw_html(f'<div class="table-scroll">{table.as_raw_html()}</div>')
        shown = "".join(marks.values())
        return out + "".join(paragraph(escape(f"{mark} {b.note()}")) for mark, b in self.break_marks() if mark in shown)

    def summary_markdown(self) -> str:
        out = heading("7\\. Tổng hợp theo xã, thị trấn", identifier="tong-hop-xa")
        html_version = self.summary_table(nanoplots=True).as_raw_html()
        word_version = self.summary_table(nanoplots=False).as_raw_html()
        html_only = {"when-format": "html"}  # Quarto's conditional content; conditional_content.lua for pandoc
        out += div(raw_html(f'<div class="table-scroll">{html_version}</div>'), classes=("content-visible",),
                   attributes=html_only)
        out += div(raw_html(word_version), classes=("content-hidden",), attributes=html_only)
        if self.last_year_payment().height:
            before = Period(self.periods[-1].year - 1, self.periods[-1].month)
            out += paragraph(escape(
                f"Cùng kỳ năm trước: kỳ {format_month(before.year, before.month)}, số liệu của các đơn vị khi đó "
                f"cộng vào đơn vị hiện nay theo các lần sắp xếp đơn vị hành chính."))
        if self.breaks:
            out += paragraph(escape(self.geography_note()))
            out += "".join(paragraph(escape(note)) for note in self.inexact_notes())
            out += self.break_notes_markdown()
        return out


def index_766_table(scores: pl.DataFrame, marks: Mapping[str, str] | None = None) -> GT:
    """One row per period; the verdict (band, share of points) comes first so a phone shows it before scrolling.

    `marks` follow a period's month ("07/2025²": the first row after a reorganisation, noted under the table)."""
    wide = scores.pivot(on="indicator", index=["period", "unit_points", "unit_max_points", "unit_share", "band"],
                        values="rate").sort("period")
    indicators = [c for c in wide.columns if c[:1].isdigit()]
    months = {p: format_month(Period.parse(p).year, Period.parse(p).month) + (marks or {}).get(p, "")
              for p in wide.get_column("period")}
    wide = wide.with_columns(pl.col("period").replace_strict(months, return_dtype=pl.String))
    labels: dict[str, str | BaseText] = {"period": "Kỳ", "unit_points": "Điểm đạt", "unit_max_points": "Điểm tối đa",
                                         "unit_share": "Tỷ lệ điểm (%)", "band": "Xếp loại",
                                         **{c: f"Chỉ số {c} (%)" for c in indicators}}
    table = GT(wide.select("period", "band", "unit_share", "unit_points", "unit_max_points", *indicators),
               id="bang-chi-so-766").cols_label(cases=labels)
    return table.fmt_number(columns=[*indicators, "unit_points", "unit_max_points", "unit_share"], decimals=2,
                            sep_mark=".", dec_mark=",").sub_missing(missing_text="–")


def _pct(value: float | None) -> str:
    return format_percent(Decimal(str(value))) if value is not None else "–"
