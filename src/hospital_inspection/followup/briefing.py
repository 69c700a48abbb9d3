"""What an inspection team brings to a visit (带着问题): the visit's briefing.

威卫办〔2024〕11号 五、(二): "要带着问题开展巡查，结合对医院党委的巡察反馈、医院等级评审情况、卫生
监督处罚情况、医保基金检查情况等". A :class:`Briefing` lists, for one hospital on one day, what
the team must bring, each entry with its source:

1. for a 回头看 that looks back on an earlier round (Jilin's 2021 回头看 of the 2020 round,
   吉卫便函〔2021〕2号 二、(四), 二、(五)1.), the findings of that round first;
2. the hospital's findings with an item still open (from the ledger);
3. the duties overdue on that day (from the ledger), with the party that owes them;
4. problems the user attaches from other sources (巡察反馈, 等级评审, 卫生监督处罚,
   医保基金检查 …), each a :class:`Problem` with its source.

>>> import datetime as dt, hospital_inspection as hi
>>> from hospital_inspection.followup.briefing import Problem, briefing
>>> ledger = hi.Ledger()
>>> _ = ledger.add_finding(hi.Finding(id="F1", hospital="H1", round="2025", description="台账缺失",
...                                   found_on=dt.date(2025, 3, 1), found_by="E1"),
...                        measures=[hi.Measure(code="m", label="限期整改")])
>>> b = briefing(ledger, "H1", as_of=dt.date(2025, 9, 1), problems=[
...     Problem(source="医保基金检查", description="超标准收费", reference="医保检〔2025〕3号")])
>>> [(e.source.label, e.description) for e in b.entries]
[('整改台账', '台账缺失'), ('医保基金检查', '超标准收费')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.citations import Citation
from hospital_inspection.enums import LabeledEnum, MeasureScope, Party
from hospital_inspection.errors import DataError
from hospital_inspection.followup.findings import Finding
from hospital_inspection.i18n import N_, Message

if TYPE_CHECKING:
    from hospital_inspection.followup.ledger import Ledger
    from hospital_inspection.policy import Policy

__all__ = ["Briefing", "BriefingEntry", "Problem", "ProblemSource", "briefing"]


class ProblemSource(LabeledEnum):
    """Where a problem the team brings comes from (威卫办〔2024〕11号 五、(二) names four)."""

    LOOKED_BACK_ROUND = "looked_back_round", "上轮巡查问题", "首轮巡查问题"
    LEDGER = "ledger", "整改台账"
    OVERDUE = "overdue", "逾期未完成"
    PARTY_INSPECTION = "party_inspection", "巡察反馈", "对医院党委的巡察反馈"
    GRADE_REVIEW = "grade_review", "等级评审", "医院等级评审"
    HEALTH_SUPERVISION = "health_supervision", "卫生监督处罚", "卫生监督"
    MEDICAL_INSURANCE = "medical_insurance", "医保基金检查", "医保检查"
    OTHER = "other", "其他"


@attrs.frozen(kw_only=True)
class Problem:
    """A problem known from another source, attached to a briefing by the user.

    Attributes:
        source: where it comes from (巡察反馈, 等级评审, 卫生监督处罚, 医保基金检查, 其他).
        description: what the problem is.
        reference: a document number or file reference, if any.
        found_on: when it was found or decided, if known.
    """

    source: ProblemSource = attrs.field(
        converter=v.enum_converter(ProblemSource),  # type: ignore[misc]
        validator=v.member_of(ProblemSource),
    )
    description: str = attrs.field(validator=v.non_empty_str)
    reference: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    found_on: dt.date | None = attrs.field(default=None, validator=v.optional_date)


@attrs.frozen(kw_only=True)
class BriefingEntry:
    """One thing the team brings, with its source.

    Attributes:
        source: where it comes from.
        description: the problem.
        reference: the finding or item id in the ledger, or the outside reference.
        round: the round of a ledger finding.
        party: who owes an overdue duty.
        days_overdue: by how many days, for an overdue duty.
    """

    source: ProblemSource
    description: str
    reference: str | None = None
    round: str | None = None
    party: Party | None = None
    days_overdue: int | None = None


@attrs.frozen(kw_only=True)
class Briefing:
    """What the team brings to one hospital, as of a day (see the module's docstring).

    Attributes:
        hospital: the hospital's id.
        as_of: the day (usually the visit's first day).
        round: the visit's round, if given.
        looks_back_on: the round the visit looks back on, if it is a 回头看 that does.
        entries: in order: the looked-back round's findings, open findings, overdue duties,
            attached problems.
        citations: the clauses that ask for it (带着问题; the 回头看's targets).
    """

    hospital: str
    as_of: dt.date
    round: str | None
    looks_back_on: str | None
    entries: tuple[BriefingEntry, ...]
    citations: tuple[Citation, ...] = ()

    def of(self, source: ProblemSource | str) -> tuple[BriefingEntry, ...]:
        """The entries from one source."""
        wanted = ProblemSource.parse(source)
        return tuple(e for e in self.entries if e.source is wanted)


def briefing(
    ledger: Ledger,
    hospital: str,
    *,
    as_of: dt.date,
    round: str | None = None,
    policy: Policy | None = None,
    problems: Iterable[Problem] = (),
) -> Briefing:
    """What the team must bring to ``hospital`` on ``as_of`` (带着问题).

    Args:
        ledger: the rectification ledger.
        hospital: the hospital's id.
        as_of: the day (usually the visit's first day).
        round: the visit's round id; with ``policy``, a 回头看 round that looks back on an
            earlier round puts that round's findings first.
        policy: the policy whose rounds and provisions to consult (default: none).
        problems: problems from other sources, each with its source.

    Raises:
        DataError: ``round`` is not a round of ``policy``, or a problem is not a ``Problem``.
    """
    as_of = v.require_date(as_of, "as_of")
    attached = tuple(problems)
    for p in attached:
        if not isinstance(p, Problem):
            raise DataError(Message(N_("problems: {value} is not a Problem"), {"value": repr(p)}))
    looks_back_on: str | None = None
    citations: list[Citation] = []
    if policy is not None:
        for d in policy.provisions():
            if d.value.code == "bring_problems":
                citations.append(d.citation)
        if round is not None:
            known = {r.id: r for r in policy.rounds}
            if round not in known:
                raise DataError(
                    Message(
                        N_("round: {value} is not a round of {policy}; expected one of {known}"),
                        {"value": repr(round), "policy": policy.id, "known": ", ".join(known)},
                    )
                )
            chosen = known[round]
            looks_back_on = chosen.looks_back_on
            if chosen.looks_back_rule is not None:
                citations.append(policy.rules[chosen.looks_back_rule].cite)
    mine = [f for f in ledger.findings if f.hospital == hospital and f.found_on <= as_of]
    entries: list[BriefingEntry] = []
    seen: set[str] = set()

    def add(source: ProblemSource, f: Finding) -> None:
        seen.add(f.id)
        entries.append(
            BriefingEntry(source=source, description=f.description, reference=f.id, round=f.round)
        )

    if looks_back_on is not None:
        for f in mine:
            if f.round == looks_back_on:
                add(ProblemSource.LOOKED_BACK_ROUND, f)
    open_ids = {i.finding for i in ledger.open_items(as_of)}
    for f in mine:
        if f.id in open_ids and f.id not in seen:
            add(ProblemSource.LEDGER, f)
    for o in ledger.overdue(as_of):
        if o.finding.hospital == hospital:
            entries.append(
                BriefingEntry(
                    source=ProblemSource.OVERDUE,
                    description=(
                        f"{o.item.measure.label}（本轮全部问题）"
                        if o.item.measure.scope is MeasureScope.HOSPITAL
                        else f"{o.item.measure.label}: {o.finding.description}"
                    ),
                    reference=o.item.id,
                    round=o.finding.round,
                    party=o.item.party,
                    days_overdue=o.days,
                )
            )
    for p in attached:
        entries.append(
            BriefingEntry(source=p.source, description=p.description, reference=p.reference)
        )
    return Briefing(
        hospital=hospital,
        as_of=as_of,
        round=round,
        looks_back_on=looks_back_on,
        entries=tuple(entries),
        citations=tuple(citations),
    )
