"""The report's prose, sections 1–7, in the seed's order and wording, every figure from the indicators.

Counts under ten are zero-padded in prose ("05 văn bản"), rates are printed
with two decimals, and a headline rate states its change in percentage points
only when the previous period's figures exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import polars as pl

from tthc.analyst import AnalystInputs
from tthc.formatting.dates import format_period_prose
from tthc.formatting.numbers import (
    format_decimal,
    format_int,
    format_percent,
    format_points,
    pad_count,
    percentage,
    round_half_up,
)
from tthc.indicators import Count, DeskIndicators, PeriodIndicators, Rate, UnitFigure
from tthc.organisation import Organisation
from tthc.period import Period
from tthc.report.markdown import escape, heading, paragraph


@dataclass(frozen=True)
class NarrativeInputs:
    period: Period
    current: PeriodIndicators
    previous: PeriodIndicators | None
    analyst: AnalystInputs | None
    organisation: Organisation
    late: pl.DataFrame | None = None  # from dossier records, when the period has them
    index_766: pl.DataFrame | None = None
    records_synthetic: bool = False  # the dossier records are demo data


SYNTHETIC_MARK = " \\(số liệu minh họa\\)"
NO_NOTES = "Không có số liệu: kỳ này không có tệp ghi chú của chuyên viên\\."


def month_label(period: Period, relative_to: Period) -> str:
    """"tháng 8" within the same year, "tháng 12/2023" across a year boundary; "quý II/2024" for a quarter."""
    if not period.is_month:
        return period.label()
    return f"tháng {period.month}" if period.year == relative_to.year else f"tháng {period.month}/{period.year}"


def period_phrase(period: Period) -> str:
    """The period in a title or a closing sentence: "tháng 09/2024", "quý III/2024", "năm 2024"."""
    return period.label()


def rate_change(current: Rate, previous: Rate) -> Decimal | None:
    """Change in percentage points from the exact fractions, rounded half-up once at the end.

    Subtracting two rounded rates could be off by 0,01 (66,50 − 58,15 = 8,35 where the
    exact rates differ by 8,34), so the rounded figures are never subtracted.
    """
    if not current.denominator or not previous.denominator:
        return None
    exact = Fraction(100 * current.numerator, current.denominator) - Fraction(
        100 * previous.numerator, previous.denominator)
    return round_half_up(exact, 2)


def change_phrase(current: Rate, previous: Rate | None, previous_period: Period, period: Period) -> str:
    """" (tăng 8,34 điểm phần trăm so với tháng 8)", or "" when there is nothing to compare."""
    if previous is None:
        return ""
    delta = rate_change(current, previous)
    if delta is None:
        return ""
    month = month_label(previous_period, period)
    if delta == 0:
        return f" (không đổi so với {month})"
    word = "tăng" if delta > 0 else "giảm"
    return f" ({word} {format_points(delta)} điểm phần trăm so với {month})"


class Narrative:
    def __init__(self, inputs: NarrativeInputs) -> None:
        self.inputs = inputs
        self.now = inputs.current
        self.org = inputs.organisation
        self.period_text = format_period_prose(self.now.start, self.now.end)
        self.span_word = "tháng" if inputs.period.is_month else "kỳ"  # "Trong tháng, …" / "Trong kỳ, …"
        self.skipped_comparisons = False  # a real figure was not compared with a synthetic previous month

    # --- helpers -------------------------------------------------------------------------------
    def comparable(self, rate: Rate, before: Rate | None) -> bool:
        """A real figure is never compared with a synthetic one: the change would be invented."""
        previous = self.inputs.previous
        if before is None or previous is None:
            return False
        if previous.is_synthetic(before) and not self.now.is_synthetic(rate):
            self.skipped_comparisons = True
            return False
        return True

    def change(self, desk: str, key: str) -> str:
        previous = self.inputs.previous
        if previous is None:
            return ""
        rate = getattr(self.now, desk).rates.get(key)
        before = getattr(previous, desk).rates.get(key) if getattr(previous, desk).present else None
        if rate is None or not self.comparable(rate, before):
            return ""
        phrase = change_phrase(rate, before, Period.parse(previous.period), self.inputs.period)
        return f" {escape(phrase)}" if phrase else ""  # escape() folds the leading space away

    def mark(self, *figures: Count | Rate) -> str:
        """The synthetic-data mark for figures from demo inputs, where the report is not synthetic as a whole."""
        if self.all_synthetic or not self.now.is_synthetic(*figures):
            return ""
        return SYNTHETIC_MARK

    @property
    def all_synthetic(self) -> bool:
        return self.now.all_synthetic

    def records_mark(self) -> str:
        return SYNTHETIC_MARK if self.inputs.records_synthetic and not self.all_synthetic else ""

    def explain(self, desk: str, key: str, figures: tuple[UnitFigure, ...], count: int) -> str:
        """The analyst's explanation, else the units concerned; "" when the count is zero (never an
        explanation beside a count of 0: tthc check warns about such a note)."""
        if count == 0:
            return ""
        text = self.inputs.analyst.explanation(desk, key) if self.inputs.analyst else ""
        if not text and figures:
            text = "; ".join(f"{f.name} {pad_count(f.value)} hồ sơ" for f in figures)
        return f" ({escape(text)})" if text else ""

    @staticmethod
    def pct(rate: Rate) -> str:
        return escape(format_percent(rate.value))

    # --- sections ------------------------------------------------------------------------------
    def section_1(self) -> str:
        period = self.inputs.period
        when = f"tháng {period.month:02d} năm {period.year}" if period.is_month else period.label()
        out = heading(f"1\\. Tình hình công tác {escape(when)}", identifier="muc-1")
        analyst = self.inputs.analyst
        if analyst is None:
            return out + paragraph(NO_NOTES)
        if analyst.directives_drafted is not None:
            topics = f" liên quan đến {escape(analyst.directives_topics)}" if analyst.directives_topics else ""
            out += paragraph(
                f"Dưới sự chỉ đạo của {escape(self.org.parent_body_short)}, {escape(self.org.issuing_body_name)} "
                f"đã tham mưu {escape(self.org.parent_body_short)} {pad_count(analyst.directives_drafted)} văn bản "
                f"chỉ đạo điều hành{topics}\\.")
        for text in analyst.section("work_situation"):
            out += paragraph(escape(text))
        return out

    def desk_results(self, desk_key: str, desk: DeskIndicators, *, centre: bool) -> str:
        c = {k: v.value for k, v in desk.counts.items()}
        r = desk.rates
        out = ""
        if "carried_over" in c:  # only when the export has the column: the seed's exports do not
            out += paragraph(
                f"\\- Hồ sơ kỳ trước chuyển sang \\(tồn kỳ trước\\): {format_int(c['carried_over'])} hồ sơ; tổng số "
                f"hồ sơ phải giải quyết trong kỳ \\(lũy kế trong kỳ\\): {format_int(c['in_period_total'])} hồ sơ"
                f"{self.mark(desk.counts['carried_over'])}\\.")
        out += paragraph(
            f"\\- Hồ sơ đã giải quyết: {format_int(c['resolved'])} hồ sơ, trong đó kết quả sớm và đúng hạn "
            f"{pad_count(c['resolved_in_time'])} hồ sơ, đạt {self.pct(r['on_time_rate'])}"
            f"{self.change(desk_key, 'on_time_rate')}{self.mark(r['on_time_rate'])}\\. Cụ thể:")
        out += paragraph(f"\\+ Hồ sơ trả kết quả sớm: {pad_count(c['resolved_early'])}, đạt {self.pct(r['early_rate'])};")
        out += paragraph(
            f"\\+ Hồ sơ trả kết quả đúng hạn: {pad_count(c['resolved_on_time'])}, đạt {self.pct(r['on_due_date_rate'])};")
        out += paragraph(
            f"\\+ Hồ sơ trả kết quả trễ hạn: {pad_count(c['resolved_late'])}, chiếm {self.pct(r['late_rate'])}"
            f"{self.explain(desk_key, 'resolved_late', desk.by_unit['resolved_late'], c['resolved_late'])}\\.")
        out += paragraph(f"\\- Hồ sơ đang giải quyết: {pad_count(c['pending'])}")
        out += paragraph(f"\\+ Hồ sơ chưa đến hạn: {pad_count(c['pending_not_due'])}")
        out += paragraph(
            f"\\+ Hồ sơ quá hạn: {pad_count(c['pending_overdue'])}"
            f"{self.explain(desk_key, 'pending_overdue', desk.by_unit['pending_overdue'], c['pending_overdue'])}")
        out += self.apology_sentence(desk_key)
        out += paragraph(f"\\- Hồ sơ chờ bổ sung: {pad_count(c['paused_supplement'])}")
        withdrawn = self.explain(desk_key, 'withdrawn', desk.by_unit['withdrawn'] if centre else (), c['withdrawn'])
        out += paragraph(f"\\- Công dân xin rút hồ sơ: {pad_count(c['withdrawn'])}{withdrawn}")
        out += paragraph(f"\\- Từ chối giải quyết: {pad_count(c['refused'])}")
        paused = pad_count(c["paused"]) + (" hồ sơ" if c["paused"] else "")
        out += paragraph(f"\\- Tạm dừng: {paused}")
        if c["paused"]:
            figures = desk.by_unit["paused_financial"] + desk.by_unit["paused_other"]
            reason = self.explain(desk_key, "paused", figures, c["paused"]).strip()
            out += paragraph(f"\\+ Tạm dừng xử lý: {reason[1:-1] if reason else ''}")
        return out

    def apology_sentence(self, desk_key: str) -> str:
        """From the dossier records: how many late dossiers have an apology letter recorded."""
        late = self.inputs.late
        if late is None:
            return ""
        desk = "centre" if desk_key == "centre" else "commune"
        rows = late.filter(pl.col("desk") == desk)
        mark = self.records_mark()
        if not rows.height:
            return paragraph(f"\\+ Theo danh sách hồ sơ: không có hồ sơ quá hạn{mark}\\.")
        with_letter = int(rows["apology_letter"].sum())
        share = escape(format_percent(percentage(with_letter, rows.height)))
        missing = rows.filter(~pl.col("apology_letter"))["unit_name"].unique(maintain_order=True).to_list()
        tail = f"; chưa có thư xin lỗi: {escape(', '.join(missing))}" if missing else ""
        return paragraph(f"\\+ Theo danh sách hồ sơ, hồ sơ quá hạn đã có thư xin lỗi: {pad_count(with_letter)}/"
                         f"{pad_count(rows.height)}, đạt {share}{tail} \\(Phụ lục 5\\){mark}\\.")

    def index_766_sentence(self) -> str:
        scores = self.inputs.index_766
        if scores is None or not scores.height:
            return ""
        overall = scores.filter(pl.col("unit_id") == "__overall__")
        if not overall.height:
            return ""
        row = overall.row(0, named=True)
        share = f", tỷ lệ {escape(format_percent(Decimal(str(row['unit_share']))))}" if row["unit_share"] is not None else ""
        band = f", xếp loại {escape(row['band'])}" if row["band"] else ""
        return paragraph(
            f"\\- Bộ chỉ số 766 \\(QĐ 766/QĐ\\-TTg\\) tính từ danh sách hồ sơ của kỳ: đạt "
            f"{escape(format_decimal(row['unit_points'], 2))}/{escape(format_decimal(row['unit_max_points'], 2))} điểm "
            f"của các chỉ số tính được{share}{band}{self.records_mark()} \\(chi tiết và đối chiếu với các tỷ lệ của "
            f"báo cáo tại Phụ lục 6\\)\\.")

    def comparison_note(self) -> str:
        """Said once when real figures were not compared with a synthetic previous month."""
        previous = self.inputs.previous
        if not self.skipped_comparisons or previous is None:
            return ""
        month = month_label(Period.parse(previous.period), self.inputs.period)
        return paragraph(f"\\(Không so sánh với {month}: số liệu {month} là số liệu minh họa, không phải số liệu "
                         "thật\\.\\)")

    def no_desk_data(self, desk_key: str) -> str:
        what = "tại Trung tâm" if desk_key == "centre" else "tại UBND các xã, thị trấn"
        return paragraph(f"Không có số liệu: kỳ này không có biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC "
                         f"{what}\\.")

    def section_2(self) -> str:
        centre = self.now.centre
        out = heading("2\\. Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC tại TTHCC", identifier="muc-2")
        out += paragraph("**2\\.1\\. Kết quả tiếp nhận, xử lý và trả kết quả:**")
        if not centre.present:
            out += self.no_desk_data("centre")
        else:
            c = {k: v.value for k, v in centre.counts.items()}
            out += paragraph(f"{escape(self.period_text)}, Trung tâm đã tiếp nhận {format_int(c['received_total'])} "
                             f"hồ sơ{self.mark(centre.counts['received_total'])}, trong đó:")
            for name in centre.outside_units:
                out += paragraph(f"\\* Hồ sơ thuộc {escape(name)}: {format_int(c['received_outside'])} hồ sơ\\.")
            out += paragraph(f"\\* Hồ sơ tiếp nhận trên cổng Dịch vụ công: {format_int(c['received_online'])} hồ sơ\\.")
            out += self.desk_results("centre", centre, centre=True)
            out += paragraph("(Có biểu chi tiết kèm theo tại Phụ lục 1)")
        out += self.fee_sentence()
        if centre.present:
            r = centre.rates
            online = r["online_reception_rate"]
            out += paragraph(f"**2\\.2\\. Kết quả tiếp nhận hồ sơ trực tuyến:** {format_int(online.numerator)}/"
                             f"{format_int(online.denominator)}, đạt {self.pct(online)}"
                             f"{self.change('centre', 'online_reception_rate')}{self.mark(online)}")
            digit = r["digitisation_rate"]
            out += paragraph(f"**2\\.3\\. Kết quả số hóa hồ sơ, kết quả điện tử đính kèm:** "
                             f"{format_int(digit.numerator)}/{format_int(digit.denominator)} hồ sơ, đạt "
                             f"{self.pct(digit)}{self.change('centre', 'digitisation_rate')}{self.mark(digit)}")
        else:
            out += paragraph("**2\\.2\\. Kết quả tiếp nhận hồ sơ trực tuyến:** không có số liệu\\.")
            out += paragraph("**2\\.3\\. Kết quả số hóa hồ sơ, kết quả điện tử đính kèm:** không có số liệu\\.")
        out += self.payment_sentence("2\\.4\\.", "centre", centre)
        return out

    def fee_sentence(self) -> str:
        analyst = self.now.analyst
        if analyst.registration_fee_revenue is not None:
            assert analyst.registration_fee_words is not None  # spelt out whenever the revenue is known
            return paragraph(
                f"Trong {self.span_word}, phí trước bạ phương tiện giao thông thu nộp NSNN số tiền: "
                f"{format_int(analyst.registration_fee_revenue)} đồng ({escape(analyst.registration_fee_words)})\\.")
        if self.inputs.analyst is None:
            return paragraph(f"Phí trước bạ phương tiện giao thông thu nộp NSNN trong {self.span_word}: không có số "
                             "liệu \\(kỳ "
                             "này không có tệp ghi chú của chuyên viên\\)\\.")
        return ""

    def payment_sentence(self, number: str, desk_key: str, desk: DeskIndicators) -> str:
        lead = (f"**{number} Kết quả thanh toán trực tuyến đối với các TTHC có yêu cầu nghĩa vụ tài chính "
                "trên cổng DVC quốc gia:**")
        pay = desk.rates.get("online_payment_rate")
        if pay is None:
            return paragraph(f"{lead} không có số liệu: kỳ này không có thống kê thanh toán trực tuyến của Cổng DVC "
                             "quốc gia\\.")
        return paragraph(
            f"{lead} Hồ sơ phát sinh nghĩa vụ tài chính: {format_int(pay.denominator)} hồ sơ; Hồ sơ thanh toán "
            f"trực tuyến trên cổng DVC quốc gia: {format_int(pay.numerator)} hồ sơ; đạt tỷ lệ {self.pct(pay)}"
            f"{self.change(desk_key, 'online_payment_rate')}{self.mark(pay)}")

    def section_3(self) -> str:
        out = heading("3\\. Kết quả chuyển đổi số", identifier="muc-3")
        out += paragraph("**3\\.1\\. Tạo lập hồ sơ và ký số văn bản:**")
        below = self.now.signing_below_target
        if not self.now.signing_present:
            out += paragraph("Không có số liệu: kỳ này không có bảng thống kê tình hình ký số văn bản điện tử\\.")
        elif below:
            units = "; ".join(f"{escape(u.name)} {self.pct(u.rate)}" for u in below)
            out += paragraph(f"{escape(self.period_text)}, các đơn vị chưa đạt 100% trong việc tạo lập hồ sơ và "
                             f"ký số công việc: {units}{self.mark(*(u.rate for u in below))}\\.")
        else:
            out += paragraph(f"{escape(self.period_text)}, các phòng, ban, xã, thị trấn đều đạt 100% trong việc tạo "
                             "lập hồ sơ và ký số công việc\\.")
        out += paragraph("**3\\.2\\. Phản ánh kiến nghị trên thiết bị di động**")
        fb = self.now.feedback
        if fb is None:
            out += paragraph("Không có số liệu: kỳ này không có danh sách phản ánh, kiến nghị trên thiết bị di "
                             "động\\.")
            return out
        text = (f"{escape(self.period_text)}, Hệ thống phản ánh kiến nghị trên thiết bị di động đã tiếp nhận "
                f"{pad_count(fb.total.value)} PAKN của người dân, đã xử lý {pad_count(fb.handled.value)} PAKN, "
                f"{pad_count(fb.hidden.value)} PAKN đã ẩn, {pad_count(fb.unanswered.value)} PAKN chưa trả lời"
                f"{self.mark(fb.total)}")
        if fb.open_groups:
            items = []
            for g in fb.open_groups:
                topics = ", ".join(escape(t[:1].lower() + t[1:]) for t in g.topics)
                hidden = f" ({pad_count(g.hidden)} PAKN đã ẩn chưa xử lý)" if g.hidden else ""
                items.append(f"{pad_count(g.count)} PAKN của {escape(g.unit_name)} về {topics}{hidden}")
            text += f"\\. Các PAKN chưa xử lý gồm: {'; '.join(items)}"
        return out + paragraph(text + "\\.")

    def section_4(self) -> str:
        communes = self.now.communes
        out = heading(f"4\\. Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC tại UBND các xã, thị trấn "
                      f"{escape(self.period_text[0].lower() + self.period_text[1:])}", identifier="muc-4")
        if not communes.present:
            out += paragraph("**4\\.1\\. Kết quả tiếp nhận, xử lý và trả kết quả hình thức trực tuyến và trực tiếp "
                             "trên cổng DVC:**")
            out += self.no_desk_data("communes")
            return out + self.payment_sentence("4\\.4\\.", "communes", communes) + self.payment_classes()
        c = {k: v.value for k, v in communes.counts.items()}
        r = communes.rates
        out += paragraph(f"**4\\.1\\. Kết quả tiếp nhận, xử lý và trả kết quả hình thức trực tuyến và trực tiếp trên "
                         f"cổng DVC:** {format_int(c['received_total'])} hồ sơ{self.mark(communes.counts['received_total'])}")
        out += self.desk_results("communes", communes, centre=False)
        online = r["online_reception_rate"]
        out += paragraph("**4\\.2\\. Kết quả tiếp nhận hồ sơ trực tuyến trên cổng dịch vụ công:**")
        out += paragraph(f"\\- Hồ sơ nộp trực tuyến: {format_int(online.numerator)}/{format_int(online.denominator)}, "
                         f"đạt {self.pct(online)}{self.change('communes', 'online_reception_rate')}{self.mark(online)}")
        digit = r["digitisation_rate"]
        out += paragraph("**4\\.3\\. Kết quả số hóa hồ sơ:**")
        out += paragraph(f"\\- Tổng số kết quả điện tử đính kèm số hóa kết quả: {format_int(digit.numerator)}/"
                         f"{format_int(digit.denominator)} hồ sơ, đạt {self.pct(digit)}"
                         f"{self.change('communes', 'digitisation_rate')}{self.mark(digit)}\\.")
        out += paragraph("(Có biểu chi tiết kèm theo tại Phụ lục 2)")
        out += self.payment_sentence("4\\.4\\.", "communes", communes)
        return out + self.payment_classes()

    def payment_classes(self) -> str:
        classes = self.now.payment_classes
        if not (classes.full or classes.high or classes.below):
            return ""
        t = self.org.thresholds
        top = format_decimal(t.class_full - 1, 0)
        lines = [
            (f"Tỷ lệ đạt {format_decimal(t.class_full, 0)}%", classes.full),
            (f"Tỷ lệ đạt {format_decimal(t.class_high, 0)}%\\-{top}%", classes.high),
            ("Tỷ lệ các xã không đạt theo quy định", classes.below),
        ]
        out = paragraph("Kết quả các xã đạt, không đạt có tỷ lệ như sau:")
        for label, units in lines:
            names = ", ".join(escape(u.short_name) for u in units) or "không có"
            out += paragraph(f"\\+ *{label}: {names};*")
        if classes.no_fee:
            out += paragraph(f"\\+ *Không phát sinh hồ sơ có nghĩa vụ tài chính: "
                             f"{', '.join(escape(n) for n in classes.no_fee)}\\.*")
        return out

    def section_5(self) -> str:
        value = self.now.analyst.e_certifications
        shown = f"{format_int(value)} hồ sơ" if value is not None else "không có số liệu"
        return heading(f"5\\. Kết quả tiếp nhận, xử lý và trả kết quả Chứng thực điện tử, Chứng thực không ký số "
                       f"trên cổng DVC của tỉnh: {shown}", identifier="muc-5")

    def section_6(self) -> str:
        analyst = self.inputs.analyst
        out = heading("6\\. Đánh giá chung", identifier="muc-6")
        out += self.index_766_sentence()
        if analyst is None:
            return out + paragraph(NO_NOTES)
        out += paragraph("**6\\.1\\. Ưu điểm\\.**")
        for text in analyst.section("strengths"):
            out += paragraph(f"\\- {escape(text)}")
        out += paragraph("**6\\.2\\. Hạn chế\\.**")
        for text in analyst.section("limitations"):
            out += paragraph(f"\\- {escape(text)}")
        communes = analyst.section("limitations_communes")
        if communes:
            out += paragraph("\\- Tại bộ phận một cửa các xã, thị trấn:")
            for text in communes:
                out += paragraph(f"\\+ {escape(text)}")
        return out

    def next_period(self) -> str:
        return period_phrase(self.inputs.period.next())

    def section_7(self) -> str:
        analyst = self.inputs.analyst
        out = heading(f"7\\. Phương hướng, nhiệm vụ {escape(self.next_period())}", identifier="muc-7")
        if analyst is None:
            out += paragraph(NO_NOTES)
        for text in analyst.section("next_tasks") if analyst else ():
            out += paragraph(f"\\- {escape(text)}")
        out += paragraph(
            f"Trên đây là kết quả thực hiện nhiệm vụ công tác {escape(period_phrase(self.inputs.period))}; phương "
            f"hướng, nhiệm vụ {escape(self.next_period())}\\. {escape(self.org.issuing_body_full)} báo cáo "
            f"{escape(self.org.parent_body_short)} xem xét, chỉ đạo\\./\\.")
        return out

    def before_chart(self) -> str:
        first = self.section_1()
        rest = self.section_2() + self.section_3() + self.section_4()
        return first + self.comparison_note() + rest  # the note, once any comparison was left out

    def after_chart(self) -> str:
        return self.section_5() + self.section_6() + self.section_7()


def report_title(period: Period) -> tuple[str, str]:
    return ("BÁO CÁO", f"Kết quả công tác {period_phrase(period)} và phương hướng, nhiệm vụ "
                       f"{period_phrase(period.next())}")
