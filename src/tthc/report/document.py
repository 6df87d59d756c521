"""Everything the monthly-report notebook shows, assembled from the tidy store.

The notebook stays thin: it creates a `MonthlyReport` and displays its parts.
Each part is pandoc markdown (raw HTML inside for tables), which Quarto and the
pandoc path both read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tthc.analyst import AnalystInputs
from tthc.fingerprint import hash_inputs
from tthc.formatting.dates import format_period_annex
from tthc.indicators import PeriodIndicators, compute_indicators
from tthc.period import Period
from tthc.pipeline import Context, analyst_from_frames, build_period, load_context, load_frames
from tthc.report.annexes import Annex, build_annexes
from tthc.report.layout import attached_line, header_block, signature_block, title_block
from tthc.report.markdown import div, escape, paragraph, raw_html
from tthc.report.narrative import Narrative, NarrativeInputs, report_title


SYNTHETIC_NOTICE = ("SỐ LIỆU MINH HỌA: số liệu kỳ này do chương trình tạo ra để trình diễn, "
                    "không phải số liệu thật của đơn vị.")


RECORDS_ANNEXES = (5, 6)


class ReportDataError(Exception):
    """The store has no validated data for the period; message is Vietnamese."""


def load_indicators(context: Context, period: Period) -> tuple[PeriodIndicators, dict[str, pl.DataFrame],
                                                                AnalystInputs | None] | None:
    frames = load_frames(context, period)
    if "dossiers" not in frames:
        return None
    analyst = analyst_from_frames(frames)
    indicators = compute_indicators(period, frames, analyst, context.organisation, context.registry)
    return indicators, frames, analyst


class MonthlyReport:
    def __init__(self, period: str, data_dir: str | Path) -> None:
        self.period = Period.parse(period)
        self.context = load_context(Path(data_dir))
        loaded = load_indicators(self.context, self.period)
        if loaded is None:  # run outside `tthc report` (plain papermill): validate and store first
            inputs = build_period(self.context, self.period)
            if inputs.has_errors:
                details = "\n".join(f.describe() for f in inputs.findings if f.is_error)
                raise ReportDataError(f"số liệu kỳ {self.period} có lỗi, không lập được báo cáo:\n{details}")
            loaded = load_indicators(self.context, self.period)
        self.indicators, self.frames, self.analyst = loaded
        previous = load_indicators(self.context, self.period.previous())
        self.previous = previous[0] if previous else None
        self.narrative = Narrative(NarrativeInputs(self.period, self.indicators, self.previous, self.analyst,
                                                   self.context.organisation, self.frames.get("late_dossiers"),
                                                   self.frames.get("index_766")))
        self.annexes = build_annexes(self.frames, self.context.registry)
        self.has_records = "index_766" in self.frames
        self.inputs = hash_inputs(self.context.paths.period_raw(self.period))

    @property
    def organisation(self):
        return self.context.organisation

    def title(self) -> tuple[str, str]:
        return report_title(self.period)

    def front_matter(self) -> str:
        kind, subject = self.title()
        out = header_block(self.organisation, self.indicators.report_date) + title_block(kind, escape(subject))
        if self.analyst is not None and self.analyst.synthetic:
            out += div(f"**{escape(SYNTHETIC_NOTICE)}**", classes=("synthetic-notice",))
        return out

    def body_before_chart(self) -> str:
        return self.narrative.before_chart()

    def body_after_chart(self) -> str:
        return self.narrative.after_chart() + signature_block(self.organisation)

    def chart_rows(self) -> list[dict]:
        classes = self.indicators.payment_classes
        return [
            {"name": u.short_name, "rate": float(u.rate.value), "fee_bearing": u.rate.denominator,
             "paid_online": u.rate.numerator}
            for u in (*classes.full, *classes.high, *classes.below)
        ]

    def payment_chart(self):
        from tthc.report.charts import payment_chart

        rows = self.chart_rows()
        if not rows:
            return None
        return payment_chart(rows, float(self.organisation.thresholds.online_payment_target))

    def annex_heading(self, annex: Annex, subtitle: str | None = None) -> str:
        lines = [f"Phụ lục {annex.number}", escape(annex.title)]
        caption = [format_period_annex(self.indicators.start, self.indicators.end),
                   attached_line(self.organisation, self.indicators.report_date)]
        if subtitle:
            caption.insert(0, subtitle)
        heading = div("\\\n".join(lines), style="Annex Title")
        return heading + div("\\\n".join(escape(c) for c in caption), style="Annex Caption")

    def annex_markdown(self, number: int) -> str:
        """The annex, or "" for the annexes that exist only with dossier records (5, 6) when there are none."""
        annex = self.annexes[number - 1]
        if number in RECORDS_ANNEXES and annex.table is None and not self.has_records:
            return ""
        out = self.annex_heading(annex)
        if annex.table is None:
            body = {4: "Không có cảnh báo nào về số liệu của kỳ này.",
                    5: "Không có hồ sơ quá hạn trong kỳ."}.get(number, "Không có số liệu.")
            out += paragraph(escape(body))
        else:
            out += raw_html(f'<div class="table-scroll">{annex.html()}</div>')
        if number == 4:
            out += self.sources_markdown()
        return div(out, classes=("annex",))

    def sources_markdown(self) -> str:
        out = paragraph("**Nguồn số liệu**")
        for item in self.inputs:
            out += paragraph(f"\\- {escape(item.name)} (SHA\\-256 {item.sha256[:16]}…, {item.size} byte)")
        for note in self.indicators.notes:
            out += paragraph(escape(note))
        return out
