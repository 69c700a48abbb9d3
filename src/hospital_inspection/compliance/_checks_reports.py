"""The report checks of the compliance checker (private): reports submitted late, yearly
reports due from each authority, and reports that are missing as of the check date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hospital_inspection.compliance._checks_base import _CheckerBase, msg
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy import DeadlineKind, DeadlineRule


class _ReportsMixin(_CheckerBase):
    """The checks of the plan's reports (private)."""

    def check_reports(self) -> None:
        yearly: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        for report in self.plan.reports:
            rule = self.policy.rules.get(report.rule)
            if isinstance(rule, DeadlineRule) and rule.form is DeadlineKind.YEARLY:
                yearly[(rule.id, report.by)].append(report.date)
                continue
            if not isinstance(rule, DeadlineRule) or rule.last_day is None:
                raise DataError(
                    Message(
                        N_("plan.reports: {rule} is not a fixed deadline of {policy}"),
                        {"rule": repr(report.rule), "policy": self.policy.id},
                    )
                )
            decided = next(d for d in self.policy.deadlines() if d.rule == report.rule)
            if report.date > rule.last_day:
                self.add(
                    "report_late",
                    msg(
                        N_("{report} submitted {submitted} by {by}, after {due}"),
                        report=rule.description,
                        submitted=report.date,
                        by=report.by,
                        by_name=self._name(report.by),
                        due=rule.last_day,
                    ),
                    msg(N_("submit on time; record the reason in the report")),
                    decided,
                    authority=report.by,
                )
        self._check_yearly_reports(yearly)
        self._check_missing_reports()

    def _check_yearly_reports(self, submitted: dict[tuple[str, str], list[dt.date]]) -> None:
        """每年M月D日前: the n-th submission of an authority answers the n-th year's deadline."""
        owner = self.plan.authority
        below = [a for a in self.tree if a.id == owner or self.tree.is_above(owner, a.id)]
        for decided in self.policy.deadlines():
            rule = decided.value
            if rule.form is not DeadlineKind.YEARLY:
                continue
            dates = self.policy.yearly_dates(rule.id)
            who = {by for (rid, by) in submitted if rid == rule.id}
            who |= {a.id for a in below if a.level in rule.submitted_by}
            for by in sorted(who):
                reports = sorted(submitted.get((rule.id, by), []))
                for n, due in enumerate(dates):
                    got = reports[n] if n < len(reports) else None
                    if got is not None and got > due:
                        self.add(
                            "report_late",
                            msg(
                                N_(
                                    "{report} for {year} submitted {submitted} by {by}, after {due}"
                                ),
                                report=rule.description,
                                year=due.year,
                                submitted=got,
                                by=by,
                                by_name=self._name(by),
                                due=due,
                            ),
                            msg(N_("submit on time; record the reason in the report")),
                            decided,
                            authority=by,
                        )
                    elif got is None and self.as_of is not None and self.as_of > due:
                        self.add(
                            "report_missing",
                            msg(
                                N_(
                                    "{authority} has no {report} for {year} recorded; it was due "
                                    "on or before {due}"
                                ),
                                authority=self._name(by),
                                authority_id=by,
                                report=rule.description,
                                year=due.year,
                                due=due,
                                rule=rule.id,
                            ),
                            msg(
                                N_(
                                    "record the submission on the plan (ReportSubmission "
                                    "rule={rule!r}, by={authority_id!r}) or submit the report"
                                )
                            ),
                            decided,
                            authority=by,
                        )

    def _check_missing_reports(self) -> None:
        """As of a day past a fixed deadline, every authority that owes a report has one."""
        if self.as_of is None:
            return
        as_of = self.as_of
        owner = self.plan.authority
        submitted = {(r.rule, r.by) for r in self.plan.reports}
        below = sorted(
            (a for a in self.tree if a.id == owner or self.tree.is_above(owner, a.id)),
            key=lambda a: a.id,
        )
        for decided in self.policy.deadlines():
            rule = decided.value
            if rule.form is DeadlineKind.YEARLY:
                continue  # see _check_yearly_reports
            if not rule.submitted_by or rule.last_day is None or as_of <= rule.last_day:
                continue
            for authority in below:
                if (
                    authority.level in rule.submitted_by
                    and (rule.id, authority.id) not in submitted
                ):
                    self.add(
                        "report_missing",
                        msg(
                            N_(
                                "{authority} has no {report} recorded; it was due on or before "
                                "{due}"
                            ),
                            authority=authority.name,
                            authority_id=authority.id,
                            report=rule.description,
                            due=rule.last_day,
                            rule=rule.id,
                            plan=self.plan.id,
                        ),
                        msg(
                            N_(
                                "record the submission on the plan (ReportSubmission "
                                "rule={rule!r}, by={authority_id!r}) or submit the report"
                            )
                        ),
                        decided,
                        authority=authority.id,
                    )
