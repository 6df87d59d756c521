"""organisation.yaml: the flat file as it always was, and dated versions of the header and signature."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tthc.organisation import load_organisation
from tthc.period import Period
from tthc.reference import ReferenceDataError
from tthc.report.layout import header_block, signature_block

from support import SHIPPED

EXAMPLE = SHIPPED.parent / "examples" / "xa-luong-tai" / "reference" / "organisation.yaml"


@pytest.fixture
def area():
    return load_organisation(EXAMPLE)


def test_the_flat_file_has_one_version_valid_always():
    organisation = load_organisation(SHIPPED / "reference" / "organisation.yaml")
    assert organisation.versions == ()
    for period in (Period(2024, 9), Period(2025, 9), Period(2026, 11)):
        assert organisation.for_period(period) is organisation
    assert organisation.parent_body == "UBND HUYỆN LƯƠNG TÀI"
    assert (organisation.signer.authority, organisation.signer.title, organisation.signer.name) == \
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Minh Hiếu")


def test_a_month_before_the_reorganisation_has_the_district_centres_header(area):
    march = area.for_period(Period(2025, 3))
    assert (march.parent_body, march.issuing_body, march.place) == \
        ("UBND HUYỆN LƯƠNG TÀI", "TRUNG TÂM HÀNH CHÍNH CÔNG", "Lương Tài")
    assert march.issuing_body_full == "Trung tâm Hành chính công huyện Lương Tài"
    assert march.signer.authority == "KT. GIÁM ĐỐC"
    assert "UBND các xã, thị trấn" in march.recipients
    assert area.for_period(Period(2025, 6)).parent_body == "UBND HUYỆN LƯƠNG TÀI"  # ends 30/6/2025


def test_a_month_after_the_reorganisation_has_the_commune_centres_header_signer_and_recipients(area):
    september = area.for_period(Period(2025, 9))
    assert (september.parent_body, september.issuing_body, september.place) == \
        ("UBND XÃ LƯƠNG TÀI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Lương Tài")
    assert september.parent_body_short == "UBND xã"
    assert september.report_code == "BC-TTPVHCC"
    assert (september.signer.authority, september.signer.title) == ("", "GIÁM ĐỐC")
    assert "Văn phòng UBND tỉnh Bắc Ninh (b/c)" in september.recipients
    assert "Thường trực Đảng ủy, HĐND, UBND xã (b/c)" in september.recipients
    assert "UBND các xã, thị trấn" not in september.recipients
    assert area.for_period(Period(2025, 7)).parent_body == "UBND XÃ LƯƠNG TÀI"  # the first month
    # what no version names stays the file's own
    assert september.cutoff_day == area.cutoff_day and september.thresholds == area.thresholds


def test_2026_has_the_signer_of_the_version_from_31_december_2025(area):
    november = area.for_period(Period(2026, 11))
    september = area.for_period(Period(2025, 9))
    assert november.parent_body == "UBND XÃ LƯƠNG TÀI"
    assert november.signer.title == "GIÁM ĐỐC"
    assert november.signer.name != september.signer.name
    assert area.on(date(2025, 12, 30)).signer.name == september.signer.name
    assert area.on(date(2025, 12, 31)).signer.name == november.signer.name


def test_the_header_and_signature_blocks_follow_the_period(area):
    march, september = area.for_period(Period(2025, 3)), area.for_period(Period(2025, 9))
    before, after = header_block(march, date(2025, 4, 1)), header_block(september, date(2025, 10, 1))
    assert "UBND HUYỆN LƯƠNG TÀI" in before and "TRUNG TÂM HÀNH CHÍNH CÔNG" in before
    assert "UBND XÃ LƯƠNG TÀI" in after and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in after
    assert "BC-TTPVHCC" in after and "Lương Tài, ngày 01 tháng 10 năm 2025" in after
    assert "KT. GIÁM ĐỐC" in signature_block(march)
    signed = signature_block(september)
    assert "KT." not in signed and "<strong>GIÁM ĐỐC</strong>" in signed
    assert "<strong></strong>" not in signed  # no empty authority line
    assert "Văn phòng UBND tỉnh Bắc Ninh" in signed


def _with_versions(tmp_path: Path, versions: str) -> Path:
    path = tmp_path / "organisation.yaml"
    shutil.copyfile(SHIPPED / "reference" / "organisation.yaml", path)
    with path.open("a", encoding="utf-8") as out:
        out.write("\nversions:\n" + versions)
    return path


@pytest.mark.parametrize(("versions", "words"), [
    ("  - valid_from: 2025-07-01\n    parent_body: A\n  - valid_from: 2025-12-01\n    parent_body: B\n",
     ("trùng thời gian", "01/07/2025", "01/12/2025")),
    ("  - valid_from: 2025-01-01\n    valid_to: 2025-08-31\n  - valid_from: 2025-08-31\n", ("trùng thời gian",)),
    ("  - valid_from: 2025-07-01\n    issuing_bodi: X\n", ("mục không biết", "issuing_bodi")),
    ("  - valid_from: 2025-07-01\n    cutoff_day: 1\n", ("mục không biết", "cutoff_day")),
    ("  - valid_from: 2025-07-01\n    signer: {titel: GIÁM ĐỐC}\n", ("signer", "titel")),
    ("  - parent_body: X\n", ("thiếu ngày bắt đầu", "valid_from")),
    ("  - valid_from: 1/7/2025\n", ("không phải ngày", "1/7/2025")),
    ("  - valid_from: 2025-07-01\n    valid_to: 2025-06-30\n", ("trước ngày bắt đầu",)),
    ("  - valid_from: 2025-07-01\n    recipients: Văn phòng UBND tỉnh\n", ("recipients", "danh sách")),
    ("  valid_from: 2025-07-01\n", ("versions phải là danh sách",)),
])
def test_an_error_in_a_version_is_a_vietnamese_error_naming_the_file(tmp_path, versions, words):
    path = _with_versions(tmp_path, versions)
    with pytest.raises(ReferenceDataError) as raised:
        load_organisation(path)
    message = str(raised.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_versions_may_be_listed_in_any_order(tmp_path):
    path = _with_versions(tmp_path, "  - valid_from: 2026-01-01\n    place: B\n"
                                    "  - valid_from: 2025-07-01\n    valid_to: 2025-12-31\n    place: A\n")
    organisation = load_organisation(path)
    assert [organisation.on(date(y, m, 1)).place for y, m in ((2025, 6), (2025, 7), (2026, 1))] == \
        ["Lương Tài", "A", "B"]
