"""Loading the analyst-editable reference files (organisation, unit registry)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class ReferenceError(Exception):
    """A reference or analyst file is missing or malformed; the message is Vietnamese."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"tệp {path}" + (f", dòng {line}" if line else "")
        super().__init__(f"{where}: {message}")


def load_yaml_mapping(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ReferenceError(path, "không tìm thấy tệp")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ReferenceError(path, f"lỗi cú pháp YAML ({exc.problem})", line) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReferenceError(path, f"không đọc được tệp ({exc})") from exc
    if not isinstance(data, dict):
        raise ReferenceError(path, "nội dung phải là một bảng khóa: giá trị")
    return data
