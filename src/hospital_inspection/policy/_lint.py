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
    """

    code: str
    severity: str
    message: str
    rules: tuple[str, ...] = ()
    cell: Cell | None = None
    visit_kind: VisitKind | None = None

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


def _cell_words(cell: Cell) -> str:
    return f"{cell[0].label} {cell[1].label} ({cell[2].label})"


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
    return LintIssue(
        code="scope-redundant" if agree else "scope-overlap",
        severity="warning" if agree else "error",
        message=(
            f"{_cell_words(cell)} for {kind.label}: "
            + ", ".join(f"{r.id} says {r.outcome.label}" for r in hits)
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
            where = f"{_cell_words(cell)}, {status.label}, for {kind.label}"
            if not hits:
                referenced = status is ScopeStatus.REFERENCE
                yield LintIssue(
                    code="days-gap",
                    severity="warning" if referenced else "error",
                    message=f"{where}: no visit-days rule covers it",
                    cell=cell,
                    visit_kind=kind,
                )
            elif len(hits) > 1:
                agree = len({(r.days, r.day_unit) for r in hits}) == 1
                yield LintIssue(
                    code="days-redundant" if agree else "days-overlap",
                    severity="warning" if agree else "error",
                    message=f"{where}: "
                    + ", ".join(f"{r.id} says {r.days} {r.day_unit.code} days" for r in hits),
                    rules=tuple(r.id for r in hits),
                    cell=cell,
                    visit_kind=kind,
                )


def misquote(quote: str, text: str) -> str:
    """Where ``quote`` stops agreeing with ``text``: the words that agree and the differing one.

    Example:
        >>> print(misquote("收到反馈意见之日起35日内", "应当自收到反馈意见之日起30日内，报送"))
        agrees up to '收到反馈意见之日起3', then has '5' (character 11) where the source has '0'
    """
    q = normalise(quote)
    low, high = 0, len(q)  # the longest prefix of q found in text: q[:low] is found
    while low < high:
        mid = (low + high + 1) // 2
        if q[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return f"its first character {q[:1]!r} starts no passage of the source"
    at = text.find(q[:low]) + low
    source = repr(text[at]) if at < len(text) else "the end of the text"
    agreed = q[:low] if low <= 12 else "…" + q[low - 12 : low]
    return (
        f"agrees up to {agreed!r}, then has {q[low]!r} (character {low + 1}) "
        f"where the source has {source}"
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
            yield LintIssue(
                code="no-source",
                severity="warning",
                message=f"{where}: no source text for {cite.document}; cannot check the words",
                rules=(rule,),
            )
            continue
        found = clauses[cite.document] or []
        path = normalise_path(cite.clause)
        known = path == TITLE or any(c.path == path for c in found)
        if not known:
            near = difflib.get_close_matches(path, [c.path for c in found], n=1, cutoff=0.5)
            hint = f"; nearest: {near[0]}" if near else ""
            yield LintIssue(
                code="clause-not-in-source",
                severity="error",
                message=f"{where}: clause {cite.clause!r} is not a numbered clause of "
                f"{cite.document}{hint}",
                rules=(rule,),
            )
        if normalise(cite.text) not in text:
            yield LintIssue(
                code="citation-not-verbatim",
                severity="error",
                message=f"{where}: {cite.clause} {cite.text!r} is not in {cite.document}: "
                + misquote(cite.text, text),
                rules=(rule,),
            )
        elif known and path != TITLE and normalise(cite.text) not in span(found, path):
            yield LintIssue(
                code="citation-elsewhere",
                severity="warning",
                message=f"{where}: the words {cite.text!r} are in {cite.document} but not "
                f"under clause {cite.clause}",
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
                yield LintIssue(
                    code=f"unknown-{noun}",
                    severity="error",
                    message=f"rules.{rid}.{key}: {value!r} is not a known {noun}; "
                    f"did you mean {near!r}?",
                    rules=(rid,),
                )
            else:
                yield LintIssue(
                    code="event-not-checked" if noun == "event" else "trigger-not-known",
                    severity="warning",
                    message=f"rules.{rid}.{key}: {value!r} is not a {noun} the library knows "
                    f"({', '.join(sorted(known))}); nothing checks it",
                    rules=(rid,),
                )


def _unencoded_issues(policy: Policy) -> Iterator[LintIssue]:
    for rid, rule in policy.rules.items():
        if isinstance(rule, UnencodedRule):
            yield LintIssue(
                code="unencoded",
                severity="error",
                message=f"rules.{rid}: UNENCODED {rule.cite.clause} {rule.cite.text!r}: "
                f"{rule.reason}",
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
            yield LintIssue(
                code="reading-conflict",
                severity="error",
                message=f"interpretations {a} and {b} both patch {', '.join(clash)}; "
                "their choices would not compose",
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
            yield LintIssue(
                code="filter-matches-nothing",
                severity="error",
                message=f"{where}: {', '.join(empty)} = [] lets no hospital through; "
                "leave the key out for any, or name the values",
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
