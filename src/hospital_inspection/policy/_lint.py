"""Checks of a loaded policy: decision-table gaps and overlaps, citations verbatim (private)."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Level,
    Ownership,
    ScopeStatus,
    VisitKind,
)
from hospital_inspection.errors import RuleNotInPolicy
from hospital_inspection.i18n import N_, Message, joined, resolve, text
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy._clauses import TITLE, Clause, normalise_path, segment, span
from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import (
    EVENTS,
    FINDING_TRIGGERS,
    ChecklistRule,
    DeadlineRule,
    MeasureRule,
    ScopeRule,
    UnencodedRule,
    VisitDaysRule,
)
from hospital_inspection.policy._schema import Cells, Citation

__all__ = ["LintIssue", "iter_citations", "lint_policy", "normalise", "source_text"]

Cell = tuple[Level, Category, Ownership]
_INSPECTED = (ScopeStatus.IN_SCOPE, ScopeStatus.REFERENCE)


@attrs.frozen(kw_only=True)
class LintIssue:
    """One problem :func:`lint_policy` found.

    Attributes:
        code: ``scope-overlap``, ``scope-redundant``, ``days-gap``, ``days-overlap``,
            ``days-redundant``, ``citation-not-verbatim``, ``no-source``, ``reading-conflict``,
            ``clause-not-in-source``, ``citation-elsewhere``, ``unknown-event``,
            ``unknown-trigger``, ``event-not-checked``, ``trigger-not-known``, ``unencoded``
            or ``filter-matches-nothing``.
        severity: ``"error"`` or ``"warning"``.
        message: the problem in words.
        rules: the rules involved.
        cell: the decision-table cell (level, category, ownership), when there is one.
        visit_kind: the kind of visit the table is for, when there is one.
        message_id: the message's id in the catalog (its English text with ``{placeholders}``),
            when the issue came from :func:`lint_policy`; ``message`` is it rendered in English.
        params: the placeholders' values (text, or messages of their own).

    :meth:`message_in` and :meth:`text` give the message and the line in another language
    (``lang="zh"``: Chinese); the code stays as it is, as data.
    """

    code: str
    severity: str
    message: str
    rules: tuple[str, ...] = ()
    cell: Cell | None = None
    visit_kind: VisitKind | None = None
    message_id: str | None = None
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)

    @classmethod
    def compose(cls, *, message: Message, **fields: Any) -> LintIssue:
        """An issue whose message comes from the catalog; ``message`` is rendered in English."""
        return cls(message=str(message), message_id=message.id, params=message.params, **fields)

    def message_in(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"en"``, ``"zh"``; ``None``: the default language).

        An issue made by hand (no ``message_id``) reads as its ``message`` in every language.
        """
        if self.message_id is None:
            return self.message
        return Message(self.message_id, self.params).text(lang)

    def text(self, lang: str | None = None) -> str:
        """``severity: code: message`` in ``lang`` (the code as it is)."""
        lang = resolve(lang)
        if lang == "en":
            return str(self)
        severity = text(N_("error"), lang) if self.severity == "error" else self.severity
        if self.severity == "warning":
            severity = text(N_("warning"), lang)
        line = N_("{severity}: {code}: {message}")
        return text(line, lang, severity=severity, code=self.code, message=self.message_in(lang))

    def __str__(self) -> str:
        return f"{self.severity}: {self.code}: {self.message}"


def normalise(text: str) -> str:
    """Text with every whitespace character removed (the source texts break lines mid-sentence)."""
    return "".join(text.split())


def source_text(policy: Policy, document: str) -> str | None:
    """The shipped source text of ``document``, normalised, or ``None`` when the policy has none."""
    file = policy.sources.get(document)
    return normalise(file.read_text(encoding="utf-8")) if file is not None else None


def iter_citations(policy: Policy) -> Iterator[tuple[str, Citation]]:
    """Every citation of the policy with where it is (rules, checklist headings and items)."""
    for rid, rule in policy.rules.items():
        yield f"rules.{rid}.cite", rule.cite
        if isinstance(rule, ChecklistRule):
            for s in rule.sections:
                yield (
                    f"rules.{rid}.sections[{s.id}]",
                    Citation(document=rule.cite.document, clause=s.clause, text=s.text),
                )
            for i in rule.items:
                yield f"rules.{rid}.items[{i.id}]", i.citation
    for name, interp in policy.interpretations.items():
        yield f"interpretations.{name}.cite", interp.cite


def _cell_words(cell: Cell) -> Message:
    return Message(
        N_("{level} {category} ({ownership})"),
        {"level": cell[0].label, "category": cell[1].label, "ownership": cell[2].label},
    )


def _probe(cell: Cell) -> Hospital:
    return Hospital(
        id="lint", name="lint", level=cell[0], category=cell[1], ownership=cell[2], authority="lint"
    )


