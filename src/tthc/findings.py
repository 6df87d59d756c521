"""Validation findings: what is wrong, where, and how bad.

A finding never changes data; it travels with the period so the report's
data-quality annex can show every warning to the signer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABELS = {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo"}


@dataclass(frozen=True)
class Location:
    """A place in an input file, in the terms the analyst sees in Excel."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        # a finding about the period folder as a whole is located at "2024-09/"
        parts = [f"thư mục {self.file.rstrip('/')}" if self.file.endswith("/") else f"tệp {self.file}"]
        if self.sheet:
            parts.append(f"trang tính {self.sheet}")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    location: Location
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def describe(self) -> str:
        return f"{SEVERITY_LABELS[self.severity]}: {self.location.describe()}: {self.message}"

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        record["severity"] = str(self.severity)
        record.update(record.pop("location"))
        record["values"] = {k: str(v) for k, v in self.values.items()}
        return record


def error(code: str, message: str, location: Location, **values: Any) -> Finding:
    return Finding(Severity.ERROR, code, message, location, values)


def warning(code: str, message: str, location: Location, **values: Any) -> Finding:
    return Finding(Severity.WARNING, code, message, location, values)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
