"""Visits (one team on site at one hospital) and plans (a round of visits).

>>> import datetime as dt
>>> visit = Visit(
...     id="V01", hospital="H001", authority="weihai-huancui",
...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 15),
...     team=(Member(person="E01", role="组长"), Member(person="E02")),
... )
>>> visit.calendar_days
9
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from hospital_inspection import _atomic, _views
from hospital_inspection import _validate as v
from hospital_inspection.model._plan_diff import PlanDiff, diff
from hospital_inspection.model._visit import Member, Visit

__all__ = ["Member", "Plan", "ReportSubmission", "Visit", "Waiver"]


@v.collect_errors
@attrs.frozen(kw_only=True)
class Waiver:
    """A recorded exception to an in-principle (原则上) rule, with its justification.

    Attributes:
        rule: id of the rule waived (as in the policy).
        justification: why; required and non-empty.
        visit: the visit it covers, or ``None``.
        hospital: the hospital it covers, or ``None``; with neither, it covers the whole plan.
        approved_by: who approved it.
    """

    rule: str = attrs.field(validator=v.non_empty_str)
    justification: str = attrs.field(validator=v.non_empty_str)
    visit: str | None = attrs.field(default=None, validator=v.optional_identifier)
    hospital: str | None = attrs.field(default=None, validator=v.optional_identifier)
    approved_by: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)


@v.collect_errors
@attrs.frozen(kw_only=True)
class ReportSubmission:
    """A report submitted against a fixed deadline of the policy (e.g. a 区市's yearly report).

    Attributes:
        rule: id of the policy's deadline rule (e.g. ``"wh-report-2024"``).
        by: who submitted it (an authority or hospital id).
        date: the day it was submitted.
    """

    rule: str = attrs.field(validator=v.non_empty_str)
    by: str = attrs.field(validator=v.identifier)
    date: dt.date = attrs.field(validator=v.is_date)


@v.collect_errors
@attrs.frozen(kw_only=True)
class Plan:
    """A round of inspections: the visits one authority plans under one policy.

    Attributes:
        id: stable identifier.
        policy: id of the policy the plan follows (e.g. ``"weihai-2024-2026"``).
        authority: id of the authority that owns the plan.
        visits: the visits; ids are unique.
        round: the round's name, e.g. ``"2024-2026"``.
        waivers: recorded exceptions to in-principle rules.
        reports: reports submitted against the policy's fixed deadlines.
    """

    id: str = attrs.field(validator=v.identifier)
    policy: str = attrs.field(validator=v.identifier)
    authority: str = attrs.field(validator=v.identifier)
    visits: tuple[Visit, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=[v.all_of(Visit), v.unique_ids]
    )
    round: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    waivers: tuple[Waiver, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.all_of(Waiver)
    )
    reports: tuple[ReportSubmission, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.all_of(ReportSubmission)
    )

    def in_date_order(self) -> tuple[Visit, ...]:
        """The visits by first day, then hospital and visit id: the order of a schedule."""
        return tuple(sorted(self.visits, key=lambda v: (v.first_day, v.hospital, v.id)))

    def visits_to(self, hospital_id: str) -> tuple[Visit, ...]:
        """The visits to one hospital, in date order."""
        return tuple(
            sorted((x for x in self.visits if x.hospital == hospital_id), key=lambda x: x.first_day)
        )

    def diff(self, other: Plan, *, because: Iterable[Any] = ()) -> PlanDiff:
        """What changed from this plan to ``other``: visits moved, people swapped, added, removed.

        Args:
            other: the plan to compare with (e.g. the one :func:`hospital_inspection.reschedule`
                returned).
            because: changes that explain the differences (anything with
                ``explain(before, after) -> str | None``, such as the change records given to
                ``reschedule``); each difference says which of them caused it.

        >>> import datetime as dt
        >>> a = Visit(id="V1", hospital="H1", authority="d", first_day=dt.date(2025, 6, 2),
        ...           last_day=dt.date(2025, 6, 6), team=[Member(person="E1")])
        >>> b = Plan(id="P", policy="x", authority="d", visits=[a])
        >>> moved = Visit(id="V1", hospital="H1", authority="d", first_day=dt.date(2025, 6, 9),
        ...               last_day=dt.date(2025, 6, 13), team=[Member(person="E2")])
        >>> print(b.diff(Plan(id="P", policy="x", authority="d", visits=[moved])))
        1 visit(s) changed, 0 unchanged
          - V1 (H1): moved and swapped; 2025-06-02 -> 2025-06-09–2025-06-13; out E1; in E2
        """
        return diff(self, other, because)

    # Views, provided by the front ends through the registry (the model never imports them).

    def _repr_html_(self) -> str:
        html: str = _views.html(self)
        return html

    def plot_gantt(self, **options: Any) -> Any:
        """Draw the plan as a Gantt chart (extra ``plot``).

        Returns the matplotlib Axes; see :func:`hospital_inspection.display.plot_gantt` for the
        options (``hospitals=``, ``group_by=``, ``deadline=``, ``ax=`` ...).
        """
        return _views.gantt(self, **options)

    def to_html(self, path: str | None = None, *, lang: str | None = None, **options: Any) -> str:
        """The schedule (巡查时间表) as a printable, self-contained A4 HTML document; written to
        ``path`` when given. Pass ``names=`` for names instead of ids; ``lang="zh"`` for the
        office. See :func:`hospital_inspection.display.document.plan_document`.

        Returns:
            The HTML text.
        """
        document: str = _views.document(self, lang=lang, **options)
        if path is not None:
            _atomic.write_bytes(path, document.encode("utf-8"))
        return document

    def to_frame(self, **options: Any) -> Any:
        """The plan as a pandas DataFrame, one row per visit (extra ``pandas``).

        See :func:`hospital_inspection.exports.frames.plan_to_frame` for the columns and the options
        (``names=``, or ``hospitals=``, ``experts=``, ``authorities=``).
        """
        return _views.frame(self, **options)
