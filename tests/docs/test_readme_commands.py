"""Every README command runs as written, from the directory it names (issue 12, item 7).

The commands are taken from the README's ```` ```bash ```` blocks (a line ending in ``\\`` goes on
with the next; ``# ...`` is a comment) and from inline code in its "Command line" section that is a
whole command. They run in README order, each with ``bash -c`` exactly as written, in a temporary
copy of the repository (the README runs them from the repository's root), with the interpreter
running this test first on ``PATH`` (its ``python3``, ``hospital-inspection``, ``ruff``) and the
copy's ``src`` on ``PYTHONPATH``. Each must exit with the code its comment states ("exit code 1
on a violation"), else 0, and print no traceback.

Two kinds of line are not run here:

- install and build lines (``pip install``, ``python -m build``) would reinstall the environment
  the suite runs in: instead each must be a line ``.ci/run`` runs, word for word, so that the
  README and CI cannot drift apart; :data:`NOT_YET_IN_CI` lists those CI does not run yet;
- :data:`SKIPPED`: the commands that run the test suite, CI or the benchmarks themselves, or
  take minutes, each with the reason. The test prints both lists.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"

#: Commands (by how they begin) not run here, with the reason. Keep it tiny.
SKIPPED: dict[str, str] = {
    "python3 -m pytest": "the test suite, this test included; .ci/run runs it",
    "bash .ci/run": "CI itself, which runs this test",
    "python3 -m sphinx": "the docs build takes minutes; .ci/run builds them with -W",
    "mypy --strict src": "minutes on a cold cache; .ci/run runs python3 -m mypy --strict src",
    "python3 benchmarks/run_all.py": (
        "the timed benchmarks take many minutes (the README asks for >= 5 runs per measure, "
        "and --write-readme rewrites the README); test_benchmark_table.py checks the table "
        "it writes and test_benchmarks_smoke.py the instances it measures"
    ),
    "python3 benchmarks/bench_office.py": (
        "about ten minutes of CP-SAT (and --write-readme rewrites the README); "
        "test_benchmarks_smoke.py runs it on one small round"
    ),
}

#: README install and build lines that .ci/run does not run yet (none today). Each is a step for CI;
#: once .ci/run runs one, the test fails until it is removed from here.
NOT_YET_IN_CI: dict[str, str] = {}

_INSTALL = re.compile(r"^python3 -m (pip install|build)\b")
_EXIT = re.compile(r"exit code (\d+)")


def _bash_lines(text: str) -> list[tuple[str, str]]:
    """Every command line of the ```bash blocks, continuations joined, with its comment."""
    found: list[tuple[str, str]] = []
    for block in re.findall(r"^```bash\n(.*?)^```", text, re.S | re.M):
        joined = re.sub(r"\\\n\s*", "", block)
        for line in joined.splitlines():
            command, _, comment = line.partition(" #")
            if line.lstrip().startswith("#"):
                continue
            if command.strip():
                found.append((command.strip(), comment.strip()))
    return found


def _inline_commands(text: str) -> list[str]:
    """Inline code in the "Command line" section that is a whole command (with a subcommand)."""
    section = re.search(r"^## Command line\n(.*?)^## ", text, re.S | re.M)
    assert section is not None, "the README has a Command line section"
    prose = re.sub(r"^```.*?^```", "", section.group(1), flags=re.S | re.M)
    spans = re.findall(r"`([^`\n]+)`", prose)
    return [
        s
        for s in spans
        if re.match(r"(hospital-inspection|python3 -m hospital_inspection) [a-z]", s)
    ]


def commands() -> list[tuple[str, str]]:
    """The README's commands in order: ``(command, comment)``, ``&&`` chains split."""
    text = README.read_text("utf-8")
    found = [*_bash_lines(text), *((c, "") for c in _inline_commands(text))]
    steps: list[tuple[str, str]] = []
    for command, comment in found:
        parts = [p.strip() for p in command.split("&&")]
        steps.extend((p, comment if n == len(parts) - 1 else "") for n, p in enumerate(parts))
    return steps


def _skipped(command: str) -> str | None:
    return next((why for start, why in SKIPPED.items() if command.startswith(start)), None)


def _ci_lines() -> set[str]:
    lines = CI.read_text("utf-8").splitlines()
    return {p.strip() for line in lines for p in line.split("&&") if p.strip()}


def test_the_readme_has_commands_of_every_kind() -> None:
    found = [c for c, _ in commands()]
    assert "python3 -m hospital_inspection schedule --demo" in found
    assert any(c.startswith("hospital-inspection ledger add wh.ledger") for c in found)
    assert any(_INSTALL.match(c) for c in found)
    # every allow-listed command is still in the README (an entry for nothing is stale)
    for start in SKIPPED:
        assert any(c.startswith(start) for c in found), f"SKIPPED[{start!r}] matches no command"
    for line in NOT_YET_IN_CI:
        assert line in found, f"NOT_YET_IN_CI[{line!r}] is not a README command"


def test_every_install_line_is_one_ci_runs() -> None:
    ci = _ci_lines()
    print("\nREADME install lines CI does not run yet:")
    for line, why in NOT_YET_IN_CI.items():
        print(f"  {line}  ({why})")
        assert line not in ci, f".ci/run now runs {line!r}: remove it from NOT_YET_IN_CI"
    installs = [c for c, _ in commands() if _INSTALL.match(c)]
    missing = [c for c in installs if c not in ci and c not in NOT_YET_IN_CI]
    assert missing == [], f"README install lines .ci/run does not run: {missing}"
    assert 'python3 -m pip install -e ".[dev]"' in installs  # the one CI runs today
    # the skipped commands' reasons hold: CI builds the docs and runs the types and tests
    assert any(c.startswith("python3 -m sphinx -W") for c in ci)
    assert "python3 -m mypy --strict src" in ci
    assert "python3 -m pytest" in ci


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (sources, docs, samples; no caches, builds or history)."""
    copy = tmp_path_factory.mktemp("readme") / "repo"
    ignore = shutil.ignore_patterns(
        ".git",
        "__pycache__",
        ".hypothesis",
        ".mypy_cache",
        ".ruff_cache",
        ".import_linter_cache",
        "_build",
        "dist",
        "*.egg-info",
        ".pytest_cache",
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    return copy


def test_every_readme_command_runs_as_written(checkout: Path) -> None:
    # the README's commands write .xlsx and PNG files: they need the extras the README installs
    for module, extra in (("openpyxl", "excel"), ("matplotlib", "plot")):
        pytest.importorskip(module, reason=f"the README's commands need the {extra!r} extra")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = str(checkout / "src")
    env.pop("HOSPITAL_INSPECTION_LANG", None)
    print("\nREADME commands not run here:")
    for start, why in SKIPPED.items():
        print(f"  {start} …  ({why})")
    ran = 0
    for command, comment in commands():
        if _INSTALL.match(command) or _skipped(command) is not None:
            continue
        expected = int(m.group(1)) if (m := _EXIT.search(comment)) else 0
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        where = f"README command {command!r}"
        assert done.returncode == expected, (
            f"{where} exited {done.returncode}, expected {expected}:\n{done.stderr[-2000:]}"
        )
        assert "Traceback" not in done.stderr, f"{where}:\n{done.stderr[-2000:]}"
        ran += 1
    assert ran >= 15  # the quick tour, the command-line section and the lint commands
    for made in ("plan.json", "plan.png", "巡查时间表.xlsx", "wh.ledger", "整改台账.xlsx"):
        assert (checkout / made).is_file(), made
