"""Optional packages stay optional; writes are atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection import _atomic, display, exports
from hospital_inspection.exports import frames
from tests.support.extras import requires

OPTIONAL = ("openpyxl", "icalendar", "matplotlib", "pandas")


def test_core_import_loads_no_optional_package() -> None:
    code = (
        "import sys, datetime as dt\n"
        "import hospital_inspection as hi\n"
        "import hospital_inspection.exports, hospital_inspection.display\n"
        "import hospital_inspection.exports.frames\n"
        "from hospital_inspection.exports import plan_rows, write_plan_csv\n"
        "import io\n"
        "plan = hi.Plan(id='P', policy='p', authority='A', visits=[hi.Visit(id='V', "
        "hospital='H', authority='A', first_day=dt.date(2025, 1, 6), "
        "last_day=dt.date(2025, 1, 8))])\n"
        "plan._repr_html_(); plan_rows(plan); write_plan_csv(plan, io.StringIO())\n"
        f"print(sorted(m for m in {OPTIONAL!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(hi.__file__).parents[1])},
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("package", "extra", "call"),
    [
        ("openpyxl", "excel", lambda plan, tmp: exports.write_plan_xlsx(plan, tmp / "x.xlsx")),
        ("icalendar", "ics", lambda plan, tmp: exports.plan_to_ics(plan)),
        ("matplotlib", "plot", lambda plan, tmp: display.save_gantt_png(plan, tmp / "g.png")),
        ("matplotlib", "plot", lambda plan, tmp: plan.plot_gantt()),
        ("pandas", "pandas", lambda plan, tmp: frames.plan_to_frame(plan)),
        ("pandas", "pandas", lambda plan, tmp: plan.to_frame()),
    ],
)
def test_missing_package_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    plan: hi.Plan,
    package: str,
    extra: str,
    call: Any,
) -> None:
    monkeypatch.setitem(sys.modules, package, None)  # makes "import <package>" fail
    with pytest.raises(hi.MissingExtraError, match=rf"hospital-inspection\[{extra}\]") as info:
        call(plan, tmp_path)
    assert info.value.extra == extra
    assert info.value.package == package
    assert isinstance(info.value, ImportError)
    assert not list(tmp_path.iterdir())


def _boom(*args: object, **kwargs: object) -> None:
    raise OSError("disk full")


def test_failed_csv_write_keeps_the_old_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: hi.Plan
) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(_atomic.os, "replace", _boom)
    with pytest.raises(OSError, match="disk full"):
        exports.write_plan_csv(plan, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


@requires("openpyxl")
def test_failure_mid_xlsx_write_keeps_the_old_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: hi.Plan
) -> None:
    import openpyxl

    def half_save(self: Any, filename: str | os.PathLike[str]) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise RuntimeError("crashed while saving")

    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old workbook")
    monkeypatch.setattr(openpyxl.Workbook, "save", half_save)
    with pytest.raises(RuntimeError, match="crashed"):
        exports.write_plan_xlsx(plan, path)
    assert path.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


@requires("icalendar")
def test_failed_ics_write_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: hi.Plan
) -> None:
    monkeypatch.setattr(Path, "write_bytes", _boom)
    with pytest.raises(OSError, match="disk full"):
        exports.write_plan_ics(plan, tmp_path / "plan.ics")
    assert not list(tmp_path.iterdir())


def test_replaced_file_keeps_its_permissions(tmp_path: Path, plan: hi.Plan) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    exports.write_plan_csv(plan, path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_new_file_follows_the_umask(tmp_path: Path, plan: hi.Plan) -> None:
    old = os.umask(0o022)
    try:
        exports.write_plan_csv(plan, tmp_path / "new.csv")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644
