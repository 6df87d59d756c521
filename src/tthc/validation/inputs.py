"""Checks on the period's set of inputs: what is missing, what was copied from last month.

A missing required input is an error (the report cannot be made), a missing optional
one a warning (the report says there is no data for the parts it feeds). A file
byte-identical to one of the previous period, or notes that name another period, are
almost always last month's files copied by mistake: a warning at the file.
"""

from __future__ import annotations

from pathlib import Path

from tthc.analyst import AnalystInputs
from tthc.findings import Finding, Location, error, warning
from tthc.fingerprint import InputFile
from tthc.inputs import INPUT_KINDS
from tthc.organisation import Organisation
from tthc.period import Period, PeriodError
from tthc.profile import Profile, load_profile


def check_presence(present: set[str], organisation: Organisation, folder: Path,
                   unused: frozenset[str] = frozenset(), profile: Profile | None = None) -> list[Finding]:
    """`unused`: inputs the report's profile has no part for (a provincial centre has no commune desk):
    their absence is no finding unless the organisation requires them. The parts each feeds are numbered as
    `profile` (by default the seed's) numbers its sections."""
    profile = profile or load_profile(None)
    findings = []
    where = Location(f"{folder.name}/")
    for key, kind in INPUT_KINDS.items():
        if key in present or ((kind.supplementary or key in unused) and not organisation.requires(key)):
            continue
        if organisation.requires(key):
            findings.append(error(
                "missing_input", f"thiếu {kind.what} (tệp chứa {kind.contents(profile)}); loại tệp này là bắt buộc "
                f"(organisation.yaml, mục inputs), không lập được {kind.parts(profile)}", where, kind=key))
        else:
            findings.append(warning(
                "missing_input", f"không có {kind.what}: báo cáo ghi \"Không có số liệu\" cho {kind.parts(profile)}",
                where, kind=key))
    return findings


def check_copied(files: list[InputFile], previous: list[InputFile], previous_period: Period) -> list[Finding]:
    earlier = {f.sha256: f.name for f in previous}
    return [warning(
        "copied_from_previous",
        f"tệp giống hệt tệp {earlier[f.sha256]} của kỳ {previous_period}: có thể đã chép nhầm tệp của kỳ trước; "
        "hãy lấy tệp kết xuất của kỳ này", Location(f.name), previous=earlier[f.sha256])
        for f in files if f.sha256 in earlier]


def _names(stated: str, period: Period) -> bool:
    """The notes' `period:` names the period: "2024-09", or a range written either way (".." or "_")."""
    try:
        return Period.parse(stated) == period
    except PeriodError:
        return stated == str(period)


def check_notes_period(analyst: AnalystInputs | None, period: Period) -> list[Finding]:
    if analyst is None or analyst.period is None or _names(analyst.period, period):
        return []
    return [warning(
        "notes_other_period",
        f"tệp ghi chú ghi kỳ {analyst.period}, khác kỳ báo cáo {period.command_text()}: có thể là tệp của kỳ khác; sửa mục "
        "period và nội dung cho kỳ này", Location(analyst.file, row=analyst.period_line), stated=analyst.period)]
