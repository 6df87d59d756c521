"""Every broken or hostile input of the corpus, through the real `tthc` command in a subprocess.

For each case: the exit code (0 accepted, 1 data errors, 2 usage or reference
files), a Vietnamese message naming the file (and sheet, row, column where they
exist), no traceback, no overlong line, and nothing written: the data folder is
byte-identical afterwards, and so is the store unless `tthc indicators` accepted
the data (then only the store may change).

The subprocesses of the selected cases run a few at a time (each is mostly
interpreter start-up), so the corpus costs about a minute on two cores.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import polars as pl
import pytest
from hardening.corpus import (
    BY_NAME,
    CASES,
    INJECTIONS,
    PERIOD,
    Case,
    check_args,
    make_data_folder,
)

from support import run_tthc

VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
CRASH_MARKERS = ("Traceback", "stack backtrace", "panicked", "Exception:", "Error:")
CHECK_SECONDS = 60  # the 100 000-row cases included; a normal case takes about a second


def digest(root: Path, *, exclude: tuple[str, ...] = ()) -> str:
    """Like support.tree_digest, but skipping some sub-trees, unreadable entries and links."""
    sha = hashlib.sha256()
    if not root.exists():
        return "absent"
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(rel == Path(e) or Path(e) in rel.parents for e in exclude):
            continue
        sha.update(str(rel).encode())
        if path.is_symlink():
            sha.update(b"->" + os.readlink(path).encode())
        elif path.is_file():
            sha.update(path.read_bytes())
        elif path.is_dir():
            sha.update(b"/")
    return sha.hexdigest()


@dataclass(frozen=True)
class Snapshot:
    inputs: str  # everything under the case folder but the store and the reports
    store: str
    reports: str  # the reports folder (--out of `tthc report`), "absent" until a report is made

    @classmethod
    def of(cls, root: Path) -> Snapshot:
        return cls(digest(root, exclude=("data/store", "reports")), digest(root / "data" / "store"),
                   digest(root / "reports"))


@dataclass
class Outcome:
    check: CompletedProcess[str]
    seconds: float
    before: Snapshot
    after_check: Snapshot
    indicators: CompletedProcess[str] | None = None
    after_indicators: Snapshot | None = None
    root: Path | None = None


def run_case(case: Case, root: Path) -> Outcome:
    data = make_data_folder(root / "data")
    args = case.build(data) or check_args(data)
    before = Snapshot.of(root)
    start = time.perf_counter()
    check = run_tthc(*args)
    outcome = Outcome(check, time.perf_counter() - start, before, Snapshot.of(root), root=root)
    if case.indicators:
        outcome.indicators = run_tthc("indicators", PERIOD, "--data", str(data), "--json")
        outcome.after_indicators = Snapshot.of(root)
    return outcome


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory) -> dict[str, Outcome | BaseException]:
    """Run every selected case once, a few subprocesses at a time."""
    selected = sorted({item.callspec.params["case"].name for item in request.session.items
                       if getattr(item, "originalname", "") == "test_case" and hasattr(item, "callspec")})
    if os.geteuid() == 0:
        selected = [name for name in selected if not BY_NAME[name].needs_non_root]
    base = tmp_path_factory.mktemp("corpus")
    # the two slow 100 000-row cases first, so they overlap with the rest
    selected.sort(key=lambda name: not name.startswith("rows_100k"))
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(run_case, BY_NAME[name], base / name) for name in selected}
        return {name: future.exception() or future.result() for name, future in futures.items()}


def output_of(process: CompletedProcess[str]) -> str:
    return process.stdout + process.stderr


def assert_clean_answer(case: Case, process: CompletedProcess[str], expected_code: int) -> None:
    out = output_of(process)
    shown = out if len(out) < 4000 else out[:2000] + "\n…\n" + out[-2000:]
    assert process.returncode == expected_code, shown
    for marker in CRASH_MARKERS:
        assert marker not in out, shown
    assert VIETNAMESE.search(out), shown
    longest = max((len(line) for line in out.splitlines()), default=0)
    assert longest <= case.max_line, f"a line of {longest} characters"


def test_the_corpus_has_at_least_thirty_inputs():
    assert len(CASES) >= 30
    assert sum(case.exit_code == 0 for case in CASES) >= 10  # accepted-but-odd inputs are in too


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, outcomes: dict[str, Outcome]) -> None:
    if case.needs_non_root and os.geteuid() == 0:
        pytest.skip("runs as root: file permissions do not stop root from reading")
    outcome = outcomes[case.name]
    if isinstance(outcome, BaseException):
        raise outcome
    out = output_of(outcome.check)
    assert_clean_answer(case, outcome.check, case.exit_code)
    if case.exit_code == 2:
        assert outcome.check.stderr.startswith("Lỗi:"), out
    else:
        summary = out.strip().splitlines()[-1]
        assert summary.startswith("Tổng cộng:") and "lỗi" in summary, out[-2000:]
        if case.exit_code == 1:
            # an error names its file, or the period folder when what is wrong is a file missing from it
            assert any(line.startswith(("Lỗi: tệp ", "Lỗi: thư mục ")) for line in out.splitlines()), out[:2000]
    for fragment in case.expect:
        assert fragment in out, f"{fragment!r} not in:\n{out[:3000]}"
    for fragment in case.reject:
        assert fragment not in out, fragment
    assert outcome.after_check == outcome.before, "tthc check changed the data folder or the store"
    assert outcome.seconds < CHECK_SECONDS, f"tthc check took {outcome.seconds:.1f} s"
    if case.indicators:
        indicators = outcome.indicators
        assert_clean_answer(case, indicators, case.exit_code)
        after = outcome.after_indicators
        assert after.inputs == outcome.before.inputs, "tthc indicators changed the input files"
        assert after.reports == outcome.before.reports, "tthc indicators wrote a report"
        if case.exit_code == 0:
            assert json.loads(indicators.stdout)["period"] == PERIOD
            assert after.store != "absent"
        else:
            assert after.store == outcome.before.store, "tthc indicators wrote to the store despite errors"


# ---------------------------------------------------------------- beyond `check`


def test_hostile_text_is_stored_as_plain_text(outcomes: dict[str, Outcome]) -> None:
    """Formula-looking topics and notes travel to the store as the very same characters."""
    topics = set()
    for name in ("injection_feedback_csv", "injection_feedback_xlsx"):
        if name not in outcomes:
            pytest.skip("the injection cases were not selected")
        store = outcomes[name].root / "data" / "store"
        topics |= set(pl.read_parquet(store / "feedback" / f"{PERIOD}.parquet")["topic"].to_list())
    assert topics == set(INJECTIONS)
    store = outcomes["injection_analyst_notes"].root / "data" / "store"
    notes = json.loads(pl.read_parquet(store / "analyst" / f"{PERIOD}.parquet")["json"][0])
    assert notes["directives_topics"] == INJECTIONS[0]
    assert notes["sections"]["strengths"] == list(INJECTIONS)


def test_hundred_thousand_rows_are_timed(outcomes: dict[str, Outcome], capsys) -> None:
    timed = {name: round(o.seconds, 1) for name, o in outcomes.items() if name.startswith("rows_100k")}
    if not timed:
        pytest.skip("the 100 000-row cases were not selected")
    with capsys.disabled():
        print(f"\n`tthc check` on 100 000-row files (s): {timed}")
    assert all(seconds < CHECK_SECONDS for seconds in timed.values())


def test_report_refuses_broken_data_and_writes_nothing(tmp_path: Path) -> None:
    case = BY_NAME["count_text"]
    data = make_data_folder(tmp_path / "data")
    case.build(data)
    reports = tmp_path / "reports"
    before = Snapshot.of(tmp_path)
    result = run_tthc("report", PERIOD, "--data", str(data), "--out", str(reports))
    assert_clean_answer(case, result, 1)
    assert "'mười' không phải số" in output_of(result)
    assert Snapshot.of(tmp_path) == before
    assert not reports.exists() or not any(reports.iterdir())


def test_report_accepts_decomposed_vietnamese(tmp_path: Path) -> None:
    case = BY_NAME["nfd_everywhere"]
    data = make_data_folder(tmp_path / "data")
    case.build(data)
    before = Snapshot.of(tmp_path)
    result = run_tthc("report", PERIOD, "--data", str(data), "--out", str(tmp_path / "reports"), "--formats", "html")
    assert result.returncode == 0, output_of(result)
    assert "Traceback" not in output_of(result)
    after = Snapshot.of(tmp_path)
    assert after.inputs == before.inputs and after.reports != "absent"
    html = next((tmp_path / "reports").rglob("*.html")).read_text(encoding="utf-8")
    assert "Phòng Tư pháp" in html


def test_terminal_table_does_not_read_data_as_markup(monkeypatch) -> None:
    """In a terminal the findings are a rich table; a unit named "[/]" must print as written."""
    from rich.console import Console

    from tthc import cli
    from tthc.findings import Location, error

    buffer = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=buffer, force_terminal=True, width=200))
    finding = error("unknown_unit", "đơn vị '[/] [bold]x[/bold]' không có trong danh mục",
                    Location("[/]bieu.csv", "[red]", 11, "B ([/])"))
    cli.print_findings([finding])
    text = re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue())
    assert "[/] [bold]x[/bold]" in text and "[/]bieu.csv" in text
