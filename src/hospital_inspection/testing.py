"""Hypothesis strategies that generate valid domain objects, for your own test suites.

Needs the ``testing`` extra (``pip install "hospital-inspection[testing]"``)::

    from hypothesis import given
    from hospital_inspection import testing as hit

    @given(hit.hospitals(level=hi.Level.TERTIARY))
    def test_tertiary_hospitals_need_seven_days(h):
        ...

Every strategy takes keyword-only arguments to pin a field; a pinned field accepts one value or
a strategy. Collections (``hospital_sets``, ``instances``) have distinct ids and consistent
references.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from hospital_inspection.citations import Citation
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Grade,
    Level,
    Ownership,
    Role,
    VisitKind,
    VisitMode,
)
from hospital_inspection.errors import MissingExtraError
from hospital_inspection.followup.findings import (
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    Severity,
)
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.model.authorities import Authority
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Member, Plan, Visit

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError("hospital_inspection.testing", "testing", "hypothesis") from exc

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "Instance",
    "authorities",
    "dates",
    "experts",
    "findings",
    "hospital_sets",
    "hospitals",
    "ids",
    "instances",
    "ledgers",
    "month_ends",
    "plans",
    "regions",
    "visits",
]

T = TypeVar("T")

#: Region codes used when none are given: Weihai's 区市 (see ``sample_data("weihai")``).
DEFAULT_REGIONS: tuple[str, ...] = (
    "huancui",
    "wendeng",
    "rongcheng",
    "rushan",
    "gaoqu",
    "jingqu",
    "lingang",
    "nanhai",
)

_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"


def _pin(value: T | SearchStrategy[T] | None, default: SearchStrategy[T]) -> SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def ids(prefix: str = "") -> SearchStrategy[str]:
    """Non-empty identifiers, optionally with a fixed prefix."""
    return st.text(_ID_ALPHABET, min_size=1, max_size=8).map(lambda s: prefix + s)


def regions(choices: Sequence[str] = DEFAULT_REGIONS) -> SearchStrategy[str]:
    """Region (区市) codes drawn from ``choices``."""
    return st.sampled_from(tuple(choices))


def month_ends(min_year: int = 2004, max_year: int = 2030) -> SearchStrategy[dt.date]:
    """Last days of months (the edge cases of month arithmetic)."""

    def last_day(year_month: tuple[int, int]) -> dt.date:
        year, month = year_month
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    return st.tuples(st.integers(min_year, max_year), st.integers(1, 12)).map(last_day)


def dates(
    min_value: dt.date = dt.date(2004, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> SearchStrategy[dt.date]:
    """Dates, with month ends and 29 February drawn explicitly often."""
    edges = month_ends(min_value.year, max_value.year).filter(lambda d: min_value <= d <= max_value)
    return st.one_of(st.dates(min_value, max_value), edges)


def hospitals(
    *,
    id: str | SearchStrategy[str] | None = None,
    level: Level | SearchStrategy[Level] | None = None,
    grade: Grade | SearchStrategy[Grade] | None = None,
    category: Category | SearchStrategy[Category] | None = None,
    ownership: Ownership | SearchStrategy[Ownership] | None = None,
    authority: str | SearchStrategy[str] | None = None,
    region: str | SearchStrategy[str] | None = None,
) -> SearchStrategy[Hospital]:
    """Valid hospitals; pin any field with a value or a strategy.

    A 专科医院 gets a specialty; an unrated hospital is ungraded.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Hospital:
        lv = draw(_pin(level, st.sampled_from(Level)))
        gr = (
            draw(_pin(grade, st.sampled_from(Grade))) if lv is not Level.UNRATED else Grade.UNGRADED
        )
        cat = draw(_pin(category, st.sampled_from(Category)))
        rg = draw(_pin(region, regions()))
        return Hospital(
            id=draw(_pin(id, ids("H"))),
            name=draw(st.sampled_from(("虚构", "示例", "样本"))) + f"{cat.label}",
            level=lv,
            grade=gr,
            category=cat,
            ownership=draw(_pin(ownership, st.sampled_from(Ownership))),
            authority=draw(_pin(authority, st.just(f"auth-{rg}"))),
            region=rg,
            specialty=draw(st.sampled_from(("口腔", "眼科", "肿瘤", "精神")))
            if cat is Category.SPECIALTY
            else None,
        )

    return build()


def authorities(
    *,
    id: str | SearchStrategy[str] | None = None,
    level: AuthorityLevel | SearchStrategy[AuthorityLevel] | None = None,
    parent: str | SearchStrategy[str | None] | None = None,
    region: str | SearchStrategy[str] | None = None,
) -> SearchStrategy[Authority]:
    """Valid authorities (a single node; see :func:`instances` for a consistent tree)."""
    return st.builds(
        Authority,
        id=_pin(id, ids("A")),
        name=st.sampled_from(("虚构市卫生健康委员会", "示例区卫生健康局")),
        level=_pin(level, st.sampled_from(AuthorityLevel)),
        parent=parent if isinstance(parent, st.SearchStrategy) else st.just(parent),
        region=_pin(region, regions()),
    )


