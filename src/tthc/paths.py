"""Where things live under a data folder; one place so `--data DIR` moves all of it."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tthc.period import Period, PeriodError


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def locks(self) -> Path:
        """Lock files live outside data/ (a refused run must leave data/ byte-identical), one folder per data root."""
        digest = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / "tthc-locks" / digest

    @property
    def organisation(self) -> Path:
        return self.root / "reference" / "organisation.yaml"

    @property
    def units(self) -> Path:
        return self.root / "reference" / "units.yaml"

    @property
    def profile(self) -> Path:
        """Optional: without it the report has the seed's structure (tthc/defaults/profile.yaml)."""
        return self.root / "reference" / "profile.yaml"

    @property
    def catalogue(self) -> Path:
        """Optional: without it the rates have the seed's definitions (tthc/defaults/indicators.yaml)."""
        return self.root / "reference" / "indicators.yaml"

    @property
    def templates(self) -> Path:
        """The centre's own report templates, each replacing the shipped one of the same name."""
        return self.root / "reference" / "templates"

    def period_raw(self, period: Period) -> Path:
        return self.raw / str(period)

    def is_combined(self, period: Period) -> bool:
        """A period longer than a month (or a range) with no folder of its own: it is built from its months' folders."""
        return not period.is_month and not self.period_raw(period).is_dir()

    def input_folders(self, period: Period) -> list[tuple[str, Path]]:
        """(name prefix, folder) of every folder the period's inputs come from: its own, or its months'."""
        if self.is_combined(period):
            try:
                months = period.month_periods()
            except PeriodError:  # a range not made of whole months: only a folder of its own can hold it
                return [("", self.period_raw(period))]
            return [(f"{m}/", self.period_raw(m)) for m in months]
        return [("", self.period_raw(period))]

    def has_inputs(self, period: Period) -> bool:
        """Every folder the period needs is there."""
        return all(folder.is_dir() for _, folder in self.input_folders(period))

    def periods(self) -> list[Period]:
        """Periods that have an input folder, oldest first."""
        found = []
        if self.raw.is_dir():
            for child in self.raw.iterdir():
                try:
                    found.append(Period.parse(child.name))
                except ValueError:
                    continue
        return sorted(found)
