"""The per-person Gantt view: a row per person (the busiest first), a bar per stretch they are on
site, coloured by role, and a label with their load in working days against the cap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.display import person_load, plot_gantt
from tests.support.scheduling import Weekdays

DATA = hi.sample_data("weihai")
START = dt.date(2025, 3, 3)
PLAN = hi.schedule(DATA.hospitals, DATA.experts, "weihai-2024-2026", authorities=DATA.authorities,
                   start=START, objective="balanced", max_days_per_person=20)  # fmt: skip


def visit(k: int, first: dt.date, days: int, people: list[str]) -> hi.Visit:
    team = [hi.Member(person=people[0], role=hi.Role.TEAM_LEADER)]
    team += [hi.Member(person=p, role=hi.Role.EXPERT) for p in people[1:]]
    return hi.Visit(id=f"V{k}", hospital=f"H{k}", authority="city", first_day=first,
                    last_day=first + dt.timedelta(days=days - 1), team=team)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
            st.integers(1, 10),
            st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_person_load_counts_each_working_day_on_site_once(
    visits: list[tuple[dt.date, int, list[str]]],
) -> None:
    plan = hi.Plan(id="p", policy="x", authority="city",
                   visits=[visit(k, *v) for k, v in enumerate(visits)])  # fmt: skip
    load = person_load(plan, Weekdays())
    for person in "ABCD":
        days = {
            first + dt.timedelta(days=k)
            for first, n, people in visits
            if person in people
            for k in range(n)
        }
        expected = sum(1 for d in days if d.weekday() < 5)
        assert load.get(person, 0) == expected
        assert person in load or not any(person in p for _, _, p in visits)


def test_a_joint_visit_of_a_group_counts_once() -> None:
    monday = dt.date(2025, 3, 3)
    joint = [visit(0, monday, 5, ["A", "B"]), visit(1, monday, 5, ["A", "B"])]
    plan = hi.Plan(id="p", policy="x", authority="city", visits=joint)
    assert person_load(plan, Weekdays()) == {"A": 5, "B": 5}


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from hospital_inspection.display import gantt

    monkeypatch.setattr(gantt, "find_cjk_font", lambda *a: None)


@pytest.mark.usefixtures("english")
def test_rows_are_people_busiest_first_with_load_and_cap() -> None:
    from matplotlib.figure import Figure

    ax = plot_gantt(PLAN, group_by="person", max_days=16, ax=Figure().add_subplot())
    load = person_load(PLAN)
    people = sorted(load, key=lambda p: (-load[p], p))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"{p} ({load[p]}/16 d)" for p in people]
    stretches = {(p, v.first_day, v.last_day) for v in PLAN.visits for p in v.people}
    assert len(ax.patches) == len(stretches)
    over = [t.get_text() for t in ax.get_yticklabels() if t.get_color() == "crimson"]
    assert over == [f"{p} ({load[p]}/16 d)" for p in people if load[p] > 16]
    assert over  # the balanced plan's busiest person serves more than 16 days
    legend = ax.get_legend()
    assert legend is not None
    assert {t.get_text() for t in legend.get_texts()} == {"team leader", "expert", "official"}
    assert ax.get_title().endswith("load per person")


@pytest.mark.usefixtures("english")
def test_without_a_cap_the_label_is_the_load() -> None:
    from matplotlib.figure import Figure

    ax = plot_gantt(PLAN, group_by="person", ax=Figure().add_subplot())
    load = person_load(PLAN)
    assert max(load.values()) == 17  # the balanced objective's value for this round
    assert ax.get_yticklabels()[0].get_text().endswith("(17 d)")


@pytest.mark.parametrize("cap", [0, -3, 2.5, True, "20"])
def test_a_bad_cap_is_an_error(cap: object) -> None:
    with pytest.raises(hi.DataError, match="max_days"):
        plot_gantt(PLAN, group_by="person", max_days=cap)  # type: ignore[arg-type]


def test_cli_draws_the_per_person_chart(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "load.png"
    code = main(["schedule", "--demo", "--max-days", "40", "--gantt", str(png),
                 "--gantt-by", "person"])  # fmt: skip
    assert code == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    capsys.readouterr()
    assert main(["schedule", "--demo", "--gantt", str(tmp_path / "x.png"),
                 "--gantt-by", "hospital"]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "--gantt-by 'hospital': expected authority, team or person" in err
    assert not (tmp_path / "x.png").exists()
