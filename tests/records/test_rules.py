"""Each status rule on hand-made records at its edges, through the unit tables and the late list."""

from __future__ import annotations

from datetime import date

import pytest
from records.records_support import END, START, frame, record

from tthc.records.late import late_list
from tthc.records.tables import COUNT_COLUMNS, unit_tables

OUTCOMES = ("resolved", "pending", "paused_supplement", "paused_financial", "paused_other", "refused", "withdrawn")


def counts(*records: dict, start: date = START, end: date = END) -> dict:
    table = unit_tables(frame(*records), start, end)
    assert table.height == 1
    return table.row(0, named=True)


def only(row: dict, *names: str) -> None:
    """Exactly these columns (besides received and its channel) are 1, the other outcomes 0."""
    for name in COUNT_COLUMNS:
        if name in ("unit_id", "received", "received_online", "received_direct", "carried_over", "cumulative",
                    "paid_direct"):
            continue
        assert row[name] == (1 if name in names else 0), name


@pytest.mark.parametrize(("finished", "column"), [
    (date(2024, 9, 9), "resolved_early"),      # the day before the due date
    (date(2024, 9, 10), "resolved_on_time"),   # on the due date
    (date(2024, 9, 11), "resolved_late"),      # the day after
])
def test_resolved_by_finish_date_against_due_date(finished: date, column: str) -> None:
    row = counts(record(status="resolved", finished_at=finished))
    only(row, "resolved", column)
    assert row["received"] == row["received_online"] == 1


def test_returned_date_stands_in_for_a_missing_finish_date() -> None:
    only(counts(record(status="resolved", returned_at=date(2024, 9, 11))), "resolved", "resolved_late")


def test_finished_after_the_period_end_is_pending_at_the_end() -> None:
    row = counts(record(status="resolved", due_at=date(2024, 9, 30), finished_at=date(2024, 9, 24)))
    only(row, "pending", "pending_not_due")


@pytest.mark.parametrize(("due", "column"), [
    (END, "pending_not_due"),                 # due on the last day: not yet overdue
    (date(2024, 9, 22), "pending_overdue"),   # due the day before the end
])
def test_pending_at_the_period_end(due: date, column: str) -> None:
    only(counts(record(due_at=due)), "pending", column)


def test_supplement_waiting_moves_the_due_date() -> None:
    waited = record(status="resolved", finished_at=date(2024, 9, 13), supplement_requests=1,
                    supplement_requested_at=date(2024, 9, 4), supplement_returned_at=date(2024, 9, 7))
    only(counts(waited), "resolved", "resolved_on_time")  # due 10/9 + 3 days waited = 13/9


def test_two_supplement_requests_do_not_change_the_unit_table() -> None:
    twice = record(status="resolved", finished_at=date(2024, 9, 12), supplement_requests=2,
                   supplement_requested_at=date(2024, 9, 5), supplement_returned_at=date(2024, 9, 6),
                   supplement_days=4)
    only(counts(twice), "resolved", "resolved_early")  # due 10/9 + 4 = 14/9; the 766 rule is tested apart


def test_open_supplement_request_at_the_end_is_paused_supplement() -> None:
    open_request = record(supplement_requests=1, supplement_requested_at=date(2024, 9, 20), due_at=date(2024, 9, 12))
    only(counts(open_request), "paused_supplement")
    answered_after_end = {**open_request, "supplement_returned_at": date(2024, 9, 25)}
    only(counts(answered_after_end), "paused_supplement")
    requested_after_end = {**open_request, "supplement_requested_at": date(2024, 9, 24)}
    only(counts(requested_after_end), "pending", "pending_overdue")


