"""A synthetic province: many more communes than the shipped district, for scale benchmarks.

synthetic_communes(count)
    `count` commune entries (id, name, short_name, kind, group) in the shape of
    data/reference/units.yaml, named ``UBND xã Thử Nghiệm 0001``… so that no name
    can be taken for a shipped one.
units_yaml_with(text, communes)
    The text of a units.yaml with those entries appended to its ``units`` list
    (the file's own comments and entries are kept as they are).
widen_period(tables, communes, seed)
    A generated period's exports (tthc.demo.generator.generate_period) with one
    more row per synthetic commune in the communes' dossiers export, in the
    communes' group of the portal payments export and of the signing statistics.
    Each new row copies the figures of a shipped commune picked at random, so every
    identity the validation checks (received = outcomes, paid ≤ fee-bearing, rates)
    holds by construction.

Deterministic: `random.Random(f"{seed}-province")` picks the shipped rows.
"""

from __future__ import annotations

import random
from dataclasses import replace

from tthc.exports.writer import ExportRow, ExportTable
from tthc.sources import DOSSIERS, PAYMENTS, SIGNING

COMMUNE_GROUP = "Các xã, thị trấn"  # data/reference/units.yaml's group of the communes
PAYMENTS_COMMUNES = "UBND các xã, thị trấn"  # the group heading in the portal payments export


def synthetic_communes(count: int) -> list[dict[str, str]]:
    return [{"id": f"xa_thu_nghiem_{i:04d}", "name": f"UBND xã Thử Nghiệm {i:04d}",
             "short_name": f"Thử Nghiệm {i:04d}", "kind": "commune", "group": COMMUNE_GROUP}
            for i in range(1, count + 1)]


def units_yaml_with(text: str, communes: list[dict[str, str]]) -> str:
    """`text` (a units.yaml whose last top-level key is ``units``) with `communes` appended to the list."""
    lines = [f"  - id: {c['id']}\n    name: {c['name']}\n    short_name: {c['short_name']}\n"
             f"    kind: {c['kind']}\n    group: {c['group']}\n" for c in communes]
    return text.rstrip("\n") + "\n" + "".join(lines)


def widen_period(tables: dict[str, ExportTable], communes: list[dict[str, str]],
                 seed: int = 0) -> dict[str, ExportTable]:
    rng = random.Random(f"{seed}-province")
    names = [c["name"] for c in communes]
    out = {}
    for file_name, table in tables.items():
        if table.spec is DOSSIERS and "paid_direct" in table.columns:  # the communes' export
            out[file_name] = _extended(table, names, rng, None)
        elif table.spec is PAYMENTS:
            out[file_name] = _extended(table, names, rng, PAYMENTS_COMMUNES)
        elif table.spec is SIGNING:  # the communes' group heading, whatever the export calls it
            group = next(r.group for r in table.rows if str(r.values["unit"]).startswith("UBND xã"))
            out[file_name] = _extended(table, names, rng, group)
        else:
            out[file_name] = table
    return out


def _extended(table: ExportTable, names: list[str], rng: random.Random, group: str | None) -> ExportTable:
    """New rows (copies of random rows of `group`, or of any row) inserted right after the group's last row."""
    rows = list(table.rows)
    members = [i for i, row in enumerate(rows) if group is None or row.group == group]
    if not members:
        raise ValueError(f"no commune rows in {table.title_lines[0]!r}")
    templates = [rows[i] for i in members]
    added = [ExportRow({**rng.choice(templates).values, "unit": name}, templates[0].group) for name in names]
    last = members[-1] + 1
    return replace(table, rows=rows[:last] + added + rows[last:], total=None)
