"""The scheduling window as working-day indices (private).

Day ``i`` is the ``i``-th working day from the request's start (0-based). A visit starting on day
``s`` ends on day ``end[s]``; ``next_valid[s]`` is the first day at or after ``s`` on which the
visit may start (it ends by the deadline and includes no blackout date), ``-1`` when none.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from hospital_inspection.enums import DayUnit
from hospital_inspection.scheduling._model import WorkingDays

__all__ = ["Span", "Window"]

_ONE_DAY = dt.timedelta(days=1)


class Span:
    """Where a visit of ``length`` days in ``unit`` can sit in the window."""

    __slots__ = ("end", "first_end", "length", "min_occupation", "next_valid", "unit")

    def __init__(self, window: Window, unit: DayUnit, length: int) -> None:
        self.unit = unit
        self.length = length
        n = len(window.days)
        end = [-1] * n
        for s in range(n):
            if unit is DayUnit.WORKING:
                e = s + length - 1
                if e >= n:
                    break
                last = window.days[e]
            else:
                last = window.days[s] + dt.timedelta(days=length - 1)
                if last > window.limit:
                    break
                e = bisect.bisect_right(window.days, last) - 1
            if not window.blackout_between(window.days[s], last):
                end[s] = e
        nxt = [-1] * (n + 1)
        for s in range(n - 1, -1, -1):
            nxt[s] = s if end[s] >= 0 else nxt[s + 1]
        self.end = end
        self.next_valid = nxt
        first = nxt[0]
        #: the earliest possible last day (-1 when the visit fits nowhere).
        self.first_end = end[first] if first >= 0 else -1
        #: the fewest working-day indices the visit can occupy.
        self.min_occupation = min((e - s + 1 for s, e in enumerate(end) if e >= 0), default=0)

    def last_day(self, window: Window, s: int) -> dt.date:
        """The visit's last date when it starts on day ``s``."""
        if self.unit is DayUnit.WORKING:
            return window.days[self.end[s]]
        return window.days[s] + dt.timedelta(days=self.length - 1)


class Window:
    """The working days from ``start`` to ``deadline`` and the blackout dates among them.

    With ``horizon``, the window stops after that many working days when the deadline lies
    further (issue 16): a round whose end is past the calendar's data schedules when its visits
    need no day there. ``limit`` is the last day a visit may end within the window.
    """

    def __init__(
        self,
        calendar: WorkingDays,
        start: dt.date,
        deadline: dt.date,
        blackout: Iterable[dt.date],
        *,
        horizon: int | None = None,
    ) -> None:
        self.start = start
        self.deadline = deadline
        self.blackout = frozenset(blackout)
        days: list[dt.date] = []
        d = start
        while d <= deadline and (horizon is None or len(days) < horizon):
            if calendar.is_working_day(d):
                days.append(d)
            d += _ONE_DAY
        self.days = days
        #: the last day a visit may end: the deadline, or the window's last day when cut short.
        self.limit = deadline if d > deadline or not days else days[-1]
        deadline = self.limit
        self.index = {d: i for i, d in enumerate(days)}
        # blackout dates counted by calendar offset, for O(1) "any blackout in [a, b]?"
        width = (deadline - start).days + 2
        prefix = [0] * width
        for k in range(1, width):
            prefix[k] = prefix[k - 1] + (start + dt.timedelta(days=k - 1) in self.blackout)
        self._prefix = prefix
        usable = [0] * (len(days) + 1)
        for i, day in enumerate(days):
            usable[i + 1] = usable[i] + (day not in self.blackout)
        #: ``usable[m]``: working days among the first ``m`` on which a visit may be on site.
        self.usable = usable
        self._spans: dict[tuple[DayUnit, int], Span] = {}

    def __len__(self) -> int:
        return len(self.days)

    def blackout_between(self, first: dt.date, last: dt.date) -> bool:
        """True when a blackout date lies in ``[first, last]`` (both inside the window)."""
        a = (first - self.start).days
        b = (last - self.start).days + 1
        return self._prefix[b] - self._prefix[a] > 0

    def span(self, unit: DayUnit, length: int) -> Span:
        """The (cached) span table of a visit of ``length`` days in ``unit``."""
        key = (unit, length)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = Span(self, unit, length)
        return found

    def days_needed(self, expert_days: int, people: int) -> int | None:
        """The fewest working days ``m`` with ``people * usable[m] >= expert_days``.

        ``None`` when even the whole window is too short (or nobody is available).
        """
        if expert_days <= 0:
            return 0
        if people <= 0:
            return None
        per_person = -(-expert_days // people)
        m = bisect.bisect_left(self.usable, per_person)
        return m if m < len(self.usable) else None
