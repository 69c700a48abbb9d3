"""Make the how-to's per-person load chart (a development tool; needs the ``plot`` extra).

    python tools/office_load_chart.py     # writes docs/_static/office-load.png

It runs the Python blocks of ``docs/how-to/plan-a-round-the-way-your-office-does.md`` top to
bottom in a temporary directory, as the docs test does, and copies the ``office-load.png`` the
page draws to ``docs/_static/``: the picture is the page's own output. A Chinese font (e.g. the
Debian package ``fonts-noto-cjk``) gives names instead of ids.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "how-to" / "plan-a-round-the-way-your-office-does.md"
OUT = ROOT / "docs" / "_static" / "office-load.png"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def main() -> int:
    import matplotlib

    matplotlib.use("Agg")
    text = PAGE.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for match in BLOCK.finditer(text):
                exec(compile(match.group(1), str(PAGE), "exec"), namespace)
            chart = Path(tmp, "office-load.png")
            if not chart.is_file():
                print(f"{PAGE.name} drew no office-load.png", file=sys.stderr)
                return 1
            shutil.copyfile(chart, OUT)
        finally:
            os.chdir(here)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
