"""Enumerations of the domain, each with a stable English code and its Chinese label.

The code (``member.code``, also ``member.value``) is the wire format; the label (``member.label``)
is what people read and type. ``parse()`` accepts either, plus a few common synonyms::

    >>> Level.parse("三级")
    <Level.TERTIARY: 'tertiary'>
    >>> Level.parse("tertiary").label
    '三级'
    >>> parse_rating("三级甲等")
    (<Level.TERTIARY: 'tertiary'>, <Grade.A: 'a'>)
"""

from __future__ import annotations

import enum
import re
from typing import Self, TypeVar

from hospital_inspection.errors import DataError, UnknownMember

__all__ = [
    "AuthorityLevel",
    "Category",
    "DayUnit",
    "Grade",
    "LabeledEnum",
    "Level",
    "MeasureOpening",
    "MeasureScope",
    "Ownership",
    "Party",
    "Role",
    "ScopeStatus",
    "Strength",
    "VisitKind",
    "VisitMode",
    "parse_rating",
]


class LabeledEnum(enum.Enum):
    """An enum whose value is a stable English code and which carries a Chinese label.

    Members are declared as ``NAME = "code", "中文标签", "synonym", ...``.
    """

    _value_: str
    label: str
    aliases: tuple[str, ...]

    # Members are singletons compared by identity, so identity hashing is exact; it runs in C,
    # where Enum's own ``hash(self._name_)`` is a Python call on every dict or set look-up.
    __hash__ = object.__hash__

    def __new__(cls, code: str, label: str, *aliases: str) -> Self:
        obj = object.__new__(cls)
        obj._value_ = code
        obj.label = label
        obj.aliases = aliases
        return obj

    @property
    def code(self) -> str:
        """The stable English code (the wire format)."""
        return self._value_

    def __str__(self) -> str:
        return self.label

    @classmethod
    def noun(cls) -> str:
        """What one member is called in error messages ("level", "authority level")."""
        return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """Return the member whose code, label or synonym is ``text``.

        Raises:
            DataError: ``text`` names no member; the message lists the accepted labels.
        """
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            key = text.strip()
            member = _lookup(cls).get(key) or _lookup(cls).get(key.lower())
            if member is not None:
                return member
        raise DataError(cls.unknown(text))

    @classmethod
    def unknown(cls, text: object) -> UnknownMember:
        """The problem ``text`` is when it names no member (front ends word it in Chinese)."""
        return UnknownMember(text, cls.noun(), ", ".join(m.label for m in cls))

    @classmethod
    def unknown_message(cls, text: object) -> str:
        """The words used when ``text`` is not a member."""
        return str(cls.unknown(text))


E = TypeVar("E", bound="LabeledEnum")

_LOOKUPS: dict[type[LabeledEnum], dict[str, LabeledEnum]] = {}


def _lookup(cls: type[E]) -> dict[str, E]:
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {}
        for member in cls:
            for key in (member.code, member.label, *member.aliases):
                table[key] = member
                table[key.lower()] = member
        _LOOKUPS[cls] = table
    return table  # type: ignore[return-value]


