"""Everything the monthly-report notebook shows, assembled from the tidy store.

The notebook stays thin: it creates a `MonthlyReport` and displays its parts.
Each part is pandoc markdown (raw HTML inside for tables), which Quarto and the
pandoc path both read.
"""

from __future__ import annotations

from pathlib import Path

from tthc.analyst import AnalystInputs
from tthc.catalogue import TOTAL_TIER
from tthc.formatting.dates import format_period_annex
from tthc.formatting.numbers import format_int, format_percent
from tthc.indicators import PeriodIndicators, compute_indicators, tier_unit_ids
from tthc.inputs import INPUT_KINDS
from tthc.organisation import Organisation
from tthc.period import Period
from tthc.profile import TIER_PREFIX
from tthc.records.portal766 import PORTAL_766_DATASET
from tthc.report.agreement import agreements
from tthc.report.annexes import Annex, build_annexes
from tthc.report.last_year import Earlier, Restated, restate_earlier
from tthc.report.layout import attached_line, header_block, signature_block, title_block
from tthc.report.markdown import div, escape, paragraph, raw_html
from tthc.report.narrative import Narrative, NarrativeInputs, month_label, report_title
from tthc.store import INPUTS_DATASET
from tthc.stored import Frames, StoredData, analyst_from_frames, sources_from_frame

SYNTHETIC_NOTICE = ("SỐ LIỆU MINH HỌA: số liệu kỳ này do chương trình tạo ra để trình diễn, "
                    "không phải số liệu thật của đơn vị.")
SYNTHETIC_PART_NOTICE = ("CÓ SỐ LIỆU MINH HỌA: các tệp {files} do chương trình tạo ra để trình diễn, không phải số "
                         "liệu thật; mọi số liệu tính từ các tệp này được ghi \"(số liệu minh họa)\".")
RECORDS_ANNEXES = ("late_dossiers", "index_766")  # they exist only with dossier records


def load_indicators(data: StoredData, period: Period) -> tuple[PeriodIndicators, Frames, AnalystInputs | None] | None:
    """The period's figures from the store, or None when the store does not hold the current inputs."""
    frames = data.frames(period)
    if INPUTS_DATASET not in frames:
        return None
    analyst = analyst_from_frames(frames)
    context = data.context
    indicators = compute_indicators(period, frames, analyst, context.organisation, context.registry,
                                    context.profile, context.catalogue)
    return indicators, frames, analyst


