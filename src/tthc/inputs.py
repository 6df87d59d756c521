"""The kinds of input a period can hold, what each feeds in the report, and which a period needs.

Which kinds are required is the centre's choice (organisation.yaml, `inputs:`): a missing
required input is an error, a missing optional one a warning, and the report then says
"Không có số liệu …" for the parts that input feeds, never a sentence asserting a result.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputKind:
    key: str
    what: str  # names the export in a message: "thiếu <what>"
    contains: str  # what the export would contain
    parts: str  # the parts of the report built from it
    supplementary: bool = False  # its parts exist only with it: absent and not required, they are left out


INPUT_KINDS: dict[str, InputKind] = {k.key: k for k in (
    InputKind("dossiers_centre", "biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC tại Trung tâm",
              "số hồ sơ tiếp nhận, đã giải quyết, đang giải quyết, tạm dừng, hủy của từng phòng, ban, đơn vị "
              "tiếp nhận tại Trung tâm", "mục 2 và Phụ lục 1"),
    InputKind("dossiers_communes", "biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC tại UBND các xã, thị trấn",
              "số hồ sơ tiếp nhận, đã giải quyết, đang giải quyết, tạm dừng, hủy của từng xã, thị trấn",
              "mục 4 và Phụ lục 2"),
    InputKind("signing", "bảng thống kê tình hình ký số văn bản điện tử",
              "số văn bản đi, văn bản đi có ký số, hồ sơ công việc của từng đơn vị", "mục 3.1 và Phụ lục 3"),
    InputKind("payments", "bảng thống kê thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
              "số hồ sơ có nghĩa vụ tài chính và số hồ sơ thanh toán trực tuyến của từng đơn vị",
              "mục 2.4, mục 4.4 và biểu đồ thanh toán trực tuyến"),
    InputKind("feedback", "danh sách phản ánh, kiến nghị trên thiết bị di động",
              "các phản ánh, kiến nghị của người dân và trạng thái xử lý", "mục 3.2"),
    InputKind("analyst_notes", "tệp ghi chú của chuyên viên (.yaml)",
              "phí trước bạ, chứng thực điện tử, văn bản chỉ đạo, giải thích hồ sơ quá hạn và nội dung mục 1, 6, 7",
              "mục 1, 5, 6, 7 và các câu giải thích"),
    InputKind("records", "danh sách hồ sơ (từng hồ sơ)",
              "từng hồ sơ với ngày tiếp nhận, hẹn trả, kết thúc, thư xin lỗi",
              "danh sách hồ sơ quá hạn (Phụ lục 5) và Bộ chỉ số 766 (Phụ lục 6)", supplementary=True),
    InputKind("index_766_portal", "tệp điểm Bộ chỉ số 766 chép từ Cổng Dịch vụ công quốc gia (chi-so-766….yaml)",
              "điểm từng nhóm chỉ số như Cổng hiển thị và thời điểm Cổng tính số liệu",
              "điểm Bộ chỉ số 766 trích từ Cổng (ghi kèm thời điểm tính)", supplementary=True),
)}
DEFAULT_REQUIRED = ("dossiers_centre", "dossiers_communes")
REQUIRED, OPTIONAL = "required", "optional"


@dataclass(frozen=True)
class SourceFile:
    """One file of a period as the report cites it."""

    name: str
    sha256: str
    size: int
    kinds: tuple[str, ...]  # INPUT_KINDS keys it supplies; () for a file that supplies nothing
    synthetic: bool
