"""The date and deadline checks of the compliance checker (private): how long a visit
lasts, when it ends, and the deadlines of events around it (self-inspection, reports,
feedback), with the helpers that name events, period units and recorded dates."""

from __future__ import annotations

import datetime as dt

from hospital_inspection.compliance._checks_base import _CheckerBase, msg, waivable_hint
from hospital_inspection.compliance._report import ComplianceLevel
from hospital_inspection.i18n import N_
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.visits import Visit
from hospital_inspection.policy import EVENTS, DayUnit, DeadlineKind, DeadlineRule, Decision

_VISIT_EVENTS = {
    "self_inspection_report": "self_report_date",
    "self_inspection": "self_report_date",
    "written_feedback": "feedback_date",
}
"""Events whose date a visit records, and the field that holds it."""

_OPTIONS = {"self_report_date": "--self-report", "feedback_date": "--feedback"}
"""The ``check`` command's option that records each of those fields (named in Chinese hints)."""


def _chinese(words: str) -> str:
    """The Chinese name of an event: ``"整改报告 (the hospital's rectification report)"`` →
    ``"整改报告"`` (:data:`~hospital_inspection.policy.EVENTS` writes Chinese, then English)."""
    return words.split(" (")[0]


def _period_unit(rule: DeadlineRule) -> str:
    """The unit of a rule's period, as a message id (``"15 working day(s)"`` → working day(s))."""
    if rule.months is not None:
        return N_("month(s)")
    if rule.day_unit is DayUnit.WORKING:
        return N_("working day(s)")
    return N_("calendar day(s)")


def _visit_date(visit: Visit, event: str | None) -> dt.date | None:
    """The date of a plan event at ``visit``, when the visit records it."""
    if event == "first_on_site_day":
        return visit.first_day
    if event == "last_on_site_day":
        return visit.last_day
    field = _VISIT_EVENTS.get(event or "")
    value: dt.date | None = getattr(visit, field) if field is not None else None
    return value


def _self_check(rule: DeadlineRule) -> str:
    """The self-inspection in the policy's own words (its rule's description).

    Weihai asks for a 全面自查 on which the on-site inspection builds (威卫办〔2024〕11号 四、(一)、
    (二)); Jilin for a 自查报告 submitted before the team enters (吉卫便函〔2021〕2号 四、).
    """
    return rule.description


