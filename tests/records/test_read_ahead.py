"""unit_tables bounds polars' Parquet read-ahead while its query runs, and leaves the environment as it was."""

from __future__ import annotations

import os

import pytest

from tthc.records.tables import READ_AHEAD, bounded_read_ahead

NAME = next(iter(READ_AHEAD))


def test_set_only_while_the_query_runs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(NAME, raising=False)
    with bounded_read_ahead():
        assert os.environ[NAME] == READ_AHEAD[NAME]
    assert NAME not in os.environ


def test_a_value_already_set_wins_and_stays(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(NAME, "7")
    with bounded_read_ahead():
        assert os.environ[NAME] == "7"
    assert os.environ[NAME] == "7"


def test_restored_after_an_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(NAME, raising=False)
    with pytest.raises(RuntimeError), bounded_read_ahead():
        raise RuntimeError
    assert NAME not in os.environ
