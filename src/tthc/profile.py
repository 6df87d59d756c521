"""The report profile: which tiers of units a report has, its sections and annexes, the rates' definitions.

The seed's district centre (the centre and its communes, seven sections, six annexes) is the default
profile; a provincial centre (agencies only) or a whole province (provincial, district and commune tiers
with a grand total) is another file in the data folder, not another program.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from tthc.catalogue import Catalogue
from tthc.inputs import INPUT_KINDS
from tthc.reference import ReferenceDataError, load_yaml_mapping

SECTIONS = ("work_situation", "digital_transformation", "e_certification", "assessment", "next_tasks", "total")
ANNEXES = ("all_tiers", "signing", "data_quality", "late_dossiers", "index_766")
PARTS = ("registration_fee", "payment_classes")
UNIT_KINDS = ("department", "commune", "district_body", "provincial_body")
TIER_PREFIX = "tier:"


@dataclass(frozen=True)
class Tier:
    key: str
    kinds: tuple[str, ...]
    input: str  # the input kind (tthc.inputs) whose absence means "no data" for this tier
    name: str  # in prose: "UBND các xã, thị trấn"
    place: str  # in prose: "tại UBND các xã, thị trấn"
    annex_title: str
    template: str = ""  # the prose template of its section ("muc-2"); "" for the one template of any tier
    short: str = ""  # in chart legends and table cells ("Trung tâm HCC"); "" for `name`


@dataclass(frozen=True)
class Total:
    name: str  # "Toàn tỉnh"
    annex_title: str


@dataclass(frozen=True)
class Profile:
    name: str
    tiers: tuple[Tier, ...]
    sections: tuple[str, ...]
    annexes: tuple[str, ...]
    parts: frozenset[str]
    definitions: dict[str, str]
    total: Total | None = None
    group_subtotals: bool = False
    same_period_last_year: bool = True
    wording: dict[str, str] = field(default_factory=dict)  # the templates' `w.` names (report/narrative.py)
    path: Path | None = field(default=None, compare=False)
    versions: tuple[tuple[date, Profile], ...] = ()  # (valid from, the profile from that day), oldest first

    def on(self, day: date) -> Profile:
        """The structure a report ending on `day` has: a district centre until 30/6/2025, a commune centre after."""
        chosen = self
        for start, version in self.versions:
            if start <= day:
                chosen = version
        return chosen

    def tier(self, key: str) -> Tier | None:
        return next((t for t in self.tiers if t.key == key), None)

    def tier_labels(self) -> dict[str, str]:
        """Tier key → its short name ("centre" → "Trung tâm HCC" in the seed's profile), in the profile's order:
        the tier's `short`, else the wording `<key>_short` ("Trung tâm PVHCC xã"), else its name."""
        return {t.key: t.short or self.wording.get(f"{t.key}_short") or t.name for t in self.tiers}

    def has_part(self, part: str) -> bool:
        return part in self.parts

    def annex_number(self, annex: str) -> int | None:
        """The annex's number as the report cites it ("Phụ lục 2"), None when the profile has no such annex."""
        return self.annexes.index(annex) + 1 if annex in self.annexes else None

    def unused_inputs(self) -> frozenset[str]:
        """The dossiers exports no tier of this profile reads (a provincial centre has no commune desk)."""
        return frozenset({"dossiers_centre", "dossiers_communes"} - {t.input for t in self.tiers})

    def tier_of_kind(self, kind: str) -> Tier | None:
        return next((t for t in self.tiers if kind in t.kinds), None)


def default_profile_path() -> Path:
    return Path(__file__).parent / "defaults" / "profile.yaml"


def load_profile(path: Path | None = None, catalogue: Catalogue | None = None) -> Profile:
    """The data folder's reference/profile.yaml, else the package's (the seed's district centre).

    `versions:` lists, each with `valid_from`, the keys that change from that day (a reorganisation)."""
    source = path if path is not None and path.exists() else default_profile_path()
    data = load_yaml_mapping(source)
    base = _profile(source, {k: v for k, v in data.items() if k != "versions"}, catalogue)
    raw = data.get("versions") or []
    if not isinstance(raw, list):
        raise ReferenceDataError(source, "mục 'versions' phải là danh sách, mỗi mục có valid_from và các mục thay đổi")
    versions: list[tuple[date, Profile]] = []
    merged = {k: v for k, v in data.items() if k != "versions"}
    for number, item in enumerate(raw, start=1):
        start = item.get("valid_from") if isinstance(item, dict) else None
        if not isinstance(start, date):
            raise ReferenceDataError(source, f"phiên bản thứ {number} trong mục 'versions' thiếu valid_from dạng "
                                             "NĂM-THÁNG-NGÀY (ví dụ 2025-07-01)")
        if versions and start <= versions[-1][0]:
            raise ReferenceDataError(source, "các phiên bản trong mục 'versions' phải theo thứ tự ngày valid_from tăng dần")
        merged = {**merged, **{k: v for k, v in item.items() if k != "valid_from"}}
        versions.append((start, _profile(source, merged, catalogue)))
    if catalogue is not None:  # a rate's places: tiers and sections of any version of the structure
        every = (base, *(version for _, version in versions))
        catalogue.check_placement({t.key for p in every for t in p.tiers},
                                  {name for p in every for name in (*p.sections, *p.annexes)}, source)
    return replace(base, versions=tuple(versions))


def _profile(source: Path, data: dict[str, Any], catalogue: Catalogue | None) -> Profile:
    tiers = _tiers(source, data.get("tiers"))
    keys = {t.key for t in tiers}
    sections = _names(source, "sections", data.get("sections"), SECTIONS, keys)
    annexes = _names(source, "annexes", data.get("annexes"), ANNEXES, keys)
    parts = data.get("parts") or []
    if not isinstance(parts, list) or any(p not in PARTS for p in parts):
        raise ReferenceDataError(source, f"mục 'parts' chỉ gồm: {', '.join(PARTS)}")
    definitions = data.get("definitions") or {}
    if not isinstance(definitions, dict):
        raise ReferenceDataError(source, "mục 'definitions' phải là bảng: tên tỷ lệ: cách tính")
    definitions = {str(k): str(v) for k, v in definitions.items()}
    if catalogue is not None:
        catalogue.check_choices(definitions, source)
    total = _total(source, data.get("total"))
    if "total" in sections and total is None:
        raise ReferenceDataError(source, "mục sections có 'total' nhưng chưa khai báo mục 'total' (tên, tiêu đề phụ lục)")
    return Profile(
        name=str(data.get("name", "")), tiers=tiers, sections=sections, annexes=annexes, parts=frozenset(parts),
        definitions=definitions, total=total, group_subtotals=bool(data.get("group_subtotals", False)),
        same_period_last_year=bool(data.get("same_period_last_year", True)),
        wording=_wording(source, data.get("wording")), path=source)


def _wording(source: Path, raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ReferenceDataError(source, "mục 'wording' phải là bảng: tên: câu chữ (ví dụ centre_place: tại Trung tâm)")
    return {str(k): v for k, v in raw.items()}


def _tiers(source: Path, raw: Any) -> tuple[Tier, ...]:
    if not isinstance(raw, list) or not raw:
        raise ReferenceDataError(source, "mục 'tiers' phải là danh sách các cấp đơn vị (key, kinds, input, name)")
    tiers: list[Tier] = []
    claimed: dict[str, str] = {}
    for number, item in enumerate(raw, start=1):
        where = f"cấp thứ {number} trong mục 'tiers'"
        if not isinstance(item, dict):
            raise ReferenceDataError(source, f"{where} phải có key, kinds, input, name")
        missing = [k for k in ("key", "kinds", "input", "name") if not item.get(k)]
        if missing:
            raise ReferenceDataError(source, f"{where} thiếu {', '.join(missing)}")
        kinds = item["kinds"]
        if not isinstance(kinds, list) or any(k not in UNIT_KINDS for k in kinds):
            raise ReferenceDataError(source, f"kinds của {where} chỉ gồm: {', '.join(UNIT_KINDS)}")
        for kind in kinds:
            if kind in claimed:
                raise ReferenceDataError(source, f"loại đơn vị '{kind}' thuộc hai cấp: {claimed[kind]} và {item['key']}")
            claimed[kind] = str(item["key"])
        if item["input"] not in INPUT_KINDS:
            raise ReferenceDataError(source, f"input '{item['input']}' của {where} không phải loại tệp đã biết "
                                             f"(xem lệnh tthc formats)")
        name = str(item["name"])
        tiers.append(Tier(str(item["key"]), tuple(map(str, kinds)), str(item["input"]), name,
                          str(item.get("place") or f"tại {name}"),
                          str(item.get("annex_title") or f"TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI {name.upper()}"),
                          str(item.get("template") or ""), str(item.get("short") or "")))
    return tuple(tiers)


def _names(source: Path, what: str, raw: Any, allowed: tuple[str, ...], tiers: set[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise ReferenceDataError(source, f"mục '{what}' phải là danh sách")
    for name in raw:
        name = str(name)
        if name.startswith(TIER_PREFIX):
            if name[len(TIER_PREFIX):] not in tiers:
                raise ReferenceDataError(source, f"mục '{what}' nêu '{name}' nhưng không có cấp này trong mục 'tiers' "
                                                 f"(có: {', '.join(sorted(tiers))})")
        elif name not in allowed:
            raise ReferenceDataError(source, f"mục '{what}' có '{name}' không hợp lệ (dùng: tier:<key>, "
                                             f"{', '.join(allowed)})")
    return tuple(map(str, raw))


def _total(source: Path, raw: Any) -> Total | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ReferenceDataError(source, "mục 'total' phải có name (ví dụ: Toàn tỉnh) và annex_title")
    name = str(raw["name"])
    return Total(name, str(raw.get("annex_title") or f"TỔNG HỢP TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC {name.upper()}"))
