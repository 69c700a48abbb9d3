"""A deadline with its provenance: the date, the rule and citation behind it, how it was reached.

Example::

    >>> import datetime as dt
    >>> d = Deadline(
    ...     date=dt.date(2025, 10, 9),
    ...     rule="rectification-report",
    ...     trigger=dt.date(2025, 8, 3),
    ...     rolled_from=dt.date(2025, 10, 3),
    ... )
    >>> print(d)
    2025-10-09 (rectification-report; from 2025-08-03; rolled forward from 2025-10-03, a rest day)
    >>> d.met_by(dt.date(2025, 10, 9))
    True
"""

from __future__ import annotations

import datetime as dt

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._validate import is_plain_date
from hospital_inspection.citations import Citation
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = ["MANUAL_RULE", "Deadline"]

#: The ``rule`` of a deadline a user set by hand (no document sets one).
MANUAL_RULE = "manual"


@v.collect_errors
@attrs.frozen(kw_only=True)
class Deadline:
    """The last day on which something may be done, and why.

    Attributes:
        date: the last permitted day (inclusive: done on this day is on time).
        rule: the id of the rule that produced it, e.g. ``"rectification-report"``.
        citation: the rule's :class:`~hospital_inspection.Citation` (``.document``, ``.clause``,
            ``.text``), or ``None``.
        trigger: the day of the event the period counts from (not itself counted, 民法典
            第二百零一条); ``None`` for a fixed date such as "10月底前".
        rolled_from: when the period's last day was a rest day and was moved to the next working
            day (民法典 第二百零三条), the unmoved day; else ``None``.
        provisional: whether any working-day fact used came from the provisional weekends-only
            fallback rather than official data.

    Raises:
        DataError: a field is not a plain date, or ``rolled_from`` is not before ``date``.
    """

    date: dt.date
    rule: str
    citation: Citation | None = None
    trigger: dt.date | None = None
    rolled_from: dt.date | None = None
    provisional: bool = False

    def __attrs_post_init__(self) -> None:
        if type(self.date) is not dt.date or type(self.rule) is not str:
            self._fail()
        if (self.trigger is not None and type(self.trigger) is not dt.date) or (
            self.rolled_from is not None
            and (type(self.rolled_from) is not dt.date or not self.rolled_from < self.date)
        ):
            self._fail()
        if type(self.provisional) is not bool:
            self._fail()
        if self.citation is not None and not isinstance(self.citation, Citation):
            raise DataError(
                Message(
                    N_("citation: {value}; expected a Citation or None"),
                    {"value": repr(self.citation)},
                ),
                source="Deadline",
            )

    def _fail(self) -> None:
        problems: list[Message] = []
        if not is_plain_date(self.date):
            problems.append(
                Message(N_("date: {value}; expected a datetime.date"), {"value": repr(self.date)})
            )
        if not isinstance(self.rule, str):
            problems.append(
                Message(N_("rule: {value}; expected a rule id (str)"), {"value": repr(self.rule)})
            )
        for name in ("trigger", "rolled_from"):
            value = getattr(self, name)
            if value is not None and not is_plain_date(value):
                problems.append(
                    Message(
                        N_("{name}: {value}; expected a datetime.date or None"),
                        {"name": name, "value": repr(value)},
                    )
                )
        if (
            is_plain_date(self.rolled_from)
            and is_plain_date(self.date)
            and not self.rolled_from < self.date
        ):
            problems.append(
                Message(
                    N_("rolled_from: {rolled_from}; expected a day before the date {date}"),
                    {"rolled_from": self.rolled_from, "date": self.date},
                )
            )
        if not isinstance(self.provisional, bool):
            problems.append(
                Message(
                    N_("provisional: {value}; expected True or False"),
                    {"value": repr(self.provisional)},
                )
            )
        raise DataError(problems, source="Deadline")

    @property
    def by_hand(self) -> bool:
        """Whether a user set it by hand (rule ``"manual"``): no document sets it."""
        return self.rule == MANUAL_RULE

    @property
    def rolled_forward(self) -> bool:
        """Whether the date was moved off a rest day (民法典 第二百零三条)."""
        return self.rolled_from is not None

    @classmethod
    def of(cls, deadline: Deadline) -> Deadline:
        """``deadline`` itself (kept from the former ``DueDate.of``, which copied one)."""
        return deadline

    def to_deadline(self) -> Deadline:
        """The deadline itself (kept from the former ``DueDate.to_deadline``)."""
        return self

    def met_by(self, day: dt.date) -> bool:
        """Whether doing the thing on ``day`` meets the deadline (``day <= date``)."""
        return day <= self.date

    def __str__(self) -> str:
        parts = [self.rule]
        if self.citation is not None:
            parts.append(f"{self.citation.document} {self.citation.clause}")
        if self.trigger is not None:
            parts.append(f"from {self.trigger.isoformat()}")
        if self.rolled_from is not None:
            parts.append(f"rolled forward from {self.rolled_from.isoformat()}, a rest day")
        if self.provisional:
            parts.append("PROVISIONAL: no official calendar data")
        return f"{self.date.isoformat()} ({'; '.join(parts)})"