class _DatesMixin(_CheckerBase):
    """The checks of visit length, round end and deadlines (private)."""

    def _length(self, visit: Visit, unit: DayUnit | None) -> int:
        if unit is DayUnit.CALENDAR:
            return visit.calendar_days
        first, last = visit.first_day, visit.last_day
        return self._once(
            ("working_days", first, last),
            lambda: self.calendar.count_working_days(first - dt.timedelta(days=1), last),
        )

    def _is_working_day(self, day: dt.date) -> bool:
        return self._once(("working_day", day), lambda: self.calendar.is_working_day(day))

    def check_duration(self, visit: Visit, h: Hospital) -> None:
        need = self._decided(
            ("visit_days", visit.kind, self.cell[h.id]),
            lambda: self.policy.min_visit_days(h, kind=visit.kind),
        )
        if need is None:
            return
        unit = need.unit
        if unit is DayUnit.WORKING:
            for day, which in (
                (visit.first_day, N_("the first on-site day {day} is not a working day")),
                (visit.last_day, N_("the last on-site day {day} is not a working day")),
            ):
                if not self._is_working_day(day):
                    self.add(
                        "non_working_day",
                        msg(which, day=day, hospital=h.name),
                        msg(
                            N_("start and end on working days (调休 make-up days count as working)")
                        ),
                        need,
                        hospital=h.id,
                        visit=visit.id,
                    )
        got = self._length(visit, unit)
        if got < need.value:
            words = unit.label if unit is not None else N_("days")
            self.add(
                "visit_too_short",
                msg(
                    N_("{got} {unit} on site at {hospital}; the minimum is {need}"),
                    got=got,
                    unit=words,
                    hospital=h.name,
                    need=need.value,
                    more=need.value - got,
                ),
                waivable_hint(
                    need,
                    N_("extend the visit by {more} {unit} or record a waiver"),
                    N_("extend the visit by {more} {unit}"),
                    visit=visit.id,
                ),
                need,
                hospital=h.id,
                visit=visit.id,
            )

    def check_deadlines(self, visit: Visit, h: Hospital) -> None:
        end = self._decided(("round_end", visit.kind), lambda: self.policy.round_end(visit.kind))
        if end is not None and visit.last_day > end.value:
            self.add(
                "after_round_end",
                msg(
                    N_("the visit ends {last}, after the round's last day {end}"),
                    last=visit.last_day,
                    end=end.value,
                    hospital=h.name,
                ),
                msg(N_("finish on or before {end}")),
                end,
                hospital=h.id,
                visit=visit.id,
            )
        for decided in self._once(("deadlines", visit.kind), lambda: self._visit_deadlines(visit)):
            rule = decided.value
            if rule.days is not None or rule.form is DeadlineKind.RELATIVE:
                self._check_visit_period(visit, h, rule)
                continue
            if rule.form is not DeadlineKind.BEFORE_EVENT:
                continue
            if visit.self_report_date is None:
                if self.as_of is not None and self.as_of >= visit.first_day:
                    self.add(
                        "self_report_missing",
                        msg(
                            N_("{self_check}: no date is recorded for a visit that began {first}"),
                            self_check=_self_check(rule),
                            first=visit.first_day,
                            hospital=h.name,
                        ),
                        msg(
                            N_("record the day it was done (Visit.self_report_date)"),
                            visit=visit.id,
                        ),
                        decided,
                        severity=ComplianceLevel.INFO,
                        hospital=h.id,
                        visit=visit.id,
                    )
                continue
            late = (
                visit.self_report_date >= visit.first_day
                if rule.strict
                else visit.self_report_date > visit.first_day
            )
            if late:
                self.add(
                    "self_report_late",
                    msg(
                        N_(
                            "{self_check}: recorded on {submitted}, not before the first on-site "
                            "day {first}"
                        ),
                        self_check=_self_check(rule),
                        submitted=visit.self_report_date,
                        first=visit.first_day,
                        hospital=h.name,
                        document=rule.cite.document,
                        clause=rule.cite.clause,
                        words=rule.cite.text,
                    ),
                    msg(N_("as {document} {clause} says: “{words}”")),
                    decided,
                    hospital=h.id,
                    visit=visit.id,
                )

    def _visit_deadlines(self, visit: Visit) -> tuple[Decision[DeadlineRule], ...]:
        """The deadline rules of ``visit.kind`` that :meth:`check_deadlines` looks at."""
        return tuple(
            d
            for d in self.policy.deadlines(kind=visit.kind)
            if isinstance(d.value, DeadlineRule)
            and (
                d.value.days is not None
                or d.value.form in (DeadlineKind.RELATIVE, DeadlineKind.BEFORE_EVENT)
            )
        )

    def _check_visit_period(self, visit: Visit, h: Hospital, rule: DeadlineRule) -> None:
        """A deadline counted from a visit date (进驻5个工作日前, 结束后15个工作日内)."""
        anchor_name = rule.before if rule.form is DeadlineKind.BEFORE_EVENT else rule.trigger
        anchor = _visit_date(visit, anchor_name)
        if anchor is None or rule.event not in _VISIT_EVENTS:
            return  # counted from (or about) something the plan does not record
        due = self.policy.due_by_rule(rule.id, on=anchor, calendar=self.calendar)
        done = _visit_date(visit, rule.event)
        what = EVENTS[rule.event]
        words = {
            "what": what,
            "what_zh": _chinese(what),
            "due": due.value.date,
            "period": rule.period_words,
            "amount": rule.months if rule.months is not None else rule.days,
            "unit": _period_unit(rule),
            "anchor": anchor_name,
            "anchor_zh": _chinese(EVENTS.get(anchor_name or "", anchor_name or "")),
            "anchor_date": anchor,
            "hospital": h.name,
        }
        if done is None:
            if self.as_of is not None and self.as_of > due.value.date:
                self.add(
                    "event_not_recorded",
                    msg(
                        N_(
                            "no date is recorded for {what}; it was due on or before {due} "
                            "({period} before {anchor} {anchor_date})"
                        )
                        if rule.before
                        else N_(
                            "no date is recorded for {what}; it was due on or before {due} "
                            "({period} after {anchor} {anchor_date})"
                        ),
                        field=_VISIT_EVENTS[rule.event],
                        **words,
                    ),
                    msg(
                        N_("record the date on the visit ({field})"),
                        visit=visit.id,
                        option=_OPTIONS[_VISIT_EVENTS[rule.event]],
                    ),
                    due,
                    severity=ComplianceLevel.INFO,
                    hospital=h.id,
                    visit=visit.id,
                )
            return
        if done > due.value.date:
            self.add(
                "deadline_missed",
                msg(
                    N_(
                        "{what} on {done}, after its last day {due} "
                        "({period} before {anchor} {anchor_date})"
                    )
                    if rule.before
                    else N_(
                        "{what} on {done}, after its last day {due} "
                        "({period} after {anchor} {anchor_date})"
                    ),
                    done=done,
                    description=rule.description,
                    **words,
                ),
                msg(N_("{description}: on or before {due}")),
                due,
                hospital=h.id,
                visit=visit.id,
            )
