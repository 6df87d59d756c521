"""The centre's own details: names, signer, recipients, period cut-off and thresholds.

Everything another centre would change lives in data/reference/organisation.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tthc.inputs import DEFAULT_REQUIRED, INPUT_KINDS, OPTIONAL, REQUIRED
from tthc.reference import ReferenceDataError, load_yaml_mapping


@dataclass(frozen=True)
class Signer:
    authority: str  # e.g. "KT. GIÁM ĐỐC"
    title: str  # e.g. "PHÓ GIÁM ĐỐC"
    name: str


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

    def requires(self, kind: str) -> bool:
        return kind in self.required_inputs


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
