"""Exports are recognised by their header text, whatever their layout or format."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable
from tthc.pipeline import ingest_period, tidy_frames

from support import SEPTEMBER, replace_export

ANNEXES = {
    "Bieu_TTHCC_thang9.xlsx": seed.centre_table,
    "Bieu_xa_thi_tran_T9_2024.xlsx": seed.communes_table,
    "ThongKeKySo_24082024_23092024.xlsx": seed.signing_table,
}
PROVENANCE = ["file", "sheet", "row"]


def tidy(context) -> dict[str, pl.DataFrame]:
    inputs = ingest_period(context, SEPTEMBER)
    assert not inputs.has_errors, [f.describe() for f in inputs.findings if f.is_error]
    frames = tidy_frames(inputs)
    return {name: frames[name].drop(PROVENANCE).sort("unit_id") for name in ("dossiers", "signing")}


def reorder(table: ExportTable) -> ExportTable:
    """Columns in another order: STT and unit last-but-one, counts reversed."""
    values = [c for c in table.columns if c not in ("stt", "unit")]
    return replace(table, columns=["stt", *reversed(values), "unit"])


def with_blank_column(table: ExportTable) -> ExportTable:
    """An extra unlabeled, empty column in the middle (exports gain these after edits)."""
    spec = table.spec
    blank = replace(spec.columns[-1], name="__blank__", labels=("",))
    spec = replace(spec, columns=(*spec.columns, blank))
    columns = [*table.columns[:3], "__blank__", *table.columns[3:]]
    return replace(table, spec=spec, columns=columns, total={}, with_total=False)


def other_title(table: ExportTable) -> ExportTable:
    return replace(table, title_lines=["UBND TỈNH BẮC NINH", "HỆ THỐNG THÔNG TIN GIẢI QUYẾT TTHC",
                                       "Báo cáo trích xuất ngày 24/09/2024", "", "Kỳ: 24/08/2024 - 23/09/2024"])


def broken_headers(table: ExportTable) -> ExportTable:
    labels = {name: " / ".join(part.replace(" ", "\n", 1) for part in table.label(name).split(" / "))
              for name in table.columns}
    return replace(table, labels=labels)


VARIANTS = {
    "columns_reordered": reorder,
    "blank_column": with_blank_column,
    "other_title_block": other_title,
    "line_breaks_in_headers": broken_headers,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_layout_variants_give_identical_tidy_data(context, september, variant):
    expected = tidy(context)
    for name, make in ANNEXES.items():
        replace_export(september, name, VARIANTS[variant](make()))
    actual = tidy(context)
    for dataset in expected:
        assert actual[dataset].equals(expected[dataset]), dataset


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1258"])
def test_csv_exports_give_identical_tidy_data(context, september, encoding):
    expected = tidy(context)
    for name, make in ANNEXES.items():
        replace_export(september, name, make(), as_csv=True)
        if encoding != "utf-8-sig":
            path = september / (name.rsplit(".", 1)[0] + ".csv")
            text = path.read_text(encoding="utf-8-sig")
            path.write_bytes(text.encode(encoding, errors="strict") if encoding != "cp1258"
                             else _to_cp1258(text))
    actual = tidy(context)
    for dataset in expected:
        assert actual[dataset].equals(expected[dataset]), dataset


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 stores many Vietnamese letters as base letter + combining tone mark."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # keep the vowel shape composed (Â, Ơ…), write the tone as a mark
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in TONE_MARKS]
            shape = "".join(m for m in marks if m not in TONE_MARKS)
            out += (unicodedata.normalize("NFC", base + shape) + "".join(tones)).encode("cp1258")
    return bytes(out)


def test_decomposed_unicode_in_names_and_headers_is_accepted(context, september):
    import unicodedata

    expected = tidy(context)
    table = seed.centre_table()
    nfd = replace(
        table,
        rows=[ExportRow({**r.values, "unit": unicodedata.normalize("NFD", r.values["unit"])}) for r in table.rows],
        labels={n: unicodedata.normalize("NFD", table.label(n)) for n in table.columns},
    )
    replace_export(september, "Bieu_TTHCC_thang9.xlsx", nfd)
    assert tidy(context)["dossiers"].equals(expected["dossiers"])


def test_group_rows_become_a_column_and_total_row_is_kept_aside(context):
    inputs = ingest_period(context, SEPTEMBER)
    signing = next(t for t in inputs.tables if t.source == "signing")
    groups = signing.frame["group"].unique(maintain_order=True).to_list()
    assert groups == ["Các huyện - thị xã - thành phố", "Các xã phường trực thuộc Huyện Lương Tài",
                      "Các phòng, ban, đơn vị trực thuộc Huyện Lương Tài",
                      "Các đơn vị của tỉnh đóng trên địa bàn Huyện Lương Tài"]
    assert signing.frame.height == 36
    centre = next(t for t in inputs.tables if t.source == "dossiers" and t.frame.height == 9)
    assert centre.total["received"] == 684 and centre.total["results_digitised"] == 213


def test_optional_carried_over_and_cumulative_columns_are_read(context, september):
    table = seed.centre_table()
    table = replace(table, columns=["stt", "unit", "carried_over", *table.columns[2:], "cumulative"],
                    labels={**table.labels, "carried_over": "Tồn kỳ trước", "cumulative": "Lũy kế"})
    table = replace(table, rows=[ExportRow({**r.values, "carried_over": 0, "cumulative": 100}) for r in table.rows])
    replace_export(september, "Bieu_TTHCC_thang9.xlsx", table)
    dossiers = tidy(context)["dossiers"].filter(pl.col("desk") == "centre")
    assert dossiers["carried_over"].to_list() == [0] * 9
    assert dossiers["cumulative"].sum() == 900
