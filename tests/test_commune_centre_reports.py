"""The commune centres' example folders as a new commune centre would try them: `tthc check` and
`tthc report` on a copy, the report headed by its commune's UBND and signed by the signer of the period's date
(the vice-chairman director until 30/12/2025, the centre's own director after, NĐ 367/2025/NĐ-CP)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.demo.communes import AREA_CENTRES
from tthc.formatting.numbers import format_int
from tthc.period import Period
from tthc.sources import DESK_CENTRE, DESK_COMMUNE
from tthc.stored import load_frames

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


def test_the_commune_centre_reports_a_quarter_built_from_its_three_months(lam_thao, tmp_path):
    """2025-Q4 has no folder of its own: its months are validated and summed; it ends on 31/12/2025, the day
    the centre's own director signs from."""
    checked = run_tthc("check", "2025-Q4", "--data", str(lam_thao))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    made = run_tthc("report", "2025-Q4", "--data", str(lam_thao), "--out", str(tmp_path), "--formats", "html,docx",
                    "--engine", "pandoc")
    assert made.returncode == 0, made.stdout + made.stderr
    context = load_context(lam_thao)
    months = [load_frames(context, Period(2025, m))["dossiers"] for m in (10, 11, 12)]  # stored by the build
    received = sum(int(m.filter(pl.col("desk") == DESK_CENTRE)["received"].sum()) for m in months)
    resolved = sum(int(m.filter(pl.col("desk") == DESK_CENTRE)["resolved"].sum()) for m in months)
    signer = LAM_THAO.signers[1]
    for suffix in (".docx", ".html"):
        text = _text(tmp_path / "2025-Q4" / f"bao-cao-quy-2025-Q4{suffix}")
        assert "Kết quả công tác quý IV/2025" in text and "UBND XÃ LÂM THAO" in text, suffix
        assert f"Từ ngày 1/10/2025 - 31/12/2025, Trung tâm đã tiếp nhận {format_int(received)} hồ sơ" in text, suffix
        assert f"Hồ sơ đã giải quyết: {format_int(resolved)} hồ sơ" in text, suffix
        assert "so với quý III/2025" in text, suffix
        assert signer.name in text and LAM_THAO.signers[0].name not in text, suffix


@pytest.mark.parametrize("folder", ["xa-lam-thao", "xa-trung-chinh", "xa-trung-kenh"])
def test_each_commune_centre_checks_and_prints_the_indicators_of_a_quarter_summed_from_its_months(folder, tmp_path):
    data = tmp_path / folder
    shutil.copytree(REPO / "examples" / folder, data, ignore=shutil.ignore_patterns("store", "reports"))
    checked = run_tthc("check", "2025-Q4", "--data", str(data))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    printed = run_tthc("indicators", "2025-Q4", "--data", str(data))
    assert printed.returncode == 0, printed.stdout + printed.stderr
    context = load_context(data)
    months = pl.concat([load_frames(context, Period(2025, m))["dossiers"] for m in (10, 11, 12)],
                       how="vertical_relaxed")
    for tier, desk in (("Trung tâm", DESK_CENTRE), ("UBND xã", DESK_COMMUNE)):
        rows = months.filter(pl.col("desk") == desk)
        online, received = int(rows["received_online"].sum()), int(rows["received"].sum())
        line = next(x for x in printed.stdout.splitlines() if tier in x and "online_reception_rate" in x)
        assert [c.strip() for c in line.split("│")[3:5]] == [str(online), str(received)], line
