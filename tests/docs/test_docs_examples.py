"""The code in the documentation runs, and its shown output is what the library prints.

Each page listed here is run top to bottom in one namespace, in a temporary directory:
```` ```python ```` blocks are executed, ```` ```pycon ```` blocks are doctests (``...`` matches
any text). The how-to guide "Check a plan in your own test suite" includes a real test module,
``tests/docs_examples/test_plans_we_produce.py``, which pytest runs like any other.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"^```(python|pycon)\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

PAGES = [
    "tutorial/index.md",
    "how-to/export-to-excel.md",
    "how-to/track-rectification.md",
    "how-to/encode-a-policy.md",
    "how-to/run-a-city-ledger.md",
    "how-to/plan-a-round-the-way-your-office-does.md",
    "how-to/hand-the-office-a-report-in-chinese.md",
]


def run_page(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=FLAGS)
    for match in BLOCK.finditer(text):
        kind, source = match.groups()
        line = text.count("\n", 0, match.start()) + 2
        where = f"{page.relative_to(DOCS)}:{line}"
        if kind == "python":
            exec(compile(source, where, "exec"), namespace)
            continue
        test = parser.get_doctest(source, namespace, where, str(page), line - 1)
        out: list[str] = []
        result = runner.run(test, out=out.append, clear_globs=False)
        assert result.failed == 0, "".join(out)
        namespace.update(test.globs)


@pytest.mark.parametrize("page", PAGES)
def test_the_code_of_the_page_runs(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib").use("Agg")
    monkeypatch.chdir(tmp_path)
    try:
        run_page(DOCS / page)
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")


def test_the_pages_listed_have_code() -> None:
    for page in PAGES:
        assert BLOCK.search((DOCS / page).read_text(encoding="utf-8")), page
