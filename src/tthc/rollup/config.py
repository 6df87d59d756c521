"""The roll-up configuration (`rollup.yaml`): the province body, the title, the centres and their data folders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tthc.errors import DataError
from tthc.reference import ReferenceDataError, load_yaml_mapping

DEFAULT_RANKING = ("on_time_rate", "online_reception_rate", "online_payment_rate")
LOWER_IS_BETTER = frozenset({"late_rate", "returned_rate"})


class CentreFolderError(DataError):
    """A centre named by the roll-up configuration has no data folder; message is Vietnamese."""


@dataclass(frozen=True)
class CentreEntry:
    name: str
    folder: Path


@dataclass(frozen=True)
class RollupConfig:
    path: Path
    province_body: str
    issuing_body: str
    title: str
    centres: tuple[CentreEntry, ...]
    ranking: tuple[str, ...] = DEFAULT_RANKING
    definitions: dict[str, str] = field(default_factory=dict)  # rate → chosen definition of the catalogue
    tier_labels: dict[str, str] = field(default_factory=dict)  # a tier key of the centres' profiles → its column


def load_rollup_config(path: Path) -> RollupConfig:
    """Read and check the file; every centre's folder must exist (relative paths are from the file's folder)."""
    data = load_yaml_mapping(path)
    for key in ("province_body", "title", "centres"):
        if not data.get(key):
            raise ReferenceDataError(path, f"thiếu mục '{key}'")
    raw = data["centres"]
    if not isinstance(raw, list):
        raise ReferenceDataError(path, "mục 'centres' phải là danh sách, mỗi trung tâm có name và data")
    centres = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not item.get("name") or not item.get("data"):
            raise ReferenceDataError(path, f"trung tâm thứ {number} trong mục 'centres' cần có name và data")
        folder = (path.parent / str(item["data"])).resolve()
        if not folder.is_dir():
            raise CentreFolderError(f"tệp cấu hình {path}: không tìm thấy thư mục dữ liệu {folder} của "
                                    f"{item['name']} (mục 'centres', trung tâm thứ {number}, data: {item['data']})")
        centres.append(CentreEntry(str(item["name"]), folder))
    names = [c.name for c in centres]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ReferenceDataError(path, f"tên trung tâm bị lặp trong mục 'centres': {', '.join(repeated)}")
    ranking = data.get("ranking") or list(DEFAULT_RANKING)
    if not isinstance(ranking, list) or not all(isinstance(k, str) for k in ranking):
        raise ReferenceDataError(path, "mục 'ranking' phải là danh sách tên tỷ lệ (ví dụ: on_time_rate)")
    definitions = data.get("definitions") or {}
    if not isinstance(definitions, dict):
        raise ReferenceDataError(path, "mục 'definitions' phải là bảng: tên tỷ lệ: cách tính (ví dụ on_time_rate: over_due)")
    tiers = data.get("tiers") or {}
    if not isinstance(tiers, dict) or not all(isinstance(v, str) for v in tiers.values()):
        raise ReferenceDataError(path, "mục 'tiers' phải là bảng: mã cấp trong profile.yaml của các trung tâm: tên cột "
                                       "(ví dụ communes: Thuộc thẩm quyền của UBND xã)")
    return RollupConfig(path, str(data["province_body"]), str(data.get("issuing_body") or ""), str(data["title"]),
                        tuple(centres), tuple(ranking), {str(k): str(v) for k, v in definitions.items()},
                        {str(k): str(v) for k, v in tiers.items()})
