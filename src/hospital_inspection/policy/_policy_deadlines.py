"""Policy questions about deadlines (private).

``_DeadlineQuestions`` is a mixin of :class:`~hospital_inspection.Policy`: its deadline rules
as decisions, the end of a round, yearly and fixed due dates, the last day for an event counted
from a date (``Policy.due``), and the memoised rectification-report deadline.
"""

from __future__ import annotations

import datetime as dt

from hospital_inspection import _validate as v
from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.dates.periods import (
    days_before,
    days_in_month,
    days_period_end,
    on_or_before,
    period_end,
)
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._policy_base import (
    _memo_key,
    _PolicyBase,
    _remember,
    _visit_kind,
)
from hospital_inspection.policy._rules import (
    DeadlineKind,
    DeadlineRule,
)
from hospital_inspection.policy._schema import (
    DayUnit,
)

__all__: list[str] = []


class _DeadlineQuestions(_PolicyBase):
    """The deadline questions of ``Policy``."""

    # -- deadlines ------------------------------------------------------------------------------

    def deadlines(self, *, kind: VisitKind | None = None) -> tuple[Decision[DeadlineRule], ...]:
        """Every deadline rule (of visit ``kind`` when given), as decisions."""
        if kind is not None and not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)
        found = self._deadlines.get(kind)
        if found is None:
            found = tuple(self._decide("deadline", r, r) for r in self._of(DeadlineRule, kind))
            self._deadlines[kind] = found
        return found

    def round_end(self, kind: VisitKind = VisitKind.REGULAR) -> Decision[dt.date]:
        """The last day of the round of ``kind`` (e.g. 2026-10-31 for Weihai)."""
        if not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)
        rnd = next((r for r in self.rounds if r.kind is kind), None)
        if rnd is None:
            raise RuleNotInPolicy(self.id, "round_end", f"no {kind.label} round")
        rule = self.rules[rnd.end_rule]
        if not isinstance(rule, DeadlineRule) or rule.last_day is None:
            raise RuleNotInPolicy(self.id, "round_end", f"{rnd.end_rule!r} is not a fixed deadline")
        return self._decide("round_end", rule, rule.last_day)

    def _deadline_rules(self, event: str, kind: VisitKind | None) -> list[DeadlineRule]:
        found = [r for r in self._of(DeadlineRule, kind) if r.event == event]
        if not found:
            known = sorted({r.event for r in self._of(DeadlineRule)})
            raise RuleNotInPolicy(
                self.id, event, f"no deadline for {event!r}; events: {', '.join(known) or 'none'}"
            )
        return found

    def _round_years(self, rule: DeadlineRule) -> range:
        rounds = [
            r
            for r in self.rounds
            if (r.id == rule.round if rule.round is not None else r.kind in rule.visit_kinds)
        ]
        if not rounds:
            raise RuleNotInPolicy(self.id, rule.id, "a yearly deadline needs a round for its years")
        rnd = rounds[0]
        last = rnd.last_year if rule.in_last_year else rnd.last_year - 1
        return range(rnd.first_year, last + 1)

    def yearly_dates(self, rule_id: str) -> tuple[dt.date, ...]:
        """The due dates of a yearly deadline (每年M月D日前) over its round's years.

        Whether the round's last year owes one is the rule's ``in_last_year``, which the
        policy's interpretation states (e.g. ``last-year-report`` in the 示例市 example).
        """
        rule = self.rule(rule_id)
        if not isinstance(rule, DeadlineRule) or rule.form is not DeadlineKind.YEARLY:
            raise RuleNotInPolicy(self.id, rule_id, "not a yearly deadline")
        assert rule.month is not None and rule.day is not None
        dates = []
        for year in self._round_years(rule):
            day = min(rule.day, days_in_month(year, rule.month))
            due = dt.date(year, rule.month, day)
            dates.append(due if rule.inclusive else due - dt.timedelta(days=1))
        return tuple(dates)

    def dated_deadlines(self) -> tuple[Decision[Deadline], ...]:
        """Every deadline that falls on a known date: fixed ones and each year of yearly ones.

        Each value is a :class:`~hospital_inspection.Deadline` whose ``rule`` is the rule's id,
        in date order. Relative and before-event deadlines depend on a plan's dates: see
        :meth:`due`.
        """
        found: list[Decision[Deadline]] = []
        for rule in self._of(DeadlineRule):
            if rule.form is DeadlineKind.FIXED and rule.last_day is not None:
                days: tuple[dt.date, ...] = (rule.last_day,)
            elif rule.form is DeadlineKind.YEARLY:
                days = self.yearly_dates(rule.id)
            else:
                continue
            for day in days:
                deadline = on_or_before(day, rule=rule.id, citation=rule.cite)
                found.append(self._decide("deadline", rule, deadline))
        return tuple(sorted(found, key=lambda d: (d.value.date, d.rule)))

    def due(
        self,
        event: str,
        *,
        on: dt.date,
        kind: VisitKind | None = None,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """The last day for ``event`` when the day it is counted from is ``on``.

        ``on`` is the date of the rule's reference: the trigger of a period ("自收到反馈意见之日
        起30日内": the day feedback was received; "现场巡查结束后15个工作日内": the last on-site
        day), the event a deadline precedes ("进驻5个工作日前": the first on-site day), or, for
        a fixed or yearly deadline, any day: the first due date on or after it is returned.

        Periods count from the day after ``on`` (民法典 第二百零一条): months end on the
        corresponding day (第二百零二条), days on the N-th (working) day. A last day that is a
        rest day moves to the next working day (第二百零三条) when ``roll_forward`` says so;
        ``None`` takes the rule's own default. Working days and rolling use ``calendar``
        (default: China's official calendar, 调休 included).

        Raises:
            RuleNotInPolicy: no deadline rule for ``event`` (the message lists the events), or
                no fixed or yearly due date on or after ``on``.
            DataError: ``on`` is not a date.
            CalendarCoverageError: working days in a year the calendar has no data for.

        Example:
            >>> import datetime as dt, hospital_inspection as hi
            >>> policy = hi.load_policy("weihai-2024-2026")
            >>> policy.due("rectification_report", on=dt.date(2025, 12, 31)).value.date
            datetime.date(2026, 2, 28)
        """
        rules = self._deadline_rules(event, kind)
        return self._due(rules[0], rules, on, calendar, roll_forward)

    def due_by_rule(
        self,
        rule_id: str,
        *,
        on: dt.date,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """:meth:`due` for one deadline rule, named by its id.

        Raises:
            RuleNotInPolicy: no deadline rule ``rule_id``.
        """
        rule = self.rule(rule_id)
        if not isinstance(rule, DeadlineRule):
            raise RuleNotInPolicy(self.id, rule_id, "not a deadline rule")
        return self._due(rule, [rule], on, calendar, roll_forward)

    def _due(
        self,
        rule: DeadlineRule,
        rules: list[DeadlineRule],
        on: dt.date,
        calendar: WorkCalendar | None,
        roll_forward: bool | None,
        name: str = "due",
    ) -> Decision[Deadline]:
        on = v.require_date(on, "on")
        if rule.form is DeadlineKind.RELATIVE:
            roll = bool(rule.roll_forward) if roll_forward is None else roll_forward
            if rule.months is not None:
                deadline = period_end(
                    on,
                    rule.months,
                    calendar=calendar,
                    roll_forward=roll,
                    rule=rule.id,
                    citation=rule.cite,
                )
            else:
                assert rule.days is not None
                deadline = days_period_end(
                    on,
                    rule.days,
                    working_days=rule.day_unit is DayUnit.WORKING,
                    calendar=calendar,
                    roll_forward=roll,
                    rule=rule.id,
                    citation=rule.cite,
                )
        elif rule.form is DeadlineKind.BEFORE_EVENT:
            if rule.days is not None:
                deadline = days_before(
                    on,
                    rule.days,
                    working_days=rule.day_unit is DayUnit.WORKING,
                    calendar=calendar,
                    rule=rule.id,
                    citation=rule.cite,
                )
            else:
                last = on - dt.timedelta(days=1) if rule.strict else on
                deadline = Deadline(date=last, rule=rule.id, citation=rule.cite)
        else:
            ids = {r.id for r in rules}
            dated = [d for d in self.dated_deadlines() if d.rule in ids and d.value.date >= on]
            if not dated:
                raise RuleNotInPolicy(
                    self.id, rule.event, f"no due date on or after {on.isoformat()}"
                )
            return dated[0]
        return self._decide(name, rule, deadline)

    def rectification_due(
        self,
        received: dt.date,
        *,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """The last day to submit the rectification report after feedback is ``received``.

        Counting starts the day after ``received`` (民法典 第二百零一条) and ends on the
        corresponding day of the final month, else its last day (第二百零二条). When the last
        day is a rest day it moves to the next working day (第二百零三条) if ``roll_forward``
        says so; ``None`` takes the policy's own default, which the policy data states and cites.
        Rolling uses ``calendar`` (default: China's official calendar, 调休 included).

        Returns:
            A decision whose value is a :class:`~hospital_inspection.Deadline` (the date, the
            trigger, the unmoved date when rolled forward, whether it is provisional).

        Raises:
            RuleNotInPolicy: the policy has no rectification-report period.
            CalendarCoverageError: rolling forward into a year the calendar has no data for.

        Example:
            >>> import datetime as dt, hospital_inspection as hi
            >>> policy = hi.load_policy("weihai-2024-2026")
            >>> policy.rectification_due(dt.date(2025, 12, 31)).value.date
            datetime.date(2026, 2, 28)
        """
        memo_key = _memo_key(received, calendar, roll_forward)
        if memo_key is not None:
            found = self._due_memo.get(memo_key)
            if found is not None:
                return found
        received = v.require_date(received, "received")
        if calendar is not None and not isinstance(calendar, WorkCalendar):
            raise DataError(
                Message(
                    N_("calendar: {value} is not a working-day calendar"), {"value": repr(calendar)}
                )
            )
        if roll_forward is not None and not isinstance(roll_forward, bool):
            raise DataError(
                Message(
                    N_("roll_forward: {value} is not true, false or None"),
                    {"value": repr(roll_forward)},
                )
            )
        rules = self._rectification
        if rules is None:
            rules = self._rectification = [
                r
                for r in self._of(DeadlineRule)
                if r.form is DeadlineKind.RELATIVE and r.event == "rectification_report"
            ]
        if not rules:
            raise RuleNotInPolicy(self.id, "rectification_report")
        decision = self._due(rules[0], rules, received, calendar, roll_forward, "rectification_due")
        if memo_key is not None:
            _remember(self._due_memo, memo_key, decision)
        return decision
