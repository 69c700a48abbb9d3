"""The Gantt chart draws Chinese hospital names with an installed CJK font, no glyph missing.

CI installs one CJK font (Debian package ``fonts-noto-cjk``); without one the test is skipped
with that reason.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from hospital_inspection.display.gantt import find_cjk_font, font_family, plot_gantt  # noqa: E402

DATA = hi.sample_data("weihai")


@pytest.fixture(scope="module")
def plan() -> hi.Plan:
    return hi.schedule(DATA.hospitals[:6], DATA.experts, "weihai-2024-2026",
                       authorities=DATA.authorities, start=dt.date(2025, 3, 3))  # fmt: skip


def _cjk_font_file() -> str:
    family = find_cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (CI installs the Debian package fonts-noto-cjk)")
    return str(font_manager.findfont(font_manager.FontProperties(family=family)))


def test_chinese_labels_render_with_no_missing_glyph(plan: hi.Plan) -> None:
    import matplotlib.pyplot as plt

    path = _cjk_font_file()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot_gantt(plan, hospitals=DATA.hospitals, authorities=DATA.authorities)
        ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # the date axis as an office writes dates: 05日 … with 2025年03月 under it, not "Mar"
    dates = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    offset = ax.xaxis.get_offset_text().get_text()
    plt.close(ax.figure)
    names = {h.name for h in DATA.hospitals}
    assert labels and all(label in names for label in labels)
    assert dates and all(d[-1] in "年月日" for d in dates), dates
    assert offset == "2025年03月", offset
    assert not [w for w in caught if "missing from" in str(w.message)]
    charmap = FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for label in [*labels, *dates, offset] for c in label)


def test_font_path_is_taken_explicitly(plan: hi.Plan, tmp_path: Path) -> None:
    path = _cjk_font_file()
    assert font_family(path) == font_manager.FontProperties(fname=path).get_name()
    out = tmp_path / "plan.png"
    assert main(["schedule", "--demo", "--gantt", str(out), "--font", path, "--json"]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_missing_font_file_is_an_error(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:  # fmt: skip
    with pytest.raises(hi.DataError, match="no such font file"):
        font_family(str(tmp_path / "none.ttf"))
    out = tmp_path / "p.png"
    assert main(["schedule", "--demo", "--gantt", str(out), "--font", "/no/such.ttf"]) == 2
    assert "no such font file" in capsys.readouterr().err
