"""HTML for notebooks: plans, compliance reports, policies, ledgers and tables.

In a notebook, a :class:`~hospital_inspection.Plan`, a
:class:`~hospital_inspection.ComplianceReport`, a :class:`~hospital_inspection.Policy`, a
:class:`~hospital_inspection.Ledger` and an exports :class:`~hospital_inspection.exports.Table`
show themselves as HTML built here (the models' ``_repr_html_`` reach these functions through the
core's view registry, which this module fills). Call :func:`plan_html` yourself to get names
instead of ids. Every piece of text is escaped, so a name holding markup shows as text.

>>> import datetime as dt, hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[hi.Visit(
...     id="V1", hospital="<b>H1</b>", authority="A",
...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))])
>>> "&lt;b&gt;H1&lt;/b&gt;" in plan_html(plan)
True
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Unpack

from hospital_inspection import _views
from hospital_inspection._table import Table, table_html
from hospital_inspection.compliance import ComplianceReport
from hospital_inspection.exports.schedule import plan_table
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.followup.table import LEDGER_TITLE, ledger_table
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan
from hospital_inspection.policy import Policy

if TYPE_CHECKING:
    from hospital_inspection.dates.calendars import WorkCalendar

__all__ = ["ledger_html", "plan_html", "policy_html", "report_html", "table_html"]


def plan_html(
    plan: Plan,
    *,
    names: Names | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    **lookups: Unpack[Lookups],
) -> str:
    """The plan's schedule (see :func:`~hospital_inspection.exports.plan_table`) as HTML.

    The caption names the plan, its round and policy and counts the visits. ``Plan`` uses this
    (with ids only) as its notebook representation. ``policy`` and ``calendar``: for the days
    column, as in :func:`~hospital_inspection.exports.plan_table`.
    """
    table = plan_table(plan, names=names, policy=policy, calendar=calendar, **lookups)
    parts = [f"巡查计划 {plan.id}"]
    if plan.round:
        parts.append(f"（{plan.round}）")
    parts.append(f" · 政策 {plan.policy} · {len(plan.visits)} 次巡查")
    return table_html(table, caption="".join(parts))


def report_html(report: ComplianceReport, *, lang: str | None = "en") -> str:
    """A compliance report as HTML: its summary line in bold, then its issues as a table.

    The columns are :attr:`~hospital_inspection.ComplianceReport.HEADERS` (``lang="zh"``: the
    Chinese headers, messages and hints); a report without issues shows the summary line only.
    ``ComplianceReport`` uses this as its notebook representation.

    >>> import hospital_inspection as hi
    >>> report = hi.ComplianceReport(plan="P<1>", policy="p", as_of=None, issues=())
    >>> out = report_html(report)
    >>> out.startswith("<p><strong>plan P&lt;1&gt; under p: OK"), "<table" in out
    (True, False)
    """
    head = f"<p><strong>{html.escape(report.summary(lang=lang))}</strong></p>"
    if not report.issues:
        return head
    table = Table(headers=report.headers(lang=lang), rows=report.rows(lang=lang))
    return head + "\n" + table_html(table)


def policy_html(policy: Policy) -> str:
    """A loaded policy as HTML: its document, its rules with their clauses, its readings.

    Three parts: the document's metadata (title, 文号, issuer, date, what it is based on, the
    rounds it governs); a table of the rules (id, kind, strength, clause and the clause's own
    words); and, when the document has ambiguous clauses, a table of the readings in effect with
    the alternatives :func:`~hospital_inspection.load_policy` accepts. ``Policy`` uses this as
    its notebook representation.

    >>> import hospital_inspection as hi
    >>> out = policy_html(hi.load_policy("weihai-2024-2026"))
    >>> "威卫办〔2024〕11号" in out, "于2026年10月底前完成本轮巡查" in out
    (True, True)
    """
    meta = policy.meta
    esc = html.escape
    lines = [
        '<div class="hospital-inspection-policy">',
        f"<p><strong>{esc(meta.title)}</strong></p>",
        "<ul>",
        f"<li>文号 document: {esc(meta.document)}</li>",
        f"<li>发文机关 issuer: {esc(meta.issuer)}, 印发 issued {meta.issued.isoformat()}</li>",
        f"<li>政策 policy id: <code>{esc(meta.id)}</code></li>",
    ]
    if meta.based_on:
        lines.append(f"<li>依据 based on: {esc('、'.join(meta.based_on))}</li>")
    for r in meta.rounds:
        years = f"{r.first_year}–{r.last_year}" if r.last_year != r.first_year else r.first_year
        lines.append(
            f"<li>轮次 round <code>{esc(r.id)}</code>: {esc(r.title)} "
            f"({esc(r.kind.label)}, {years})</li>"
        )
    if meta.extends:
        lines.append(f"<li>扩展 extends: <code>{esc(meta.extends)}</code></li>")
    if meta.notes:
        lines.append(f"<li>说明 notes: {esc(meta.notes)}</li>")
    lines.append("</ul>")
    rules = Table(
        headers=("规则 rule", "类型 kind", "强度 strength", "条款 clause", "原文 words"),
        rows=[
            (
                rule.id,
                rule.kind,
                f"{rule.strength.label} {rule.strength.code.replace('_', ' ')}",
                f"{rule.citation.document} {rule.citation.clause}",
                rule.citation.text,
            )
            for rule in policy.rules.values()
        ],
    )
    lines.append(table_html(rules, caption=f"规则 rules ({len(rules.rows)})"))
    readings = policy.readings()
    if readings:
        table = Table(
            headers=("解读 interpretation", "选用 choice", "含义 reading", "其他 alternatives"),
            rows=[
                (name, r.choice, r.reading, ", ".join(r.alternatives))
                for name, r in sorted(readings.items())
            ],
        )
        lines.append(table_html(table, caption="解读 readings in effect"))
    lines.append("</div>")
    return "\n".join(lines)


def ledger_html(
    ledger: Ledger,
    as_of: dt.date,
    *,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> str:
    """An HTML table of the ledger (every cell escaped), as of ``as_of``."""
    return table_html(
        ledger_table(ledger, as_of, names=names, **lookups),
        caption=f"{LEDGER_TITLE} (as of {as_of.isoformat()})",
    )


# --- the views the core's objects show in a notebook ---------------------------------------------


@_views.html.register(Plan)
def _plan_view(plan: Plan, **options: Any) -> str:
    return plan_html(plan, **options)


@_views.html.register(ComplianceReport)
def _report_view(report: ComplianceReport, **options: Any) -> str:
    return report_html(report)


@_views.html.register(Policy)
def _policy_view(policy: Policy, **options: Any) -> str:
    return policy_html(policy)


@_views.html.register(Ledger)
def _ledger_view(ledger: Ledger, **options: Any) -> str:
    return ledger_html(ledger, options.pop("as_of", None) or dt.date.today(), **options)


@_views.html.register(Table)
def _table_view(table: Table, **options: Any) -> str:
    return table_html(table, **options)
