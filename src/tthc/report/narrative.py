"""The report's prose, sections 1–7: the figures it needs, worded by the templates in report/templates/.

The wording lives in Jinja2 templates (tthc.report.prose), one per section plus the shared pieces, with the
seed's wording as the shipped default; this module decides what the templates are given: every figure from
the indicators, the change of a headline rate in percentage points (only when the previous period's figures
exist and are comparable), the synthetic-data marks, and long unit lists summarised (the largest few, then
how many others, the annex holding them all).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl

from tthc.analyst import AnalystInputs
from tthc.catalogue import Catalogue
from tthc.formatting.dates import format_period_prose
from tthc.formatting.numbers import format_points, percentage, round_half_up
from tthc.indicators import Count, FeedbackGroup, PeriodIndicators, Rate, UnitFigure, UnitRate
from tthc.organisation import Organisation
from tthc.period import Period
from tthc.profile import TIER_PREFIX, Profile, Tier
from tthc.records.portal766 import portal_766_display
from tthc.report.last_year import Restated
from tthc.report.prose import ProseTemplates

#: The seed's sections, in its order; each is the template `<name>.md.j2`.
SEED_SECTIONS = ("muc-1", "muc-2", "muc-3", "muc-4", "muc-5", "muc-6", "muc-7")
#: The organisation's fixed wording the templates print (a profile gives other values).
SEED_WORDING: Mapping[str, str] = {
    "centre_place": "tại TTHCC",  # heading of section 2
    "centre_place_prose": "tại Trung tâm",  # "không có biểu … tại Trung tâm"
    "centre_subject": "Trung tâm",  # "Trung tâm đã tiếp nhận …"
    "centre_short": "Trung tâm HCC",
    "communes_place": "tại UBND các xã, thị trấn",  # heading of section 4, "không có biểu …"
    "communes_desks": "bộ phận một cửa các xã, thị trấn",  # section 6.2
    "communes_word": "các xã",  # "Kết quả các xã đạt, không đạt …"
    "all_units": "các phòng, ban, xã, thị trấn",  # section 3.1: all at 100%
    "whole_area": "toàn huyện",  # the whole area's row of the Decision 766 tables ("Toàn huyện"), the trends' note
    "synthetic_mark": "(số liệu minh họa)",
}


def wording(profile_wording: Mapping[str, str], key: str) -> str:
    """The profile's word for `key`, else the seed's (a commune's centre since 1/7/2025 says "toàn xã")."""
    return profile_wording.get(key) or SEED_WORDING[key]

#: A unit list longer than this is summarised: every list of the shipped district (14 communes) stays in full.
LIST_LIMIT = 15
#: How many units a summarised list still names, the largest first.
LIST_HEAD = 5
TEMPLATE_SUFFIX = ".md.j2"
#: The profile's sections the seed's own templates word; any other tier (and the grand total) is worded by
#: the one template of a tier, cap-don-vi.md.j2.
SEED_TEMPLATES: Mapping[str, str] = {
    "work_situation": "muc-1", "tier:centre": "muc-2", "digital_transformation": "muc-3", "tier:communes": "muc-4",
    "e_certification": "muc-5", "assessment": "muc-6", "next_tasks": "muc-7",
}
TIER_TEMPLATE = "cap-don-vi"


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
    sections: tuple[str, ...] = SEED_SECTIONS  # rendered in this order; the chart follows `chart_after`
    wording: Mapping[str, str] = field(default_factory=lambda: dict(SEED_WORDING))
    templates: Mapping[str, str] = field(default_factory=dict)  # the centre's overrides: file name → text
    templates_folder: Path | None = None  # where the overrides were read, for error messages
    list_limit: int = LIST_LIMIT
    list_head: int = LIST_HEAD
    chart_after: str = "muc-4"
    profile: Profile | None = None  # the report profile: annex numbers, parts, tiers (None: the seed's)
    last_year: PeriodIndicators | None = None  # the same period of the previous year, when stored
    catalogue: Catalogue | None = None  # the rate definitions (None: the seed's, never named in the prose)
    index_766_quoted: pl.DataFrame | None = None  # the 766 score copied from the portal, with its snapshot time
    last_year_restated: Restated | None = None  # across a reorganisation: last year on today's units
    previous_restated: Restated | None = None  # across a reorganisation: the previous period on today's units


@dataclass(frozen=True)
class LastYear:
    """A headline rate in the same period of the previous year."""

    value: Decimal | None
    year: int
    restated: bool = False  # taken on today's units through the lineage (a reorganisation lies between)
    exact: bool = True  # False: a unit of the tier was made partly of a split unit
    reason: str = ""  # why the tier is not compared (then value is None), in the report's words


@dataclass(frozen=True)
class Section:
    """One section as rendered: its template, its number in the report and what the template is given."""

    template: str
    number: int
    variables: Mapping[str, Any]


def section_plan(sections: Sequence[str], profile: Profile | None, now: PeriodIndicators) -> tuple[Section, ...]:
    """The profile's section names (or template names) in order, numbered 1, 2, … as the report prints them."""
    plan = []
    for number, name in enumerate(sections, start=1):
        tier = profile.tier(name[len(TIER_PREFIX):]) if profile is not None and name.startswith(TIER_PREFIX) else None
        if tier is not None and tier.template:  # the seed's own wording of its two desks
            plan.append(Section(tier.template, number, {}))
        elif name in SEED_TEMPLATES and (profile is None or not name.startswith(TIER_PREFIX)):
            plan.append(Section(SEED_TEMPLATES[name], number, {}))
        elif tier is not None and profile is not None:
            annex = profile.annex_number(name) or profile.annex_number("all_tiers")
            plan.append(Section(TIER_TEMPLATE, number, {"tier": tier, "desk": now.tiers[tier.key],
                                                        "desk_key": tier.key, "annex": annex}))
        elif name == "total" and profile is not None and profile.total is not None and now.total is not None:
            tier = Tier("total", (), "", profile.total.name, profile.total.name.lower(), profile.total.annex_title)
            plan.append(Section(TIER_TEMPLATE, number, {"tier": tier, "desk": now.total, "desk_key": "total",
                                                        "annex": profile.annex_number("all_tiers")}))
        else:  # a template's own name: "muc-4" keeps its number
            own = name.rsplit("-", 1)[-1]
            plan.append(Section(name, int(own) if own.isdigit() else number, {}))
    return tuple(plan)


@dataclass(frozen=True)
class Change:
    """A headline rate against the previous period: the exact change and the month it is compared with."""

    delta: Decimal | None  # None: not compared, `reason` says why
    month: str
    restated: bool = False  # the previous period taken on today's units (a reorganisation lies between)
    exact: bool = True  # False: a unit of the tier was made partly of a split unit
    reason: str = ""  # why the tier is not compared, in the report's words (said once per tier)


@dataclass(frozen=True)
class NamedCount:
    name: str
    value: int


@dataclass(frozen=True)
class UnitList:
    """A list of units as the prose names it: all of them, or the largest few and how many others."""

    shown: tuple[Any, ...]
    others: int = 0
    annex: int | None = None

    def __iter__(self):
        return iter(self.shown)

    def __bool__(self) -> bool:
        return bool(self.shown)


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
    """" (tăng 8,34 điểm phần trăm so với tháng 8)" as plain text, or "" when there is nothing to compare
    (the report's own wording of it is the `thay_doi` macro of templates/chung.md.j2)."""
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


def _size(item: Any, by: str) -> int:
    if isinstance(item, UnitRate):
        rate = item.rate
        return rate.denominator - rate.numerator if by == "shortfall" else rate.denominator
    if isinstance(item, UnitFigure | NamedCount):
        return item.value
    if isinstance(item, FeedbackGroup):
        return item.count
    return 0


def summarise(items: Sequence[Any], limit: int, head: int, annex: int | None = None, by: str = "size") -> UnitList:
    """All the items in their order when there are at most `limit`; else the `head` largest, largest first."""
    items = tuple(items)
    if len(items) <= limit:
        return UnitList(items, 0, annex)
    largest = sorted(items, key=lambda item: -_size(item, by))[:head]
    return UnitList(tuple(largest), len(items) - len(largest), annex)


class Narrative:
    def __init__(self, inputs: NarrativeInputs) -> None:
        self.inputs = inputs
        self.now = inputs.current
        self.org = inputs.organisation
        self.period_text = format_period_prose(self.now.start, self.now.end)
        self.span_word = "tháng" if inputs.period.is_month else "kỳ"  # "Trong tháng, …" / "Trong kỳ, …"
        self.skipped_comparisons = False  # a real figure was not compared with a synthetic previous month
        self._said_not_compared: set[str] = set()  # tiers whose "not compared since the reorganisation" is said
        self._said_last_year: set[str] = set()  # tiers whose last-year refusal was said with the previous period's
        self.templates = ProseTemplates(inputs.templates, inputs.templates_folder)
        self.templates.environment.globals.update(self.variables())

    # --- what the templates are given ----------------------------------------------------------
    def variables(self) -> dict[str, Any]:
        """Every name a template can use (templates/README.md lists them for the analyst)."""
        period = self.inputs.period
        functions: dict[str, Callable[..., Any]] = {
            "compare": self.compare, "is_synthetic": self.is_synthetic, "explanation": self.explanation,
            "summarise": self.summarise, "counts": lambda desk: {k: v.value for k, v in desk.counts.items()},
            "apology": self.apology, "index_766": self.index_766, "skipped_comparison": self.skipped_comparison,
            "annex_of": self.annex_of, "has_part": self.has_part, "compare_last_year": self.compare_last_year,
            "rate_basis": self.rate_basis, "index_766_quoted": self.index_766_quoted, "shows": self.shows,
        }
        return {
            "period": period, "period_label": period_phrase(period), "next_period_label": period_phrase(period.next()),
            "period_text": self.period_text, "span_word": self.span_word, "now": self.now,
            "previous": self.inputs.previous, "analyst": self.inputs.analyst, "org": self.org,
            "w": {**SEED_WORDING, **self.inputs.wording}, "thresholds": self.org.thresholds,
            "records_synthetic": self.inputs.records_synthetic and not self.all_synthetic, **functions,
        }

    @property
    def all_synthetic(self) -> bool:
        return self.now.all_synthetic

    def comparable(self, rate: Rate, before: Rate | None) -> bool:
        """A real figure is never compared with a synthetic one: the change would be invented."""
        previous = self.inputs.previous
        if before is None or previous is None:
            return False
        if previous.is_synthetic(before) and not self.now.is_synthetic(rate):
            self.skipped_comparisons = True
            return False
        return True

    def _pair(self, other: PeriodIndicators, desk: str, key: str) -> tuple[Rate | None, Rate | None]:
        """The rate now and in another period, for the same tier (None where a period lacks it)."""
        then = _desk(other, desk)
        return _desk(self.now, desk).rates.get(key), then.rates.get(key) if then.present else None

    def compare(self, desk: str, key: str) -> Change | None:
        """The rate's change since the previous period, or None when there is nothing comparable."""
        previous, restated = self.inputs.previous, self.inputs.previous_restated
        if previous is None:
            return None
        month = month_label(Period.parse(previous.period), self.inputs.period)
        if restated is not None:  # a reorganisation lies between: compare on today's units or say why not
            if desk not in restated.comparable or restated.indicators is None:
                reason = restated.reasons.get(desk, "")
                if not reason or desk in self._said_not_compared:
                    return None
                self._said_not_compared.add(desk)
                return Change(None, month, reason=self._joined_reason(desk) or reason)
            previous = restated.indicators
        rate, before = self._pair(previous, desk, key)
        if rate is None or before is None or not self.comparable(rate, before):
            return None
        delta = rate_change(rate, before)
        if delta is None:
            return None
        if restated is None:
            return Change(delta, month)
        return Change(delta, month, restated=True, exact=desk not in restated.inexact)

    def _joined_reason(self, desk: str) -> str | None:
        """The previous period and last year refused for the same reason: one sentence says both (and the
        last-year comparison of the tier says nothing more)."""
        previous, last = self.inputs.previous_restated, self.inputs.last_year_restated
        if previous is None or last is None or desk not in previous.causes or desk not in last.causes:
            return None
        joined = previous.causes[desk].joined(last.causes[desk])
        if joined is not None:
            self._said_last_year.add(desk)
        return joined

    def compare_last_year(self, desk: str, key: str) -> LastYear | None:
        """The rate in the same period of the previous year (never a synthetic one beside a real one)."""
        last, restated = self.inputs.last_year, self.inputs.last_year_restated
        if last is None:
            return None
        year = Period.parse(last.period).year
        if restated is not None:  # a reorganisation lies between: compare on today's units or say why not
            if desk not in restated.comparable or restated.indicators is None:
                if desk in self._said_last_year:  # said with the previous period's
                    return None
                reason = restated.reasons.get(desk, "")
                return LastYear(None, year, reason=reason) if reason else None
            last = restated.indicators
        rate, before = self._pair(last, desk, key)
        if rate is None or before is None or (last.is_synthetic(before) and not self.now.is_synthetic(rate)):
            return None
        if restated is None:
            return LastYear(before.value, year)
        return LastYear(before.value, year, restated=True, exact=desk not in restated.inexact)

    def shows(self, key: str, tier: str) -> bool:
        """Whether the catalogue places the rate in this tier's section (`tiers:`/`sections:` of indicators.yaml)."""
        catalogue, profile = self.inputs.catalogue, self.inputs.profile
        if catalogue is None or key not in catalogue.rates:
            return True
        chosen = catalogue.definition(key, profile.definitions if profile else None)
        return chosen.shows(tier=tier, section="total" if tier == "total" else TIER_PREFIX + tier)

    def rate_basis(self, key: str) -> str:
        """What a rate is taken over, when the profile chose another definition than the catalogue's first.

        The seed's sentence ("đạt 99,53%") is read over dossiers resolved; a centre computing over dossiers due
        gets 99,71 % where the other gives 99,81 %, so its sentence names the base ("trên số hồ sơ đến hạn
        giải quyết") and a reader never compares two different rates unaware.
        """
        catalogue, profile = self.inputs.catalogue, self.inputs.profile
        if catalogue is None or key not in catalogue.rates:
            return ""
        chosen = catalogue.definition(key, profile.definitions if profile else None)
        if chosen == next(iter(catalogue.rates[key].values())):
            return ""
        base = chosen.statement.split(" / ", 1)[1] if " / " in chosen.statement else chosen.label
        return "trên " + re.sub(r"\s*\([^)]*\)\s*$", "", base).strip()

    def annex_of(self, name: str) -> int | None:
        """The number of the profile's annex ("tier:centre" → 1), as the prose cites it."""
        profile = self.inputs.profile
        if profile is None:
            return SEED_ANNEXES.get(name)
        return profile.annex_number(name)

    def has_part(self, part: str) -> bool:
        return self.inputs.profile is None or self.inputs.profile.has_part(part)

    def is_synthetic(self, *figures: Count | Rate) -> bool:
        """Figures from demo inputs, where the report is not synthetic as a whole (the notice says that)."""
        return not self.all_synthetic and self.now.is_synthetic(*figures)

    def explanation(self, desk: str, key: str) -> str:
        return self.inputs.analyst.explanation(desk, key) if self.inputs.analyst else ""

    def summarise(self, items: Sequence[Any], annex: int | None = None, by: str = "size") -> UnitList:
        return summarise(items, self.inputs.list_limit, self.inputs.list_head, annex, by)

    def apology(self, desk_key: str) -> dict[str, Any] | None:
        """From the dossier records: how many late dossiers have an apology letter, and the units without."""
        late = self.inputs.late
        if late is None:
            return None
        rows = late.filter(pl.col("desk") == ("centre" if desk_key == "centre" else "commune"))
        if not rows.height:
            return {"late": 0, "with_letter": 0, "share": None, "missing": UnitList(())}
        with_letter = int(rows["apology_letter"].sum())
        missing = rows.filter(~pl.col("apology_letter")).group_by("unit_name", maintain_order=True).len()
        named = [NamedCount(str(name), int(count)) for name, count in missing.iter_rows()]
        return {"late": rows.height, "with_letter": with_letter, "share": percentage(with_letter, rows.height),
                "missing": self.summarise(named, 5)}

    def index_766(self) -> dict[str, Any] | None:
        scores = self.inputs.index_766
        if scores is None or not scores.height:
            return None
        overall = scores.filter(pl.col("unit_id") == "__overall__")
        if not overall.height:
            return None
        row = overall.row(0, named=True)
        share = Decimal(str(row["unit_share"])) if row["unit_share"] is not None else None
        version = row.get("version_label") or ""  # a store written before versions has none: nothing claimed
        return {"points": row["unit_points"], "max_points": row["unit_max_points"], "share": share,
                "band": row["band"] or "", "version": version}

    def index_766_quoted(self) -> str:
        """The portal's own 766 score, said as quoted at its snapshot time, never as the project's figure."""
        shown = portal_766_display(self.inputs.index_766_quoted)
        return shown.sentence if shown is not None else ""

    def skipped_comparison(self) -> str:
        """The previous month's label, once real figures were not compared with its synthetic ones; else ""."""
        previous = self.inputs.previous
        if not self.skipped_comparisons or previous is None:
            return ""
        return month_label(Period.parse(previous.period), self.inputs.period)

    # --- sections ------------------------------------------------------------------------------
    def section(self, name: str) -> str:
        """One section by its template name (the seed's numbering) or the profile's name."""
        plan = section_plan((name,), self.inputs.profile, self.now)[0]
        return self._render(plan)

    def _render(self, plan: Section) -> str:
        return self.templates.render(plan.template + TEMPLATE_SUFFIX, {"number": plan.number, **plan.variables})

    def comparison_note(self) -> str:
        """Said once when real figures were not compared with a synthetic previous month."""
        return self.templates.render("ghi-chu-so-sanh" + TEMPLATE_SUFFIX, {})

    def _split(self) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
        plan = section_plan(self.inputs.sections, self.inputs.profile, self.now)
        templates = [s.template for s in plan]
        if self.inputs.chart_after not in templates:
            return plan, ()
        cut = templates.index(self.inputs.chart_after) + 1
        return plan[:cut], plan[cut:]

    def before_chart(self) -> str:
        self._said_not_compared.clear()  # the text from its start: a reason is said again, once
        self._said_last_year.clear()
        before, _ = self._split()
        if not before:
            return ""
        first = self._render(before[0])
        rest = "".join(self._render(s) for s in before[1:])
        return first + self.comparison_note() + rest  # the note, once any comparison was left out

    def after_chart(self) -> str:
        _, after = self._split()
        return "".join(self._render(s) for s in after)


SEED_ANNEXES = {"tier:centre": 1, "tier:communes": 2, "signing": 3, "data_quality": 4, "late_dossiers": 5,
                "index_766": 6}


def _desk(indicators: PeriodIndicators, key: str) -> Any:
    """A tier of the profile by its key; the seed's desks by name; "total" for the grand total."""
    if key in indicators.tiers:
        return indicators.tiers[key]
    if key == "total" and indicators.total is not None:
        return indicators.total
    return getattr(indicators, key)


def report_title(period: Period) -> tuple[str, str]:
    return ("BÁO CÁO", f"Kết quả công tác {period_phrase(period)} và phương hướng, nhiệm vụ "
                       f"{period_phrase(period.next())}")
