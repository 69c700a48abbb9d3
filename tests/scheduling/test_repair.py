"""Repair: reschedule keeps past and started visits, keeps what it can, and plan.diff says why."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.model._plan_diff import PlanDiff

DATA = hi.sample_data("weihai")
POLICY = hi.load_policy("weihai-2024-2026")
START = dt.date(2025, 3, 3)
PLAN = hi.schedule(DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities, start=START)
PEOPLE = sorted({p for v in PLAN.visits for p in v.people})


def check(plan: hi.Plan) -> hi.ComplianceReport:
    return hi.check_plan(plan, POLICY, hospitals=DATA.hospitals, experts=DATA.experts,
                         authorities=DATA.authorities)  # fmt: skip


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    person=st.sampled_from(PEOPLE),
    as_of=st.dates(START - dt.timedelta(days=3), dt.date(2025, 4, 30)),
    first=st.dates(START, dt.date(2025, 5, 31)),
    weeks=st.integers(0, 8),
    cancel=st.sampled_from([None, *sorted(v.id for v in PLAN.visits)]),
)
def test_repair_never_moves_a_started_visit_and_breaks_no_rule(
    person: str, as_of: dt.date, first: dt.date, weeks: int, cancel: str | None
) -> None:
    changes: list[hi.scheduling.Change] = [
        hi.PersonUnavailable(person=person, first=first, last=first + dt.timedelta(weeks=weeks))
    ]
    if cancel:
        changes.append(hi.VisitCancelled(visit=cancel))
    new = hi.reschedule(PLAN, DATA.hospitals, DATA.experts, POLICY,
                        authorities=DATA.authorities, as_of=as_of, changes=changes)  # fmt: skip
    after = {v.id: v for v in new.visits}
    for v in PLAN.visits:
        if v.id == cancel:
            assert v.id not in after
        elif v.first_day <= as_of:
            assert after[v.id] == v  # started or past: never moved
        else:
            assert after[v.id].first_day > as_of
            away = changes[0]
            assert isinstance(away, hi.PersonUnavailable)
            if person in after[v.id].people:
                assert not away.covers(after[v.id].first_day, after[v.id].last_day)
    assert check(new).violations == ()
    diff = PLAN.diff(new, because=changes)
    assert diff.unchanged + diff.changed == len(PLAN.visits)
    assert all(c.why for c in diff.changes)


def _last_visit_loses_an_expert() -> tuple[hi.Visit, str, hi.PersonUnavailable, PlanDiff]:
    """The last visit's first expert is away for it: the visit, who, the change and the diff."""
    v = PLAN.in_date_order()[-1]
    member = next(m.person for m in v.team if m.role is hi.Role.EXPERT)
    away = hi.PersonUnavailable(person=member, first=v.first_day, last=v.last_day)
    new = hi.reschedule(PLAN, DATA.hospitals, DATA.experts, POLICY,
                        authorities=DATA.authorities, as_of=START, changes=[away])  # fmt: skip
    return v, member, away, PLAN.diff(new, because=[away])


def test_one_person_out_changes_only_their_visits_when_swaps_suffice() -> None:
    v, member, _, diff = _last_visit_loses_an_expert()
    (only,) = diff.changes
    assert (only.visit, only.kind, only.left) == (v.id, "swapped", (member,))
    assert only.why == f"{member} is unavailable from {v.first_day} to {v.last_day}"
    assert diff.unchanged == len(PLAN.visits) - 1


def test_a_diff_names_hospitals_and_people_when_given_their_names() -> None:
    v, member, away, diff = _last_visit_loses_an_expert()
    (only,) = diff.changes
    names = DATA.names
    hospital, person = names.hospital(v.hospital), names.person(member)
    (joined,) = only.joined
    for lang, expected in (
        ("en", f"{v.id} ({hospital}): swapped; out {person}; in {names.person(joined)}; because "
               f"{person} is unavailable from {v.first_day} to {v.last_day}"),
        ("zh", f"{v.id}（{hospital}）：换人；调出 {person}；调入 {names.person(joined)}；原因："
               f"{person} 在 "
               f"{hi.i18n.chinese_date(v.first_day)}至{hi.i18n.chinese_date(v.last_day)} 无法参加"),
    ):  # fmt: skip
        assert only.text(lang, because=[away], names=names) == expected
        assert diff.text(lang, because=[away], names=names).splitlines()[1] == f"  - {expected}"
    # without names, the ids as before
    assert only.text("en", because=[away]) == str(only)
    assert str(only) == (
        f"{v.id} ({v.hospital}): swapped; out {member}; in {joined}; because {only.why}"
    )


def test_a_hospital_that_asks_to_move_is_moved_and_others_stay() -> None:
    v = PLAN.in_date_order()[0]
    move = hi.HospitalMoves(hospital=v.hospital, earliest=dt.date(2025, 6, 2))
    new = hi.reschedule(PLAN, DATA.hospitals, DATA.experts, POLICY,
                        authorities=DATA.authorities, as_of=START - dt.timedelta(days=1),
                        changes=[move])  # fmt: skip
    after = {x.id: x for x in new.visits}
    assert after[v.id].first_day >= dt.date(2025, 6, 2)
    diff = PLAN.diff(new, because=[move])
    assert [c.visit for c in diff.changes] == [v.id]
    assert diff.changes[0].why == f"hospital {v.hospital} asked to move"


