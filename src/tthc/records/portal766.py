"""Decision 766 scores quoted from the national portal, kept with their snapshot time.

The portal's figures change after the fact ("Dữ liệu được tính tại thời điểm … có thể thay đổi"), and
they are not what this project computes from dossier records (tthc.records.index766): a quoted value is
read from a small YAML file the analyst saves in the period's folder, validated against the components
of the period's version of index_766.yaml, stored apart (dataset `index_766_portal`) and shown only as
"quoted from the portal at <time>". The file is recognised by its name (chi-so-766*.yaml) or by a
`components:` or `snapshot_at:` key, so it is never taken for the analyst's notes. Its shape:

    scope: UBND huyện Lương Tài                     # optional: whose score, as the portal names it
    snapshot_at: "08:15 03/10/2024"                 # required: "Dữ liệu được tính tại thời điểm …"
    components:                                     # component: points, or "points/max" as shown
      Công khai minh bạch: 13.2
      Tiến độ giải quyết: "18,4/20"
    total: 80.1                                     # optional: checked against the sum
    band: Tốt                                       # optional
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl

from tthc.analyst import ANALYST_SUFFIXES, line_of
from tthc.findings import Finding, Location, error, warning
from tthc.formatting.numbers import format_decimal
from tthc.records.index766 import Index766, Index766Versions, default_path, load_index_766_versions
from tthc.reference import ReferenceDataError, load_yaml_mapping

PORTAL_766_DATASET = "index_766_portal"
PORTAL_766_KIND = "index_766_portal"  # the INPUT_KINDS key
FILE_PREFIX = "chi-so-766"
SNIFF_KEYS = ("components", "snapshot_at")
TOTAL_TOLERANCE = Decimal("0.05")  # the portal rounds each component to one decimal
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?")
_NUMBER = re.compile(r"\s*(-?\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+(?:[.,]\d+)?))?\s*")

SCHEMA: dict[str, Any] = {"file": pl.String, "scope": pl.String, "snapshot_at": pl.Datetime("us"), "snapshot_has_time": pl.Boolean,
          "version_id": pl.String, "version_label": pl.String, "component": pl.String, "points": pl.Float64,
          "max_points": pl.Float64, "total": pl.Float64, "band": pl.String}


@dataclass(frozen=True)
class QuotedComponent:
    name: str  # the version's name of the component, whatever spelling the file used
    points: Decimal
    max_points: Decimal | None


@dataclass(frozen=True)
class Portal766:
    """The portal's 766 score of one period as the analyst copied it."""

    file: str
    scope: str
    snapshot_at: datetime
    snapshot_has_time: bool
    version_id: str
    version_label: str
    components: tuple[QuotedComponent, ...]
    total: Decimal
    band: str | None

    def to_frame(self) -> pl.DataFrame:
        rows = [(self.file, self.scope, self.snapshot_at, self.snapshot_has_time, self.version_id, self.version_label,
                 c.name, float(c.points), float(c.max_points) if c.max_points is not None else None,
                 float(self.total), self.band) for c in self.components]
        return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def is_portal_766_file(path: Path) -> bool:
    """A YAML file named chi-so-766…, or whose top level has a key of a quoted 766 score (never in notes)."""
    if path.suffix.lower() not in ANALYST_SUFFIXES:
        return False
    if path.name.casefold().startswith(FILE_PREFIX):
        return True
    try:
        data = load_yaml_mapping(path)
    except ReferenceDataError:  # a broken file is left to the notes reader, which reports it
        return False
    return any(key in data for key in SNIFF_KEYS)


def ingest_portal_766(paths: list[Path], data_dir: Path, start: date, end: date
                      ) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The stored frame (none when the file is unusable) and the findings of the period's quoted file."""
    if len(paths) > 1:
        return {}, [error("several_portal_766_files",
                          f"có nhiều tệp điểm Bộ chỉ số 766 chép từ Cổng: {', '.join(p.name for p in paths)}; "
                          "chỉ giữ một tệp", Location(paths[0].parent.name + "/"))]
    path = paths[0]
    try:
        versions = load_index_766_versions(default_path(data_dir))
    except ReferenceDataError as exc:
        return {}, [error("bad_index_766_file", str(exc), Location(default_path(data_dir).name))]
    quoted, findings = read_portal_766(path, versions, start, end)
    return ({PORTAL_766_DATASET: quoted.to_frame()} if quoted is not None else {}), findings


