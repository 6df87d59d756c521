"""A period whose data have errors does not stop the site: the other periods and the trends are built, the
index says what is wrong, and the trends leave the period out."""

from __future__ import annotations

import json
import shutil

from tthc.site.build import build_site

from support import SHIPPED

PERIODS = ("2024-07", "2024-08", "2024-09")


def site_with_broken_notes(tmp_path, broken: str):
    """The site of three shipped months, the analyst's notes of `broken` not valid YAML."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in PERIODS:
        shutil.copytree(SHIPPED / "raw" / period, data / "raw" / period)
    notes = next((data / "raw" / broken).glob("*.yaml"))
    notes.write_text("kỳ: [thiếu dấu đóng ngoặc\n", encoding="utf-8")
    return build_site(data, tmp_path / "reports", tmp_path / "_site", jobs=2)


def test_a_period_with_errors_is_reported_and_the_trends_are_built_from_the_others(tmp_path):
    result = site_with_broken_notes(tmp_path, "2024-08")
    assert result.rebuilt == ["2024-07", "2024-09", "xu-huong"]  # in period order, whichever finished first
    assert list(result.failed) == ["2024-08"] and "lỗi cú pháp YAML" in result.failed["2024-08"]
    manifest = json.loads((tmp_path / "reports" / "xu-huong" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["range"] == ["2024-07", "2024-09"]
    index = (tmp_path / "_site" / "index.html").read_text(encoding="utf-8")
    assert "lỗi cú pháp YAML" in index


def test_the_trends_range_ends_at_the_last_period_whose_data_validate(tmp_path):
    result = site_with_broken_notes(tmp_path, "2024-09")
    assert list(result.failed) == ["2024-09"]
    manifest = json.loads((tmp_path / "reports" / "xu-huong" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["range"] == ["2024-07", "2024-08"]


def test_a_period_that_cannot_be_published_is_reported_and_the_others_are_published(tmp_path, monkeypatch):
    """Publishing runs while the workers build: its failure is that period's, told on the index; the workers
    are not left building under a released lock."""
    import tthc.site.build as site_build

    publish = site_build._publish_folder

    def failing(source, target):
        if target.name == "2024-08":
            raise OSError("ổ đĩa đầy")
        return publish(source, target)

    monkeypatch.setattr(site_build, "_publish_folder", failing)
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in PERIODS:
        shutil.copytree(SHIPPED / "raw" / period, data / "raw" / period)

    result = build_site(data, tmp_path / "reports", tmp_path / "_site", jobs=2)

    assert result.rebuilt == ["2024-07", "2024-09", "xu-huong"]
    assert list(result.failed) == ["2024-08"] and "ổ đĩa đầy" in result.failed["2024-08"]
    assert (tmp_path / "_site" / "2024-09" / "bao-cao-thang-2024-09.html").is_file()
    assert "ổ đĩa đầy" in (tmp_path / "_site" / "index.html").read_text(encoding="utf-8")


def test_the_periods_are_listed_in_the_order_they_end() -> None:
    from tthc.site.build import _period_order

    names = ["xu-huong", "2024", "2024-Q4", "2024-12", "2024-11", "2024-Q3", "2024-01", "2023-12"]
    assert sorted(names, key=_period_order) == [
        "2023-12", "2024-01", "2024-Q3", "2024-11", "2024-12", "2024-Q4", "2024", "xu-huong"]
