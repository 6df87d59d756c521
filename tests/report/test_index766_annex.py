"""The 766 annex of a month with dossier records names the version of the definitions it was scored with,
and a portal-quoted score saved in the month's folder appears beside it as quoted, with its snapshot time."""

from __future__ import annotations

from datetime import date

import polars as pl
from report.test_trust import copy_periods, plain, report_text

from tthc.context import load_context
from tthc.period import Period
from tthc.report.annexes import index_766_annex
from tthc.report.narrative import wording

from support import REPO

SHIPPED = REPO / "data"

AUGUST = Period.parse("2024-08")
QUOTED = """\
snapshot_at: "Dữ liệu được tính tại thời điểm 08:15 ngày 03/09/2024"
components: {"Công khai, minh bạch": 13.2, "Tiến độ, kết quả giải quyết": 18.4}
"""


def test_the_766_annex_names_its_definitions_and_the_quoted_score(tmp_path):
    data = copy_periods(tmp_path, "2024-07", "2024-08")
    (data / "raw" / "2024-08" / "chi-so-766-cong-dvcqg.yaml").write_text(QUOTED, encoding="utf-8")
    text = plain(report_text(data, AUGUST))
    annex = text[text.index("KẾT QUẢ BỘ CHỈ SỐ 766"):]
    assert "Định nghĩa các chỉ số: Bộ chỉ số 766 theo Quyết định 766/QĐ-TTg (5 nhóm chỉ số)." in annex
    assert ("Điểm trích từ Cổng Dịch vụ công quốc gia, dữ liệu được tính tại thời điểm 08:15 ngày 03/09/2024"
            in annex)


def scores_of_one_commune() -> pl.DataFrame:
    rows = [("ubnd_xa_trung_kenh", "2.1", 96.5), ("ubnd_xa_trung_kenh", "3.3", 100.0),
            ("__overall__", "2.1", 97.25), ("__overall__", "3.3", 99.0)]
    return pl.DataFrame({"unit_id": [u for u, _, _ in rows], "indicator": [i for _, i, _ in rows],
                         "rate": [r for _, _, r in rows], "unit_points": [40.0] * 4, "unit_max_points": [48.0] * 4,
                         "unit_share": [83.33] * 4, "band": ["Tốt"] * 4})


def test_the_whole_areas_row_is_named_by_the_profile() -> None:
    """A commune's centre since 1/7/2025 has no "huyện": its profile's `whole_area` names the row."""
    registry = load_context(SHIPPED).registry
    commune = index_766_annex(6, "KẾT QUẢ BỘ CHỈ SỐ 766", scores_of_one_commune(), registry, whole_area="toàn xã")
    seed = index_766_annex(6, "KẾT QUẢ BỘ CHỈ SỐ 766", scores_of_one_commune(), registry)

    assert "Toàn xã" in commune.html() and "Toàn huyện" not in commune.html()
    assert "Toàn huyện" in seed.html()


def test_the_commune_profiles_of_the_examples_say_toan_xa_after_the_reorganisation() -> None:
    for name in ("xa-luong-tai", "xa-lam-thao", "xa-trung-chinh", "xa-trung-kenh"):
        profile = load_context(REPO / "examples" / name).profile.on(date(2025, 9, 30))
        assert wording(profile.wording, "whole_area") == "toàn xã", name
