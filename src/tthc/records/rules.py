"""The state of each dossier at a period's end, as polars expressions over the canonical records.

Everything is decided from dates, compared as calendar dates, so a table can be
computed for any period and any cut-off day from the same records. For a period
[start, end] (both days included) and one dossier:

closed at the end
    ``status`` is resolved, refused or withdrawn and its ``finished_at`` (for a
    resolved dossier ``finished_at``, else ``returned_at``) is on or before
    ``end``. A dossier finished after the end was still open at the end.
effective due date
    ``due_at`` plus the days waited for supplements and the days paused, each
    counted once the supplement was handed in / the pause ended on or before
    ``end`` (waiting days = ``supplement_days`` when given, else
    ``supplement_returned_at - supplement_requested_at``; the same for pauses).
    The law does not count either wait in the processing time.
resolved early / on time / late  (provincial export semantics)
    closed as resolved with the outcome date before / on / after the effective
    due date. The number of supplement requests does not matter here: the unit
    tables follow the provincial system's simple date comparison; only 766's
    indicator 2.1 counts a dossier with more than one request as late
    (see tthc.records.index766).
paused at the end
    open at the end, and a supplement request made on or before the end not yet
    answered after it (``paused_supplement``), else a pause started on or
    before the end and not ended by it (``paused_financial`` / ``paused_other``
    by its kind). A dossier is in one column only: supplement before pause.
pending at the end
    open and not paused; ``pending_overdue`` when the effective due date is
    before the end, else ``pending_not_due`` (a dossier due on the last day is
    not yet overdue: it can still be finished that day).
refused / withdrawn
    closed as refused / withdrawn on or before the end.

State codes (``STATE``) are small integers so that the tables are a single
group-by of conditional counts.
"""

from __future__ import annotations

from datetime import date

import polars as pl

# One code per outcome at the period's end. Order does not matter; values are stable.
STATE = {
    "resolved_early": 1,
    "resolved_on_time": 2,
    "resolved_late": 3,
    "pending_not_due": 4,
    "pending_overdue": 5,
    "paused_supplement": 6,
    "paused_financial": 7,
    "paused_other": 8,
    "refused": 9,
    "withdrawn": 10,
}
STATE_NAMES = {code: name for name, code in STATE.items()}
# state_at computes some codes by arithmetic on these runs of consecutive values.
assert STATE["resolved_on_time"] == STATE["resolved_early"] + 1 == STATE["resolved_late"] - 1
assert STATE["pending_overdue"] == STATE["pending_not_due"] + 1
assert STATE["paused_other"] == STATE["paused_financial"] + 1

col = pl.col
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01: the physical value of a polars Date."""
    return (day - EPOCH).days


def days(name: str) -> pl.Expr:
    """A date column as its day number (a free reinterpretation, no parsing)."""
    return col(name).cast(pl.Int32)


def outcome_day() -> pl.Expr:
    """The day the outcome happened: result done (else handed over) or refusal / withdrawal."""
    return pl.coalesce(days("finished_at"), days("returned_at"))


def closed_by(day: date) -> pl.Expr:
    """Closed (resolved, refused or withdrawn) on or before `day`."""
    return (col("status") != "processing") & (outcome_day() <= day_number(day)).fill_null(False)


def waited_days(started: str, ended: str, total: str, by: date) -> pl.Expr:
    """Days not counted in the processing time: a wait that ended on or before `by`."""
    amount = pl.coalesce(col(total).cast(pl.Int32), days(ended) - days(started))
    return pl.when(days(ended) <= day_number(by)).then(amount).otherwise(0).fill_null(0)


def effective_due(by: date, *, supplement: bool = True, pause: bool = True) -> pl.Expr:
    """Day number of the appointment date moved on by the waits that ended on or before `by`."""
    due = days("due_at")
    if supplement:
        due = due + waited_days("supplement_requested_at", "supplement_returned_at", "supplement_days", by)
    if pause:
        due = due + waited_days("paused_at", "resumed_at", "paused_days", by)
    return due


def open_wait(started: str, ended: str, day: date) -> pl.Expr:
    """A wait begun on or before `day` and not over at `day`."""
    d = day_number(day)
    return ((days(started) <= d) & (days(ended).is_null() | (days(ended) > d))).fill_null(False)


def supplement_open(day: date) -> pl.Expr:
    return open_wait("supplement_requested_at", "supplement_returned_at", day)


def pause_open(day: date) -> pl.Expr:
    return open_wait("paused_at", "resumed_at", day)


def state_at(end: date) -> pl.Expr:
    """The STATE code (Int8) of each dossier at the end of a period."""
    e = day_number(end)
    due = effective_due(end)
    done = outcome_day()
    status = col("status")

    def flag(condition: pl.Expr) -> pl.Expr:  # 1 / 0 (null stays null)
        return condition.cast(pl.Int8)

    # Codes by arithmetic where the states are consecutive: fewer nested when-chains to evaluate.
    # A comparison with a missing due date counts as false, as in a when-chain (late / not due).
    resolved = (STATE["resolved_early"] + flag(done >= due).fill_null(1)  # early 1, on time 2, late 3
                + flag(done > due).fill_null(1))
    paused = STATE["paused_other"] - flag(col("pause_kind") == "financial").fill_null(0)  # financial 7, other 8
    pending = STATE["pending_not_due"] + flag(due < e).fill_null(0)  # not due 4, overdue 5
    return (
        pl.when(closed_by(end))
        .then(pl.when(status == "resolved").then(resolved)
              .when(status == "refused").then(STATE["refused"])
              .otherwise(STATE["withdrawn"]))
        .when(supplement_open(end)).then(STATE["paused_supplement"])
        .when(pause_open(end)).then(paused)
        .otherwise(pending)
        .cast(pl.Int8)
    )


def received_between(start: date, end: date) -> pl.Expr:
    return days("received_at").is_between(day_number(start), day_number(end), closed="both")


def carried_over_at(start: date) -> pl.Expr:
    """Received before the period and still open on its first day."""
    day_before = date.fromordinal(start.toordinal() - 1)
    return (days("received_at") < day_number(start)) & ~closed_by(day_before)


def days_late(end: date) -> pl.Expr:
    """Calendar days past the effective due date: at the outcome date, or at `end` if still open."""
    reference = pl.when(closed_by(end)).then(outcome_day()).otherwise(day_number(end))
    return (reference - effective_due(end)).cast(pl.Int32)
