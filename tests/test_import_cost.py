"""``import hospital_inspection`` loads no heavy dependency: those load on first use.

Measured by ``benchmarks/run_all.py`` (goal: <= 100 ms); here only what is imported is checked,
against a bare interpreter (a ``.pth`` file may load some of these before any user code runs).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["attrs", "cattrs", "importlib.metadata", "chinese_calendar", "tomllib", "sqlite3"]


def loaded(code: str) -> set[str]:
    probe = (
        f"{code}; import sys, json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_the_package_import_adds_no_heavy_module() -> None:
    assert loaded("import hospital_inspection") == loaded("pass")


def test_the_version_and_the_calendar_load_on_first_use() -> None:
    after = loaded("import hospital_inspection as hi; hi.__version__; hi.ChinaOfficialCalendar()")
    assert {"importlib.metadata", "attrs"} <= after
