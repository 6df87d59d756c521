"""The synthetic province: extra communes in the registry and in a generated month's exports, valid for the pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tthc.context import load_context
from tthc.demo.generator import NOTES_FILE, generate_analyst_notes, generate_period
from tthc.demo.province import synthetic_communes, units_yaml_with, widen_period
from tthc.exports.writer import write_xlsx
from tthc.period import Period
from tthc.pipeline import ingest_period
from tthc.project import PROJECT_ROOT
from tthc.sources import DOSSIERS, PAYMENTS, SIGNING

PERIOD = Period(2024, 10)


def test_units_yaml_keeps_the_shipped_units_and_adds_the_communes():
    text = (PROJECT_ROOT / "data" / "reference" / "units.yaml").read_text(encoding="utf-8")
    extra = synthetic_communes(5)
    widened = yaml.safe_load(units_yaml_with(text, extra))
    shipped = yaml.safe_load(text)
    assert widened["units"][:len(shipped["units"])] == shipped["units"]
    assert widened["units"][len(shipped["units"]):] == extra
    assert widened["matching"] == shipped["matching"]


def test_widen_period_adds_one_row_per_commune_where_communes_are_listed():
    tables = generate_period(PERIOD)
    extra = synthetic_communes(7)
    widened = widen_period(tables, extra)
    assert widened == widen_period(generate_period(PERIOD), extra)  # deterministic
    for name, table in tables.items():
        added = len(widened[name].rows) - len(table.rows)
        lists_communes = table.spec in (PAYMENTS, SIGNING) or (table.spec is DOSSIERS and "paid_direct" in table.columns)
        assert added == (7 if lists_communes else 0), name
        if table.spec is SIGNING:  # inside the communes' group, not after the last group
            groups = [r.group for r in widened[name].rows]
            assert groups == sorted(groups, key=groups.index)


def test_a_widened_month_passes_the_checks(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
    extra = synthetic_communes(30)
    units = data / "reference" / "units.yaml"
    units.write_text(units_yaml_with(units.read_text(encoding="utf-8"), extra), encoding="utf-8")
    folder = data / "raw" / str(PERIOD)
    folder.mkdir(parents=True)
    tables = widen_period(generate_period(PERIOD), extra)
    for name, table in tables.items():
        write_xlsx(table, folder / name, synthetic=True)
    (folder / NOTES_FILE).write_text(generate_analyst_notes(PERIOD, tables), encoding="utf-8")
    inputs = ingest_period(load_context(data), PERIOD)
    assert not inputs.has_errors, [f.describe() for f in inputs.findings]
    dossiers = [t for t in inputs.tables if t.raw.source is DOSSIERS]
    unit_ids = {u for t in dossiers for u in t.frame["unit_id"].to_list()}
    assert {c["id"] for c in extra} <= unit_ids
