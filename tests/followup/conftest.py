"""Fixtures for the follow-up ledger tests: the policies, as clearly-labelled TEST DOUBLES.

TEST DOUBLE — NOT THE LIBRARY'S POLICY ENGINE. The policy engine is built on another branch; until
it is merged, these stand-ins answer ``measures(trigger)``, ``rectification_due(received)`` and
``deadlines()`` with measures and citations copied verbatim from the seed documents
(``/work/shared/seeds``; ``test_policy_doubles_quote_the_seeds`` checks the quotes).

At merge, re-point the two fixtures ``jilin_policy`` and ``weihai_policy`` at
``hi.load_policy("jilin-2021")`` / ``hi.load_policy("weihai-2024-2026")``; the tests use nothing
else of the doubles.
"""

from __future__ import annotations

import calendar
import datetime as dt

import attrs
import pytest

from hospital_inspection.enums import Strength
from hospital_inspection.errors import RuleNotInPolicy

JILIN = "吉卫便函〔2021〕2号"
WEIHAI = "威卫办〔2024〕11号"

JILIN_DISPOSAL = (
    "对“回头看”机动巡查工作中发现的问题，参照《中国共产党巡视工作条例》有关要求，"
    "依法依规采取限期整改、全省通报、线索移交等措施处置。"
)
WEIHAI_SUPERVISION = (
    "按照“谁主管谁负责、谁巡查谁监督”的原则，各区市卫生健康行政部门要监督被巡查医疗机构认真落实整改，"
    "整改情况应当以适当方式公示，接受单位职工和人民群众监督。"
)
WEIHAI_SPECIAL = "可根据风险评估、举报投诉线索等情况，组织开展专项检查和飞行检查。"
WEIHAI_REPORT = "医疗机构收到巡查反馈意见后应在2个月内向上级卫生健康行政部门报送整改报告。"
WEIHAI_DISTRICT_REPORTS = (
    "各区市卫生健康行政部门应在2024年12月20日、2025年12月20日前，将本年度巡查工作报告报送至市卫生健康委，"
    "2026年10月20日前报送本周期的巡查工作报告。"
)
WEIHAI_EXEMPLARY = "要对巡查中发现的优秀榜样、先进事迹及时进行总结、宣传、推广"
WEIHAI_LEADERSHIP = (
    "对领导班子管理混乱或有重大失职行为的要按程序进行报告，作为领导班子考核、任用、评优的依据"
)
WEIHAI_CLUES = "对发现的违法违纪行为线索，按程序向有关部门移送。"


@attrs.frozen
class DoubleCitation:
    document: str
    clause: str
    text: str


@attrs.frozen
class DoubleMeasure:
    code: str
    label: str


@attrs.frozen
class DoubleDecision:
    value: object
    citation: DoubleCitation
    strength: Strength = Strength.MANDATORY


@attrs.frozen
class DoubleDeadline:
    date: dt.date
    rule: str
    trigger: dt.date | None = None
    rolled_from: dt.date | None = None
    provisional: bool = False
    id: str | None = None
    description: str | None = None


def _add_months(start: dt.date, months: int) -> dt.date:
    """民法典 第二百零二条: the corresponding day of the final month, else its last day."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@attrs.frozen
class PolicyDouble:
    """TEST DOUBLE of a policy (see the module docstring)."""

    id: str
    rules: dict[str, tuple[tuple[DoubleMeasure, ...], DoubleCitation, Strength]]
    due_rule: DoubleCitation | None = None
    fixed: tuple[DoubleDeadline, ...] = ()
    fixed_citation: DoubleCitation | None = None

    def measures(self, trigger: str) -> DoubleDecision:
        if trigger not in self.rules:
            raise RuleNotInPolicy(self.id, f"measures for {trigger!r}")
        measures, citation, strength = self.rules[trigger]
        return DoubleDecision(value=measures, citation=citation, strength=strength)

    def rectification_due(
        self, received: dt.date, *, calendar: object = None, roll_forward: bool | None = None
    ) -> DoubleDecision:
        if self.due_rule is None:
            raise RuleNotInPolicy(self.id, "rectification_due")
        value = DoubleDeadline(
            date=_add_months(received, 2), rule="weihai.rectification_report", trigger=received
        )
        return DoubleDecision(value=value, citation=self.due_rule)

    def deadlines(self) -> tuple[DoubleDecision, ...]:
        assert self.fixed_citation is not None
        return tuple(DoubleDecision(value=d, citation=self.fixed_citation) for d in self.fixed)


def _jilin() -> PolicyDouble:
    c = DoubleCitation(JILIN, "二、(六)", JILIN_DISPOSAL)
    m = Strength.MANDATORY
    return PolicyDouble(
        id="jilin-2021",
        rules={
            "rectification_required": (
                (DoubleMeasure("rectify_within_deadline", "限期整改"),),
                c,
                m,
            ),
            "violation_clue": ((DoubleMeasure("transfer_clues", "线索移交"),), c, m),
        },
    )


def _weihai() -> PolicyDouble:
    supervision = DoubleCitation(WEIHAI, "四、(三)", WEIHAI_SUPERVISION)
    special = DoubleCitation(WEIHAI, "四、(三)", WEIHAI_SPECIAL)
    m, o = Strength.MANDATORY, Strength.OPTIONAL
    return PolicyDouble(
        id="weihai-2024-2026",
        rules={
            "rectification_required": (
                (DoubleMeasure("rectify", "整改"), DoubleMeasure("publicise", "整改公示")),
                supervision,
                m,
            ),
            "risk_or_complaint": (
                (
                    DoubleMeasure("special_inspection", "专项检查"),
                    DoubleMeasure("flying_inspection", "飞行检查"),
                ),
                special,
                o,
            ),
            "exemplary_practice": (
                (DoubleMeasure("promote", "总结、宣传、推广"),),
                DoubleCitation(WEIHAI, "五、(四)", WEIHAI_EXEMPLARY),
                m,
            ),
            "leadership_mismanagement": (
                (DoubleMeasure("report_leadership", "按程序报告"),),
                DoubleCitation(WEIHAI, "五、(四)", WEIHAI_LEADERSHIP),
                m,
            ),
            "violation_clue": (
                (DoubleMeasure("transfer_clues", "线索移送"),),
                DoubleCitation(WEIHAI, "五、(四)", WEIHAI_CLUES),
                m,
            ),
        },
        due_rule=DoubleCitation(WEIHAI, "四、(三)", WEIHAI_REPORT),
        fixed=(
            DoubleDeadline(
                dt.date(2024, 12, 20),
                "district_report_2024",
                id="district_report_2024",
                description="区市年度巡查工作报告（2024年度）",
            ),
            DoubleDeadline(
                dt.date(2025, 12, 20),
                "district_report_2025",
                id="district_report_2025",
                description="区市年度巡查工作报告（2025年度）",
            ),
            DoubleDeadline(
                dt.date(2026, 10, 20),
                "cycle_report",
                id="cycle_report",
                description="本周期巡查工作报告",
            ),
        ),
        fixed_citation=DoubleCitation(WEIHAI, "四、(三)", WEIHAI_DISTRICT_REPORTS),
    )


@pytest.fixture
def jilin_policy() -> PolicyDouble:
    """The Jilin 2021 policy. TEST DOUBLE: at merge, return hi.load_policy("jilin-2021")."""
    return _jilin()


@pytest.fixture
def weihai_policy() -> PolicyDouble:
    """The Weihai 2024–2026 policy. TEST DOUBLE: at merge, hi.load_policy("weihai-2024-2026")."""
    return _weihai()
