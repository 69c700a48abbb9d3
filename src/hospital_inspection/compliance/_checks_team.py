"""The team composition checks of the compliance checker (private): the size and shape of
each visit's team, the share of external experts, conflicts of interest with the hospital,
and people booked on two visits at once."""

from __future__ import annotations

import functools
import operator
from collections import defaultdict

from hospital_inspection.compliance._checks_base import _CheckerBase, msg
from hospital_inspection.enums import Role
from hospital_inspection.i18n import N_
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.visits import Member, Visit
from hospital_inspection.policy import Decision, ExternalExpertsRule, TeamSpec

_by_start = operator.attrgetter("first_day", "id")


class _TeamMixin(_CheckerBase):
    """The checks of who is on each team (private)."""

    @functools.cached_property
    def _employers(self) -> frozenset[str]:
        """The ids of the hospitals that employ someone (回避 can only concern these)."""
        return frozenset(e.employer for e in self.people.values() if e.employer is not None)

    def _serves(self, member: Member, role: Role) -> bool:
        if member.role is role:
            return True
        if role is Role.EXPERT and member.role is Role.TEAM_LEADER:
            return self.people[member.person].is_expert
        return False

    def _served(self, visit: Visit) -> dict[Role, int]:
        """How many members serve in each role (as ``_serves`` counts them), in one pass."""
        served: dict[Role, int] = {}
        for m in visit.team:
            role = m.role
            served[role] = served.get(role, 0) + 1
            if role is Role.TEAM_LEADER and self.people[m.person].is_expert:
                served[Role.EXPERT] = served.get(Role.EXPERT, 0) + 1
        return served

    def check_team(self, visit: Visit, h: Hospital) -> None:
        spec = self._decided(("team", visit.kind), lambda: self.policy.team(kind=visit.kind))
        if spec is not None:
            served = self._served(visit)
            for slot in spec.value.slots:
                count = served.get(slot.role, 0)
                too_few = count < slot.min
                too_many = slot.max is not None and count > slot.max
                if too_few or too_many:
                    asks = (
                        N_(
                            "the team has {count} {role} ({role_code}); the policy asks for "
                            "{min} (team: {team})"
                        )
                        if slot.max == slot.min
                        else (
                            N_(
                                "the team has {count} {role} ({role_code}); the policy asks for "
                                "{min}-{max} (team: {team})"
                            )
                            if slot.max is not None
                            else N_(
                                "the team has {count} {role} ({role_code}); the policy asks for "
                                "at least {min} (team: {team})"
                            )
                        )
                    )
                    self.add(
                        "team_composition",
                        msg(
                            asks,
                            count=count,
                            role=slot.role.label,
                            role_code=slot.role.code,
                            min=slot.min,
                            max=slot.max,
                            team=spec.value,
                            hospital=h.name,
                        ),
                        msg(N_("add {role} members") if too_few else N_("remove {role} members")),
                        spec,
                        hospital=h.id,
                        visit=visit.id,
                    )
            self._check_team_shape(visit, h, spec)
        self._check_external_share(visit, h)

    def _check_team_shape(self, visit: Visit, h: Hospital, spec: Decision[TeamSpec]) -> None:
        """Head count (5至9人), who may lead (组长由…担任) and where members come from."""
        team = spec.value
        size = len(visit.team)
        low, high = team.size_min, team.size_max
        if (low is not None and size < low) or (high is not None and size > high):
            self.add(
                "team_size",
                msg(
                    N_(
                        "the team has {size} member(s); the policy asks for {low}-any "
                        "(team: {team})"
                    )
                    if high is None
                    else N_(
                        "the team has {size} member(s); the policy asks for {low}-{high} "
                        "(team: {team})"
                    ),
                    size=size,
                    low=low if low is not None else 0,
                    high=high,
                    team=team,
                    hospital=h.name,
                ),
                msg(N_("add members") if low is not None and size < low else N_("remove members")),
                spec,
                hospital=h.id,
                visit=visit.id,
            )
        leaders: set[str] = set()
        for slot in team.slots:
            if not slot.leads:
                continue
            for m in visit.team:
                if not self._serves(m, slot.role):
                    continue
                leaders.add(m.person)
                need = slot.leader_role
                if need is not None and not self.people[m.person].can(need):
                    self.add(
                        "team_leader_role",
                        msg(
                            N_(
                                "{person} leads the team ({role}) but is not a {need} "
                                "({need_code}), who the policy says leads it"
                            ),
                            person=self.people[m.person].name,
                            role=slot.role.label,
                            need=need.label,
                            need_code=need.code,
                            hospital=h.name,
                        ),
                        msg(N_("make a {need} the {role}")),
                        spec,
                        hospital=h.id,
                        visit=visit.id,
                        person=m.person,
                    )
        source = team.members_from
        if source is None:
            return
        for m in visit.team:
            if m.person in leaders or m.role is Role.TEAM_LEADER:
                continue
            if m.role is not source or not self.people[m.person].can(source):
                self.add(
                    "team_member_source",
                    msg(
                        N_(
                            "{person} is on the team as {role}; the policy draws members from "
                            "the {source} ({source_code})"
                        ),
                        person=self.people[m.person].name,
                        role=m.role.label,
                        source=source.label,
                        source_code=source.code,
                        hospital=h.name,
                    ),
                    msg(N_("replace the member with a {source}")),
                    spec,
                    hospital=h.id,
                    visit=visit.id,
                    person=m.person,
                )

    def _check_external_share(self, visit: Visit, h: Hospital) -> None:
        inspector = self.tree[visit.authority]
        applies = self._decided(
            ("external_rule_applies", visit.authority, self.cell[h.id]),
            lambda: self.policy.external_expert_rule_applies(inspector, h),
        )
        if applies is None or not applies.value:
            return
        rule = self.policy.rules[applies.rule]
        assert isinstance(rule, ExternalExpertsRule)
        people, region = self.people, inspector.region
        experts = [
            m
            for m in visit.team
            if m.role is Role.EXPERT
            or (m.role is Role.TEAM_LEADER and people[m.person].is_expert)  # as _serves
        ]
        counted = list(visit.team) if rule.base.code == "team" else experts
        external = [m for m in experts if people[m.person].home_region != region]
        need = self._once(
            ("min_external", len(counted)), lambda: self.policy.min_external_experts(len(counted))
        )
        if len(external) < need.value:
            self.add(
                "external_share",
                msg(
                    N_(
                        "{external} of {counted} counted members are experts from another 区市; "
                        "at least {need} are needed"
                    ),
                    external=len(external),
                    counted=len(counted),
                    need=need.value,
                    more=need.value - len(external),
                    region=inspector.region,
                    inspector=inspector.name,
                    hospital=h.name,
                ),
                msg(N_("swap in {more} expert(s) whose home region is not {region}")),
                need,
                hospital=h.id,
                visit=visit.id,
            )

    def check_conflict_of_interest(self, visit: Visit, h: Hospital) -> None:
        if h.id not in self._employers:  # nobody on any team works there: nothing to look at
            return
        people = self.people
        for member in visit.team:
            if people[member.person].employer == h.id:
                self.add(
                    "conflict_of_interest",
                    msg(
                        N_(
                            "{person} works at {hospital} and is on its team "
                            "(回避; a general principle, not a clause of the policy document)"
                        ),
                        person=self.people[member.person].name,
                        hospital=h.name,
                    ),
                    msg(N_("replace the member with someone not employed by the hospital")),
                    hospital=h.id,
                    visit=visit.id,
                    person=member.person,
                )

    def _one_outing(self, a: Visit, b: Visit) -> bool:
        """Visits to two hospitals of one medical group (医联体) on the same days by the same
        team are one outing (牵头单位和成员单位同时巡查), not a double booking."""
        ga = self.hospitals[a.hospital].group if a.hospital in self.hospitals else None
        gb = self.hospitals[b.hospital].group if b.hospital in self.hospitals else None
        return (
            ga is not None
            and ga == gb
            and (a.first_day, a.last_day) == (b.first_day, b.last_day)
            and set(a.team) == set(b.team)
        )

    def check_double_booking(self) -> None:
        by_person: dict[str, list[Visit]] = defaultdict(list)
        for visit in self.plan.visits:
            for member in visit.team:
                by_person[member.person].append(visit)
        for person in sorted(by_person):
            visits = sorted(by_person[person], key=_by_start)
            latest = visits[0]
            for visit in visits[1:]:
                if visit.first_day <= latest.last_day and not self._one_outing(latest, visit):
                    self.add(
                        "double_booked",
                        msg(
                            N_(
                                "{person} is on {visit} and {other}, which overlap (a person "
                                "cannot be on site at two hospitals on one day)"
                            ),
                            person=self.people[person].name,
                            visit=latest.id,
                            other=visit.id,
                            hospital=self.hospitals[latest.hospital].name,
                            other_hospital=self.hospitals[visit.hospital].name,
                        ),
                        msg(N_("move one visit or replace the member")),
                        hospital=visit.hospital,
                        visit=visit.id,
                        person=person,
                    )
                if visit.last_day > latest.last_day:
                    latest = visit
