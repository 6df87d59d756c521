"""One error tree: every failure the analyst can act on is a TthcError whose class decides the exit code."""

from __future__ import annotations

import builtins
import importlib
import inspect
import pkgutil

import pytest

import tthc
from tthc.errors import DataError, ExitCode, TthcError, UsageError


def project_exceptions() -> dict[str, type[BaseException]]:
    found = {}
    for module in pkgutil.walk_packages(tthc.__path__, "tthc."):
        if module.name == "tthc.__main__":  # importing it runs the command line
            continue
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == loaded.__name__:
                found[f"{loaded.__name__}.{name}"] = value
    return found


def test_every_project_exception_is_in_the_tree():
    outside = [name for name, cls in project_exceptions().items()
               if not issubclass(cls, TthcError) and not name.startswith("tthc.cli_help.")]
    assert outside == []


def test_no_project_exception_shadows_a_builtin_name():
    shadowing = [name for name, cls in project_exceptions().items() if hasattr(builtins, cls.__name__)]
    assert shadowing == []


@pytest.mark.parametrize(("name", "code"), [
    ("tthc.reference.ReferenceDataError", ExitCode.USAGE),
    ("tthc.period.PeriodError", ExitCode.USAGE),
    ("tthc.pipeline.PeriodNotFoundError", ExitCode.USAGE),
    ("tthc.ingest.grid.UnreadableFileError", ExitCode.DATA),
    ("tthc.records.ingest.RecordsFileError", ExitCode.DATA),
    ("tthc.render.errors.RenderError", ExitCode.DATA),
    ("tthc.render.html_check.HtmlCheckError", ExitCode.DATA),
])
def test_each_kind_of_failure_has_its_exit_code(name, code):
    assert project_exceptions()[name].exit_code is code


def test_usage_2_data_1_unexpected_3():
    assert (UsageError.exit_code, DataError.exit_code, TthcError.exit_code) == (2, 1, 3)
