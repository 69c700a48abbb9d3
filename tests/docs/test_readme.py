"""The README's Python example runs, and its first lines are the two commands CI relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parents[2] / "README.md"


def test_readme_starts_with_the_main_job_and_the_test_command() -> None:
    text = README.read_text("utf-8")
    first_block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert first_block is not None
    lines = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert lines[0] == (
        'python3 -m pip install ".[all]" && python3 -m hospital_inspection schedule --demo'
    )
    assert lines[1] == 'python3 -m pip install -e ".[dev]" && python3 -m pytest'
    ci = (README.parent / ".ci" / "run").read_text("utf-8")
    assert lines[1] in ci


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text("utf-8")
    block = re.search(r"```python\n(import datetime.*?)```", text, re.S)
    assert block is not None
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "威海市海鸥中心医院（虚构） 三级甲等 综合医院" in out
    assert "OK — 0 violation(s)" in out
