"""The kinds of input a period can hold, what each feeds in the report, and which a period needs.

What each feeds is named with the profile's own numbers ("mục 3.1 và Phụ lục 3" in the seed's order), so a
centre whose profile orders its sections otherwise is told its own section numbers.

Which kinds are required is the centre's choice (organisation.yaml, `inputs:`): a missing
required input is an error, a missing optional one a warning, and the report then says
"Không có số liệu …" for the parts that input feeds, never a sentence asserting a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the profile imports this module; a profile is only read here
    from tthc.profile import Profile

TIERS = "tiers"  # in a Place: the sections or annexes of every tier of the profile (or those reading this input)
OWN_TIERS = "own_tiers"


@dataclass(frozen=True)
class Place:
    """A part of the report an input feeds, numbered by the profile: sections ("mục 2", "mục 3.1"), annexes
    ("Phụ lục 1"), or words with no number ("biểu đồ thanh toán trực tuyến")."""

    sections: tuple[str, ...] = ()  # profile section names, or TIERS / OWN_TIERS
    sub: str = ""  # a sub-section inside each: ".1"; each is then named apart ("mục 2.4, mục 4.4")
    annexes: tuple[str, ...] = ()  # profile annex names, or TIERS / OWN_TIERS
    form: str = "Phụ lục {}"  # how an annex is named
    text: str = ""


@dataclass(frozen=True)
class InputKind:
    key: str
    what: str  # names the export in a message: "thiếu <what>"
    contains: str  # what the export would contain; "{}" stands for `contains_places` ("nội dung mục 1, 6, 7")
    places: tuple[Place, ...]  # the parts of the report built from it
    supplementary: bool = False  # its parts exist only with it: absent and not required, they are left out
    contains_places: tuple[Place, ...] = ()

    def contents(self, profile: Profile) -> str:
        """What the export would contain, with the sections it names numbered by the profile."""
        if not self.contains_places:
            return self.contains
        phrases = [phrase for place in self.contains_places for phrase in self._phrases(place, profile)]
        return self.contains.format(", ".join(phrases) or "các mục do chuyên viên viết")

    def parts(self, profile: Profile) -> str:
        """The parts of the report built from it, numbered as this profile numbers its sections and annexes:
        the seed's "mục 2 và Phụ lục 1" for the centre's dossiers export."""
        phrases = [phrase for place in self.places for phrase in self._phrases(place, profile)]
        if not phrases:
            return "các phần của báo cáo dùng loại tệp này"
        return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} và {phrases[-1]}"

    def _phrases(self, place: Place, profile: Profile) -> list[str]:
        if place.text:
            return [place.text]
        if place.sections:
            numbers = [str(profile.sections.index(n) + 1) for n in self._names(place.sections, profile)
                       if n in profile.sections]
            if not numbers:
                return []
            return [f"mục {n}{place.sub}" for n in numbers] if place.sub else [f"mục {', '.join(numbers)}"]
        names = self._names(place.annexes, profile)
        if any(n in (TIERS, OWN_TIERS) for n in place.annexes) and not any(map(profile.annex_number, names)):
            names.append("all_tiers")  # the tiers' figures in the one annex of every tier
        numbers = [str(n) for n in (profile.annex_number(a) for a in names) if n]
        return [place.form.format(", ".join(numbers))] if numbers else []

    def _names(self, names: Sequence[str], profile: Profile) -> list[str]:
        """TIERS: every tier's section or annex; OWN_TIERS: those of the tiers reading this input."""
        from tthc.profile import TIER_PREFIX

        found: list[str] = []
        for name in names:
            if name in (TIERS, OWN_TIERS):
                found += [f"{TIER_PREFIX}{t.key}" for t in profile.tiers if name == TIERS or t.input == self.key]
            else:
                found.append(name)
        return found


INPUT_KINDS: dict[str, InputKind] = {k.key: k for k in (
    InputKind("dossiers_centre", "biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC tại Trung tâm",
              "số hồ sơ tiếp nhận, đã giải quyết, đang giải quyết, tạm dừng, hủy của từng phòng, ban, đơn vị "
              "tiếp nhận tại Trung tâm", (Place((OWN_TIERS,)), Place(annexes=(OWN_TIERS,)))),
    InputKind("dossiers_communes", "biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC tại UBND các xã, thị trấn",
              "số hồ sơ tiếp nhận, đã giải quyết, đang giải quyết, tạm dừng, hủy của từng xã, thị trấn",
              (Place((OWN_TIERS,)), Place(annexes=(OWN_TIERS,)))),
    InputKind("signing", "bảng thống kê tình hình ký số văn bản điện tử",
              "số văn bản đi, văn bản đi có ký số, hồ sơ công việc của từng đơn vị",
              (Place(("digital_transformation",), ".1"), Place(annexes=("signing",)))),
    InputKind("payments", "bảng thống kê thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
              "số hồ sơ có nghĩa vụ tài chính và số hồ sơ thanh toán trực tuyến của từng đơn vị",
              (Place((TIERS,), ".4"), Place(text="biểu đồ thanh toán trực tuyến"))),
    InputKind("feedback", "danh sách phản ánh, kiến nghị trên thiết bị di động",
              "các phản ánh, kiến nghị của người dân và trạng thái xử lý",
              (Place(("digital_transformation",), ".2"),)),
    InputKind("analyst_notes", "tệp ghi chú của chuyên viên (.yaml)",
              "phí trước bạ, chứng thực điện tử, văn bản chỉ đạo, giải thích hồ sơ quá hạn và nội dung {}",
              (Place(("work_situation", "e_certification", "assessment", "next_tasks")),
               Place(text="các câu giải thích")),
              contains_places=(Place(("work_situation", "assessment", "next_tasks")),)),
    InputKind("records", "danh sách hồ sơ (từng hồ sơ)",
              "từng hồ sơ với ngày tiếp nhận, hẹn trả, kết thúc, thư xin lỗi",
              (Place(annexes=("late_dossiers",), form="danh sách hồ sơ quá hạn (Phụ lục {})"),
               Place(annexes=("index_766",), form="Bộ chỉ số 766 (Phụ lục {})")), supplementary=True),
    InputKind("index_766_portal", "tệp điểm Bộ chỉ số 766 chép từ Cổng Dịch vụ công quốc gia (chi-so-766….yaml)",
              "điểm từng nhóm chỉ số như Cổng hiển thị và thời điểm Cổng tính số liệu",
              (Place(text="điểm Bộ chỉ số 766 trích từ Cổng (ghi kèm thời điểm tính)"),), supplementary=True),
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
