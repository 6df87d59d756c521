"""The 766 annex of a month with dossier records names the version of the definitions it was scored with,
and a portal-quoted score saved in the month's folder appears beside it as quoted, with its snapshot time."""

from __future__ import annotations

from report.test_trust import copy_periods, plain, report_text

from tthc.period import Period

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
