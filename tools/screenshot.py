"""Make the how-to's screenshot of the printable Chinese report (a development tool).

    python tools/screenshot.py     # writes docs/_static/report-zh.png

It does what the how-to tells an office to do — ``schedule --demo``, then ``check --as-of
2025-06-30 --lang zh --html`` — and has headless Chromium (the Debian package ``chromium``, the one
the printing test uses) take a screenshot of the HTML file; Pillow (installed with matplotlib)
keeps the first page's top and the first page of issues, one under the other.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "_static" / "report-zh.png"
WIDTH = 1200
#: Which screen pages to keep (1-based), and how many pixels of each from its top.
KEEP = ((1, 480), (4, 570))


def _pages(image: Image.Image) -> list[tuple[int, int]]:
    """The white page boxes of the screen layout, top to bottom (the page's left margin column)."""
    rgb = image.convert("RGB")
    x = (WIDTH - 1122) // 2 + 6  # inside a 297 mm page, left of its 12 mm padding
    white = [y for y in range(rgb.height) if rgb.getpixel((x, y)) == (255, 255, 255)]
    boxes: list[tuple[int, int]] = []
    start = prev = white[0]
    for y in white[1:]:
        if y != prev + 1:
            boxes.append((start, prev + 1))
            start = y
        prev = y
    boxes.append((start, prev + 1))
    return boxes


def main() -> int:
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    if chromium is None:
        print("needs headless Chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    cli = [sys.executable, "-m", "hospital_inspection"]
    with tempfile.TemporaryDirectory() as tmp:
        plan, html, shot = Path(tmp, "plan.json"), Path(tmp, "报告.html"), Path(tmp, "full.png")
        subprocess.run([*cli, "schedule", "--demo", "--out", str(plan)], check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run(
            [
                *cli,
                "check",
                str(plan),
                "--as-of",
                "2025-06-30",
                "--lang",
                "zh",
                "--html",
                str(html),
            ],
            capture_output=True,
        )  # exit code 1: the demo plan's reports are missing as of that day
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={WIDTH},9000", f"--screenshot={shot}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        full = Image.open(shot)
        boxes = _pages(full)
        parts = []
        for page, height in KEEP:
            top, bottom = boxes[page - 1]
            parts.append(full.crop((0, top, WIDTH, bottom if height is None else top + height)))
    gap = 24
    out = Image.new("RGB", (WIDTH, sum(p.height for p in parts) + gap * (len(parts) + 1)), "#888")
    y = gap
    for part in parts:
        out.paste(part, (0, y))
        y += part.height + gap
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.quantize(colors=64).save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