def read_portal_766(path: Path, versions: Index766Versions, start: date, end: date
                    ) -> tuple[Portal766 | None, list[Finding]]:
    """Read and check the file against the version of the period; any error leaves it out of the store."""
    where = Location(path.name)
    try:
        data = load_yaml_mapping(path)
    except ReferenceDataError as exc:
        return None, [error("bad_portal_766_file", str(exc).split(": ", 1)[-1], Location(path.name, row=exc.line))]
    version = versions.for_period(end)
    if version is None:
        return None, [warning("portal_766_no_version", f"điểm Bộ chỉ số 766 chép từ Cổng không được dùng: "
                                                       f"{versions.outside_message(start, end)}", where)]
    findings: list[Finding] = []
    snapshot = _snapshot(path, data, findings)
    components = _components(path, data, version, findings)
    if snapshot is None or components is None or any(f.is_error for f in findings):
        return None, findings
    at, has_time = snapshot
    if at.date() < end:
        findings.append(warning(
            "portal_766_early_snapshot",
            f"Cổng tính số liệu lúc {_when(at, has_time)}, trước ngày cuối kỳ {end:%d/%m/%Y}: điểm chép được chưa "
            "gồm cả kỳ; nên chép lại sau ngày cuối kỳ", Location(path.name, row=line_of(path, "snapshot_at"))))
    missing = [c.name for c in version.components if all(q.name != c.name for q in components)]
    if missing:
        findings.append(warning(
            "portal_766_missing_components",
            f"tệp chưa chép nhóm: {', '.join(missing)} ({version.label}); tổng chỉ gồm các nhóm đã chép",
            Location(path.name, row=line_of(path, "components"))))
    added = sum((c.points for c in components), Decimal(0))
    total = _total(path, data, added, findings)
    band = str(data["band"]).strip() if data.get("band") not in (None, "") else None
    scope = str(data.get("scope") or "").strip()
    return Portal766(path.name, scope, at, has_time, version.id, version.label, tuple(components), total,
                     band), findings


def _snapshot(path: Path, data: dict[str, Any], findings: list[Finding]) -> tuple[datetime, bool] | None:
    value = data.get("snapshot_at")
    line = line_of(path, "snapshot_at")
    if value in (None, ""):
        findings.append(error(
            "portal_766_no_snapshot",
            f"tệp {path.name} thiếu mục snapshot_at: thời điểm Cổng tính số liệu (dòng \"Dữ liệu được tính tại "
            "thời điểm …\" dưới bảng điểm), ví dụ snapshot_at: \"08:15 03/10/2024\"; điểm trên Cổng thay đổi theo "
            "thời gian nên không dùng được điểm không có thời điểm", Location(path.name, row=line)))
        return None
    parsed = parse_snapshot(value)
    if parsed is None:
        findings.append(error(
            "portal_766_bad_snapshot",
            f"tệp {path.name}: snapshot_at '{value}' không đọc được thành ngày giờ (viết dạng \"08:15 03/10/2024\" "
            "hoặc chép nguyên dòng \"Dữ liệu được tính tại thời điểm …\" của Cổng)", Location(path.name, row=line)))
    return parsed


