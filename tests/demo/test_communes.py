"""The commune centres' demo folders (tthc.demo.communes): the Lương Tài area's other three commune centres cut
from the same district months as xã Lương Tài (together they hold what the district held), the made-up centres
of the province roll-up, shipped as the generator writes them and marked synthetic."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from tthc.context import load_context
from tthc.demo import seed
from tthc.demo.communes import AREA_CENTRES, OTHER_CENTRES, PERIODS, write_centre_folder
from tthc.demo.reorganisation import (
    LUONG_TAI_CENTRE,
    LUONG_TAI_PREDECESSORS,
    commune_totals,
    district_month,
    generate_area_period,
)
from tthc.demo.seed import COMMUNE_ROWS
from tthc.exports.writer import ExportRow, write_xlsx
from tthc.period import Period
from tthc.pipeline import ingest_period
from tthc.provenance import is_synthetic

from support import REPO, run_tthc

EXAMPLES = REPO / "examples"
FOLDERS = {e.folder: EXAMPLES / e.folder for e in AREA_CENTRES} | {
    e.folder: EXAMPLES / "tinh-bac-ninh" / e.folder for e in OTHER_CENTRES}
ENTRIES = {e.folder: e for e in (*AREA_CENTRES, *OTHER_CENTRES)}


def _district_communes() -> dict[str, int]:
    """The area's communes before it was cut into commune centres: the 14 rows of a district-era month."""
    return commune_totals(generate_area_period(Period(2024, 9)))


def test_the_four_centres_of_the_area_share_out_the_fourteen_communes():
    predecessors = [LUONG_TAI_PREDECESSORS, *(e.centre.predecessors for e in AREA_CENTRES)]
    flat = [name for names in predecessors for name in names]
    assert sorted(flat) == sorted(_district_communes())
    assert len(flat) == len(set(flat)) == len(COMMUNE_ROWS) == 14
    shares = LUONG_TAI_CENTRE.land_share + sum(e.centre.land_share for e in AREA_CENTRES)
    assert shares == pytest.approx(1.0)  # the land branch's dossiers of the area are all received somewhere


@pytest.mark.parametrize("period", [Period(2025, 9), Period(2026, 11)])
def test_the_area_centres_hold_together_what_the_communes_of_the_area_would(period):
    """Cut from one district month: each centre's commune row is the sum of its predecessors' rows, so the four
    centres' rows sum to the month's fourteen communes (received and resolved), whatever the centre."""
    months = [generate_area_period(period), *(generate_area_period(period, centre=e.centre) for e in AREA_CENTRES)]
    for column in ("received", "resolved", "resolved_early", "resolved_late", "pending"):
        units = [commune_totals(m, column) for m in months]
        assert [list(u) for u in units] == [["UBND xã Lương Tài"], ["UBND xã Lâm Thao"], ["UBND xã Trung Chính"],
                                            ["UBND xã Trung Kênh"]]
        district = commune_totals(district_month(period), column)
        assert len(district) == 14
        assert sum(v for u in units for v in u.values()) == sum(district.values()), column
    received = [next(iter(commune_totals(m).values())) for m in months]
    assert 0.5 < max(received) / min(received) < 2.5  # communes of comparable size


def test_a_made_up_centre_comes_from_another_district_month_and_only_exists_from_july_2025():
    made_up = OTHER_CENTRES[0].centre
    assert "Minh Họa" in made_up.name
    september = generate_area_period(Period(2025, 9), centre=made_up)
    assert list(commune_totals(september)) == ["UBND xã Minh Họa Một"]
    with pytest.raises(ValueError, match="hoạt động từ ngày 01/7/2025"):
        generate_area_period(Period(2025, 6), centre=made_up)


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_the_shipped_folders_are_what_the_generator_writes(tmp_path, folder):
    written = write_centre_folder(ENTRIES[folder], tmp_path / folder)
    shipped = FOLDERS[folder]
    names = sorted(str(p.relative_to(tmp_path / folder)) for p in written)
    assert names == sorted(str(p.relative_to(shipped)) for p in shipped.rglob("*") if p.is_file())
    for path in written:
        assert path.read_bytes() == (shipped / path.relative_to(tmp_path / folder)).read_bytes(), path
    raw = [p for p in (shipped / "raw").rglob("*") if p.is_file()]
    assert sorted({p.parent.name for p in raw}) == [str(p) for p in ENTRIES[folder].months]
    assert all(is_synthetic(p) for p in raw)


