"""The centre's own details: names, signer, recipients, period cut-off and thresholds.

Everything another centre would change lives in data/reference/organisation.yaml. The header and
signature details may change over time (the 2025 reorganisation turned a district centre into a
commune centre): an optional `versions:` list overrides them from a date, and a period is reported
with the version valid on its end date (`Organisation.for_period`). A file without `versions:` has
one version valid always.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tthc.inputs import DEFAULT_REQUIRED, INPUT_KINDS, OPTIONAL, REQUIRED
from tthc.period import Period
from tthc.reference import ReferenceDataError, load_yaml_mapping

# The fields a version may override: the header, the signature block and the names used in prose.
VERSIONED_TEXT = ("parent_body", "parent_body_short", "issuing_body", "issuing_body_name", "issuing_body_full",
                  "place", "report_code", "archive")
VERSIONED = (*VERSIONED_TEXT, "signer", "recipients")
SIGNER_KEYS = ("authority", "title", "name")


@dataclass(frozen=True)
class Signer:
    authority: str  # e.g. "KT. GIÁM ĐỐC"
    title: str  # e.g. "PHÓ GIÁM ĐỐC"
    name: str


@dataclass(frozen=True)
class OrganisationVersion:
    """Header and signature details valid from `valid_from` to `valid_to` (inclusive; None: no end)."""

    valid_from: date
    valid_to: date | None
    overrides: tuple[tuple[str, Any], ...]  # (field, value) in VERSIONED; signer a Signer, recipients a tuple

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Thresholds:
    online_payment_target: Decimal
    class_full: Decimal
    class_high: Decimal


@dataclass(frozen=True)
class Organisation:
    parent_body: str
    parent_body_short: str  # in prose: "báo cáo UBND huyện xem xét"
    issuing_body: str
    issuing_body_name: str  # in prose: "Trung tâm Hành chính công đã tham mưu"
    issuing_body_full: str
    place: str
    report_code: str
    signer: Signer
    recipients: tuple[str, ...]
    archive: str
    cutoff_day: int
    thresholds: Thresholds
    signing_named_kinds: tuple[str, ...]
    required_inputs: tuple[str, ...] = DEFAULT_REQUIRED  # keys of tthc.inputs.INPUT_KINDS
    versions: tuple[OrganisationVersion, ...] = ()  # sorted by date, never overlapping

    def requires(self, kind: str) -> bool:
        return kind in self.required_inputs

    def on(self, day: date) -> Organisation:
        """The organisation as it was on `day`: the version valid then applied, or the file's own fields
        where no version covers the day. The result carries no versions: it is already dated."""
        if not self.versions:
            return self
        fields = next((dict(v.overrides) for v in self.versions if v.covers(day)), {})
        return replace(self, **fields, versions=())

    def for_period(self, period: Period) -> Organisation:
        """The organisation that signs the report of `period`: the version valid on the period's last day."""
        return self.on(period.end(self.cutoff_day))


def load_organisation(path: Path) -> Organisation:
    data = load_yaml_mapping(path)
    try:
        signer = data["signer"]
        thresholds = data["thresholds"]
        organisation = Organisation(
            parent_body=str(data["parent_body"]),
            parent_body_short=str(data["parent_body_short"]),
            issuing_body=str(data["issuing_body"]),
            issuing_body_name=str(data["issuing_body_name"]),
            issuing_body_full=str(data["issuing_body_full"]),
            place=str(data["place"]),
            report_code=str(data["report_code"]),
            signer=Signer(str(signer["authority"]), str(signer["title"]), str(signer["name"])),
            recipients=tuple(str(r) for r in data["recipients"]),
            archive=str(data["archive"]),
            cutoff_day=int(data["period"]["cutoff_day"]),
            thresholds=Thresholds(
                online_payment_target=Decimal(str(thresholds["online_payment_target"])),
                class_full=Decimal(str(thresholds["class_full"])),
                class_high=Decimal(str(thresholds["class_high"])),
            ),
            signing_named_kinds=tuple(data.get("signing_named_kinds", ("department", "commune"))),
            required_inputs=_required_inputs(path, data.get("inputs")),
        )
        organisation = replace(organisation, versions=_versions(path, data.get("versions"), organisation.signer))
    except KeyError as exc:
        raise ReferenceDataError(path, f"thiếu mục {exc} trong thông tin cơ quan") from exc
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise ReferenceDataError(path, "sai kiểu dữ liệu trong thông tin cơ quan (signer, thresholds, period phải là "
                                   "bảng khóa: giá trị; recipients là danh sách; cutoff_day và các ngưỡng là số)") from exc
    if not 1 <= organisation.cutoff_day <= 28:
        raise ReferenceDataError(path, "ngày chốt số liệu (period.cutoff_day) phải từ 1 đến 28")
    return organisation


