"""Loading the analyst-editable reference files (organisation, unit registry)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tthc.errors import UsageError


class ReferenceDataError(UsageError):
    """A reference or analyst file is missing or malformed; the message is Vietnamese."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"tệp {path}" + (f", dòng {line}" if line else "")
        super().__init__(f"{where}: {message}")


MAX_YAML_BYTES = 5 * 1024 * 1024  # hand-edited notes and registries are a few kilobytes
# libyaml's loader where PyYAML was built with it: the same documents and errors, a tenth of the time (the
# registry and the notes are read for every period a build validates)
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load` with the fastest safe loader available."""
    return yaml.load(text, Loader=SAFE_LOADER)  # a safe loader: plain data only


def load_yaml_mapping(path: Path) -> dict[str, Any]:
    if not path.is_file():
        if path.is_dir():
            raise ReferenceDataError(path, "đây là thư mục, cần một tệp YAML")
        raise ReferenceDataError(path, "không tìm thấy tệp")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(path, "không đọc được tệp (không có quyền đọc hoặc tệp đang bị khóa)") from exc
    if not raw.strip():
        raise ReferenceDataError(path, "tệp rỗng, cần nội dung dạng khóa: giá trị")
    if len(raw) > MAX_YAML_BYTES:
        raise ReferenceDataError(path, f"tệp quá lớn ({len(raw) // 1024 // 1024} MB) so với một tệp ghi chú, danh mục")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(
            path, f"tệp không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}); hãy mở bằng trình soạn thảo "
                  "và lưu lại với bảng mã UTF-8") from exc
    try:
        data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f", cột {mark.column + 1}" if mark else ""
        raise ReferenceDataError(
            path, f"lỗi cú pháp YAML{column}: hãy kiểm tra dấu hai chấm, thụt lề (dùng dấu cách, không dùng Tab), "
                  f"dấu ngoặc và dấu nháy (chi tiết: {exc.problem})", line) from exc
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise ReferenceDataError(path, f"không đọc được nội dung YAML ({type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(path, "nội dung phải là một bảng khóa: giá trị (mỗi dòng dạng 'tên_mục: giá trị')")
    return data
