"""The project's one error tree: every failure the analyst can act on is a TthcError with its exit code.

The command line turns any TthcError into its Vietnamese message and `exit_code`;
anything else is a bug (exit 3). Findings (data problems with a file, sheet, row
and column) are not exceptions: they are collected and reported together, and only
their presence becomes an error (FindingsError in the report build).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA = 1  # the data have errors, or a document could not be produced from them: nothing written
    USAGE = 2  # a bad period, a missing folder, broken reference files
    INTERNAL = 3  # a bug


class TthcError(Exception):
    """A failure with a Vietnamese message addressed to the analyst."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(TthcError):
    """What the analyst asked for cannot be done as asked (period, folders, reference files)."""

    exit_code = ExitCode.USAGE


class DataError(TthcError):
    """The period's inputs do not allow the result (unreadable file, error findings, a failed render)."""

    exit_code = ExitCode.DATA
