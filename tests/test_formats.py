"""`tthc formats` describes every input table from the specs the ingest reads; docs/formats.md is that text.

The description cannot drift from the code: it is generated from the TableSpec objects and from
organisation.yaml (`inputs:`), and the committed docs/formats.md must equal what the code generates now.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tthc.formats import TABLES, describe_formats
from tthc.organisation import load_organisation
from tthc.sources import DOSSIERS, SIGNING

from support import REPO, SHIPPED, run_tthc
from test_cli_usage import english_in, examples_in, help_of

DOCS = REPO / "docs" / "formats.md"


def shipped_organisation():
    return load_organisation(SHIPPED / "reference" / "organisation.yaml")


def test_docs_formats_md_is_what_the_code_generates_now():
    expected = describe_formats(shipped_organisation())
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/formats.md is out of date: regenerate it with `.venv/bin/tthc formats > docs/formats.md`")


def test_every_label_required_mark_and_value_word_of_every_table_is_described():
    text = describe_formats(shipped_organisation())
    for spec in TABLES:
        assert f"(`{spec.name}`)" in text
        for column in spec.columns:
            mark = "có" if column.required else "không"
            assert f"| {column.label} | {mark} | " in text, column.name
            for label in column.labels:
                assert label in text, label
            for _, words in column.words:
                for word in words:
                    assert word in text, word


def test_a_label_added_to_a_spec_appears_in_the_description():
    received = DOSSIERS.column("received")
    added = replace(received, labels=(*received.labels, "Số hồ sơ nhận mới trong tháng"))
    spec = replace(DOSSIERS, columns=tuple(added if c is received else c for c in DOSSIERS.columns))
    assert "Số hồ sơ nhận mới trong tháng" not in describe_formats(shipped_organisation())
    assert "Số hồ sơ nhận mới trong tháng" in describe_formats(shipped_organisation(), (spec,))


def test_whether_a_period_needs_a_table_follows_organisation_inputs():
    organisation = shipped_organisation()
    line = next(line for line in describe_formats(organisation, (SIGNING,)).splitlines() if "(`signing`):" in line)
    assert ": không bắt buộc;" in line
    needs_signing = replace(organisation, required_inputs=(*organisation.required_inputs, "signing"))
    line = next(line for line in describe_formats(needs_signing, (SIGNING,)).splitlines() if "(`signing`):" in line)
    assert ": bắt buộc;" in line


def test_tthc_formats_prints_the_description_of_the_data_folders_organisation(data_dir: Path):
    organisation_file = data_dir / "reference" / "organisation.yaml"
    organisation_file.write_text(organisation_file.read_text(encoding="utf-8").replace(
        "  payments: optional ", "  payments: required "), encoding="utf-8")
    completed = run_tthc("formats", "--data", str(data_dir))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == describe_formats(load_organisation(organisation_file))
    assert "(`payments`): bắt buộc;" in completed.stdout


def test_the_formats_help_is_vietnamese_with_examples():
    text = help_of("formats")
    assert english_in(text) == []
    assert "Cách dùng: tthc formats [TÙY_CHỌN]" in text
    assert ["formats"] in examples_in(text)
