"""The provincial roll-up: many centres' stores of one period summed and ranked, a centre with errors listed.

The centres are synthetic: copies of the shipped September 2024 folder with the organisation renamed and
the dossier exports scaled and varied (real xlsx files written by tthc.exports.writer).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable
from tthc.formatting.numbers import round_half_up
from tthc.indicators import compute_indicators
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.reference import ReferenceDataError
from tthc.rollup.config import load_rollup_config
from tthc.rollup.figures import NO_VALID_DATA, build_rollup
from tthc.rollup.output import SHEET, write_rollup
from tthc.stored import analyst_from_frames, load_frames

from support import SEPTEMBER, SHIPPED, replace_export, run_tthc, with_value

CENTRE_FILE, COMMUNES_FILE, PAYMENTS_FILE = ("Bieu_TTHCC_thang9.xlsx", "Bieu_xa_thi_tran_T9_2024.xlsx",
                                             "thanh-toan-truc-tuyen-dvcqg.xlsx")
SEED_NAME = "Trung tâm Hành chính công huyện Lương Tài"
# name, factor every count is multiplied by, dossiers of xã Trung Kênh moved from early to late
CENTRES = [("Trung tâm PVHCC xã An", 1, 0), ("Trung tâm PVHCC xã Bình", 2, 0), ("Trung tâm PVHCC xã Cầu", 1, 6),
           ("Trung tâm PVHCC xã Dương", 3, 1), ("Trung tâm PVHCC xã Đông", 1, 12)]
BROKEN = "Trung tâm PVHCC xã Gia"


def scaled(table: ExportTable, factor: int) -> ExportTable:
    rows = [ExportRow({k: v * factor if isinstance(v, int) and k != "unit" else v for k, v in r.values.items()},
                      r.group) for r in table.rows]
    return replace(table, rows=rows)


def make_centre(root: Path, name: str, factor: int, late: int) -> Path:
    folder = root / name.replace(" ", "-")
    shutil.copytree(SHIPPED / "reference", folder / "reference")
    raw = shutil.copytree(SHIPPED / "raw" / "2024-09", folder / "raw" / "2024-09")
    organisation = folder / "reference" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(SEED_NAME, name), encoding="utf-8")
    communes = with_value(seed.communes_table(), "UBND xã Trung Kênh", resolved_early=56 - late, resolved_late=2 + late)
    replace_export(raw, COMMUNES_FILE, scaled(communes, factor))
    replace_export(raw, CENTRE_FILE, scaled(seed.centre_table(), factor))
    return folder


def write_config(root: Path, folders: dict[str, Path]) -> Path:
    lines = ["# Cấu hình tổng hợp (thử nghiệm)", "province_body: UBND TỈNH BẮC NINH",
             "issuing_body: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH", "title: Tổng hợp kết quả giải quyết TTHC",
             "centres:"]
    lines += [f"  - name: {name}\n    data: {os.path.relpath(folder, root)}" for name, folder in folders.items()]
    path = root / "rollup.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    """Five valid centres (one without payment statistics) and one whose dossiers export has an error."""
    root = tmp_path_factory.mktemp("province")
    folders = {name: make_centre(root, name, factor, late) for name, factor, late in CENTRES}
    (folders["Trung tâm PVHCC xã Đông"] / "raw" / "2024-09" / PAYMENTS_FILE).unlink()
    broken = make_centre(root, BROKEN, 1, 0)
    replace_export(broken / "raw" / "2024-09", CENTRE_FILE,
                   with_value(seed.centre_table(), "Phòng Tư pháp", resolved_early="mười"))
    folders[BROKEN] = broken
    write_config(root, folders)
    return root


@pytest.fixture(scope="module")
def rollup(province):
    return build_rollup(load_rollup_config(province / "rollup.yaml"), SEPTEMBER)


def own_indicators(folder: str):
    context = load_context(Path(folder))
    frames = load_frames(context, SEPTEMBER)
    assert frames, "the roll-up stored the centre's period"
    return compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation, context.registry,
                              context.profile, context.catalogue)


def test_totals_equal_the_sum_of_the_centres_own_figures(rollup):
    valid = [c for c in rollup.centres if c.valid]
    assert len(valid) == 5
    tiers = [t for c in valid for t in own_indicators(c.folder).tiers.values()]
    for key in ("received_total", "received_online", "resolved", "resolved_early", "resolved_on_time",
                "resolved_late", "pending"):
        assert rollup.counts[key] == sum(t.counts[key].value for t in tiers), key
    for key in ("on_time_rate", "online_reception_rate", "late_rate"):
        assert rollup.rates[key].numerator == sum(t.rates[key].numerator for t in tiers), key
        assert rollup.rates[key].denominator == sum(t.rates[key].denominator for t in tiers), key
    paying = [t for c in valid if c.has_payments for t in own_indicators(c.folder).tiers.values()]
    assert rollup.rates["online_payment_rate"].numerator == sum(t.counts["portal_paid_online"].value for t in paying)
    assert rollup.rates["online_payment_rate"].denominator == sum(t.counts["portal_fee_bearing"].value for t in paying)
    # the seed's centre received 684 and its communes 438 dossiers; the centres are 1+2+1+3+1 = 8 times the seed
    assert rollup.counts["received_total"] == 8 * (684 + 438)


def test_a_rate_is_recomputed_from_summed_counts_not_averaged(rollup):
    on_time = rollup.rates["on_time_rate"]
    assert on_time.value is not None
    assert on_time.value == round_half_up(Fraction(on_time.numerator * 100, on_time.denominator))
    valid = [c for c in rollup.centres if c.valid]
    mean = sum(float(c.rates["on_time_rate"].value) for c in valid) / len(valid)
    assert abs(float(on_time.value) - mean) > 0.005  # the factors weigh the centres: an average would differ


def test_centres_are_ranked_best_first_and_ties_share_a_rank(rollup):
    ranks = {c.name: c.ranks["on_time_rate"] for c in rollup.centres if c.valid}
    # An and Bình have the same rate (Bình is An doubled); more late dossiers rank lower
    assert ranks == {"Trung tâm PVHCC xã An": 1, "Trung tâm PVHCC xã Bình": 1, "Trung tâm PVHCC xã Dương": 3,
                     "Trung tâm PVHCC xã Cầu": 4, "Trung tâm PVHCC xã Đông": 5}
    assert [c.name for c in rollup.centres][:2] == ["Trung tâm PVHCC xã An", "Trung tâm PVHCC xã Bình"]
    assert rollup.centres[-1].name == BROKEN
    payment = {c.name: c.ranks["online_payment_rate"] for c in rollup.centres if c.valid}
    assert payment["Trung tâm PVHCC xã Đông"] is None  # no portal statistics, no payment rank
    assert any("xã Đông" in n and "thanh toán" in n for n in rollup.notes)


def test_a_centre_with_errors_is_listed_with_its_reason_and_left_out_of_the_totals(rollup):
    broken = next(c for c in rollup.centres if c.name == BROKEN)
    assert not broken.valid
    assert "Bieu_TTHCC_thang9.xlsx" in broken.reason and "lỗi" in broken.reason
    assert rollup.left_out == (broken,)
    assert any(NO_VALID_DATA in n and BROKEN in n for n in rollup.notes)
    assert rollup.counts["received_total"] % (684 + 438) == 0  # only the valid centres' multiples


def test_the_files_html_xlsx_json(rollup, tmp_path):
    files = write_rollup(rollup, tmp_path / "out")
    sheet = load_workbook(files.xlsx)[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[:3] == ("Hạng", "Trung tâm", "Hồ sơ tiếp nhận")
    body = {r[1]: r for r in rows[3:]}
    an = body["Trung tâm PVHCC xã An"]
    assert an[0] == 1 and an[2] == 722  # the one-stop units' 1122 - 400 of the tax office, the rates' base
    rate_column = header.index("Tỷ lệ giải quyết trước hạn, đúng hạn (%)")
    assert an[rate_column] == pytest.approx(float(rollup.centres[0].rates["on_time_rate"].value))
    assert body["Tổng cộng"][2] == rollup.counts["received_one_stop"] == 8 * 722
    assert NO_VALID_DATA in body[BROKEN][-1]
    record = json.loads(files.json.read_text(encoding="utf-8"))
    assert record["total"]["left_out"] == [BROKEN]
    assert record["total"]["rates"]["on_time_rate"]["numerator"] == rollup.rates["on_time_rate"].numerator
    page = files.html.read_text(encoding="utf-8")
    assert "Tổng cộng" in page and NO_VALID_DATA in page and "Trung tâm PVHCC xã Bình" in page


def test_the_command_writes_the_files_and_reuses_current_stores(province, tmp_path):
    config = write_config(tmp_path, {n: province / n.replace(" ", "-") for n, _, _ in CENTRES})
    for _ in range(2):  # the second run finds every store current
        completed = run_tthc("rollup", "2024-09", "--config", str(config), "--out", str(tmp_path / "out"))
        assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.count("dùng lại kho số liệu") == len(CENTRES)
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".json", ".xlsx"]


def test_the_command_names_the_config_file_when_a_centre_folder_is_missing(tmp_path):
    config = write_config(tmp_path, {"Trung tâm PVHCC xã Không": tmp_path / "khong-co"})
    completed = run_tthc("rollup", "2024-09", "--config", str(config), "--out", str(tmp_path / "out"))
    assert completed.returncode == 1
    assert str(config) in " ".join(completed.stderr.split()) and "không tìm thấy thư mục dữ liệu" in completed.stderr
    assert not (tmp_path / "out").exists()


def test_the_shipped_example_configuration_reads(tmp_path):
    import tthc.rollup

    example = Path(tthc.rollup.__file__).with_name("rollup.example.yaml")
    (tmp_path / "tinh").mkdir()
    config_file = tmp_path / "tinh" / "rollup.yaml"
    shutil.copy(example, config_file)
    make_centre(tmp_path, "xa-luong-tai", 1, 0)
    config = load_rollup_config(config_file)
    assert config.province_body == "UBND TỈNH BẮC NINH"
    assert [c.name for c in config.centres] == ["Trung tâm Phục vụ hành chính công xã Lương Tài"]
    assert config.centres[0].folder == (tmp_path / "xa-luong-tai").resolve()
    assert config.ranking == ("on_time_rate", "online_reception_rate", "online_payment_rate")


def test_the_configuration_chooses_one_definition_for_every_centre(province):
    config = replace(load_rollup_config(province / "rollup.yaml"), definitions={"on_time_rate": "over_due"})
    over_due = build_rollup(config, SEPTEMBER)
    on_time = over_due.rates["on_time_rate"]
    assert on_time.denominator == over_due.counts["resolved"] + over_due.counts["pending_overdue"]
    assert on_time.statement.startswith("số hồ sơ giải quyết trước hạn và đúng hạn / số hồ sơ đến hạn")
    with pytest.raises(ReferenceDataError, match="ranking"):
        build_rollup(replace(config, ranking=("speed_rate",)), SEPTEMBER)


# --- the shipped province roll-up over the commune centres (examples/tinh-bac-ninh) ----------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PROVINCE_CONFIG = EXAMPLES / "tinh-bac-ninh" / "rollup.yaml"
NOVEMBER_2026 = Period(2026, 11)
AREA_NAMES = [f"Trung tâm Phục vụ hành chính công xã {n}" for n in ("Lương Tài", "Lâm Thao", "Trung Chính",
                                                                     "Trung Kênh")]


def copy_examples(root: Path, period: Period) -> Path:
    """The roll-up's configuration and its centres' reference and month, laid out as in examples/."""
    config = load_rollup_config(PROVINCE_CONFIG)
    target = root / "examples" / "tinh-bac-ninh" / "rollup.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(PROVINCE_CONFIG, target)
    for centre in config.centres:
        folder = root / "examples" / centre.folder.relative_to(EXAMPLES)
        shutil.copytree(centre.folder / "reference", folder / "reference")
        shutil.copytree(centre.folder / "raw" / str(period), folder / "raw" / str(period))
    return target


def own_figures(folder: Path, period: Period):
    """A centre's figures computed on its own, as `tthc indicators` does: its store built, its profile's tiers."""
    context = load_context(folder)
    assert not build_period(context, period).has_errors
    frames = load_frames(context, period)
    return compute_indicators(period, frames, analyst_from_frames(frames), context.organisation, context.registry,
                              context.profile, context.catalogue)


@pytest.fixture(scope="module")
def province_2026(tmp_path_factory):
    """The command run on one copy; every centre's own figures computed on another copy."""
    root = tmp_path_factory.mktemp("bac-ninh")
    config = copy_examples(root / "rollup", NOVEMBER_2026)
    completed = run_tthc("rollup", "2026-11", "--config", str(config), "--out", str(root / "out"))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    record = json.loads((root / "out" / "tong-hop-2026-11.json").read_text(encoding="utf-8"))
    own_config = load_rollup_config(copy_examples(root / "own", NOVEMBER_2026))
    own = {c.name: own_figures(c.folder, NOVEMBER_2026) for c in own_config.centres}
    return record, own, root / "out"


