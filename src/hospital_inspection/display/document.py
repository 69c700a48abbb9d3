"""Printable documents: a compliance report, a plan or a ledger as one self-contained HTML file.

What an office prints and files: one HTML file, inline CSS, no script, no image, no link to
anything outside it, laid out for A4 paper (landscape). A first page with the title, the
policy's document number (文号) and a summary; then the schedule (巡查时间表), the issues with the
clauses they rest on, or the ledger (整改台账), a fixed number of rows per page so that the page
count is known before printing (:func:`page_count`); each page ends with "第 n 页，共 N 页".
Every piece of text is escaped. ``lang="zh"`` writes every heading and sentence in Chinese.

The models reach these functions through the core's view registry (``_views.document``):
``report.to_html(path, lang="zh")``, ``plan.to_html(...)``, ``ledger.to_html(...)``; the command
line's ``check plan.json --html report.html`` writes the report.

>>> import hospital_inspection as hi
>>> data = hi.sample_data("weihai")
>>> plan = hi.schedule(data.hospitals, data.experts, "weihai-2024-2026",
...                    authorities=data.authorities, start=dt.date(2025, 3, 3))
>>> out = plan_document(plan, lang="zh", names=data.names)
>>> "<script" in out, "巡查时间表" in out, out.count('<section class="page">') == page_count(plan)
(False, True, True)
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hospital_inspection import _views
from hospital_inspection._table import Table, cell_text
from hospital_inspection.compliance import ComplianceIssue, ComplianceReport
from hospital_inspection.errors import InspectionError
from hospital_inspection.exports.schedule import plan_table
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.followup.table import LEDGER_TITLE, ledger_table
from hospital_inspection.i18n import N_, resolve, text
from hospital_inspection.model.names import Names
from hospital_inspection.model.visits import Plan
from hospital_inspection.policy import Policy, load_policy

if TYPE_CHECKING:
    from hospital_inspection.dates.calendars import WorkCalendar

__all__ = [
    "ISSUES_PER_PAGE",
    "LEDGER_ROWS_PER_PAGE",
    "SCHEDULE_ROWS_PER_PAGE",
    "ledger_document",
    "page_count",
    "plan_document",
    "report_document",
]

#: Rows of the schedule (巡查时间表) on one printed page.
SCHEDULE_ROWS_PER_PAGE = 12
#: Issues of a compliance report on one printed page (messages and hints wrap to a few lines).
ISSUES_PER_PAGE = 6
#: Rows of the ledger (整改台账) on one printed page.
LEDGER_ROWS_PER_PAGE = 8
#: Cited clauses (with their words) on one printed page.
CLAUSES_PER_PAGE = 8
#: Columns whose every cell has at most this many characters do not wrap.
_SHORT = 10

_CSS = """
@page { size: A4 landscape; margin: 12mm 12mm 10mm 12mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun",
       "Noto Sans CJK SC", "Microsoft YaHei", serif; font-size: 9pt; color: #000; }
body { margin: 0; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 20pt; text-align: center; margin: 14mm 0 4mm; letter-spacing: 0.1em; }
h2 { font-size: 13pt; margin: 0 0 3mm; }
.subtitle { text-align: center; font-size: 11pt; margin: 0 0 8mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.facts { width: 60%; margin: 0 auto 6mm; font-size: 11pt; }
table.facts th { width: 30%; }
.verdict-bad { font-weight: bold; }
.note { font-size: 8.5pt; margin-top: 4mm; }
.folio { text-align: center; font-size: 8pt; margin-top: 3mm; }
.nowrap { white-space: nowrap; }
@media screen {
  body { background: #888; padding: 8mm 0; }
  .page { background: #fff; width: 297mm; min-height: 210mm; margin: 0 auto 8mm;
          padding: 12mm; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.4); }
}
"""


def _chunks(rows: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [rows]


def _pages_for(rows: int, size: int) -> int:
    return max(1, math.ceil(rows / size))


def page_count(
    obj: ComplianceReport | Plan | Ledger,
    *,
    plan: Plan | None = None,
    as_of: dt.date | None = None,
) -> int:
    """The number of A4 pages the printable document of ``obj`` has.

    A report: one first page, the schedule of ``plan`` when given
    (:data:`SCHEDULE_ROWS_PER_PAGE` visits a page), the issues (:data:`ISSUES_PER_PAGE` a page)
    and the cited clauses (:data:`CLAUSES_PER_PAGE` a page), the last two only when there are
    issues. A plan: one first page and its schedule. A ledger: one first page and the items
    that exist on ``as_of`` (:data:`LEDGER_ROWS_PER_PAGE` a page; ``as_of`` is required).
    """
    if isinstance(obj, ComplianceReport):
        pages = 1
        if plan is not None:
            pages += _pages_for(len(plan.visits), SCHEDULE_ROWS_PER_PAGE)
        if obj.issues:
            pages += _pages_for(len(obj.issues), ISSUES_PER_PAGE)
            pages += _pages_for(len(_clauses(obj.issues)), CLAUSES_PER_PAGE)
        return pages
    if isinstance(obj, Plan):
        return 1 + _pages_for(len(obj.visits), SCHEDULE_ROWS_PER_PAGE)
    if as_of is None:
        raise InspectionError("page_count: a ledger's pages depend on the day; give as_of")
    return 1 + _pages_for(len(ledger_table(obj, as_of).rows), LEDGER_ROWS_PER_PAGE)


def _clauses(issues: Sequence[ComplianceIssue]) -> list[tuple[str, str, str]]:
    seen: dict[tuple[str, str, str], None] = {}
    for issue in issues:
        if issue.citation is not None:
            c = issue.citation
            seen[(c.document, c.clause, c.text)] = None
    return list(seen)


class _Document:
    """Pages of one printable document, each a ``<section class="page">``."""

    def __init__(self, title: str, lang: str) -> None:
        self.title = title
        self.lang = lang
        self.pages: list[list[str]] = []

    def t(self, message: str, **params: object) -> str:
        return html.escape(text(message, self.lang, **params))

    def page(self, *parts: str) -> None:
        self.pages.append(list(parts))

    def table_pages(
        self,
        heading: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        size: int,
        *,
        whole: Sequence[str] = (),
    ) -> None:
        # A column of short cells (dates, counts, levels) never wraps, nor do the columns named
        # in ``whole`` (a hospital's name reads in one piece); the others share the rest.
        short = [
            h in whole
            or (max((len(row[i]) for row in rows), default=0) <= _SHORT and len(h) <= _SHORT)
            for i, h in enumerate(headers)
        ]
        cls = ['class="nowrap"' if s else "" for s in short]
        # a header's bracketed unit goes on a line of its own: 天数 / （工作日）
        head = "".join(
            f"<th {c}>{html.escape(h).replace('（', '<br>（', 1)}</th>"
            for h, c in zip(headers, cls, strict=True)
        )
        chunks = _chunks(rows, size)
        for n, chunk in enumerate(chunks, start=1):
            title = heading
            if len(chunks) > 1:
                title += text(N_(" ({n}/{of})"), self.lang, n=n, of=len(chunks))
            body = "\n".join(
                "<tr>"
                + "".join(f"<td {k}>{html.escape(c)}</td>" for c, k in zip(row, cls, strict=True))
                + "</tr>"
                for row in chunk
            )
            self.page(
                f"<h2>{html.escape(title)}</h2>",
                f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>",
            )

    def facts(self, title: str, subtitle: str, rows: Sequence[tuple[str, str]]) -> None:
        cells = "\n".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(x)}</td></tr>" for k, x in rows
        )
        self.page(
            f"<h1>{html.escape(title)}</h1>",
            f'<p class="subtitle">{html.escape(subtitle)}</p>',
            f'<table class="facts">\n{cells}\n</table>',
        )

    def render(self) -> str:
        total = len(self.pages)
        lang = "zh-CN" if self.lang == "zh" else "en"
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{html.escape(self.title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
        ]
        for n, parts in enumerate(self.pages, start=1):
            folio = self.t(N_("{title} · page {n} of {total}"), title=self.title, n=n, total=total)
            out += ['<section class="page">', *parts, f'<p class="folio">{folio}</p>', "</section>"]
        out += ["</body>", "</html>", ""]
        return "\n".join(out)


def _policy(report_policy: str, policy: Policy | None) -> Policy | None:
    if policy is not None:
        return policy
    try:
        return load_policy(report_policy)
    except InspectionError:
        return None


def _based_on(policy: Policy | None, policy_id: str, lang: str) -> str:
    if policy is None:
        return text(N_("under policy {policy}"), lang, policy=policy_id)
    meta = policy.meta
    return text(
        N_("under {document} “{title}” ({issuer})"),
        lang,
        document=meta.document,
        title=meta.title,
        issuer=meta.issuer,
    )


def _schedule_pages(
    doc: _Document,
    plan: Plan,
    names: Names,
    policy: Policy | None,
    calendar: WorkCalendar | None,
) -> None:
    table = plan_table(plan, names=names, policy=policy, calendar=calendar)
    doc.table_pages(
        text(N_("Schedule (巡查时间表)"), doc.lang),
        table.headers,
        table.text_rows(),
        SCHEDULE_ROWS_PER_PAGE,
        whole=("医院",),
    )


def report_document(
    report: ComplianceReport,
    *,
    lang: str | None = None,
    plan: Plan | None = None,
    policy: Policy | None = None,
    names: Names | None = None,
    calendar: WorkCalendar | None = None,
) -> str:
    """A compliance report as a printable HTML document (see the module).

    Args:
        report: the report.
        lang: ``"zh"`` or ``"en"`` (default: :func:`hospital_inspection.i18n.resolve`).
        plan: the plan checked; its schedule is printed after the summary.
        policy: the policy (default: loaded by the report's policy id, when shipped), for the
            document number and title.
        names: names of hospitals, people and authorities (ids are printed where unknown).
        calendar: the working-day calendar the schedule's days column counts in (default:
            China's official calendar), when the policy counts working days.
    """
    lang = resolve(lang)
    names = names or Names.of()
    title = text(N_("Large-hospital inspection compliance report"), lang)
    doc = _Document(title, lang)
    found = _policy(report.policy, policy)
    verdict = text(N_("OK"), lang) if report.ok else text(N_("NOT COMPLIANT"), lang)
    facts = [
        (
            text(N_("Plan"), lang),
            report.plan + (f"（{plan.round}）" if plan and plan.round else ""),
        ),
        (
            text(N_("Checked as of"), lang),
            "—" if report.as_of is None else _day(report.as_of, lang),
        ),
        (text(N_("Verdict"), lang), verdict),
        (text(N_("Violations"), lang), str(len(report.violations))),
        (text(N_("Warnings"), lang), str(len(report.warnings))),
        (text(N_("Information"), lang), str(len(report.information))),
    ]
    if plan is not None:
        facts.insert(1, (text(N_("Visits"), lang), str(len(plan.visits))))
    doc.facts(title, _based_on(found, report.policy, lang), facts)
    doc.pages[0].append(
        '<p class="note">'
        + doc.t(
            N_(
                "Violation: a mandatory rule is broken. Warning: a rule the document states "
                "“in principle” (原则上) is broken and no waiver is recorded. Information: "
                "worth knowing (a waived deviation, an optional rule, a visit the policy does "
                "not require)."
            )
        )
        + "</p>"
    )
    if plan is not None:
        _schedule_pages(doc, plan, names, found, calendar)
    if report.issues:
        rows = [
            [
                str(n),
                i.severity.label if lang == "zh" else f"{i.severity.label} {i.severity.code}",
                _where(i, names),
                i.message_in(lang),
                f"{i.citation.document} {i.citation.clause}" if i.citation else "—",
                i.hint_in(lang),
            ]
            for n, i in enumerate(report.issues, start=1)
        ]
        headers = [
            text(h, lang) for h in (N_("No."), N_("Level"), N_("Hospital / authority"), N_("Issue"))
        ] + [text(N_("Clause"), lang), text(N_("What to do"), lang)]
        doc.table_pages(text(N_("Issues found"), lang), headers, rows, ISSUES_PER_PAGE)
        clauses = [[f"{d} {c}", f"“{words}”"] for d, c, words in _clauses(report.issues)]
        doc.table_pages(
            text(N_("Clauses cited"), lang),
            [text(N_("Clause"), lang), text(N_("The clause's words"), lang)],
            clauses,
            CLAUSES_PER_PAGE,
        )
    return doc.render()


def _day(day: dt.date, lang: str) -> str:
    return text("{day:date}", lang, day=day)


def _where(issue: ComplianceIssue, names: Names) -> str:
    if issue.hospital:
        return names.hospital(issue.hospital)
    if issue.authority:
        return names.authority(issue.authority)
    return ""


def plan_document(
    plan: Plan,
    *,
    lang: str | None = None,
    policy: Policy | None = None,
    names: Names | None = None,
    calendar: WorkCalendar | None = None,
) -> str:
    """A plan's schedule (巡查时间表) as a printable HTML document (see the module).

    The days column counts what the policy's visit-days rule counts (``policy``; default: the
    plan's policy, when shipped), working days under ``calendar`` (default: China's official
    calendar); see :func:`~hospital_inspection.exports.plan_table`.
    """
    lang = resolve(lang)
    names = names or Names.of()
    title = text(N_("Large-hospital inspection schedule"), lang)
    doc = _Document(title, lang)
    first = min((v.first_day for v in plan.visits), default=None)
    last = max((v.last_day for v in plan.visits), default=None)
    facts = [
        (text(N_("Plan"), lang), plan.id + (f"（{plan.round}）" if plan.round else "")),
        (text(N_("Inspecting authority"), lang), names.authority(plan.authority)),
        (text(N_("Visits"), lang), str(len(plan.visits))),
    ]
    if first is not None and last is not None:
        span = text(N_("{first:date} to {last:date}"), lang, first=first, last=last)
        facts.append((text(N_("On site"), lang), span))
    found = _policy(plan.policy, policy)
    doc.facts(title, _based_on(found, plan.policy, lang), facts)
    _schedule_pages(doc, plan, names, found, calendar)
    return doc.render()


def ledger_document(
    ledger: Ledger,
    as_of: dt.date,
    *,
    lang: str | None = None,
    names: Names | None = None,
) -> str:
    """The ledger (整改台账) as of ``as_of`` as a printable HTML document (see the module)."""
    lang = resolve(lang)
    names = names or Names.of()
    table: Table = ledger_table(ledger, as_of, names=names)
    title = LEDGER_TITLE
    doc = _Document(title, lang)
    doc.facts(
        title,
        text(N_("as of {day:date}"), lang, day=as_of),
        [
            (text(N_("Items"), lang), str(len(table.rows))),
            (text(N_("Findings"), lang), str(len(ledger.findings))),
        ],
    )
    rows = [[cell_text(c) for c in row] for row in table.rows]
    doc.table_pages(title, table.headers, rows, LEDGER_ROWS_PER_PAGE, whole=("医院",))
    return doc.render()


# --- the views the core's objects print through (``to_html``) ----------------------------------


@_views.document.register(ComplianceReport)
def _report_view(report: ComplianceReport, **options: Any) -> str:
    return report_document(report, **options)


@_views.document.register(Plan)
def _plan_view(plan: Plan, **options: Any) -> str:
    return plan_document(plan, **options)


@_views.document.register(Ledger)
def _ledger_view(ledger: Ledger, **options: Any) -> str:
    return ledger_document(ledger, **options)