def experts(
    *,
    id: str | SearchStrategy[str] | None = None,
    home_region: str | SearchStrategy[str] | None = None,
    employer: str | SearchStrategy[str | None] | None = None,
    roles: frozenset[Role] | SearchStrategy[frozenset[Role]] | None = None,
) -> SearchStrategy[Expert]:
    """Valid experts and officials."""
    return st.builds(
        Expert,
        id=_pin(id, ids("E")),
        name=st.sampled_from(("张某", "李某", "王某", "赵某")),
        home_region=_pin(home_region, regions()),
        employer=employer
        if isinstance(employer, st.SearchStrategy)
        else st.just(employer)
        if employer is not None
        else st.none() | ids("H"),
        roles=_pin(roles, st.frozensets(st.sampled_from(Role), min_size=1)),
        specialties=st.frozensets(
            st.sampled_from(("财务", "医疗质量", "党建", "行风")), max_size=2
        ),
    )


def visits(
    *,
    id: str | SearchStrategy[str] | None = None,
    hospital: str | SearchStrategy[str] | None = None,
    authority: str | SearchStrategy[str] | None = None,
    people: Sequence[str] | None = None,
    first_day: dt.date | SearchStrategy[dt.date] | None = None,
    max_days: int = 15,
) -> SearchStrategy[Visit]:
    """Valid visits; team members are drawn from ``people`` (default: generated ids)."""

    @st.composite
    def build(draw: st.DrawFn) -> Visit:
        start = draw(_pin(first_day, dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))))
        length = draw(st.integers(0, max_days - 1))
        pool = list(people) if people is not None else draw(st.lists(ids("E"), max_size=6))
        chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=6)) if pool else []
        team = [Member(person=p, role=Role.EXPERT) for p in chosen]
        with_leader: bool = draw(st.booleans())
        if team and with_leader:
            team[0] = Member(person=team[0].person, role=Role.TEAM_LEADER)
        return Visit(
            id=draw(_pin(id, ids("V"))),
            hospital=draw(_pin(hospital, ids("H"))),
            authority=draw(_pin(authority, ids("A"))),
            first_day=start,
            last_day=start + dt.timedelta(days=length),
            team=tuple(team),
            kind=draw(st.sampled_from(VisitKind)),
            mode=draw(st.sampled_from(VisitMode)),
            self_report_date=draw(st.none() | st.just(start - dt.timedelta(days=7))),
        )

    return build()


def plans(*, policy: str = "weihai-2024-2026", max_visits: int = 8) -> SearchStrategy[Plan]:
    """Valid plans with distinct visit ids."""

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        visit_ids = draw(st.lists(ids("V"), unique=True, max_size=max_visits))
        return Plan(
            id=draw(ids("P")),
            policy=policy,
            authority=draw(ids("A")),
            visits=tuple(draw(visits(id=v)) for v in visit_ids),
            round=draw(st.none() | st.just("2024-2026")),
        )

    return build()


@attrs.frozen(kw_only=True)
class Instance:
    """A consistent world: authorities (a city and its districts), hospitals and experts.

    Every hospital is administered by one of the authorities; every employer is one of the
    hospitals; ids are distinct.
    """

    authorities: tuple[Authority, ...]
    hospitals: tuple[Hospital, ...]
    experts: tuple[Expert, ...]


def hospital_sets(
    *, min_size: int = 0, max_size: int = 20, **fields: Any
) -> SearchStrategy[tuple[Hospital, ...]]:
    """Tuples of hospitals with distinct ids; ``fields`` pin fields as in :func:`hospitals`."""
    return st.lists(
        hospitals(**fields), min_size=min_size, max_size=max_size, unique_by=lambda h: h.id
    ).map(tuple)