def test_the_shipped_province_configuration_lists_the_area_and_made_up_centres():
    config = load_rollup_config(PROVINCE_CONFIG)
    assert config.province_body == "UBND TỈNH BẮC NINH"
    names = [c.name for c in config.centres]
    assert names[:4] == AREA_NAMES
    made_up = names[4:]
    assert len(made_up) >= 2 and all("Minh Họa" in n and "giả định" in n for n in made_up)
    assert config.tier_labels == {"centre": "Tiếp nhận tại Trung tâm (cơ quan cấp tỉnh, ngành dọc)",
                                  "communes": "Thuộc thẩm quyền của UBND xã"}


def test_province_totals_of_2026_11_equal_the_sum_of_each_centres_own_figures(province_2026):
    record, own, _ = province_2026
    assert record["total"]["left_out"] == [] and record["total"]["centres"] == 7
    tiers = [t for indicators in own.values() for t in indicators.tiers.values()]
    for key in ("received_total", "received_one_stop", "received_online", "resolved", "resolved_early",
                "resolved_on_time", "resolved_late", "pending", "portal_fee_bearing", "portal_paid_online"):
        assert record["total"]["counts"][key] == sum(t.counts[key].value for t in tiers), key
        assert record["total"]["counts"][key] > 0 or key == "resolved_late"
    for key in ("on_time_rate", "online_reception_rate"):
        rate = record["total"]["rates"][key]
        assert rate["numerator"] == sum(t.rates[key].numerator for t in tiers), key
        assert rate["denominator"] == sum(t.rates[key].denominator for t in tiers), key