def test_pause_for_financial_obligation() -> None:
    paused = record(pause_kind="financial", paused_at=date(2024, 9, 8), due_at=date(2024, 9, 12))
    only(counts(paused), "paused_financial")
    only(counts({**paused, "pause_kind": "other"}), "paused_other")
    # An ended pause moves the due date on by its days: 12/9 + 5 = 17/9.
    ended = {**paused, "resumed_at": date(2024, 9, 13), "status": "resolved", "finished_at": date(2024, 9, 17)}
    only(counts(ended), "resolved", "resolved_on_time")
    only(counts({**ended, "finished_at": date(2024, 9, 18)}), "resolved", "resolved_late")


def test_refused_and_withdrawn_in_the_period_and_after() -> None:
    only(counts(record(status="refused", finished_at=date(2024, 9, 5))), "refused")
    only(counts(record(status="withdrawn", finished_at=END)), "withdrawn")
    only(counts(record(status="refused", finished_at=date(2024, 9, 24), due_at=date(2024, 9, 30))),
         "pending", "pending_not_due")


def test_received_outside_the_period_is_not_counted() -> None:
    table = unit_tables(frame(record(received_at=date(2024, 8, 23)), record(received_at=date(2024, 9, 24)),
                              record(received_at=START)), START, END)
    assert table["received"].to_list() == [1]


def test_fee_paid_and_digitised_columns() -> None:
    row = counts(
        record(status="resolved", finished_at=date(2024, 9, 9), fee_bearing=True, paid_online=True,
               result_attached=True),
        record(fee_bearing=True, paid_direct=True),
        record(fee_bearing=False, paid_online=True, result_attached=True),  # paid without fee: not counted
    )
    assert (row["fee_bearing"], row["paid_online"], row["paid_direct"], row["results_digitised"]) == (2, 1, 1, 1)


def test_carried_over_dossiers_enter_the_outcomes_when_asked() -> None:
    old_open = record(received_at=date(2024, 8, 10), due_at=date(2024, 8, 20))
    old_closed = record(received_at=date(2024, 8, 10), status="resolved", finished_at=date(2024, 8, 20))
    table = unit_tables(frame(old_open, old_closed, record()), START, END, carried_over=True)
    row = table.row(0, named=True)
    assert (row["carried_over"], row["received"], row["pending"], row["pending_overdue"]) == (1, 1, 2, 2)
    assert row["received"] + row["carried_over"] == sum(row[n] for n in OUTCOMES)
    assert unit_tables(frame(old_open, old_closed, record()), START, END)["carried_over"].to_list() == [None]


def test_cumulative_counts_the_reporting_year() -> None:
    table = unit_tables(frame(record(received_at=date(2024, 1, 5), status="resolved", finished_at=date(2024, 1, 6)),
                              record()), START, END, year_start=date(2023, 12, 24))
    assert table.select("received", "cumulative").row(0) == (1, 2)


def test_late_list_has_resolved_late_and_pending_overdue_with_days_and_apology() -> None:
    records = frame(
        record(dossier_code="A", status="resolved", finished_at=date(2024, 9, 13), apology_letter=True),
        record(dossier_code="B", due_at=date(2024, 9, 20)),
        record(dossier_code="C", status="resolved", finished_at=date(2024, 9, 10)),
        record(dossier_code="D", due_at=END),
    )
    late = late_list(records, START, END)
    assert late.select("dossier_code", "state", "days_late", "apology_letter").rows() == [
        ("A", "resolved_late", 3, True), ("B", "pending_overdue", 3, False)]  # most days late first, then code
    assert late["procedure"].to_list() == ["Đăng ký khai sinh"] * 2


def test_identity_holds_on_synthetic_records() -> None:
    from tthc.demo.records import synthetic_records

    table = unit_tables(synthetic_records(20_000, START, END, units=["a", "b", "c"], seed=3).lazy(), START, END)
    for row in table.iter_rows(named=True):
        assert row["received"] == sum(row[n] for n in OUTCOMES)
        assert row["received"] == row["received_direct"] + row["received_online"]
        assert row["resolved"] == row["resolved_early"] + row["resolved_on_time"] + row["resolved_late"]
        assert row["pending"] == row["pending_not_due"] + row["pending_overdue"]
