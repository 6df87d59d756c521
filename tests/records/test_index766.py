"""The 766 scoring rule at, just below and above each threshold; bands; the 2.1 rule on hand-made records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from records.records_support import END, START, frame, record

from tthc.records.index766 import default_path, index_766, load_index_766, score
from tthc.reference import ReferenceDataError


@pytest.fixture
def spec(data_dir: Path):
    return load_index_766(default_path(data_dir))


def test_shipped_points_and_thresholds(spec) -> None:
    assert [(i.id, i.points, i.threshold) for i in spec.indicators] == [
        ("2.1", 20, None), ("3.3", 12, 50), ("3.6", 6, None), ("4.1", 6, None), ("4.2", 4, 80)]
    assert [b.label for b in spec.bands] == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


@pytest.mark.parametrize("indicator", ["2.1", "3.3", "3.6", "4.1", "4.2"])
def test_scoring_rule_at_below_and_above_each_threshold(spec, indicator: str) -> None:
    item = spec.indicator(indicator)
    threshold = int(item.threshold or 100)
    points = item.points
    den = 10_000
    at = threshold * 100
    assert score(at, den, item) == points                                   # at the threshold: full
    below = score(at - 1, den, item)                                        # 0,01 point of percent below
    assert below == (Decimal(at - 1) / den * 100 * points / threshold).quantize(Decimal("0.01"))
    assert score(at - 50, den, item) < points                               # half a percent below: visibly less
    if threshold < 100:
        assert score(at + 1, den, item) == points                           # above: still full, never more
    assert score(den, den, item) == points
    assert score(0, den, item) == 0
    assert score(0, 0, item) is None                                        # no denominator: N/A


def test_proportional_below_threshold_example(spec) -> None:
    assert score(40, 100, spec.indicator("3.3")) == Decimal("9.60")  # 40 % × 12 / 50
    assert score(159, 200, spec.indicator("4.2")) == Decimal("3.98")  # 79,5 % × 4 / 80 = 3,975 → 3,98
    assert score(99, 100, spec.indicator("2.1")) == Decimal("19.80")


def test_bands(spec) -> None:
    assert [spec.band(Decimal(v)) for v in ("90", "89.99", "80", "79.99", "70", "50", "49.99", "0")] == [
        "Xuất sắc", "Tốt", "Tốt", "Khá", "Khá", "Trung bình", "Yếu", "Yếu"]


def test_2_1_supplement_rules(spec) -> None:
    twice = record(status="resolved", finished_at=date(2024, 9, 12), supplement_requests=2,
                   supplement_requested_at=date(2024, 9, 5), supplement_returned_at=date(2024, 9, 6),
                   supplement_days=4)
    once = {**twice, "supplement_requests": 1}
    open_once = record(supplement_requests=1, supplement_requested_at=date(2024, 9, 9), due_at=date(2024, 9, 10))
    open_late = {**open_once, "supplement_requested_at": date(2024, 9, 11)}
    pending_ok = record(due_at=END)
    result = index_766(frame(twice, once, open_once, open_late, pending_ok), START, END, spec)
    s = result.overall.scores["2.1"]
    # twice: late (> 1 request); once: 12/9 ≤ 10/9 + 4; open_once: ends 9/9 ≤ 10/9; open_late: 11/9 > 10/9;
    # pending_ok: the period's last day ≤ due.
    assert (s.numerator, s.denominator) == (3, 5)
    assert s.rate == Decimal("60.00") and s.points == Decimal("12.00")


def test_2_1_financial_pause_follows_the_settings(spec) -> None:
    paused = record(status="resolved", pause_kind="financial", paused_at=date(2024, 9, 8),
                    resumed_at=date(2024, 9, 13), finished_at=date(2024, 9, 14))
    assert index_766(frame(paused), START, END, spec).overall.scores["2.1"].numerator == 0
    wider = replace(spec, excluded_waits=("supplement", "financial"))
    assert index_766(frame(paused), START, END, wider).overall.scores["2.1"].numerator == 1


def test_other_indicators_and_units(spec) -> None:
    rows = [
        record(unit_id="a", channel="online", status="resolved", finished_at=date(2024, 9, 9), fee_bearing=True,
               paid_online=True, result_attached=True, components_digitised=True),
        record(unit_id="a", channel="direct", fee_bearing=True, components_digitised=True),
        record(unit_id="b", channel="direct", status="resolved", finished_at=date(2024, 9, 9),
               components_digitised=True, result_attached=False),
        record(unit_id="x", channel="online"),
    ]
    result = index_766(frame(*rows), START, END, spec, exclude_units=["x"], units=["b", "a"])
    assert [u.unit_id for u in result.units] == ["b", "a"]
    a = result.units[1].scores
    assert (a["3.3"].numerator, a["3.3"].denominator, a["3.6"].numerator, a["3.6"].denominator) == (1, 2, 1, 2)
    assert (a["4.1"].numerator, a["4.1"].denominator, a["4.2"].numerator, a["4.2"].denominator) == (1, 1, 2, 2)
    b = result.units[0]
    assert b.scores["3.6"].points is None and b.max_points == 20 + 12 + 6 + 4   # no fee-bearing: 3.6 N/A
    assert (b.scores["4.2"].numerator, b.scores["4.2"].denominator) == (0, 1)    # paper result not attached
    overall = result.overall.scores
    assert overall["3.3"].denominator == 3                                       # unit x left out
    frame_ = result.to_frame()
    assert frame_.height == 3 * 5 and frame_["band"].null_count() == 0


def test_bad_settings_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "index_766.yaml"
    path.write_text("indicators:\n  - {id: '2.1', name: x, points: 20, threshold: 120}\nbands: []\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="ngưỡng"):
        load_index_766(path)
