"""The deadline rule kind (private).

``DeadlineKind`` (the form of a deadline: fixed, relative, before an event, yearly) and
``DeadlineRule``, with its validation and its words. Both are importable from
``hospital_inspection.policy._rules`` as before.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.convert import _NestedError as NestedError
from hospital_inspection.enums import (
    AuthorityLevel,
    LabeledEnum,
    Party,
)
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._rules_base import _Base
from hospital_inspection.policy._schema import DayUnit

__all__ = ["DeadlineKind", "DeadlineRule"]


class DeadlineKind(LabeledEnum):
    """The form of a deadline."""

    FIXED = "fixed", "限定日期", "on or before a date"
    RELATIVE = "relative", "期限", "a period after a trigger"
    BEFORE_EVENT = "before_event", "事前", "before an event"
    YEARLY = "yearly", "每年", "each year of the round"

    @classmethod
    def noun(cls) -> str:
        """The name used in messages: the ``form`` of a deadline rule."""
        return "deadline form"


@attrs.frozen(kw_only=True)
class DeadlineRule(_Base):
    """A deadline: a fixed date, a period after a trigger, "before" another event, or yearly.

    Attributes:
        event: what must happen (``"round_complete"``, ``"rectification_report"``...).
        description: the deadline in words.
        form: fixed / relative / before_event.
        due: the date (fixed).
        inclusive: the due date itself is allowed ("on or before").
        months: the period in months (relative), counted per 民法典 Art. 201-202.
        days: the period in days (relative: ``N日内``/``N个工作日内`` after the trigger; before
            an event: ``N个工作日前``), counted from the day after the trigger (Art. 201).
        day_unit: ``working`` or ``calendar`` for ``days``.
        trigger: the triggering event (relative).
        roll_forward: default for moving a last day that is a rest day (民法典 Art. 203).
        roll_forward_reason: why that default.
        before: the event it must precede (before_event).
        strict: ``before`` must be strictly earlier (not the same day); with ``days`` the last
            allowed day is the ``days``-th (working) day before the event.
        month, day: the date each year (yearly: 每年11月30日前 is ``month = 11, day = 30``).
        round: the id of the round whose years a yearly deadline runs over (default: the
            policy's first round of the rule's visit kinds).
        in_last_year: whether a yearly deadline is owed in the round's last year too (a reading
            the policy states in an interpretation).
        owed_by: who owes it (e.g. the hospital owes its 整改报告), if the file says.
        received_by: who receives it (e.g. the superior health authority), if the file says.
        submitted_by: the levels of authority that must each submit something by a fixed date
            (e.g. every 区市 its yearly report), as the clause says; empty when nobody in
            particular (a round's end). A compliance check as of a later day reports every such
            authority under the plan's owner that has no submission recorded.
    """

    KIND: ClassVar[str] = "deadline"
    event: str = attrs.field(validator=v.non_empty_str)
    description: str = attrs.field(validator=v.non_empty_str)
    form: DeadlineKind
    due: dt.date | None = None
    inclusive: bool = True
    months: int | None = None
    days: int | None = None
    day_unit: DayUnit | None = None
    trigger: str | None = None
    roll_forward: bool | None = None
    roll_forward_reason: str | None = None
    before: str | None = None
    strict: bool = True
    month: int | None = None
    day: int | None = None
    round: str | None = None
    in_last_year: bool = True
    submitted_by: frozenset[AuthorityLevel] = frozenset()
    owed_by: Party | None = None
    received_by: Party | None = None

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if len(problems) == 1:
            raise v.FieldError(problems[0][0], problems[0][1], owner=type(self).__name__)
        if problems:  # every problem of the rule at once, each under its own key
            raise NestedError([(f".{name}", v.FieldError(None, what)) for name, what in problems])

    def problems(self) -> list[tuple[str, Message]]:
        """Every missing or contradictory field as ``(field, what is wrong)``, all at once."""
        needs = {
            DeadlineKind.FIXED: ("due",),
            DeadlineKind.RELATIVE: ("trigger", "roll_forward", "roll_forward_reason"),
            DeadlineKind.BEFORE_EVENT: ("before",),
            DeadlineKind.YEARLY: ("month", "day"),
        }[self.form]
        found = [
            (name, Message(N_("required for a {kind} deadline"), {"kind": self.form.code}))
            for name in needs
            if getattr(self, name) is None
        ]
        if self.form is DeadlineKind.RELATIVE and (self.months is None) == (self.days is None):
            found.append(
                ("months", Message(N_("a relative deadline needs exactly one of months or days")))
            )
        for name in ("months", "days"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 1):
                found.append(
                    (
                        name,
                        Message(N_("{value} is not a whole number >= 1"), {"value": repr(value)}),
                    )
                )
        if self.days is not None and self.day_unit is None:
            found.append(("day_unit", Message(N_("required with days: working or calendar"))))
        if self.form is DeadlineKind.YEARLY and self.month is not None and self.day is not None:
            try:
                dt.date(2024, self.month, self.day)  # a leap year: 2-29 allowed
            except (TypeError, ValueError):
                found.append(
                    (
                        "day",
                        Message(
                            N_("{month}-{day} is not a day of the year"),
                            {"month": self.month, "day": self.day},
                        ),
                    )
                )
        return found

    @property
    def last_day(self) -> dt.date | None:
        """The last allowed day of a fixed deadline (the day before ``due`` when exclusive)."""
        if self.due is None:
            return None
        return self.due if self.inclusive else self.due - dt.timedelta(days=1)

    @property
    def period_words(self) -> str:
        """The period in words, e.g. ``"2 month(s)"`` or ``"15 working day(s)"``."""
        if self.months is not None:
            return f"{self.months} month(s)"
        unit = self.day_unit.code if self.day_unit is not None else "calendar"
        return f"{self.days} {unit} day(s)"

    def __str__(self) -> str:
        if self.form is DeadlineKind.FIXED:
            return f"{self.event} on or before {self.last_day}"
        if self.form is DeadlineKind.RELATIVE:
            return f"{self.event} within {self.period_words} after {self.trigger}"
        if self.form is DeadlineKind.YEARLY:
            last = "" if self.in_last_year else " (not in the round's last year)"
            return f"{self.event} on or before {self.month}-{self.day} each year{last}"
        if self.days is not None:
            return f"{self.event} at least {self.period_words} before {self.before}"
        return f"{self.event} {'strictly ' if self.strict else ''}before {self.before}"
