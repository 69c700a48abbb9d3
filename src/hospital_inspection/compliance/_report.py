"""Compliance reports: levels, issues and the report (private; see the package)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from hospital_inspection import _atomic, _views
from hospital_inspection import _validate as v
from hospital_inspection._table import render_table
from hospital_inspection.citations import Citation
from hospital_inspection.enums import LabeledEnum, Strength
from hospital_inspection.i18n import N_, Message, resolve, text, text_params

__all__ = ["ComplianceIssue", "ComplianceLevel", "ComplianceReport"]


class ComplianceLevel(LabeledEnum):
    """How much a compliance issue matters."""

    VIOLATION = "violation", "违规"
    WARNING = "warning", "警示"
    INFO = "info", "提示"


_LEVEL_ORDER = {s: i for i, s in enumerate(ComplianceLevel)}


@attrs.frozen(kw_only=True)
class ComplianceIssue:
    """One thing a compliance check found.

    Attributes:
        check: stable code of the check (``"visit_too_short"``, ``"external_share"``...).
        severity: violation, warning or information.
        message: what is wrong, in one line.
        hint: how to fix it, in one line.
        rule: id of the policy rule broken, or ``None`` for checks the policy does not state
            (double-booking, 回避), which the message says.
        citation: the clause the rule rests on.
        strength: the rule's strength.
        hospital: the hospital concerned.
        visit: the visit concerned.
        person: the person concerned.
        waiver: the justification of the waiver that covers the issue, if any.
        authority: the authority concerned (e.g. one that owes a report), if any.
        message_id: the message's id in the catalog (its English text with ``{placeholders}``),
            when the issue came from :func:`check_plan`; ``message`` is it rendered in English.
        hint_id: the same for ``hint``.
        params: the placeholders' values (text), shared by the message and the hint.

    :meth:`message_in` and :meth:`hint_in` give the message and hint in another language
    (``lang="zh"``: the sentence an office writes, naming hospitals and authorities, with a hint
    the reader can act on in the command line or the spreadsheet).
    """

    check: str = attrs.field(validator=v.non_empty_str)
    severity: ComplianceLevel
    message: str
    hint: str
    rule: str | None = None
    citation: Citation | None = None
    strength: Strength | None = None
    hospital: str | None = None
    visit: str | None = None
    person: str | None = None
    waiver: str | None = None
    authority: str | None = None
    message_id: str | None = None
    hint_id: str | None = None
    params: Mapping[str, str] = attrs.field(factory=dict, converter=text_params, hash=False)

    @classmethod
    def compose(
        cls, *, message: Message, hint: Message, waiver: str | None = None, **fields: Any
    ) -> ComplianceIssue:
        """An issue whose message and hint come from the catalog (``message.params`` must cover
        the hint's placeholders too); ``message`` and ``hint`` are rendered in English."""
        params = {**hint.params, **message.params}
        issue = cls(
            message="",
            hint="",
            waiver=waiver,
            message_id=message.id,
            hint_id=hint.id,
            params=params,
            **fields,
        )
        return attrs.evolve(issue, message=issue.message_in("en"), hint=issue.hint_in("en"))

    def message_in(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"en"``, ``"zh"``; ``None``: the default language, see
        :func:`hospital_inspection.i18n.resolve`).

        An issue made by hand (no ``message_id``) reads as its ``message`` in every language.
        """
        if self.message_id is None:
            return self.message
        lang = resolve(lang)
        out = text(self.message_id, lang, **self.params)
        if self.waiver is not None:
            out += text(N_(" (waived: {waiver})"), lang, waiver=self.waiver)
        return out

    def hint_in(self, lang: str | None = None) -> str:
        """The hint in ``lang`` (see :meth:`message_in`)."""
        if self.hint_id is None:
            return self.hint
        return text(self.hint_id, resolve(lang), **self.params)

    def __str__(self) -> str:
        where = " ".join(
            f"{k}={x}"
            for k, x in (
                ("visit", self.visit),
                ("hospital", self.hospital),
                ("authority", self.authority),
                ("person", self.person),
            )
            if x
        )
        cite = f" — {self.citation.document} {self.citation.clause}" if self.citation else ""
        head = f"[{self.severity.label} {self.severity.code}] {self.check} {where}"
        return f"{head}: {self.message}{cite}"

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        """Stable order: severity, then hospital, authority, visit, check, person, message."""
        return (
            _LEVEL_ORDER[self.severity],
            self.hospital or "",
            self.authority or "",
            self.visit or "",
            self.check,
            self.person or "",
            self.message,
        )


@attrs.frozen(kw_only=True)
class ComplianceReport:
    """The result of :func:`check_plan`: issues in a stable order.

    Attributes:
        plan: id of the plan checked.
        policy: id of the policy it was checked against.
        as_of: the date the check was made for (``None``: no date-dependent checks).
        issues: every issue, most severe first.
    """

    plan: str
    policy: str
    as_of: dt.date | None
    issues: tuple[ComplianceIssue, ...]

    @property
    def violations(self) -> tuple[ComplianceIssue, ...]:
        """Mandatory rules broken."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.VIOLATION)

    @property
    def warnings(self) -> tuple[ComplianceIssue, ...]:
        """In-principle rules broken with no waiver."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.WARNING)

    @property
    def information(self) -> tuple[ComplianceIssue, ...]:
        """Things worth knowing (waived deviations, optional rules, visits out of scope)."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no violation."""
        return not self.violations

    def summary(self, *, lang: str | None = "en") -> str:
        """One line: counts by severity (``lang="zh"``: in Chinese).

        >>> report = ComplianceReport(plan="P1", policy="weihai-2024-2026", as_of=None, issues=())
        >>> report.summary()
        'plan P1 under weihai-2024-2026: OK — 0 violation(s), 0 warning(s), 0 information'
        >>> report.summary(lang="zh")
        '巡查计划 P1（政策 weihai-2024-2026）：合规 — 违规 0 项，警示 0 项，提示 0 项'
        """
        lang = resolve(lang)
        verdict = text(N_("OK"), lang) if self.ok else text(N_("NOT COMPLIANT"), lang)
        return text(
            N_(
                "plan {plan} under {policy}: {verdict} — {violations} violation(s), "
                "{warnings} warning(s), {information} information"
            ),
            lang,
            plan=self.plan,
            policy=self.policy,
            verdict=verdict,
            violations=len(self.violations),
            warnings=len(self.warnings),
            information=len(self.information),
        )

    def in_language(self, lang: str | None) -> ComplianceReport:
        """The same report with every issue's ``message`` and ``hint`` rendered in ``lang``
        (for JSON output to a front end; the ids and parameters stay, so
        :meth:`ComplianceIssue.message_in` still gives any language)."""
        lang = resolve(lang)
        return attrs.evolve(
            self,
            issues=tuple(
                attrs.evolve(i, message=i.message_in(lang), hint=i.hint_in(lang))
                for i in self.issues
            ),
        )

    def rows(self, *, lang: str | None = "en") -> list[list[str]]:
        """The issues as table rows (see :meth:`render`); ``lang="zh"``: messages in Chinese."""
        lang = resolve(lang)
        return [
            [
                f"{i.severity.label} {i.severity.code}" if lang == "en" else i.severity.label,
                i.check,
                i.hospital or i.authority or "",
                i.visit or "",
                i.person or "",
                i.message_in(lang),
                f"{i.citation.document} {i.citation.clause}" if i.citation else "",
                i.hint_in(lang),
            ]
            for i in self.issues
        ]

    #: The column headers of :meth:`rows` in English output (Chinese labels beside the codes).
    HEADERS = (
        "级别 severity",
        "检查 check",
        "医院/单位",
        "巡查",
        "人员",
        "问题",
        "依据",
        "建议 hint",
    )

    #: The column headers of :meth:`rows` in Chinese output.
    HEADERS_ZH = ("级别", "检查项", "医院/单位", "巡查", "人员", "问题", "依据", "整改建议")

    def headers(self, *, lang: str | None = "en") -> tuple[str, ...]:
        """The column headers of :meth:`rows` in ``lang``."""
        return self.HEADERS_ZH if resolve(lang) == "zh" else self.HEADERS

    def render(self, *, lang: str | None = "en") -> str:
        """The report as a readable text table, with the summary line first.

        ``lang="zh"`` writes the summary, headers, messages and hints in Chinese; ``None`` takes
        the default language (``$HOSPITAL_INSPECTION_LANG``, then the system locale).
        """
        summary = self.summary(lang=lang)
        if not self.issues:
            return summary
        return summary + "\n\n" + render_table(self.headers(lang=lang), self.rows(lang=lang))

    def to_html(self, path: str | None = None, *, lang: str | None = None, **options: Any) -> str:
        """The report as a printable, self-contained A4 HTML document (title, summary, issues
        with their clauses); written to ``path`` when given. See
        :func:`hospital_inspection.display.report_document`.

        Returns:
            The HTML text.
        """
        document: str = _views.document(self, lang=resolve(lang), **options)
        if path is not None:
            _atomic.write_bytes(path, document.encode("utf-8"))
        return document

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """The report in a notebook: see :func:`hospital_inspection.display.report_html`."""
        html: str = _views.html(self)
        return html

    def to_frame(self, *, lang: str | None = "en") -> Any:
        """The issues as a pandas DataFrame, one row per issue (extra ``pandas``).

        See :func:`hospital_inspection.exports.frames.report_to_frame` for the columns;
        ``lang="zh"`` gives the messages and hints in Chinese.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        return _views.frame(self, lang=lang)
