"""Doctests of the modules that need an optional package skip when it is not installed."""

from __future__ import annotations

import importlib.util

import pytest
from _pytest.doctest import DoctestItem

#: Modules whose examples need an extra, and the package each needs.
NEEDS = {
    "hospital_inspection.exports.frames": "pandas",
    "hospital_inspection.exports.xlsx": "openpyxl",
    "hospital_inspection.exports.ics": "icalendar",
    "hospital_inspection.display.gantt": "matplotlib",
    "hospital_inspection.testing": "hypothesis",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, DoctestItem):
            continue
        for module, package in NEEDS.items():
            if (item.name == module or item.name.startswith(module + ".")) and (
                importlib.util.find_spec(package) is None
            ):
                item.add_marker(pytest.mark.skip(reason=f"needs {package} (an optional extra)"))


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite expects English output by default; a developer's zh_CN locale must not change it
    (the command line's default language comes from the environment, see hospital_inspection.i18n).
    """
    monkeypatch.setenv("HOSPITAL_INSPECTION_LANG", "en")