class Level(LabeledEnum):
    """医院级别 — the hospital level of the 医院等级评审 system."""

    PRIMARY = "primary", "一级", "一级医院"
    SECONDARY = "secondary", "二级", "二级医院"
    TERTIARY = "tertiary", "三级", "三级医院"
    UNRATED = "unrated", "未定级", "未评级", "无级别"

    @property
    def rank(self) -> int:
        """0 for unrated, else 1–3; ``二级以上`` means ``rank >= 2`` (民法典 第一千二百五十九条)."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.UNRATED: 0, Level.PRIMARY: 1, Level.SECONDARY: 2, Level.TERTIARY: 3}


class Grade(LabeledEnum):
    """医院等次 — the grade within a level (甲等 is the highest)."""

    A = "a", "甲等", "甲"
    B = "b", "乙等", "乙"
    C = "c", "丙等", "丙"
    UNGRADED = "ungraded", "未定等", "未评等"


def parse_rating(text: str) -> tuple[Level, Grade]:
    """Parse a combined rating such as ``"三级甲等"`` or ``"二级"`` into level and grade.

    A level with no grade gives :attr:`Grade.UNGRADED`.

    Raises:
        DataError: the text is not a level optionally followed by a grade.
    """
    if not isinstance(text, str):
        raise DataError(f"rating: {text!r} is not a string; expected e.g. '三级甲等'")
    key = text.strip()
    for level in Level:
        for prefix in (level.label, level.code):
            if key.startswith(prefix):
                rest = key[len(prefix) :].strip(" -_/")
                if not rest:
                    return level, Grade.UNGRADED
                try:
                    return level, Grade.parse(rest)
                except DataError:
                    break
    raise DataError(
        f"{text!r} is not a rating; expected a level ({', '.join(m.label for m in Level)}) "
        f"optionally followed by a grade ({', '.join(m.label for m in Grade)}), e.g. '三级甲等'"
    )


class Category(LabeledEnum):
    """医疗机构类别 — institution category, after 医疗机构管理条例实施细则 第三条.

    Hospitals and the common non-hospital types, so that those can be ruled out of scope.
    """

    GENERAL = "general", "综合医院"
    TCM = "tcm", "中医医院"
    INTEGRATED = "integrated", "中西医结合医院"
    ETHNIC = "ethnic", "民族医医院"
    SPECIALTY = "specialty", "专科医院"
    REHABILITATION = "rehabilitation", "康复医院"
    MATERNAL_CHILD = "maternal_child", "妇幼保健院", "妇幼保健计划生育服务中心"
    COMMUNITY_CENTER = "community_center", "社区卫生服务中心"
    COMMUNITY_STATION = "community_station", "社区卫生服务站"
    TOWNSHIP = "township", "乡镇卫生院", "乡(镇)卫生院", "中心卫生院", "街道卫生院"
    SANATORIUM = "sanatorium", "疗养院"
    OUTPATIENT = "outpatient", "门诊部", "综合门诊部", "专科门诊部", "中医门诊部"
    CLINIC = "clinic", "诊所", "卫生所", "医务室"
    VILLAGE_CLINIC = "village_clinic", "村卫生室"
    EMERGENCY = "emergency", "急救中心", "急救站"
    DISEASE_CONTROL = "disease_control", "专科疾病防治院", "专科疾病防治所"
    NURSING = "nursing", "护理院", "护理站"
    INDEPENDENT_CENTER = "independent_center", "独立设置医疗机构", "医学检验实验室", "临床检验中心"
    OTHER = "other", "其他诊疗机构"

    @property
    def is_hospital(self) -> bool:
        """True for the hospital categories (医院类) of 第三条 (一) and 妇幼保健院."""
        return self in _HOSPITALS


_HOSPITALS = frozenset(
    {
        Category.GENERAL,
        Category.TCM,
        Category.INTEGRATED,
        Category.ETHNIC,
        Category.SPECIALTY,
        Category.REHABILITATION,
        Category.MATERNAL_CHILD,
    }
)


class Ownership(LabeledEnum):
    """举办主体 — publicly owned (公立) or privately run (社会办)."""

    PUBLIC = "public", "公立", "公立医院", "政府办"
    PRIVATE = "private", "社会办", "社会办医", "社会办医院", "民营"


class AuthorityLevel(LabeledEnum):
    """行政级别 of a health authority."""

    NATIONAL = "national", "国家级", "国家"
    PROVINCIAL = "provincial", "省级", "省"
    CITY = "city", "市级", "市", "地市级"
    DISTRICT = "district", "区县级", "区市", "县级", "区县"

    @property
    def depth(self) -> int:
        """0 for national, 3 for district/county."""
        return _AUTHORITY_DEPTH[self]


_AUTHORITY_DEPTH = {level: depth for depth, level in enumerate(AuthorityLevel)}


class Role(LabeledEnum):
    """A person's role on an inspection team."""

    TEAM_LEADER = "team_leader", "组长", "巡查组组长"
    EXPERT = "expert", "专家", "专家库专家"
    OFFICIAL = "official", "部门负责人", "有关部门负责人", "官员"
    INTEGRITY_LEAD = "integrity_lead", "纠风办负责人", "纠风办相关负责人"


class VisitKind(LabeledEnum):
    """What a visit is."""

    REGULAR = "regular", "常规巡查", "巡查"
    FOLLOW_UP = "follow_up", "回头看", "巡查回头看"
    SPECIAL = "special", "专项检查"
    FLYING = "flying", "飞行检查"


class VisitMode(LabeledEnum):
    """Whether the hospital is told in advance."""

    ANNOUNCED = "announced", "事先通知"
    UNANNOUNCED = "unannounced", "暗访", "不打招呼"


class ScopeStatus(LabeledEnum):
    """Outcome of a scope decision: three outcomes, not two."""

    IN_SCOPE = "in_scope", "纳入巡查"
    REFERENCE = "reference", "参照执行"
    OUT_OF_SCOPE = "out_of_scope", "不纳入巡查"


class Strength(LabeledEnum):
    """How strongly a rule binds; a deviation is a violation, a warning or information."""

    MANDATORY = "mandatory", "应当", "必须", "不得"
    IN_PRINCIPLE = "in_principle", "原则上"
    OPTIONAL = "optional", "可", "鼓励", "视情况"


class DayUnit(LabeledEnum):
    """How days are counted: 工作日 working days or 自然日 calendar days.

    A visit of n working days starts and ends on working days and spans n of them; a visit of n
    calendar days is n consecutive days. The one day unit of the library: the policy's
    decisions, the scheduler's requirements and the compliance checks all use it.
    """

    WORKING = "working", "工作日", "working days"
    CALENDAR = "calendar", "自然日", "日历日", "calendar days"

    @classmethod
    def noun(cls) -> str:
        """What one member is called in error messages."""
        return "day unit"


class Party(LabeledEnum):
    """Who owes a follow-up duty, or receives it (责任单位).

    The hospital (医疗机构); the authority that inspected it (巡查单位: 谁巡查谁监督,
    威卫办〔2024〕11号 四、(三)); the hospital's superior health authority
    (上级卫生健康行政部门), which receives the 整改报告.
    """

    HOSPITAL = "hospital", "医疗机构", "被巡查医院", "被巡查医疗机构", "医院"
    INSPECTING_AUTHORITY = "inspecting_authority", "巡查单位", "巡查组", "巡查机关"
    SUPERIOR_AUTHORITY = "superior_authority", "上级卫生健康行政部门", "上级主管部门"


class MeasureOpening(LabeledEnum):
    """Whether a measure opens a ledger item by itself or only once the authority decides.

    A clause that lists measures with 等 / 依法依规 / 视情况 / 根据工作需要 / 可 leaves the
    choice to the authority: such a measure is an option until a decision is recorded.
    """

    ALWAYS = "always", "自动立项"
    ON_DECISION = "on_decision", "经决定后立项", "视情况"


class MeasureScope(LabeledEnum):
    """Whether a measure is taken for each finding or once per hospital and round."""

    FINDING = "finding", "每个问题"
    HOSPITAL = "hospital", "每家医院每轮"
