"""The analyst's explanations against the figures they explain.

An explanation of late dossiers beside a count of 0, or one that names 03 dossiers
where the export counts 2, would put a false sentence in the signed report: both are
warnings, and the report prints no explanation for a count of 0.
"""

from __future__ import annotations

import re

from tthc.analyst import AnalystInputs
from tthc.findings import Finding, Location, warning
from tthc.text import normalise

EXPLAINED = {  # explanation key → Vietnamese name of the figure it explains
    "resolved_late": "hồ sơ trả kết quả trễ hạn",
    "pending_overdue": "hồ sơ đang giải quyết quá hạn",
    "paused": "hồ sơ tạm dừng",
    "withdrawn": "hồ sơ công dân xin rút",
    "refused": "hồ sơ từ chối giải quyết",
}
DESK_NAMES = {"centre": "tại Trung tâm", "communes": "tại UBND các xã, thị trấn"}
_COUNTED = re.compile(r"(\d+)\s+hồ sơ")


def stated_count(text: str) -> int | None:
    """The dossiers an explanation counts ("02 hồ sơ …; 05 hồ sơ …" → 7), None when it counts none."""
    numbers = [int(n) for n in _COUNTED.findall(normalise(text))]
    return sum(numbers) if numbers else None


def check_explanations(analyst: AnalystInputs | None, counts: dict[str, dict[str, int]],
                       line: int | None) -> list[Finding]:
    """`counts` is desk → explanation key → the figure the report prints."""
    if analyst is None:
        return []
    findings = []
    for desk, items in analyst.explanations.items():
        if desk not in counts:
            continue
        for key, text in items.items():
            if not text or key not in EXPLAINED:
                continue
            figure = counts[desk].get(key, 0)
            what = f"{EXPLAINED[key]} {DESK_NAMES.get(desk, desk)}"
            where = Location(analyst.file, row=line, column=f"explanations.{desk}.{key}")
            stated = stated_count(text)
            if figure == 0:
                findings.append(warning(
                    "explanation_for_zero", f"có lời giải thích cho {what} nhưng số liệu là 0: báo cáo không in lời "
                    "giải thích này; xóa hoặc sửa lại", where, figure=0))
            elif stated is not None and stated != figure:
                findings.append(warning(
                    "explanation_contradicts", f"lời giải thích cho {what} nêu {stated} hồ sơ nhưng số liệu là "
                    f"{figure}; sửa lời giải thích cho khớp số liệu", where, stated=stated, figure=figure))
    return findings
