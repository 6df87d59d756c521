"""The tidy store replaces one period at a time and never leaves a torn file."""

from __future__ import annotations

import polars as pl
import pytest

from tthc.period import Period
from tthc.store import period_file, read_period, scan_dataset, write_period


def test_writing_a_period_replaces_only_that_period(tmp_path):
    august, september = Period(2024, 8), Period(2024, 9)
    write_period(tmp_path, august, {"dossiers": pl.DataFrame({"received": [1]})})
    august_bytes = period_file(tmp_path, "dossiers", august).read_bytes()
    write_period(tmp_path, september, {"dossiers": pl.DataFrame({"received": [2]})})
    write_period(tmp_path, september, {"dossiers": pl.DataFrame({"received": [3]})})
    assert period_file(tmp_path, "dossiers", august).read_bytes() == august_bytes
    assert read_period(tmp_path, "dossiers", september)["received"].to_list() == [3]
    assert read_period(tmp_path, "dossiers", september)["period"].to_list() == ["2024-09"]
    both = scan_dataset(tmp_path, "dossiers").collect().sort("period")
    assert both["received"].to_list() == [1, 3]
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failing_write_leaves_the_previous_files(tmp_path, monkeypatch):
    period = Period(2024, 9)
    write_period(tmp_path, period, {"dossiers": pl.DataFrame({"received": [1]})})
    before = period_file(tmp_path, "dossiers", period).read_bytes()
    real_write = pl.DataFrame.write_parquet
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", fail_on_second)
    with pytest.raises(OSError):
        write_period(tmp_path, period, {"dossiers": pl.DataFrame({"received": [2]}),
                                        "signing": pl.DataFrame({"x": [1]})})
    assert period_file(tmp_path, "dossiers", period).read_bytes() == before
    assert not period_file(tmp_path, "signing", period).exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_dataset_the_new_inputs_no_longer_give_is_gone_from_the_store(tmp_path):
    period = Period(2024, 9)
    write_period(tmp_path, period, {"dossiers": pl.DataFrame({"received": [1]}),
                                    "payments": pl.DataFrame({"paid_online": [5]})})
    write_period(tmp_path, period, {"dossiers": pl.DataFrame({"received": [2]})})
    assert read_period(tmp_path, "payments", period) is None
    assert read_period(tmp_path, "dossiers", period)["received"].to_list() == [2]