def test_bad_changes_are_named() -> None:
    with pytest.raises(hi.DataError, match=r"changes\[0\]: 'E07' is not a change"):
        hi.reschedule(PLAN, DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                      as_of=START, changes=["E07"])  # type: ignore[list-item]  # fmt: skip
    nobody = hi.PersonUnavailable(person="NOBODY", first=START)
    with pytest.raises(hi.DataError, match=r"changes\[0\].person: 'NOBODY' is not among"):
        hi.reschedule(PLAN, DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                      as_of=START, changes=[nobody])  # fmt: skip
    with pytest.raises(hi.DataError, match=r"HospitalMoves\.earliest: give earliest, latest or"):
        hi.HospitalMoves(hospital="WH001")


def test_cli_reschedule_writes_the_repaired_plan(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    old = tmp_path / "plan.json"
    old.write_text(hi.to_json(PLAN), encoding="utf-8")
    new = tmp_path / "new.json"
    v = PLAN.in_date_order()[-1]
    member = next(m.person for m in v.team if m.role is hi.Role.EXPERT)
    code = main(["reschedule", str(old), "--as-of", str(START), "--data", "sample:weihai",
                 "--unavailable", f"{member}:{v.first_day}..{v.last_day}",
                 "--out", str(new), "--json"])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["files"] == [str(new)]
    assert [c["visit"] for c in out["diff"]["changes"]] == [v.id]
    repaired = hi.from_json(new.read_text(encoding="utf-8"), hi.Plan)
    assert member not in {p for x in repaired.visits if x.id == v.id for p in x.people}


def test_cli_reschedule_needs_a_change(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    old = tmp_path / "plan.json"
    old.write_text(hi.to_json(PLAN), encoding="utf-8")
    assert main(["reschedule", str(old), "--as-of", str(START), "--data", "sample:weihai"]) == 2
    assert "give at least one change" in capsys.readouterr().err
    # a plain plan carries no context: the command asks for it by name instead of guessing
    assert main(["reschedule", str(old), "--as-of", str(START), "--cancel", PLAN.visits[0].id]) == 2
    assert "--data" in capsys.readouterr().err


def test_cli_reschedule_of_a_bundle_uses_its_context_and_writes_a_bundle(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan made from an office's own files (not the sample) is repaired against those files'
    people, and the repaired plan is checked on its own, as the first was."""
    from hospital_inspection.loaders import load_plan_file

    samples = pathlib.Path(__file__).resolve().parents[2] / "docs" / "samples"
    hospitals = tmp_path / "hospitals.csv"
    hospitals.write_bytes((samples / "weihai-hospitals.csv").read_bytes())
    # the office's own people: the sample's experts under other ids, unknown to the sample
    experts = tmp_path / "experts.csv"
    experts.write_text(
        (samples / "weihai-experts.csv").read_text("utf-8-sig").replace("WE", "OFFICE-"), "utf-8"
    )
    old, new = tmp_path / "plan.json", tmp_path / "new.json"
    away = "OFFICE-001"  # out for the whole round: the plan file must remember it
    assert main(["schedule", "--hospitals", str(hospitals), "--experts", str(experts),
                 "--start", "2025-09-01", "--out", str(old),
                 "--unavailable", f"{away}:2025-09-01.."]) == 0  # fmt: skip
    plan, bundle = load_plan_file(old)
    assert bundle is not None
    kept_away = next(e for e in bundle.context.experts if e.id == away).unavailable
    assert {dt.date(2025, 9, 1), plan.in_date_order()[-1].last_day} <= kept_away
    assert all(away not in x.people for x in plan.visits)
    v = plan.in_date_order()[-1]
    member = next(m.person for m in v.team if m.role is hi.Role.EXPERT)
    assert member.startswith("OFFICE-")
    capsys.readouterr()
    assert main(["reschedule", str(old), "--as-of", "2025-08-31", "--out", str(new),
                 "--unavailable", f"{member}:{v.first_day}..{v.last_day}"]) == 0  # fmt: skip
    repaired, kept = load_plan_file(new)
    assert kept is not None and kept.context == bundle.context
    assert member not in {p for x in repaired.visits if x.id == v.id for p in x.people}
    assert all(away not in x.people for x in repaired.visits)  # never brought back
    capsys.readouterr()
    assert main(["check", str(new)]) == 0


def test_repair_gives_the_team_roles_schedule_gives() -> None:
    """Under a policy whose leader is an official (示例市), the repaired plan's officials lead
    their teams as in a fresh schedule, and a swap changes only the visit of the person out."""
    from tests.support import shili

    policy = hi.load_policy("example-shili-2025-2027")
    world = {"authorities": shili.AUTHORITIES, "deadline": dt.date(2026, 12, 31)}
    plan = hi.schedule(shili.HOSPITALS, shili.EXPERTS, policy, start=START, **world)
    v = plan.in_date_order()[-1]
    member = next(m.person for m in v.team if m.role is hi.Role.EXPERT)
    away = hi.PersonUnavailable(person=member, first=v.first_day, last=v.last_day)
    new = hi.reschedule(plan, shili.HOSPITALS, shili.EXPERTS, policy, as_of=START,
                        changes=[away], **world)  # fmt: skip
    for visit in new.visits:
        leaders = [m.person for m in visit.team if m.role is hi.Role.TEAM_LEADER]
        assert [m for m in visit.team if m.role is hi.Role.OFFICIAL] == []
        assert len(leaders) == 1 and leaders[0].startswith("O-")
    assert [c.visit for c in plan.diff(new, because=[away]).changes] == [v.id]
    report = hi.check_plan(new, policy, hospitals=shili.HOSPITALS, experts=shili.EXPERTS,
                           authorities=shili.AUTHORITIES)  # fmt: skip
    assert report.violations == ()