def instances(
    *,
    region_codes: Sequence[str] = DEFAULT_REGIONS[:4],
    max_hospitals: int = 12,
    max_experts: int = 30,
    min_experts: int = 0,
) -> SearchStrategy[Instance]:
    """Consistent worlds for scheduling and compliance tests.

    One city commission (id ``"city"``) above one district authority per region
    (id ``"district-<region>"``); hospitals administered by the city (委属) or by their district.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Instance:
        city = Authority(id="city", name="虚构市卫生健康委员会", level=AuthorityLevel.CITY)
        districts = tuple(
            Authority(
                id=f"district-{r}",
                name=f"虚构{r}区卫生健康局",
                level=AuthorityLevel.DISTRICT,
                parent="city",
                region=r,
            )
            for r in region_codes
        )
        n_h = draw(st.integers(0, max_hospitals))
        hs: list[Hospital] = []
        for i in range(n_h):
            region = draw(st.sampled_from(tuple(region_codes)))
            authority = draw(st.sampled_from(("city", f"district-{region}")))
            hs.append(
                draw(
                    hospitals(id=f"H{i:03d}", region=region, authority=authority),
                )
            )
        n_e = draw(st.integers(min_experts, max_experts))
        employers: SearchStrategy[str | None] = st.none()
        if hs:
            employers = st.none() | st.sampled_from([h.id for h in hs])
        es = [
            draw(
                experts(
                    id=f"E{i:03d}",
                    home_region=regions(region_codes),
                    employer=employers,
                    roles=st.sampled_from(
                        (
                            frozenset({Role.EXPERT}),
                            frozenset({Role.EXPERT, Role.TEAM_LEADER}),
                            frozenset({Role.OFFICIAL}),
                            frozenset({Role.INTEGRITY_LEAD}),
                        )
                    ),
                )
            )
            for i in range(n_e)
        ]
        return Instance(authorities=(city, *districts), hospitals=tuple(hs), experts=tuple(es))

    return build()


# -- follow-up: findings and ledgers ----------------------------------------------------------

#: Trigger codes used by :func:`findings` when none are given (the policies define them).
DEFAULT_TRIGGERS: tuple[str, ...] = (
    "violation_clue",
    "rectification_required",
    "exemplary_practice",
    "leadership_mismanagement",
    "risk_or_complaint",
    "serious_problems",
    "serious_impact",
)


def findings(
    *,
    id: str | SearchStrategy[str] | None = None,
    hospital: str | SearchStrategy[str] | None = None,
    round: str | SearchStrategy[str] | None = None,
    found_on: dt.date | SearchStrategy[dt.date] | None = None,
    triggers: tuple[str, ...] | SearchStrategy[tuple[str, ...]] | None = None,
) -> SearchStrategy[Finding]:
    """Valid findings; triggers are drawn from :data:`DEFAULT_TRIGGERS` unless pinned."""
    return st.builds(
        Finding,
        id=_pin(id, ids("F")),
        hospital=_pin(hospital, ids("H")),
        round=_pin(round, st.sampled_from(("2024", "2025", "2026"))),
        description=st.sampled_from(("未建立整改台账", "药品采购未走平台", "医德考评未落实")),
        found_on=_pin(found_on, dates(dt.date(2021, 1, 1), dt.date(2028, 12, 31))),
        found_by=ids("E"),
        severity=st.sampled_from(Severity),
        checklist_item=st.none() | st.sampled_from(("三、(一)1.(1)", "三、(二)4.(8)")),
        triggers=_pin(
            triggers,
            st.lists(st.sampled_from(DEFAULT_TRIGGERS), unique=True, max_size=2).map(tuple),
        ),
        evidence=st.lists(st.sampled_from(("记录-01", "访谈-02", "凭证-03")), max_size=2).map(
            tuple
        ),
    )


def _measures() -> SearchStrategy[Measure]:
    citation = st.builds(
        Citation,
        document=st.sampled_from(("虚构文件〔2025〕1号",)),
        clause=st.sampled_from(("一、", "二、(三)")),
        text=st.sampled_from(("虚构条文：应当限期整改。",)),
    )
    return st.builds(
        Measure,
        code=st.sampled_from(("rectify", "publicise", "transfer_clues")),
        label=st.sampled_from(("限期整改", "公示", "线索移交")),
        citation=st.none() | citation,
        note=st.none() | st.just("手工添加"),
    )


def ledgers(*, max_findings: int = 6, max_hospitals: int = 3) -> SearchStrategy[Ledger]:
    """In-memory ledgers built through the public API, without a policy.

    Measures are added by hand (generated, not a policy's); some hospitals have received their
    feedback (their 整改报告 item opens with a generated due date, rule ``"testing"``); items
    move along the status machine with dates that never go backwards.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Ledger:
        ledger = Ledger()
        hospital_ids = [f"H{i}" for i in range(1, draw(st.integers(1, max_hospitals)) + 1)]
        n = draw(st.integers(0, max_findings))
        for k in range(n):
            ledger.add_finding(
                draw(
                    findings(
                        id=f"F{k:03d}",
                        hospital=st.sampled_from(hospital_ids),
                        round="2025",
                        found_on=dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                        triggers=(),
                    )
                )
            )
            for _ in range(draw(st.integers(0, 2))):
                ledger.add_measure(
                    f"F{k:03d}",
                    draw(_measures()),
                    responsible=draw(st.none() | st.sampled_from(("医务科", "财务科"))),
                )
        for h in hospital_ids:
            mine = [f for f in ledger.findings if f.hospital == h]
            if not mine or not draw(st.booleans()):
                continue
            latest = max(f.found_on for f in mine)
            received = latest + dt.timedelta(days=draw(st.integers(0, 40)))
            due = DueDate(
                date=received + dt.timedelta(days=draw(st.integers(0, 90))),
                rule="testing",
                trigger=received,
            )
            ledger.record_feedback(h, received, due=due)
        for item in ledger.items:
            day = item.opened_on
            for _ in range(draw(st.integers(0, 3))):
                moves = [s for s in ItemStatus if item.status.can_move_to(s)]
                if not moves:
                    break
                day += dt.timedelta(days=draw(st.integers(0, 60)))
                item = ledger.record_progress(
                    item.id,
                    draw(st.sampled_from(moves)),
                    on=day,
                    by="tester",
                    note=draw(st.none() | st.sampled_from(("已提交整改报告", "验收未通过"))),
                )
        return ledger

    return build()
