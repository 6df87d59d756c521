"""The commune centres' example folders as a new commune centre would try them: `tthc check` and
`tthc report` on a copy, the report headed by its commune's UBND and signed by the signer of the period's date
(the vice-chairman director until 30/12/2025, the centre's own director after, NĐ 367/2025/NĐ-CP)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.demo.communes import AREA_CENTRES

from documents import read_docx, read_html
from support import REPO, run_tthc

LAM_THAO = next(e for e in AREA_CENTRES if e.folder == "xa-lam-thao")


def _text(path: Path) -> str:
    """A document's words, its tables' cells included (the header and the signature are tables in Word)."""
    text, tables = (read_docx if path.suffix == ".docx" else read_html)(path)
    return " ".join([text, *(" ".join(cell for row in table for cell in row) for table in tables)])


@pytest.fixture(scope="module")
def lam_thao(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("xa") / "xa-lam-thao"
    shutil.copytree(REPO / "examples" / "xa-lam-thao", target, ignore=shutil.ignore_patterns("store", "reports"))
    return target


@pytest.mark.parametrize(("period", "signer", "other"), [
    ("2026-11", LAM_THAO.signers[1], LAM_THAO.signers[0]),
    ("2025-09", LAM_THAO.signers[0], LAM_THAO.signers[1]),
])
def test_the_commune_centre_checks_and_reports_with_its_header_and_the_signer_of_the_date(lam_thao, tmp_path,
                                                                                           period, signer, other):
    checked = run_tthc("check", period, "--data", str(lam_thao))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    made = run_tthc("report", period, "--data", str(lam_thao), "--out", str(tmp_path), "--formats", "html,docx",
                    "--engine", "pandoc")
    assert made.returncode == 0, made.stdout + made.stderr
    for suffix in (".docx", ".html"):
        text = _text(tmp_path / period / f"bao-cao-thang-{period}{suffix}")
        assert "UBND XÃ LÂM THAO" in text and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text, suffix
        assert "Lâm Thao, ngày" in text and "UBND HUYỆN" not in text, suffix
        assert signer.name in text and signer.title in text and other.name not in text, suffix
        assert ("KT. GIÁM ĐỐC" in text) == (signer.authority == "KT. GIÁM ĐỐC"), suffix
        assert "UBND xã Lâm Thao" in text and "Chi nhánh Văn phòng Đăng ký đất đai" in text, suffix
        assert "thuộc thẩm quyền của UBND xã" in text and "SỐ LIỆU MINH HỌA" in text, suffix
