"""Production code does not carry the demo: the pipeline, report, trends and site never import tthc.demo."""

from __future__ import annotations

import subprocess
import sys

PRODUCTION = ["tthc.cli", "tthc.pipeline", "tthc.report.build", "tthc.trends.build", "tthc.site.build",
              "tthc.records.ingest", "tthc.records.period", "tthc.report.document", "tthc.trends.document"]


def test_production_modules_do_not_import_the_demo_generators():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in PRODUCTION)
            + "loaded = {n: m for n, m in sys.modules.items() if n.startswith('tthc')}\n"
            + "print(sorted(n for n, m in loaded.items() if n.startswith('tthc.demo')\n"
            + "             or hasattr(m, 'synthetic_records') or hasattr(m, 'records_for_tables')))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


KERNEL = ["tthc.report.document", "tthc.trends.document"]  # what the report and trends notebooks import
READERS = ("tthc.pipeline", "tthc.ingest", "tthc.records.ingest", "tthc.records.period", "tthc.validation",
           "python_calamine")


def test_the_report_kernel_imports_no_reader_of_exports():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in KERNEL)
            + f"print(sorted(n for n in sys.modules if n.startswith({READERS!r})))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"