def test_each_centre_keeps_the_centres_dossiers_apart_from_the_communes(province_2026):
    """Received at the centre (the provincial bodies: the land registration branch) and under the commune's
    authority, per centre as its own report gives them, and tier by tier for the province."""
    record, own, _ = province_2026
    centres = {c["name"]: c for c in record["centres"]}
    for name, indicators in own.items():
        mine = centres[name]["tiers"]
        assert list(mine) == ["centre", "communes"]
        for key, tier in indicators.tiers.items():
            assert mine[key]["counts"]["received_total"] == tier.counts["received_total"].value, (name, key)
            assert mine[key]["rates"]["on_time_rate"]["numerator"] == tier.rates["on_time_rate"].numerator
        # the centre's tier read from the centre's export (the land registration branch's row), the communes'
        # from the commune's export; both hold dossiers
        assert [f.rsplit("_T", 1)[0] for f in indicators.tiers["centre"].counts["received_total"].files] == \
            ["Bieu_TTPVHCC_xa_" + centres[name]["folder"].rsplit("/xa-", 1)[1].title().replace("-", "_")]
        assert indicators.tiers["communes"].counts["received_total"].files[0].startswith("Bieu_UBND_xa_")
        assert min(mine["centre"]["counts"]["received_total"], mine["communes"]["counts"]["received_total"]) > 0
    for key in ("centre", "communes"):
        total = record["total"]["tiers"][key]["counts"]["received_one_stop"]
        assert total == sum(i.tiers[key].counts["received_one_stop"].value for i in own.values()), key
    assert (record["total"]["tiers"]["centre"]["counts"]["received_one_stop"]
            + record["total"]["tiers"]["communes"]["counts"]["received_one_stop"]
            == record["total"]["counts"]["received_one_stop"])