def test_the_area_centres_hold_every_month_from_their_opening_to_the_demo_end():
    for entry in AREA_CENTRES:
        months = sorted(p.name for p in (FOLDERS[entry.folder] / "raw").iterdir())
        assert months[0] == "2025-07" and months[-1] == "2026-11" and len(months) == 17


@pytest.mark.parametrize("folder", ["xa-lam-thao", "xa-trung-chinh", "xa-trung-kenh", "xa-minh-hoa-mot"])
def test_the_reference_names_the_commune_its_signers_and_its_units(folder):
    context = load_context(FOLDERS[folder])
    entry = ENTRIES[folder]
    september, december = (context.organisation.for_period(Period(2025, m)) for m in (9, 12))
    assert september.parent_body == f"UBND XÃ {entry.centre.commune.upper()}"
    assert september.issuing_body_full == entry.centre.name
    assert (september.signer.title, september.signer.name) == (entry.signers[0].title, entry.signers[0].name)
    assert (december.signer.title, december.signer.name) == (entry.signers[1].title, entry.signers[1].name)
    units = context.registry.on(Period(2025, 9).end(1))
    assert {u.name: u.kind for u in units.units} == {
        entry.centre.unit: "commune", "Chi nhánh Văn phòng Đăng ký đất đai": "provincial_body",
        f"Công an xã {entry.centre.commune}": "provincial_body"}
    before = {u.id for u in context.registry.on(Period(2025, 6).end(1)).units}  # the centre opened on 1/7/2025
    assert not before & {u.id for u in units.units}
    assert all(context.registry.everything.by_id(i).kind == "commune" for i in before)  # only its predecessors
    history = context.registry.everything
    assert history.predecessors(entry.unit_id) if not entry.synthetic_place else not history.lineage.links
    assert [t.key for t in context.profile.on(Period(2025, 9).end(1)).tiers] == ["centre", "communes"]


@pytest.mark.parametrize("folder", ["xa-lam-thao", "xa-trung-kenh"])
def test_tthc_check_reads_the_shipped_months_without_errors(tmp_path, folder):
    data = tmp_path / folder
    shutil.copytree(FOLDERS[folder], data)
    for period in PERIODS:
        completed = run_tthc("check", str(period), "--data", str(data))
        assert completed.returncode == 0, completed.stdout + completed.stderr
        assert "Không có lỗi" in completed.stdout or " 0 lỗi" in completed.stdout, completed.stdout


def test_the_regeneration_script_writes_every_folder(tmp_path):
    import runpy

    script = runpy.run_path(str(REPO / "scripts" / "make_commune_centres.py"), run_name="not_main")
    assert script["main"]([str(tmp_path)]) == 0
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.glob("**/reference"))
    assert made == sorted(str(FOLDERS[f].relative_to(EXAMPLES) / "reference") for f in FOLDERS)


def test_an_export_of_september_2025_naming_lai_ha_names_trung_kenh_its_successor(tmp_path):
    """The area's centres carry their predecessors and lineage (from examples/xa-luong-tai): a retired name is
    the finding naming the successor, as in xa-luong-tai's own folder."""
    data = tmp_path / "xa-trung-kenh"
    shutil.copytree(FOLDERS["xa-trung-kenh"] / "reference", data / "reference")
    folder = data / "raw" / "2025-09"
    folder.mkdir(parents=True)
    template = seed.communes_table().rows[0].values
    write_xlsx(replace(seed.communes_table(), rows=[ExportRow({**template, "unit": n})
                                                    for n in ("UBND xã Trung Kênh", "UBND xã Lai Hạ")]),
               folder / "Bieu_xa.xlsx")
    findings = ingest_period(load_context(data), Period(2025, 9)).findings
    retired = [f for f in findings if f.code == "retired_unit"]
    assert [f.values["successors"] for f in retired] == ["UBND xã Trung Kênh"]
    assert "UBND xã An Tập được sắp xếp vào UBND xã Trung Kênh từ ngày 01/07/2025" in retired[0].message
    assert not [f for f in findings if f.code in ("unknown_unit", "ambiguous_unit")]
