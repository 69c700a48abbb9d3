"""What a schedule does not do, said out loud: hospitals left out and authority/region mismatches.

The scheduler plans a visit for every hospital in scope. A hospital the policy puts under
reference (参照执行) without ``include_reference``, or out of scope, gets no visit; a hospital that
lies outside the territory of its administering authority (主管部门) is still inspected on the
authority's side, which may surprise the district (区市) it lies in. :func:`schedule_notes`
lists each, one line per hospital, so that the CLI prints them and ``schedule --out`` keeps them
with the plan.

>>> import hospital_inspection as hi
>>> data = hi.sample_data("weihai")
>>> notes = hi.schedule_notes(data.hospitals, "weihai-2024-2026", authorities=data.authorities)
>>> any("参照执行" in n for n in notes)
True
"""

from __future__ import annotations

from collections.abc import Iterable

from hospital_inspection._validate import require_bool, require_items
from hospital_inspection.enums import ScopeStatus, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message, resolve, text
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy import Policy, load_policy

__all__ = ["schedule_notes"]

#: The names of the binding constraint a schedule's lower bound reports
#: (``ScheduleStats.binding``), as message ids: a Chinese summary translates them (``{binding:t}``).
BINDING_NAMES = (
    N_("capacity"),
    N_("rest days"),
    N_("team leaders"),
    N_("officials"),
    N_("chain"),
    N_("none"),
    N_("experts (availability and caps)"),
    N_("officials (availability and caps)"),
    N_("cp-sat"),
)


def schedule_notes(
    hospitals: Iterable[Hospital],
    policy: Policy | str,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    include_reference: bool = False,
    kind: VisitKind | str = VisitKind.REGULAR,
    lang: str | None = "en",
) -> tuple[str, ...]:
    """One line for each hospital a schedule leaves out or whose authority and region disagree.

    Args:
        hospitals: the hospitals given to the scheduler.
        policy: the policy, or its id.
        authorities: the authority tree, or its nodes.
        include_reference: whether hospitals under reference (参照执行) are scheduled.
        kind: the kind of visit.
        lang: the language of the lines: ``"en"`` (the default, what a plan file keeps) or
            ``"zh"`` (as an office writes them: names, not ids); ``None`` for the default
            output language (see :func:`hospital_inspection.i18n.resolve`).

    Raises:
        DataError: an argument has the wrong type, or ``lang`` names no supported language.
    """
    if isinstance(policy, str):
        policy = load_policy(policy)
    if not isinstance(policy, Policy):
        raise DataError(
            Message(N_("policy: {value} is not a Policy or a policy id"), {"value": repr(policy)})
        )
    items = require_items(hospitals, Hospital, "hospitals")
    require_bool(include_reference, "include_reference")
    visit_kind = VisitKind.parse(kind)
    tree = (
        authorities
        if isinstance(authorities, AuthorityTree)
        else AuthorityTree(require_items(authorities, Authority, "authorities"))
    )
    lang = resolve(lang)
    notes: list[str] = []
    for h in sorted(items, key=lambda x: x.id):
        who = (
            f"{h.id} {h.name} ({h.rating} {h.category.label}, {h.ownership.label})"
            if lang == "en"
            else text(
                N_("{name} ({rating} {category}, {ownership})"),
                lang,
                name=h.name,
                rating=h.rating,
                category=h.category.label,
                ownership=h.ownership.label,
            )
        )
        try:
            decision = policy.scope(h, kind=visit_kind)
        except RuleNotInPolicy:
            notes.append(
                text(
                    N_("{who}: left out — no scope rule of {policy} covers it"),
                    lang,
                    who=who,
                    policy=policy.id,
                )
            )
            continue
        where = f"{decision.citation.document} {decision.citation.clause}"
        if decision.value is ScopeStatus.OUT_OF_SCOPE:
            out = N_("{who}: left out — out of scope under {where}")
            notes.append(text(out, lang, who=who, where=where))
        elif decision.value is ScopeStatus.REFERENCE and not include_reference:
            reference = N_(
                "{who}: left out — 参照执行 (by reference) under {where}; "
                "schedule it with include_reference (--include-reference)"
            )
            notes.append(text(reference, lang, who=who, where=where))
        if h.authority not in tree:
            continue
        authority = tree[h.authority]
        territory = _territory(tree, authority)
        if territory and h.region and h.region not in territory:
            elsewhere = N_(
                "{who}: lies in {region} but is administered by {authority}, which governs "
                "{territory}; the inspecting authority follows the administrator (主管部门), "
                "not the region"
            )
            notes.append(
                text(
                    elsewhere,
                    lang,
                    who=who,
                    region=h.region,
                    authority=authority.id if lang == "en" else authority.name,
                    territory=", ".join(sorted(territory)),
                )
            )
    return tuple(notes)


def _territory(tree: AuthorityTree, authority: Authority) -> set[str]:
    """The regions ``authority`` governs: its own and those of every authority below it."""
    regions: set[str] = set()
    todo = [authority]
    while todo:
        a = todo.pop()
        if a.region:
            regions.add(a.region)
        todo.extend(tree.children(a.id))
    return regions