def _admin_levels(policy: Policy) -> list[AuthorityLevel | None]:
    """The administering authority's levels a scope can depend on (``[None]``: it does not)."""
    rules = [r for r in policy.rules.values() if isinstance(r, ScopeRule)]
    return list(AuthorityLevel) if any(r.administered_by for r in rules) else [None]


def _scope_issues(policy: Policy) -> Iterator[LintIssue]:
    rules = [r for r in policy.rules.values() if isinstance(r, ScopeRule)]
    levels = _admin_levels(policy)
    for kind in sorted({k for r in rules for k in r.visit_kinds}, key=lambda k: k.code):
        for cell in itertools.product(Level, Category, Ownership):
            seen: set[tuple[str, ...]] = set()
            for admin in levels:
                hits = [r for r in rules if kind in r.visit_kinds and r.matches(cell, admin)]
                ids = tuple(r.id for r in hits)
                if len(hits) < 2 or ids in seen:
                    continue
                seen.add(ids)
                yield _scope_overlap(hits, cell, kind)


def _scope_overlap(hits: list[ScopeRule], cell: Cell, kind: VisitKind) -> LintIssue:
    """One cell (at one administering level) that two or more scope rules cover."""
    agree = len({r.outcome for r in hits}) == 1
    says: list[Message | str] = [
        Message(N_("{rule} says {outcome}"), {"rule": r.id, "outcome": r.outcome.label})
        for r in hits
    ]
    return LintIssue.compose(
        code="scope-redundant" if agree else "scope-overlap",
        severity="warning" if agree else "error",
        message=Message(
            N_("{cell} for {kind}: {says}"),
            {"cell": _cell_words(cell), "kind": kind.label, "says": joined(says)},
        ),
        rules=tuple(r.id for r in hits),
        cell=cell,
        visit_kind=kind,
    )


def _status(
    policy: Policy, cell: Cell, kind: VisitKind, levels: list[AuthorityLevel | None]
) -> ScopeStatus:
    """The cell's scope; when it depends on the administering level, the widest over them."""
    found: set[ScopeStatus] = set()
    for admin in levels:
        tree = None
        if admin is not None:
            tree = AuthorityTree([Authority(id="lint", name="lint", level=admin)])
        try:
            found.add(policy.scope(_probe(cell), kind=kind, authorities=tree).value)
        except RuleNotInPolicy:
            found.add(ScopeStatus.IN_SCOPE)  # no scope rule: every cell must be covered
    return next((s for s in _INSPECTED if s in found), ScopeStatus.OUT_OF_SCOPE)


def _days_issues(policy: Policy) -> Iterator[LintIssue]:
    rules = [r for r in policy.rules.values() if isinstance(r, VisitDaysRule)]
    levels = _admin_levels(policy)
    for kind in sorted({k for r in rules for k in r.visit_kinds}, key=lambda k: k.code):
        for cell in itertools.product(Level, Category, Ownership):
            status = _status(policy, cell, kind, levels)
            if status not in _INSPECTED:
                continue
            hits = [r for r in rules if kind in r.visit_kinds and r.when.matches(*cell)]
            where = Message(
                N_("{cell}, {status}, for {kind}"),
                {"cell": _cell_words(cell), "status": status.label, "kind": kind.label},
            )
            if not hits:
                referenced = status is ScopeStatus.REFERENCE
                yield LintIssue.compose(
                    code="days-gap",
                    severity="warning" if referenced else "error",
                    message=Message(N_("{where}: no visit-days rule covers it"), {"where": where}),
                    cell=cell,
                    visit_kind=kind,
                )
            elif len(hits) > 1:
                agree = len({(r.days, r.day_unit) for r in hits}) == 1
                says: list[Message | str] = [
                    Message(
                        N_("{rule} says {days} {unit:t} days"),
                        {"rule": r.id, "days": r.days, "unit": _UNITS[r.day_unit.code]},
                    )
                    for r in hits
                ]
                yield LintIssue.compose(
                    code="days-redundant" if agree else "days-overlap",
                    severity="warning" if agree else "error",
                    message=Message(N_("{where}: {says}"), {"where": where, "says": joined(says)}),
                    rules=tuple(r.id for r in hits),
                    cell=cell,
                    visit_kind=kind,
                )


#: A day unit's code as a message id (``working`` / ``calendar``).
_UNITS = {"working": N_("working"), "calendar": N_("calendar")}


def misquote(quote: str, text: str) -> str:
    """Where ``quote`` stops agreeing with ``text``: the words that agree and the differing one.

    Example:
        >>> print(misquote("收到反馈意见之日起35日内", "应当自收到反馈意见之日起30日内，报送"))
        agrees up to '收到反馈意见之日起3', then has '5' (character 11) where the source has '0'
    """
    return str(_misquote(quote, text))


