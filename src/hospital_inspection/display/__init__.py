"""Show plans, reports, policies and tables: HTML for notebooks, a Gantt chart with matplotlib.

In a notebook, a :class:`~hospital_inspection.Plan`, a
:class:`~hospital_inspection.ComplianceReport`, a :class:`~hospital_inspection.Policy`, a
:class:`~hospital_inspection.Ledger` and an exports :class:`~hospital_inspection.exports.Table`
show themselves as HTML built here (:func:`plan_html`, :func:`report_html`, :func:`policy_html`,
:func:`table_html`); call :func:`plan_html` yourself to get names instead of ids. Every piece of
text is escaped, so a name holding markup shows as text
(see :mod:`hospital_inspection.display.html`).

The Gantt chart (:func:`plot_gantt`, :func:`save_gantt_png`) needs the ``plot`` extra
(matplotlib); see :mod:`hospital_inspection.display.gantt`. Its ``group_by="person"`` view has a
row per person with their load (:func:`person_load`, working days on site) against a cap.
"""

from __future__ import annotations

from hospital_inspection.display.gantt import (
    CJK_FONTS,
    find_cjk_font,
    person_load,
    plot_gantt,
    save_gantt_png,
)
from hospital_inspection.display.html import (
    ledger_html,
    plan_html,
    policy_html,
    report_html,
    table_html,
)

__all__ = [
    "CJK_FONTS",
    "find_cjk_font",
    "ledger_html",
    "person_load",
    "plan_html",
    "plot_gantt",
    "policy_html",
    "report_html",
    "save_gantt_png",
    "table_html",
]