def _required_inputs(path: Path, declared: object) -> tuple[str, ...]:
    """`inputs:` maps each kind of input to required / optional; kinds not named keep the default."""
    if declared is None:
        return DEFAULT_REQUIRED
    if not isinstance(declared, dict):
        raise ReferenceDataError(path, "mục inputs phải là bảng khóa: giá trị (loại tệp: required hoặc optional)")
    unknown = sorted(str(k) for k in declared if k not in INPUT_KINDS)
    if unknown:
        raise ReferenceDataError(path, f"mục inputs có loại tệp không biết: {', '.join(unknown)} "
                                   f"(dùng: {', '.join(INPUT_KINDS)})")
    bad = sorted(str(k) for k, v in declared.items() if v not in (REQUIRED, OPTIONAL))
    if bad:
        raise ReferenceDataError(path, f"mục inputs: {', '.join(bad)} phải là required (bắt buộc) hoặc optional "
                                   "(không bắt buộc)")
    required = {k for k in DEFAULT_REQUIRED if k not in declared}
    required |= {k for k, v in declared.items() if v == REQUIRED}
    return tuple(k for k in INPUT_KINDS if k in required)


def _versions(path: Path, declared: object, base_signer: Signer) -> tuple[OrganisationVersion, ...]:
    """`versions:` as dated overrides, checked: known keys, dates in order, no two versions on one day."""
    if declared is None:
        return ()
    if not isinstance(declared, list) or not all(isinstance(v, dict) for v in declared):
        raise ReferenceDataError(path, "mục versions phải là danh sách, mỗi phiên bản là bảng khóa: giá trị "
                                   "(valid_from, valid_to và các mục thay đổi)")
    versions = [_version(path, number, item, base_signer) for number, item in enumerate(declared, start=1)]
    ordered = sorted(versions, key=lambda v: v.valid_from)
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier.valid_to is None or later.valid_from <= earlier.valid_to:
            until = "không có ngày kết thúc" if earlier.valid_to is None else f"đến {_vn(earlier.valid_to)}"
            raise ReferenceDataError(path, f"mục versions: phiên bản từ {_vn(earlier.valid_from)} ({until}) trùng "
                                       f"thời gian với phiên bản từ {_vn(later.valid_from)}; mỗi ngày chỉ được có "
                                       "một phiên bản (sửa valid_to của phiên bản trước)")
    return tuple(ordered)


def _version(path: Path, number: int, item: dict[Any, Any], base_signer: Signer) -> OrganisationVersion:
    where = f"mục versions, phiên bản thứ {number}"
    unknown = sorted(str(k) for k in item if k not in (*VERSIONED, "valid_from", "valid_to"))
    if unknown:
        raise ReferenceDataError(path, f"{where} có mục không biết: {', '.join(unknown)} (dùng: valid_from, "
                                   f"valid_to, {', '.join(VERSIONED)})")
    if item.get("valid_from") is None:
        raise ReferenceDataError(path, f"{where} thiếu ngày bắt đầu hiệu lực (valid_from, dạng NĂM-THÁNG-NGÀY)")
    valid_from = _date(path, where, "valid_from", item["valid_from"])
    valid_to = None if item.get("valid_to") is None else _date(path, where, "valid_to", item["valid_to"])
    if valid_to is not None and valid_to < valid_from:
        raise ReferenceDataError(path, f"{where}: ngày kết thúc (valid_to {_vn(valid_to)}) trước ngày bắt đầu "
                                   f"(valid_from {_vn(valid_from)})")
    overrides: list[tuple[str, Any]] = []
    for key in VERSIONED_TEXT:
        if key in item:
            if not isinstance(item[key], str):
                raise ReferenceDataError(path, f"{where}: {key} phải là một dòng chữ")
            overrides.append((key, item[key]))
    if "signer" in item:
        overrides.append(("signer", _signer(path, where, item["signer"], base_signer)))
    if "recipients" in item:
        recipients = item["recipients"]
        if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
            raise ReferenceDataError(path, f"{where}: recipients phải là danh sách nơi nhận, mỗi dòng một nơi")
        overrides.append(("recipients", tuple(recipients)))
    return OrganisationVersion(valid_from, valid_to, tuple(overrides))


def _signer(path: Path, where: str, declared: object, base: Signer) -> Signer:
    """A version's signer: the keys it names replace the file's (authority "" leaves the line out)."""
    if not isinstance(declared, dict):
        raise ReferenceDataError(path, f"{where}: signer phải là bảng khóa: giá trị ({', '.join(SIGNER_KEYS)})")
    unknown = sorted(str(k) for k in declared if k not in SIGNER_KEYS)
    if unknown:
        raise ReferenceDataError(path, f"{where}: signer có mục không biết: {', '.join(unknown)} "
                                   f"(dùng: {', '.join(SIGNER_KEYS)})")
    if not all(isinstance(v, str) for v in declared.values()):
        raise ReferenceDataError(path, f"{where}: các mục của signer phải là dòng chữ (ghi \"\" để bỏ trống)")
    return replace(base, **declared)


def _date(path: Path, where: str, key: str, value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReferenceDataError(path, f"{where}: {key} '{value}' không phải ngày dạng NĂM-THÁNG-NGÀY "
                                   "(ví dụ 2025-07-01)") from None


def _vn(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