def _misquote(quote: str, text: str) -> Message:
    """:func:`misquote` as a message (a front end words it in the reader's language)."""
    q = normalise(quote)
    low, high = 0, len(q)  # the longest prefix of q found in text: q[:low] is found
    while low < high:
        mid = (low + high + 1) // 2
        if q[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return Message(
            N_("its first character {first} starts no passage of the source"),
            {"first": repr(q[:1])},
        )
    at = text.find(q[:low]) + low
    source: Message | str = repr(text[at]) if at < len(text) else Message(N_("the end of the text"))
    agreed = q[:low] if low <= 12 else "…" + q[low - 12 : low]
    return Message(
        N_("agrees up to {agreed}, then has {char} (character {n}) where the source has {source}"),
        {"agreed": repr(agreed), "char": repr(q[low]), "n": low + 1, "source": source},
    )


def _clauses(policy: Policy, document: str) -> list[Clause] | None:
    file = policy.sources.get(document)
    return segment(file.read_text(encoding="utf-8")) if file is not None else None


def _citation_issues(policy: Policy) -> Iterator[LintIssue]:
    texts: dict[str, str | None] = {}
    clauses: dict[str, list[Clause] | None] = {}
    for where, cite in iter_citations(policy):
        if cite.document not in texts:
            texts[cite.document] = source_text(policy, cite.document)
            clauses[cite.document] = _clauses(policy, cite.document)
        text = texts[cite.document]
        rule = where.split(".")[1]
        if text is None:
            yield LintIssue.compose(
                code="no-source",
                severity="warning",
                message=Message(
                    N_("{where}: no source text for {document}; cannot check the words"),
                    {"where": where, "document": cite.document},
                ),
                rules=(rule,),
            )
            continue
        found = clauses[cite.document] or []
        path = normalise_path(cite.clause)
        known = path == TITLE or any(c.path == path for c in found)
        if not known:
            near = difflib.get_close_matches(path, [c.path for c in found], n=1, cutoff=0.5)
            hint = Message(N_("; nearest: {clause}"), {"clause": near[0]}) if near else ""
            yield LintIssue.compose(
                code="clause-not-in-source",
                severity="error",
                message=Message(
                    N_("{where}: clause {clause} is not a numbered clause of {document}{hint}"),
                    {
                        "where": where,
                        "clause": repr(cite.clause),
                        "document": cite.document,
                        "hint": hint,
                    },
                ),
                rules=(rule,),
            )
        if normalise(cite.text) not in text:
            yield LintIssue.compose(
                code="citation-not-verbatim",
                severity="error",
                message=Message(
                    N_("{where}: {clause} {quote} is not in {document}: {misquote}"),
                    {
                        "where": where,
                        "clause": cite.clause,
                        "quote": repr(cite.text),
                        "document": cite.document,
                        "misquote": _misquote(cite.text, text),
                    },
                ),
                rules=(rule,),
            )
        elif known and path != TITLE and normalise(cite.text) not in span(found, path):
            yield LintIssue.compose(
                code="citation-elsewhere",
                severity="warning",
                message=Message(
                    N_(
                        "{where}: the words {quote} are in {document} but not under clause {clause}"
                    ),
                    {
                        "where": where,
                        "quote": repr(cite.text),
                        "document": cite.document,
                        "clause": cite.clause,
                    },
                ),
                rules=(rule,),
            )


def _nearest(name: str, known: Mapping[str, str]) -> str | None:
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return found[0] if found else None


def _name_issues(policy: Policy) -> Iterator[LintIssue]:
    """Event and trigger names the engine does not know: a typo (nearest name) or unchecked."""
    for rid, rule in policy.rules.items():
        names: list[tuple[str, str, Mapping[str, str], str]] = []
        if isinstance(rule, DeadlineRule):
            names = [
                (key, value, EVENTS, "event")
                for key in ("event", "trigger", "before")
                if (value := getattr(rule, key)) is not None
            ]
        elif isinstance(rule, MeasureRule):
            names = [("triggers", t, FINDING_TRIGGERS, "trigger") for t in sorted(rule.triggers)]
        for key, value, known, noun in names:
            if value in known:
                continue
            near = _nearest(value, known)
            if near is not None:
                unknown = (
                    N_("{where}: {value} is not a known event; did you mean {near}?")
                    if noun == "event"
                    else N_("{where}: {value} is not a known trigger; did you mean {near}?")
                )
                yield LintIssue.compose(
                    code=f"unknown-{noun}",
                    severity="error",
                    message=Message(
                        unknown,
                        {"where": f"rules.{rid}.{key}", "value": repr(value), "near": repr(near)},
                    ),
                    rules=(rid,),
                )
            else:
                unchecked = (
                    N_("{where}: {value} is not a event the library knows ({known}); nothing "
                       "checks it")
                    if noun == "event"
                    else N_("{where}: {value} is not a trigger the library knows ({known}); "
                            "nothing checks it")
                )  # fmt: skip
                yield LintIssue.compose(
                    code="event-not-checked" if noun == "event" else "trigger-not-known",
                    severity="warning",
                    message=Message(
                        unchecked,
                        {
                            "where": f"rules.{rid}.{key}",
                            "value": repr(value),
                            "known": ", ".join(sorted(known)),
                        },
                    ),
                    rules=(rid,),
                )


def _unencoded_issues(policy: Policy) -> Iterator[LintIssue]:
    for rid, rule in policy.rules.items():
        if isinstance(rule, UnencodedRule):
            yield LintIssue.compose(
                code="unencoded",
                severity="error",
                message=Message(
                    N_("{where}: UNENCODED {clause} {quote}: {reason}"),
                    {
                        "where": f"rules.{rid}",
                        "clause": rule.cite.clause,
                        "quote": repr(rule.cite.text),
                        "reason": rule.reason,
                    },
                ),
                rules=(rid,),
            )


def _leaves(table: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in table.items():
        if isinstance(value, Mapping) and value:
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key)


def _reading_issues(policy: Policy) -> Iterator[LintIssue]:
    touched = {
        name: {leaf for c in i.choices.values() for leaf in _leaves(c.patch)}
        for name, i in policy.interpretations.items()
    }
    for a, b in itertools.combinations(sorted(touched), 2):
        clash = sorted(
            ".".join(x)
            for x in touched[a]
            for y in touched[b]
            if x[: len(y)] == y or y[: len(x)] == x
        )
        if clash:
            yield LintIssue.compose(
                code="reading-conflict",
                severity="error",
                message=Message(
                    N_(
                        "interpretations {a} and {b} both patch {keys}; their choices would not "
                        "compose"
                    ),
                    {"a": a, "b": b, "keys": ", ".join(clash)},
                ),
                rules=tuple(sorted({c.split(".")[0] for c in clash})),
            )


def _filters(policy: Policy) -> Iterator[tuple[str, str, Cells]]:
    """Every cell filter of the policy: where it is, its rule and its cells."""
    for rid, rule in policy.rules.items():
        when = getattr(rule, "when", None)
        if isinstance(when, Cells):
            yield f"rules.{rid}.when", rid, when
        if isinstance(rule, ChecklistRule):
            for i in rule.items:
                if i.applies_to is not None:
                    yield f"rules.{rid}.items[{i.id}].applies_to", rid, i.applies_to


def _filter_issues(policy: Policy) -> Iterator[LintIssue]:
    """A cell filter with an empty list (``levels = []``): no hospital passes it.

    (An empty ``administered_by`` means any level, as documented, so it is never empty.)
    """
    for where, rid, cells in _filters(policy):
        empty = [
            name
            for name, axis in (
                ("levels", cells.levels),
                ("categories", cells.categories),
                ("ownerships", cells.ownerships),
            )
            if axis is not None and not axis
        ]
        if empty:
            yield LintIssue.compose(
                code="filter-matches-nothing",
                severity="error",
                message=Message(
                    N_(
                        "{where}: {keys} = [] lets no hospital through; leave the key out for "
                        "any, or name the values"
                    ),
                    {"where": where, "keys": ", ".join(empty)},
                ),
                rules=(rid,),
            )


def lint_policy(policy: Policy) -> list[LintIssue]:
    """Check a policy: gaps and overlaps in its decision tables, and its citations.

    - scope: two scope rules covering one cell (error when they disagree);
    - visit days: an in-scope cell (level x category x ownership) no rule covers (an error; a
      warning for a 参照执行 cell, which applies the rules only by reference), or a cell that two
      rules cover (error when they disagree);
    - citations: a clause path that is not a numbered clause of the source text (with the
      nearest one), words not found verbatim (whitespace aside) in the source text (pointing at
      the first character that differs), words found but under another clause (a warning);
    - names: an event, trigger or ``before`` of a deadline, or a measure's trigger, that the
      library does not know: an error naming the nearest known name when one is close (a
      typo), else a warning that nothing checks it;
    - drafts: every ``unencoded`` rule (a clause ``policy init`` could not read) is an error;
    - readings: two interpretations patching the same key of a rule (they would not compose);
    - filters: a ``when`` or a checklist item's ``applies_to`` with an empty list
      (``levels = []``), which no hospital passes.

    Example:
        >>> import hospital_inspection as hi
        >>> hi.lint_policy(hi.load_policy("weihai-2024-2026"))
        []
    """
    return [
        *_scope_issues(policy),
        *_days_issues(policy),
        *_citation_issues(policy),
        *_name_issues(policy),
        *_unencoded_issues(policy),
        *_reading_issues(policy),
        *_filter_issues(policy),
    ]
