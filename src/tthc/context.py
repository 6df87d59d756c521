"""The configuration of a data folder, loaded once per command and handed to its notebook as one frozen object.

A build (`tthc report`, `tthc trends`, `tthc site`) loads the reference data once, stores the period's
inputs, then writes a `Snapshot` (the same `Context`, and the periods it has just stored and checked
against data/raw) to a file it names in the notebook's parameters. The kernel reads that file instead of
loading the YAML again, and reads the store alone: it never ingests and never reads data/raw.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tthc.catalogue import Catalogue, load_catalogue
from tthc.errors import DataError
from tthc.organisation import Organisation, load_organisation
from tthc.paths import DataPaths
from tthc.period import Period
from tthc.profile import Profile, load_profile
from tthc.registry import UnitRegistry, load_registry
from tthc.report.prose import read_overrides


@dataclass(frozen=True)
class Context:
    paths: DataPaths
    organisation: Organisation
    registry: UnitRegistry
    profile: Profile
    catalogue: Catalogue
    templates: Mapping[str, str] = field(default_factory=dict)  # reference/templates/*.j2: file name → text


@dataclass(frozen=True)
class Snapshot:
    """What a build hands its notebook: the configuration it used and the periods whose store it has just
    written from the current data/raw (a period not listed is not read: it had errors or no folder)."""

    context: Context
    stored: frozenset[Period]


class SnapshotError(DataError):
    """The snapshot file named by the notebook's parameters cannot be read; message is Vietnamese."""


def load_context(data_dir: Path) -> Context:
    paths = DataPaths(data_dir)
    catalogue = load_catalogue(paths.catalogue)
    return Context(paths, load_organisation(paths.organisation), load_registry(paths.units),
                   load_profile(paths.profile, catalogue), catalogue, read_overrides(paths.templates))


def write_snapshot(snapshot: Snapshot, path: Path) -> Path:
    """Pickle beside the target, then rename: a notebook never opens half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(snapshot, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    return path


def read_snapshot(path: Path) -> Snapshot:
    """The build's snapshot; it is written by this same installed code moments before, so pickle is safe."""
    try:
        with path.open("rb") as handle:
            snapshot = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise SnapshotError(f"không đọc được tệp cấu hình {path} do lệnh tthc ghi cho sổ tính ({exc}); "
                            "hãy chạy lại lệnh tthc") from None
    if not isinstance(snapshot, Snapshot):
        raise SnapshotError(f"tệp {path} không phải tệp cấu hình do lệnh tthc ghi cho sổ tính")
    return snapshot
