"""The examples in ``examples/`` run: each script in a subprocess, the notebook in a kernel.

They run against this checkout's ``src`` (put first on ``PYTHONPATH``), so they work whether or
not the package is installed, and an installed copy cannot hide a broken example.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.extras import requires

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SRC = ROOT / "src"
NOTEBOOK = EXAMPLES / "weihai_round.ipynb"


def _env() -> dict[str, str]:
    """The environment of a script or kernel: this checkout's ``src`` first, no display."""
    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8"}


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=_env(),
        timeout=120,
    )


def test_every_script_is_tested() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    assert scripts == {
        "decide_for_a_hospital.py",
        "schedule_and_check.py",
        "track_rectification.py",
    }, "a new example script needs a test here"


# -- scripts ---------------------------------------------------------------------------------------


def test_decide_for_a_hospital(tmp_path: Path) -> None:
    result = run("decide_for_a_hospital.py", "三级甲等", "中医医院", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "under weihai-2024-2026 (威卫办〔2024〕11号)" in out
    assert "scope 巡查范围: 纳入巡查 — 原则上 in principle" in out
    assert "days on site 巡查时间: 7 工作日" in out
    assert '"三级综合医院、中医医院巡查时间原则上不少于7天"' in out
    assert "round end 完成时限: 2026-10-31 — 应当 mandatory" in out


def test_decide_for_a_hospital_says_what_a_document_does_not_set(tmp_path: Path) -> None:
    args = ("三级", "综合医院", "--policy", "jilin-2021")
    result = run("decide_for_a_hospital.py", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "external experts in a team of 5 外区市专家: no answer" in result.stdout
    assert "round end 完成时限: 2021-06-30" in result.stdout


def test_decide_for_a_hospital_rejects_a_bad_rating(tmp_path: Path) -> None:
    result = run("decide_for_a_hospital.py", "四级", "综合医院", cwd=tmp_path)
    assert result.returncode == 2
    assert "'四级' is not a rating" in result.stderr


@requires("openpyxl", "icalendar")
def test_schedule_and_check(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("schedule_and_check.py", str(out), "--deadline", "2025-04-30", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("23 visits from 2025-03-03 to ")
    assert lines[0].endswith("deadline 2025-04-30")
    assert lines[2].startswith("plan weihai-2024-2026-plan under weihai-2024-2026: OK")
    for name in ("weihai-plan.xlsx", "weihai-plan.ics", "weihai-plan.csv"):
        assert (out / name).stat().st_size > 0
        assert f"wrote {out / name}" in result.stdout
    assert (out / "weihai-plan.ics").read_bytes().count(b"BEGIN:VEVENT") == 23


def test_schedule_and_check_reports_an_impossible_deadline(tmp_path: Path) -> None:
    result = run("schedule_and_check.py", str(tmp_path), "--deadline", "2025-03-10", cwd=tmp_path)
    assert result.returncode == 2
    assert "no plan: no schedule exists" in result.stderr
    assert not list(tmp_path.iterdir())


def test_track_rectification(tmp_path: Path) -> None:
    result = run("track_rectification.py", "--csv", "台账.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "整改台账 as of 2026-03-15: 2 findings, 6 items" in out
    row = "2025-WH001-03-2                  移送违法违纪线索  巡查单位        威卫办〔2024〕11号"
    assert row + " 五、(四)" in out
    report = "WH001/2025/rectification_report  整改报告          医疗机构"
    assert report in out and "2026-02-28  待整改" in out
    assert "2025-WH001-03-3                  回头看            巡查单位" in out
    assert "overdue on 2026-03-15: 1" in out
    assert "WH001/2025/rectification_report WH001 整改报告: 15 天 overdue" in out
    assert (tmp_path / "台账.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# -- the notebook ----------------------------------------------------------------------------------

_MISSING = [m for m in ("nbclient", "nbformat", "ipykernel") if importlib.util.find_spec(m) is None]


@pytest.mark.skipif(
    bool(_MISSING), reason=f"running the notebook needs {', '.join(_MISSING)} (not installed)"
)
def test_the_notebook_runs_and_its_plan_is_compliant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nbformat
    from nbclient import NotebookClient

    for name, value in _env().items():  # the kernel inherits this process's environment
        monkeypatch.setenv(name, value)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    cells = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors
    (report,) = [c for c in cells if "report" in c.metadata.get("tags", [])]
    text = "".join(o.get("text", "") for o in report.outputs if o.output_type == "stream")
    assert text.startswith("plan weihai-2024-2026-plan under weihai-2024-2026: OK")
    html = [o.data["text/html"] for o in report.outputs if "text/html" in o.get("data", {})]
    assert html and html[0].startswith("<p><strong>plan weihai-2024-2026-plan")


def test_the_notebook_is_committed_without_outputs() -> None:
    import json

    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]