def test_the_per_commune_ranking_is_the_centres_own_on_time_rates_ranked(province_2026):
    record, own, out = province_2026

    def on_time(indicators) -> Fraction:
        n = sum(t.rates["on_time_rate"].numerator for t in indicators.tiers.values())
        d = sum(t.rates["on_time_rate"].denominator for t in indicators.tiers.values())
        return round_half_up(Fraction(100 * n, d))

    rates = {name: on_time(i) for name, i in own.items()}
    expected = {name: 1 + sum(1 for other in rates.values() if other > mine) for name, mine in rates.items()}
    assert len(set(rates.values())) > 3  # the centres differ: the ranking is not all ties
    assert {c["name"]: c["ranks"]["on_time_rate"] for c in record["centres"]} == expected
    assert [c["name"] for c in record["centres"]] == sorted(expected, key=lambda n: (expected[n], n))
    rows = list(load_workbook(out / "tong-hop-2026-11.xlsx")[SHEET].iter_rows(values_only=True))
    header, body = rows[2], {r[1]: r for r in rows[3:]}
    centre_column = header.index("Tiếp nhận tại Trung tâm (cơ quan cấp tỉnh, ngành dọc)")
    communes_column = header.index("Thuộc thẩm quyền của UBND xã")
    for name in expected:
        assert body[name][0] == expected[name]
        assert body[name][centre_column] + body[name][communes_column] == body[name][2]
    page = (out / "tong-hop-2026-11.html").read_text(encoding="utf-8")
    assert "UBND TỈNH BẮC NINH" in page and "Thuộc thẩm quyền của UBND xã" in page


def test_the_ranking_page_keeps_the_centres_names_readable(province_2026):
    """At 1366 px the name column was squeezed to a word a line ("Trung tâm / Phục vụ / hành chính / …", six
    lines); on a phone each centre is a card without sideways scrolling."""
    from browser import open_page

    page = province_2026[2] / "tong-hop-2026-11.html"
    with open_page(page, viewport={"width": 1366, "height": 900}) as session:
        lines = session.page.evaluate(
            "() => [...document.querySelectorAll('table.rollup tbody tr:not(.total) td[data-label=\"Trung tâm\"]')].map((td) => {"
            " const range = document.createRange(); range.selectNodeContents(td);"
            " return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })")
        total_weight = session.page.evaluate(
            "() => getComputedStyle(document.querySelector('table.rollup tr.total td')).fontWeight")
    with open_page(page, viewport={"width": 390, "height": 844}) as session:
        overflow = session.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

    assert len(lines) == 7 and max(lines) <= 3
    assert int(total_weight) >= 700
    assert overflow <= 0
