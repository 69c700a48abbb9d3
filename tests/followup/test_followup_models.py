"""Findings, measures, due dates and the status machine of a rectification item."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit

D = dt.date
F = hi.Finding(
    id="F1", hospital="H001", round="2025", description="未建立整改台账",
    found_on=D(2025, 11, 20), found_by="E01",
)  # fmt: skip


def new_item() -> hi.RectificationItem:
    return hi.RectificationItem.new(
        id="F1-1", finding=F, measure=hi.Measure(code="rectify", label="限期整改")
    )


def test_enums_parse_codes_and_labels() -> None:
    assert hi.Severity.parse("严重") is hi.Severity.SEVERE
    assert hi.Severity.parse("minor").label == "一般"
    assert hi.ItemStatus.parse("已验收") is hi.ItemStatus.VERIFIED
    assert [s.label for s in hi.ItemStatus] == ["待整改", "整改中", "已整改", "已验收"]
    with pytest.raises(hi.DataError, match="待整改"):
        hi.ItemStatus.parse("done")


def test_a_new_item_is_open_from_the_day_of_the_finding() -> None:
    item = new_item()
    assert item.status is hi.ItemStatus.OPEN
    assert item.history == (hi.StatusChange(status="open", date=F.found_on, by="E01"),)
    assert item.status_on(D(2025, 11, 19)) is None


@pytest.mark.parametrize(
    "path",
    [
        ["in_progress", "rectified", "verified"],
        ["rectified", "verified"],  # 立行立改
        ["in_progress", "rectified", "in_progress", "rectified", "verified"],  # 验收未通过
    ],
)
def test_allowed_paths(path: list[str]) -> None:
    item = new_item()
    for n, status in enumerate(path):
        item = item.advance(status, on=D(2025, 12, 1 + n), by="医务科")
    assert item.status is hi.ItemStatus.VERIFIED


@pytest.mark.parametrize(
    ("path", "bad"),
    [([], "verified"), (["in_progress"], "open"), (["rectified", "verified"], "in_progress"),
     (["in_progress"], "in_progress"), (["rectified"], "open")],
)  # fmt: skip
def test_illegal_moves_are_refused_with_the_allowed_ones(path: list[str], bad: str) -> None:
    item = new_item()
    for status in path:
        item = item.advance(status, on=D(2025, 12, 1), by="x")
    with pytest.raises(hi.DataError, match=r"cannot move from .* allowed"):
        item.advance(bad, on=D(2025, 12, 2), by="x")


def test_a_change_dated_before_the_last_one_is_refused() -> None:
    item = new_item().advance("in_progress", on=D(2025, 12, 5), by="x")
    with pytest.raises(hi.DataError, match="never go backwards"):
        item.advance("rectified", on=D(2025, 12, 4), by="x")
    assert item.advance("rectified", on=D(2025, 12, 5), by="x").status.code == "rectified"


def test_history_is_validated_at_construction() -> None:
    good = new_item()
    with pytest.raises(hi.DataError, match="expected 待整改"):
        attrs.evolve(
            good, history=(hi.StatusChange(status="rectified", date=D(2025, 1, 1), by="x"),)
        )
    with pytest.raises(hi.DataError, match="at least the opening entry"):
        attrs.evolve(good, history=())


def test_due_date_is_not_before_its_trigger_and_overdue_is_derived() -> None:
    with pytest.raises(hi.DataError, match="due: 2025-12-30 is before its trigger"):
        attrs.evolve(
            new_item(), due=hi.DueDate(date=D(2025, 12, 30), rule="r", trigger=D(2025, 12, 31))
        )
    item = attrs.evolve(
        new_item(), due=hi.DueDate(date=D(2026, 2, 28), rule="r", trigger=D(2025, 12, 31))
    )
    assert not item.is_overdue(D(2026, 2, 28))
    assert item.days_overdue(D(2026, 3, 1)) == 1
    assert item.is_escalated(D(2026, 4, 1), after_days=30)
    assert not item.is_escalated(D(2026, 3, 30), after_days=30)
    with pytest.raises(hi.DataError, match="after_days"):
        item.is_escalated(D(2026, 4, 1), after_days=-1)
    done = item.advance("rectified", on=D(2026, 3, 10), by="x")
    assert done.is_overdue(D(2026, 3, 9))
    assert not done.is_overdue(D(2026, 3, 10))


def test_finding_validation_names_the_field() -> None:
    with pytest.raises(hi.DataError, match=r"Finding\.description"):
        attrs.evolve(F, description=" ")
    with pytest.raises(hi.DataError, match=r"Finding\.triggers"):
        attrs.evolve(F, triggers=("violation_clue", "violation_clue"))


def test_json_names_the_failing_path() -> None:
    data = hi.unstructure(new_item())
    data["history"][0]["status"] = "closed"
    with pytest.raises(hi.DataError, match=r"rectificationItem\.history\[0\]\.status"):
        hi.structure(data, hi.RectificationItem)


@given(hit.findings())
def test_findings_round_trip_through_json(finding: hi.Finding) -> None:
    assert hi.from_json(hi.to_json(finding), hi.Finding) == finding


@given(st.lists(st.tuples(st.sampled_from(hi.ItemStatus), st.integers(-5, 20)), max_size=12))
def test_history_is_append_only_and_its_dates_never_go_backwards(
    attempts: list[tuple[hi.ItemStatus, int]],
) -> None:
    item = new_item()
    for status, shift in attempts:
        before = item.history
        try:
            item = item.advance(status, on=before[-1].date + dt.timedelta(days=shift), by="x")
        except hi.DataError:
            assert item.history == before
            continue
        assert item.history[: len(before)] == before
        assert len(item.history) == len(before) + 1
    dates = [c.date for c in item.history]
    assert dates == sorted(dates)


def test_a_due_date_records_a_deadline_and_round_trips(weihai_policy: hi.Policy) -> None:
    deadline = weihai_policy.rectification_due(D(2025, 8, 1)).value
    due = hi.DueDate.of(deadline)
    assert due.citation == weihai_policy.rectification_due(D(2025, 8, 1)).citation
    assert due.to_deadline() == deadline
    assert str(due) == str(deadline)
    assert hi.from_json(hi.to_json(due), hi.DueDate) == due
    assert hi.DueDate is hi.Deadline  # one concept, one class; the old name stays
    with pytest.raises(hi.DataError, match=r"rolled_from: .* expected a day before the date"):
        hi.DueDate(date=D(2025, 10, 1), rule="r", rolled_from=D(2025, 10, 1))


def test_the_strategies_draw_the_triggers_of_the_built_in_policies() -> None:
    triggers = {t for p in hi.available_policies() for t in hi.load_policy(p).measure_triggers()}
    assert set(hit.DEFAULT_TRIGGERS) == triggers
