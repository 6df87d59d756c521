"""One table-spec layer: the exports and the dossier records are TableSpecs matched by the same header matcher."""

from __future__ import annotations

from tthc.findings import Severity
from tthc.records.ingest import match_header
from tthc.records.spec import RECORDS
from tthc.sources import DOSSIERS, FEEDBACK, SOURCES
from tthc.tablespec import Column, Kind, TableSpec, label_key


def test_exports_and_records_share_one_column_class_and_one_spec_class():
    assert all(isinstance(spec, TableSpec) for spec in (*SOURCES, RECORDS))
    assert {type(c) for spec in (*SOURCES, RECORDS) for c in spec.all_columns} == {Column}


def test_a_two_row_label_is_keyed_part_by_part_and_found_in_a_flattened_header():
    assert label_key("Đã giải quyết / Trước hạn") == "dagiaiquyet/truochan"
    found = DOSSIERS.find_columns([(0, "STT"), (1, "Tên đơn vị"), (6, "Đã giải quyết / Trước hạn"),
                                   (7, "DA GIAI QUYET / TRUOC HAN")])
    assert found == {"stt": 0, "unit": 1, "resolved_early": 6}  # a second cell with the same label is not taken


def test_a_column_that_stands_for_a_required_one_makes_it_present():
    cells = ["Mã hồ sơ", "Mã đơn vị", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]
    found = RECORDS.find_columns(enumerate(cells))
    assert "unit" not in found and RECORDS.missing(found) == ()
    assert RECORDS.missing({n for n in found if n != "unit_id"}) == ("unit",)
    assert match_header(cells) == {"dossier_code": 0, "unit_id": 1, "channel": 2, "received_at": 3, "due_at": 4,
                                   "status": 5}


def test_the_records_accept_their_english_names_the_exports_do_not():
    assert RECORDS.find_columns([(0, "dossier_code")]) == {"dossier_code": 0}
    assert DOSSIERS.find_columns([(0, "received")]) == {}


def test_what_differs_between_kinds_of_table_is_data_on_the_spec():
    assert FEEDBACK.is_list and FEEDBACK.empty is None and FEEDBACK.stated_totals and FEEDBACK.identity == ()
    assert not DOSSIERS.is_list and DOSSIERS.empty is Severity.ERROR and DOSSIERS.identities
    assert RECORDS.is_list and RECORDS.identity == ("dossier_code",)
    assert dict(DOSSIERS.desk_inputs) == {"centre": "dossiers_centre", "commune": "dossiers_communes"}
    assert FEEDBACK.column("status").kind is Kind.TEXT and dict(FEEDBACK.column("status").words)["hidden"] == ("Đã ẩn",)
