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
from typing import TYPE_CHECKING, Any

import attrs

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
from hospital_inspection.model.authorities import Authority
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Member, Plan, Visit

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError("hospital_inspection.testing", "testing", "hypothesis") from exc

from hospital_inspection._strategies_basic import _ID_ALPHABET as _ID_ALPHABET
from hospital_inspection._strategies_basic import T as T
from hospital_inspection._strategies_basic import _pin, dates, ids, month_ends
from hospital_inspection._strategies_followup import DEFAULT_TRIGGERS as DEFAULT_TRIGGERS
from hospital_inspection._strategies_followup import _measures as _measures
from hospital_inspection._strategies_followup import findings, ledgers

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


def regions(choices: Sequence[str] = DEFAULT_REGIONS) -> SearchStrategy[str]:
    """Region (区市) codes drawn from ``choices``."""
    return st.sampled_from(tuple(choices))


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
