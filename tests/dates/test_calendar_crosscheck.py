"""Cross-check the official calendar against the independent ``holidays`` package, day by day.

``holidays.China`` supports the categories ``public`` and ``half_day`` only: there is no
``workday`` category for China. Its make-up working days (调休上班) are kept apart, in the
``weekend_workdays`` set, and ``is_working_day()`` combines both: a weekend day is a working day
when it is in ``weekend_workdays``, a weekday when it is not a public holiday.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import tomllib
import warnings

import pytest

import hospital_inspection as hi
from hospital_inspection.dates.arrangements import calendar_errata, package_coverage

holidays = pytest.importorskip("holidays")
from holidays.constants import PUBLIC  # noqa: E402

KNOWN = pathlib.Path(__file__).parent.parent / "data" / "holidays_known_disagreements.toml"


def _known() -> dict[dt.date, bool]:
    raw = tomllib.loads(KNOWN.read_text(encoding="utf-8"))
    known: dict[dt.date, bool] = {}
    for entry in raw["disagreement"]:
        assert entry.get("source"), f"{entry['date']}: a known disagreement needs its source"
        known[entry["date"]] = entry["working"]
    return known


def test_every_day_of_the_covered_years_agrees_with_holidays() -> None:
    years = package_coverage()
    # One year either side, so that make-up days announced in a neighbouring year's notice count.
    china = holidays.China(years=range(years.start - 1, years.stop + 1), categories=(PUBLIC,))
    cal = hi.ChinaOfficialCalendar()
    known = _known()
    day, last = dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31)
    disagreements = []
    while day <= last:
        ours = cal.is_working_day(day)
        if ours != china.is_working_day(day) and known.get(day) != ours:
            disagreements.append(f"{day} ours={ours} holidays={not ours}")
        day += dt.timedelta(days=1)
    assert not disagreements, (
        "fix them in calendar_errata.toml or list them, with the official source, in "
        f"{KNOWN.name}:\n" + "\n".join(disagreements)
    )


def test_holidays_has_no_workday_category_for_china() -> None:
    assert "workday" not in holidays.China.supported_categories
    assert dt.date(2025, 10, 11) in holidays.China(years=2025).weekend_workdays


def test_errata_are_applied_and_sourced() -> None:
    import chinese_calendar

    cal = hi.ChinaOfficialCalendar()
    errata = calendar_errata()
    assert dt.date(2005, 12, 31) in {e.date for e in errata}
    for erratum in errata:
        assert erratum.source
        assert erratum.url
        assert cal.is_working_day(erratum.date) == (erratum.status == "working")
        if chinese_calendar.is_workday(erratum.date) == (erratum.status == "working"):
            warnings.warn(
                f"chinesecalendar now has {erratum.date} right; remove the erratum",
                UserWarning,
                stacklevel=1,
            )
