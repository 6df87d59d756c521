"""Everything the trends notebook shows: headline table, projection, charts and the per-unit summary."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
from great_tables import GT

from tthc.formatting.dates import format_date, format_month
from tthc.formatting.numbers import format_decimal, format_percent
from tthc.period import Period
from tthc.report.markdown import div, escape, heading, paragraph, raw_html
from tthc.stored import StoredData, StoreNotReadyError
from tthc.trends import charts
from tthc.trends.measures import Projection, project_year_end, with_changes, with_year_to_date
from tthc.trends.series import (
    DESK_LABELS,
    DESKS,
    RATE_KEYS,
    RATE_LABELS,
    available_periods,
    commune_rates,
    desk_series,
    history_start,
    index_766_series,
    received_by_channel,
    signing_by_group,
)

if TYPE_CHECKING:
    from great_tables._text import BaseText  # the label type cols_label takes

SYNTHETIC_PERIODS = "Các kỳ sau dùng số liệu minh họa do chương trình tạo ra, không phải số liệu thật: {periods}."


class TrendsReport:
    """The trends of a range of periods, from the store alone (the build has validated and stored them)."""

    def __init__(self, period_from: str | Period, period_to: str | Period, data_dir: str | Path,
                 snapshot_file: str | Path = "") -> None:
        self.first, self.last = (p if isinstance(p, Period) else Period.parse(p) for p in (period_from, period_to))
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
        self.received = received_by_channel(self.data, self.periods)
        self.communes = commune_rates(self.data, self.periods)
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
        return out

    def latest(self) -> pl.DataFrame:
        last = str(self.periods[-1])
        return self.series.filter((pl.col("period") == last) & pl.col("denominator").is_not_null())

    def headline_markdown(self) -> str:
        out = heading("1\\. Các tỷ lệ chính của kỳ gần nhất", identifier="ty-le-chinh")
        rows = self.latest()
        header = "| Nơi tiếp nhận | Chỉ tiêu | Tỷ lệ | So với kỳ trước | Lũy kế từ đầu năm |\n|---|---|---:|---:|---:|\n"
        lines = []
        for desk in DESKS:
            for key in RATE_KEYS:
                match = rows.filter((pl.col("desk") == desk) & (pl.col("key") == key))
                if not match.height:
                    continue
                r = match.row(0, named=True)
                change = "" if r["change"] is None else (
                    ("+" if r["change"] > 0 else "−" if r["change"] < 0 else "±")
                    + format_decimal(abs(r["change"]), 2) + "\u00a0điểm\u00a0%")  # never "điểm" / "%" on two lines
                lines.append(f"| {DESK_LABELS[desk]} | {RATE_LABELS[key]} | {_pct(r['value'])} | {change} | "
                             f"{_pct(r['ytd_value'])} |")
        return out + header + "\n".join(lines) + "\n\n"

    def projection(self, desk: str = "communes") -> Projection:
        rows = self.series.filter((pl.col("desk") == desk) & (pl.col("key") == "online_payment_rate")).sort("period")
        points = list(zip(rows["end"].to_list(), rows["value"].to_list(), strict=True))
        return project_year_end(points, Decimal(self.target), self.periods[-1].year)

    def projection_markdown(self) -> str:
        out = heading("2\\. Dự báo tỷ lệ thanh toán trực tuyến đến cuối năm", identifier="du-bao")
        target = format_decimal(self.target, 0)
        for desk in DESKS:
            p = self.projection(desk)
            if p.projected is None:
                out += paragraph(f"{DESK_LABELS[desk]}: chưa đủ số kỳ để ước tính\\.")
                continue
            verdict = "đạt" if p.reaches_target else "chưa đạt"
            out += paragraph(
                f"{DESK_LABELS[desk]}: tỷ lệ thanh toán trực tuyến ước đạt {escape(format_percent(p.projected))} "
                f"vào ngày {escape(format_date(p.target_date))}, {verdict} chỉ tiêu {target}% "
                f"(tính từ {p.months_used} kỳ)\\.")
        out += paragraph(f"*Phương pháp: {escape(self.projection().method)}*")
        return out

    def charts(self) -> list[tuple[str, str | None, object]]:
        """(element id, section heading or None to stay under the previous one, chart)."""
        target = float(self.target)
        # one rates chart per desk that has figures: each axis fitted to its own data, each chart as wide as the page
        desks = [d for d in DESKS if self.series.filter((pl.col("desk") == d) & pl.col("denominator").is_not_null()).height]
        rates = [(f"bieu-do-ty-le{'' if d == 'centre' else '-xa'}", "4\\. Các tỷ lệ chính" if i == 0 else None,
                  charts.rates_chart(self.series, target, d)) for i, d in enumerate(desks)]
        return [
            ("bieu-do-ho-so", "3\\. Hồ sơ tiếp nhận", charts.received_chart(self.received)),
            *rates,
            ("bieu-do-xa", "5\\. Thanh toán trực tuyến theo xã", charts.commune_payment_chart(self.communes, target)),
            ("bieu-do-ky-so", "6\\. Ký số văn bản", charts.signing_chart(self.signing)),
        ]

    def summary_table(self, *, nanoplots: bool) -> GT:
        """One row per commune: latest payment rate, its rank and the series (a nanoplot in HTML)."""
        pay = self.communes.filter(pl.col("key") == "online_payment_rate").sort("period")
        last = str(self.periods[-1])
        wide = pay.group_by("unit").agg(
            pl.col("value").alias("series"),
            pl.col("value").filter(pl.col("period") == last).first().alias("latest"),
            pl.col("rank").filter(pl.col("period") == last).first().alias("rank"),
        ).sort("rank")
        if nanoplots:
            data = wide.with_columns(pl.col("series").list.eval(pl.element().fill_null(0)).alias("trend")).drop("series")
            table = GT(data, id="bang-tong-hop-xa").fmt_nanoplot(columns="trend", plot_type="line")
            table = table.cols_label(unit="Xã, thị trấn", latest="Kỳ gần nhất (%)", rank="Xếp hạng",
                                     trend="Diễn biến")
        else:
            data = wide.with_columns(pl.col("series").list.eval(
                pl.element().round(2).cast(pl.String).str.replace(r"\.", ",")).list.join(" · ").alias("trend")
            ).drop("series")
            table = GT(data, id="bang-tong-hop-xa-word").cols_label(unit="Xã, thị trấn", latest="Kỳ gần nhất (%)",
                                                         rank="Xếp hạng", trend="Các kỳ (%)")
        return table.fmt_number(columns="latest", decimals=2, sep_mark=".", dec_mark=",")

    def index_766_markdown(self) -> str:
        out = heading("8\\. Bộ chỉ số 766 qua các kỳ", identifier="chi-so-766")
        if not self.index_766.height:
            return out + paragraph("Chưa có danh sách hồ sơ của kỳ nào nên chưa tính được Bộ chỉ số 766\\.")
        out += paragraph("Tính từ danh sách hồ sơ của từng kỳ, toàn huyện, trừ các đơn vị ngoài hệ thống một cửa; "
                         "ngưỡng, điểm và cách xếp loại theo tệp data/reference/index\\_766\\.yaml\\.")
        return out + raw_html(f'<div class="table-scroll">{index_766_table(self.index_766).as_raw_html()}</div>')

    def summary_markdown(self) -> str:
        out = heading("7\\. Tổng hợp theo xã, thị trấn", identifier="tong-hop-xa")
        html_version = self.summary_table(nanoplots=True).as_raw_html()
        word_version = self.summary_table(nanoplots=False).as_raw_html()
        html_only = {"when-format": "html"}  # Quarto's conditional content; conditional_content.lua for pandoc
        out += div(raw_html(f'<div class="table-scroll">{html_version}</div>'), classes=("content-visible",),
                   attributes=html_only)
        out += div(raw_html(word_version), classes=("content-hidden",), attributes=html_only)
        return out


def index_766_table(scores: pl.DataFrame) -> GT:
    """One row per period; the verdict (band, share of points) comes first so a phone shows it before scrolling."""
    wide = scores.pivot(on="indicator", index=["period", "unit_points", "unit_max_points", "unit_share", "band"],
                        values="rate").sort("period")
    indicators = [c for c in wide.columns if c[:1].isdigit()]
    months = {p: format_month(Period.parse(p).year, Period.parse(p).month) for p in wide.get_column("period")}
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
