"""The analyst's own inputs for a period: typed figures and free prose, from one YAML file.

The file is hand-edited, so every problem is reported with the key and its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tthc.reference import ReferenceDataError, load_yaml_mapping

ANALYST_SUFFIXES = (".yaml", ".yml")

SECTION_KEYS = ("work_situation", "strengths", "limitations", "limitations_communes", "next_tasks")
EXPLANATION_DESKS = ("centre", "communes")
EXPLANATION_KEYS = ("resolved_late", "pending_overdue", "paused", "withdrawn", "refused")


@dataclass(frozen=True)
class AnalystInputs:
    file: str
    registration_fee_revenue: int | None
    e_certifications: int | None
    directives_drafted: int | None
    directives_topics: str
    synthetic: bool = False  # demo data made by the generator: every report says so
    period: str | None = None  # the period the notes say they are for ("2024-09")
    period_line: int | None = None
    explanations: dict[str, dict[str, str]] = field(default_factory=dict)
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def explanation(self, desk: str, key: str) -> str:
        return self.explanations.get(desk, {}).get(key, "")

    def section(self, key: str) -> tuple[str, ...]:
        return self.sections.get(key, ())


def line_of(path: Path, key: str) -> int | None:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError:
        return None
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node.start_mark.line + 1
    return None


def _count(path: Path, data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReferenceDataError(path, f"mục '{key}' phải là số nguyên không âm, đang là '{value}'", line_of(path, key))
    return value


def _flag(path: Path, data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ReferenceDataError(path, f"mục '{key}' phải là true hoặc false, đang là '{value}'", line_of(path, key))
    return value


def _texts(path: Path, value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    raise ReferenceDataError(path, f"mục '{key}' phải là đoạn văn hoặc danh sách đoạn văn", line_of(path, key))


def load_analyst_inputs(path: Path) -> AnalystInputs:
    data = load_yaml_mapping(path)
    explanations_raw = data.get("explanations") or {}
    sections_raw = data.get("sections") or {}
    if not isinstance(explanations_raw, dict) or not isinstance(sections_raw, dict):
        raise ReferenceDataError(path, "mục 'explanations' và 'sections' phải là bảng khóa: giá trị")
    unknown = sorted(str(k) for k in sections_raw if k not in SECTION_KEYS)
    if unknown:
        raise ReferenceDataError(
            path, f"mục sections có khóa không dùng: {', '.join(unknown)} (dùng: {', '.join(SECTION_KEYS)})",
            line_of(path, "sections"),
        )
    explanations: dict[str, dict[str, str]] = {}
    for desk, items in explanations_raw.items():
        if desk not in EXPLANATION_DESKS or not isinstance(items, dict):
            raise ReferenceDataError(path, f"mục explanations.{desk} không hợp lệ (dùng: centre, communes)",
                                 line_of(path, "explanations"))
        bad = sorted(str(k) for k in items if k not in EXPLANATION_KEYS)
        if bad:
            raise ReferenceDataError(path, f"mục explanations.{desk} có khóa không dùng: {', '.join(bad)}",
                                 line_of(path, "explanations"))
        explanations[desk] = {k: " ".join(_texts(path, v, f"explanations.{desk}.{k}")) for k, v in items.items()}
    return AnalystInputs(
        file=path.name,
        registration_fee_revenue=_count(path, data, "registration_fee_revenue"),
        e_certifications=_count(path, data, "e_certifications"),
        directives_drafted=_count(path, data, "directives_drafted"),
        directives_topics=" ".join(_texts(path, data.get("directives_topics"), "directives_topics")),
        synthetic=_flag(path, data, "synthetic"),
        period=str(data["period"]).strip() if data.get("period") is not None else None,
        period_line=line_of(path, "period"),
        explanations=explanations,
        sections={k: _texts(path, v, f"sections.{k}") for k, v in sections_raw.items()},
    )
