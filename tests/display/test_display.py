"""HTML and the Gantt chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection import display
from hospital_inspection.display import plan_html, plot_gantt, save_gantt_png, table_html
from hospital_inspection.exports import Table
from tests.support.extras import requires

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_html_escapes_every_text(plan: hi.Plan) -> None:
    evil = hi.Hospital(
        id="WH001",
        name="<script>alert('x')</script>医院",
        level="三级",
        category="综合医院",
        ownership="公立",
        authority="weihai",
    )
    out = plan_html(plan, hospitals=[evil])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;医院" in out
    assert table_html(Table(headers=["<h>"]), caption="<c>").count("&lt;") == 2


def test_plan_repr_html(plan: hi.Plan) -> None:
    out = plan._repr_html_()
    assert out.startswith('<table class="hospital-inspection">')
    assert out.count("<tr>") == 1 + len(plan.visits)
    assert "demo-2025" in out


def test_table_repr_html() -> None:
    assert "<td>1</td>" in Table(headers=["n"], rows=[[1]])._repr_html_()


@requires("matplotlib")
@pytest.mark.parametrize("group_by", ["authority", "team"])
def test_gantt_png(
    tmp_path: Path, plan: hi.Plan, lookups: dict[str, Any], group_by: display.GroupBy
) -> None:
    path = tmp_path / "gantt.png"
    save_gantt_png(plan, path, group_by=group_by, deadline=dt.date(2025, 6, 30), **lookups)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 1000
    assert [p.name for p in tmp_path.iterdir()] == ["gantt.png"]


@requires("matplotlib")
def test_gantt_bars_groups_and_deadline(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    assert plot_gantt(plan, deadline=dt.date(2025, 6, 30), ax=ax, **lookups) is ax
    assert len(ax.patches) == len(plan.visits)
    legend = ax.get_legend()
    assert legend is not None
    assert len(legend.get_texts()) == 2  # two authorities
    assert any("2025-06-30" in t.get_text() for t in ax.texts)


@requires("matplotlib")
def test_gantt_marks_a_far_deadline_at_the_edge(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    far = dt.date(2030, 12, 31)  # years after the last visit: the bars must not become slivers
    ax = Figure().add_subplot()
    plot_gantt(plan, deadline=far, ax=ax, **lookups)
    assert any(t.get_text().endswith("2030-12-31 →") for t in ax.texts)
    assert ax.get_xlim()[1] < mdates.date2num(far)
    assert not ax.get_lines()  # no vertical line drawn off the chart


@requires("matplotlib")
def test_gantt_without_cjk_font_uses_ids(
    monkeypatch: pytest.MonkeyPatch, plan: hi.Plan, lookups: dict[str, Any]
) -> None:
    from matplotlib.figure import Figure

    from hospital_inspection.display import gantt

    monkeypatch.setattr(gantt, "find_cjk_font", lambda *a: None)
    ax = plot_gantt(plan, group_by="team", ax=Figure().add_subplot(), **lookups)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["WH001", "WH012", "WH002"]  # grouped by leader; no leader last
    legend = ax.get_legend()
    assert legend is not None
    assert {t.get_text() for t in legend.get_texts()} == {"WE011", "WE021", "(no leader)"}


@requires("matplotlib")
def test_gantt_with_cjk_font_uses_names(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    from matplotlib.figure import Figure

    ax = plot_gantt(plan, font="DejaVu Sans", ax=Figure().add_subplot(), **lookups)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "威海市海鸥中心医院（虚构）"
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_texts()[0].get_text() == "威海市卫生健康委员会"


def test_gantt_rejects_unknown_grouping(plan: hi.Plan) -> None:
    with pytest.raises(hi.DataError, match="group_by"):
        plot_gantt(plan, group_by="hospital")  # type: ignore[arg-type]


@requires("matplotlib")
def test_plan_plot_gantt_delegates(plan: hi.Plan) -> None:
    import matplotlib.pyplot as plt

    ax = plan.plot_gantt()
    try:
        assert len(ax.patches) == len(plan.visits)
    finally:
        plt.close(ax.figure)


@requires("matplotlib")
def test_find_cjk_font() -> None:
    assert display.find_cjk_font(["no such font"]) is None
    assert display.find_cjk_font(["no such font", "DejaVu Sans"]) == "DejaVu Sans"
