"""China's large-hospital inspection rules (大型医院巡查) as typed, cited rules."""

from hospital_inspection.arrangements import YearArrangement, load_year_arrangement
from hospital_inspection.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.deadlines import Deadline
from hospital_inspection.errors import AmbiguousDateError, CalendarCoverageError
from hospital_inspection.periods import (
    Rounding,
    add_months,
    before,
    by_month_end,
    days_period_end,
    month_end,
    on_or_before,
    period_end,
)

__all__ = [
    "AmbiguousDateError",
    "CalendarCoverageError",
    "CalendarDays",
    "ChinaOfficialCalendar",
    "Deadline",
    "Rounding",
    "WorkCalendar",
    "YearArrangement",
    "add_months",
    "before",
    "by_month_end",
    "days_period_end",
    "load_year_arrangement",
    "month_end",
    "on_or_before",
    "period_end",
]