class MonthlyReport:
    """The report of one period, from the store alone (the build has validated and stored the inputs)."""

    def __init__(self, period: str | Period, data_dir: str | Path, snapshot_file: str | Path = "") -> None:
        self.period = period if isinstance(period, Period) else Period.parse(period)
        self.data = StoredData.open(data_dir, snapshot_file)
        self.context = self.data.context
        self.profile = self.context.profile.on(self.period.end(self.context.organisation.cutoff_day))
        self.data.require(self.period)
        loaded = load_indicators(self.data, self.period)
        assert loaded is not None  # require() has just found the period's inputs
        self.indicators, self.frames, self.analyst = loaded
        before, last = self.period.previous(), self.period.same_period_last_year()
        previous = load_indicators(self.data, before)
        self.previous = previous[0] if previous else None
        named = month_label(before, self.period)  # "tháng 6": what is not compared, and whose figures
        self.previous_restated = self.restate(previous, Earlier(before, named, named)) if previous else None
        # a year's previous period is the same period last year: its change already compares with it
        last_year = (load_indicators(self.data, last)
                     if self.context.profile.same_period_last_year and last != before else None)
        self.last_year = last_year[0] if last_year else None  # the same period of the previous year, when stored
        self.last_year_restated = self.restate(last_year, Earlier(last, f"cùng kỳ năm {last.year}", "cùng kỳ")) \
            if last_year else None
        self.sources = sources_from_frame(self.frames.get(INPUTS_DATASET))
        self.records_synthetic = any(s.synthetic for s in self.sources if "records" in s.kinds)
        self.narrative = Narrative(NarrativeInputs(self.period, self.indicators, self.previous, self.analyst,
                                                   self.organisation, self.frames.get("late_dossiers"),
                                                   self.frames.get("index_766"), self.records_synthetic,
                                                   sections=self.profile.sections,
                                                   wording=self.profile.wording,
                                                   templates=self.context.templates,
                                                   templates_folder=self.context.paths.templates,
                                                   profile=self.profile, last_year=self.last_year,
                                                   catalogue=self.context.catalogue,
                                                   index_766_quoted=self.frames.get(PORTAL_766_DATASET),
                                                   last_year_restated=self.last_year_restated,
                                                   previous_restated=self.previous_restated))
        self.annexes = build_annexes(self.frames, self.context.registry, self.profile)
        self.has_records = "index_766" in self.frames
        self.agreements = agreements(self.indicators, self.frames.get("index_766"), self.context.registry)

    def restate(self, loaded: tuple[PeriodIndicators, Frames, AnalystInputs | None],
                earlier: Earlier) -> Restated | None:
        """Across a reorganisation, an earlier period's figures on this period's units (None: none lies between)."""
        context = self.context
        _, frames, analyst = loaded
        registry, profile = context.registry, self.profile

        def compute(restated: Frames) -> PeriodIndicators:
            return compute_indicators(earlier.period, restated, analyst, context.organisation, registry,
                                      context.profile, context.catalogue)

        def unit_ids(tier: str) -> set[str]:
            found = profile.tier(tier)
            return tier_unit_ids(found, registry) if found is not None else set()

        return restate_earlier(self.indicators, self.frames, self.period, earlier, frames, registry,
                               context.organisation.cutoff_day, compute, unit_ids)

    @property
    def organisation(self) -> Organisation:
        """The header, signer and recipients in force at the period's end (organisation.yaml `versions:`)."""
        return self.context.organisation.for_period(self.period)

    def title(self) -> tuple[str, str]:
        return report_title(self.period)

    def front_matter(self) -> str:
        kind, subject = self.title()
        out = header_block(self.organisation, self.indicators.report_date) + title_block(kind, escape(subject))
        notice = self.synthetic_notice()
        if notice:
            out += div(f"**{escape(notice)}**", classes=("synthetic-notice",))
        return out

    def synthetic_notice(self) -> str:
        """The whole report is demo data, or some inputs are: which, and that their figures are marked."""
        if self.indicators.all_synthetic:
            return SYNTHETIC_NOTICE
        synthetic = [s.name for s in self.sources if s.synthetic and s.kinds]
        if not synthetic:
            return ""
        return SYNTHETIC_PART_NOTICE.format(files=", ".join(synthetic))

    def body_before_chart(self) -> str:
        return self.narrative.before_chart()

    def body_after_chart(self) -> str:
        return self.narrative.after_chart() + signature_block(self.organisation)

    def chart_rows(self) -> list[dict]:
        classes = self.indicators.payment_classes
        rows = []
        for u in (*classes.full, *classes.high, *classes.below):
            assert u.rate.value is not None  # these classes hold the units with a fee-bearing dossier
            rows.append({"name": u.short_name, "rate": float(u.rate.value), "fee_bearing": u.rate.denominator,
                         "paid_online": u.rate.numerator})
        return rows

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
        """The annex, or "" for the annexes that exist only with dossier records when there are none, and for a
        number the profile has no annex for."""
        if not 1 <= number <= len(self.annexes):
            return ""
        annex = self.annexes[number - 1]
        if annex.kind in RECORDS_ANNEXES and annex.table is None and not self.has_records:
            return ""
        out = self.annex_heading(annex)
        if self.annex_is_synthetic(annex):
            out += paragraph(f"**{escape('Số liệu minh họa: phụ lục này tính từ tệp do chương trình tạo ra.')}**")
        if annex.table is None:
            out += paragraph(escape(self.empty_annex_text(annex)))
        else:
            out += raw_html(f'<div class="table-scroll">{annex.html()}</div>')
            out += self.definitions_markdown(annex)
            out += "".join(paragraph(escape(note)) for note in annex.notes)
        if annex.kind == "index_766":
            out += self.agreement_markdown()
        if annex.kind == "data_quality":
            out += self.sources_markdown()
        return div(out, classes=("annex",))

    def annex_parts(self) -> list[str]:
        """Every annex of the profile, in order, as the notebook shows them."""
        return [part for number in range(1, len(self.annexes) + 1) if (part := self.annex_markdown(number))]

    def definitions_markdown(self, annex: Annex) -> str:
        """Under a dossiers annex: how its rates are computed, so a reader can check them by hand; only the rates
        the catalogue places in the annex's tier (every tier and the total for the all-tiers annex) and annex."""
        if not (annex.kind.startswith("tier:") or annex.kind == "all_tiers"):
            return ""
        catalogue, profile = self.context.catalogue, self.profile
        tiers = ((annex.kind[len(TIER_PREFIX):],) if annex.kind.startswith(TIER_PREFIX)
                 else (*(t.key for t in profile.tiers), TOTAL_TIER))
        rounding = "làm tròn lên từ 5" if catalogue.rounding == "half_up" else "bỏ phần thừa, không làm tròn"
        out = paragraph(f"*{escape(f'Cách tính các tỷ lệ ({catalogue.decimals} chữ số thập phân, {rounding}):')}*")
        for d in catalogue.placed(profile.definitions, tiers, annex.kind):
            if d.statement:
                out += paragraph(f"*\\- {escape(f'{d.label} = {d.statement}.')}*")
        return div(out, classes=("rate-definitions",))

    def annex_is_synthetic(self, annex: Annex) -> bool:
        if self.indicators.all_synthetic:
            return False  # the notice at the top says it for the whole report
        kind = annex.input or None
        return kind is not None and any(s.synthetic for s in self.sources if kind in s.kinds)

    def empty_annex_text(self, annex: Annex) -> str:
        if annex.input and annex.input != "records":
            return f"Không có số liệu: kỳ này không có {INPUT_KINDS[annex.input].what}."
        return {"data_quality": "Không có cảnh báo nào về số liệu của kỳ này.",
                "late_dossiers": "Không có hồ sơ quá hạn trong kỳ."}.get(annex.kind, "Không có số liệu.")

    def agreement_markdown(self) -> str:
        """Each 766 indicator beside the report's own rate for the same concept: equal, or why not."""
        if not self.agreements:
            return ""
        out = paragraph("**Đối chiếu với các tỷ lệ trong báo cáo**")
        for a in self.agreements:
            lead = (f"Chỉ số {a.pair.indicator} {a.desk_name}: {format_percent(a.value)} "
                    f"({format_int(a.numerator)}/{format_int(a.denominator)}); {a.pair.label} ở mục {a.section}: "
                    f"{format_percent(a.body.value)}")
            tail = "trùng nhau." if a.agrees else f"khác nhau vì {a.reason}."
            out += paragraph(f"\\- {escape(lead)}: {escape(tail)}")
        return out

    def sources_markdown(self) -> str:
        """The inputs by name and kind; digests and sizes only on the web page (the manifest has them all)."""
        out = paragraph("**Nguồn số liệu**")
        digests = ""
        for item in self.sources:
            kinds = "; ".join(INPUT_KINDS[k].what for k in item.kinds) or "không dùng cho báo cáo"
            synthetic = ", số liệu minh họa" if item.synthetic else ""
            out += paragraph(f"\\- {escape(item.name)} \\({escape(kinds)}{escape(synthetic)}\\)")
            digests += paragraph(f"\\- {escape(item.name)}: SHA\\-256 {item.sha256}, {format_int(item.size)} byte")
        if digests:
            out += div(paragraph("**Dấu vân tay của các tệp**") + digests, classes=("content-visible", "digest"),
                       attributes={"when-format": "html"})
        for note in self.indicators.notes:
            out += paragraph(escape(note))
        return div(out, classes=("sources",))