def parse_snapshot(value: object) -> tuple[datetime, bool] | None:
    """(moment, whether a time of day was given) from a YAML date/datetime or the portal's wording."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), True
    if isinstance(value, date):
        return datetime.combine(value, time()), False
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.strip())
        return moment.replace(tzinfo=None), "T" in text or ":" in text
    except ValueError:
        pass
    day = _DATE.search(text)
    if day is None:
        return None
    clock = _TIME.search(text[:day.start()] + " " + text[day.end():])
    try:
        found = date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
        at = time(int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)) if clock else time()
    except ValueError:
        return None
    return datetime.combine(found, at), clock is not None


def _components(path: Path, data: dict[str, Any], version: Index766, findings: list[Finding]
                ) -> list[QuotedComponent] | None:
    raw = data.get("components")
    where = Location(path.name, row=line_of(path, "components"))
    known = ", ".join(c.name for c in version.components)
    if not isinstance(raw, dict) or not raw:
        findings.append(error("portal_766_no_components",
                              f"tệp {path.name} cần mục components: mỗi dòng một nhóm chỉ số và điểm Cổng hiển thị "
                              f"(các nhóm của {version.label}: {known})", where))
        return None
    quoted: list[QuotedComponent] = []
    for name, value in raw.items():
        component = version.component(str(name))
        if component is None:
            findings.append(error(
                "portal_766_unknown_component",
                f"tệp {path.name}: nhóm '{name}' không thuộc {version.label} (áp dụng {version.validity()}, là "
                f"phiên bản của kỳ này); các nhóm của phiên bản: {known}", where, component=str(name)))
            continue
        if any(q.name == component.name for q in quoted):
            findings.append(error("portal_766_repeated_component",
                                  f"tệp {path.name}: nhóm '{component.name}' được chép hai lần", where))
            continue
        points, stated_max = _points(value)
        if points is None:
            findings.append(error("portal_766_bad_points",
                                  f"tệp {path.name}: điểm của nhóm '{name}' là '{value}', cần một số (ví dụ 13.2 "
                                  "hoặc \"13,2/18\")", where))
            continue
        maximum = component.points
        if stated_max is not None and maximum is not None and stated_max != maximum:
            findings.append(error("portal_766_other_maximum",
                                  f"tệp {path.name}: nhóm '{name}' ghi điểm tối đa {stated_max}, nhưng {version.label} "
                                  f"cho nhóm này {maximum} điểm: kiểm tra lại tên nhóm hoặc phiên bản", where))
            continue
        if points < 0 or (maximum is not None and points > maximum):
            findings.append(error("portal_766_points_out_of_range",
                                  f"tệp {path.name}: điểm của nhóm '{name}' ({value}) phải từ 0 đến "
                                  f"{maximum if maximum is not None else 100}", where))
            continue
        quoted.append(QuotedComponent(component.name, points, maximum if maximum is not None else stated_max))
    order = [c.name for c in version.components]
    return sorted(quoted, key=lambda q: order.index(q.name))


def _points(value: object) -> tuple[Decimal | None, Decimal | None]:
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int | float):
        return Decimal(str(value)), None
    match = _NUMBER.fullmatch(str(value))
    if match is None:
        return None, None
    try:
        points = Decimal(match.group(1).replace(",", "."))
        maximum = Decimal(match.group(2).replace(",", ".")) if match.group(2) else None
    except InvalidOperation:
        return None, None
    return points, maximum


def _total(path: Path, data: dict[str, Any], added: Decimal, findings: list[Finding]) -> Decimal:
    value = data.get("total")
    if value is None:
        return added
    stated, _ = _points(value)
    where = Location(path.name, row=line_of(path, "total"))
    if stated is None:
        findings.append(warning("portal_766_bad_total", f"tổng điểm '{value}' không phải số; dùng tổng các nhóm "
                                                        f"({format_decimal(added, 2)})", where))
        return added
    if abs(stated - added) > TOTAL_TOLERANCE:
        findings.append(warning(
            "portal_766_total_differs",
            f"tổng điểm ghi {format_decimal(stated, 2)} khác tổng các nhóm đã chép {format_decimal(added, 2)}: "
            "kiểm tra lại các nhóm (Cổng có khi trừ điểm do lỗi hệ thống); báo cáo dùng tổng ghi trong tệp", where))
    return stated


@dataclass(frozen=True)
class Portal766Display:
    """What the report says of a quoted score: always with its source and snapshot time, never as computed."""

    source: str  # "Cổng Dịch vụ công quốc gia, dữ liệu được tính tại thời điểm 08:15 ngày 03/10/2024"
    sentence: str  # one plain-text sentence for the narrative (not escaped)
    rows: tuple[tuple[str, str, str], ...]  # (component, points, maximum) formatted
    note: str  # one line under the 766 annex


def portal_766_display(frame: pl.DataFrame | None) -> Portal766Display | None:
    """The quoted score as the annex and narrative should show it; None when the period has none."""
    if frame is None or not frame.height:
        return None
    first = frame.row(0, named=True)
    when = _when(first["snapshot_at"], first["snapshot_has_time"])
    source = f"Cổng Dịch vụ công quốc gia, dữ liệu được tính tại thời điểm {when}"
    rows = tuple((r["component"], format_decimal(Decimal(str(r["points"])), 2),
                  format_decimal(Decimal(str(r["max_points"])), 0) if r["max_points"] is not None else "")
                 for r in frame.iter_rows(named=True))
    parts = "; ".join(f"{name} {points}" + (f"/{maximum}" if maximum else "") for name, points, maximum in rows)
    scope = f" của {first['scope']}" if first["scope"] else ""
    band = f", xếp loại {first['band']}" if first["band"] else ""
    total = format_decimal(Decimal(str(first["total"])), 2)
    sentence = (f"Theo {source} (số liệu trích từ Cổng, có thể thay đổi sau thời điểm này; không phải số liệu tính "
                f"từ danh sách hồ sơ), Bộ chỉ số 766{scope} đạt {total}/100 điểm{band}: {parts}.")
    note = (f"Điểm trích từ {source} ({first['version_label']}): tổng {total}/100 điểm{band}. "
            "Các giá trị trong bảng trên tính từ danh sách hồ sơ, không phải số liệu của Cổng.")
    return Portal766Display(source, sentence, rows, note)


def _when(at: datetime, has_time: bool) -> str:
    return f"{at:%H:%M} ngày {at:%d/%m/%Y}" if has_time else f"ngày {at:%d/%m/%Y}"
