"""The sentence patterns ``policy init`` reads when it drafts a policy file (private).

The word tables (Chinese numerals, level, category and optional-strength words) and the
functions that read one sentence of a notice: its strength, the hospitals it names (levels,
categories, ownerships, as a scope cell), a share, and its deadlines (event, trigger, who
submits, the period and whether a last rest day rolls forward). ``_draft`` builds the rules
from what these return.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from hospital_inspection.dates.periods import days_in_month
from hospital_inspection.enums import Category

__all__: list[str] = []

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_LEVEL_WORDS = (
    ("二级以上", ["secondary", "tertiary"]),
    ("三级", ["tertiary"]),
    ("二级", ["secondary"]),
    ("一级", ["primary"]),
)
_CATEGORY_WORDS = sorted(
    ((word, c.code) for c in Category for word in (c.label, *c.aliases) if len(word) >= 4),
    key=lambda wc: -len(wc[0]),
)
_OPTIONAL = re.compile(r"鼓励|视情况|根据工作需要|可以|^可|，可")
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"


def _strength(sentence: str) -> str:
    if "原则上" in sentence:
        return "in_principle"
    return "optional" if _OPTIONAL.search(sentence) else "mandatory"


def _levels(text: str) -> list[str] | None:
    for word, levels in _LEVEL_WORDS:
        if word in text:
            return levels
    return None


def _categories(text: str) -> list[str]:
    found: list[str] = []
    rest = text
    for word, code in _CATEGORY_WORDS:
        if word in rest:
            rest = rest.replace(word, "|")
            if code not in found:
                found.append(code)
    return found


def _ownerships(text: str) -> list[str] | None:
    owned = [
        code
        for words, code in ((("公立",), "public"), (("民营", "社会办"), "private"))
        if any(w in text for w in words)
    ]
    return owned or None


def _cells(
    levels: list[str] | None, categories: list[str], owners: list[str] | None
) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    if levels:
        cells["levels"] = levels
    if categories:
        cells["categories"] = categories
    if owners:
        cells["ownerships"] = owners
    return cells


def _fraction(sentence: str) -> Fraction | None:
    percent = re.search(r"不得(?:低于|少于)[^，。；]*?(\d+)%", sentence)
    if percent:
        return Fraction(int(percent.group(1)), 100)
    part = re.search(
        r"不得(?:低于|少于)[^，。；]*?([一二三四五六七八九十])分之([一二三四五六七八九])", sentence
    )
    if part:
        return Fraction(_CN_DIGITS[part.group(2)], _CN_DIGITS[part.group(1)])
    return None


def _event(text: str) -> str | None:
    if "整改报告" in text:
        return "rectification_report"
    if "自查报告" in text:
        return "self_inspection_report"
    if "书面反馈" in text or ("反馈" in text and "意见" in text and "收到" not in text):
        return "written_feedback"
    if re.search(r"(本轮|本周期|周期).*(报告|总结)", text):
        return "district_cycle_report"
    if re.search(r"年度.*(报告|总结)", text):
        return "district_annual_report"
    if "完成" in text:
        return "round_complete"
    if "自查" in text:
        return "self_inspection"
    return None


def _trigger(text: str) -> str | None:
    if "收到" in text and "反馈" in text:
        return "feedback_received"
    if "结束后" in text:
        return "last_on_site_day"
    if "进驻" in text:
        return "first_on_site_day"
    return None


def _submitted_by(text: str, event: str) -> list[str]:
    if event in ("district_annual_report", "district_cycle_report") and re.search(
        r"区市|县（市、区）|县\(市、区\)|区县|县市区", text
    ):
        return ["district"]
    return []


_DAYS_ROLL = "民法典 第二百零三条: a last day that is a rest day moves to the next working day."
_WORKING_NO_ROLL = "Counted in working days, so the last day is a working day already."


def _deadlines(sentence: str) -> Iterator[dict[str, Any]]:
    """Every deadline the sentence states, each with the words that say what is due."""
    parts = re.split(r"(?<=[，；])", sentence)
    found: list[tuple[int, dict[str, Any]]] = []  # (part index, rule table)

    def part_of(pos: int) -> int:
        total = 0
        for i, p in enumerate(parts):
            total += len(p)
            if pos < total:
                return i
        return len(parts) - 1

    for m in re.finditer(r"每年(\d{1,2})月(\d{1,2})日前", sentence):
        table: dict[str, Any] = {"form": "yearly", "month": int(m.group(1)), "day": int(m.group(2))}
        found.append((part_of(m.start()), table))
    for m in re.finditer(rf"((?:{_DATE}、)*{_DATE})前", sentence):
        start = part_of(m.start())
        for d in re.finditer(_DATE, m.group(1)):
            due = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
            found.append((start, {"form": "fixed", "due": due}))
    for m in re.finditer(r"(\d{4})年(\d{1,2})月底前", sentence):
        year, month = int(m.group(1)), int(m.group(2))
        due = dt.date(year, month, days_in_month(year, month))
        found.append((part_of(m.start()), {"form": "fixed", "due": due}))
    for m in re.finditer(r"(\d+)个月内", sentence):
        table = {"form": "relative", "months": int(m.group(1))}
        table.update(roll_forward=True, roll_forward_reason=_DAYS_ROLL)
        found.append((part_of(m.start()), table))
    for m in re.finditer(r"(?<![月\d])(\d+)(个工作日|日|天)内", sentence):
        working = m.group(2) == "个工作日"
        table = {"form": "relative", "days": int(m.group(1))}
        table["day_unit"] = "working" if working else "calendar"
        table.update(
            roll_forward=not working,
            roll_forward_reason=_WORKING_NO_ROLL if working else _DAYS_ROLL,
        )
        found.append((part_of(m.start()), table))
    for m in re.finditer(r"(?<![月\d])(\d+)(个工作日|日|天)前", sentence):
        table = {"form": "before_event", "days": int(m.group(1))}
        table["day_unit"] = "working" if m.group(2) == "个工作日" else "calendar"
        found.append((part_of(m.start()), table))
    if "进驻前" in sentence:
        found.append((part_of(sentence.index("进驻前")), {"form": "before_event", "strict": True}))
    found.sort(key=lambda pt: pt[0])
    for index, found_table in found:
        end = next((i for i, _ in found if i > index), len(parts))
        words = "".join(parts[index:end])
        event = _event(words) or _event(sentence)
        if event is None:
            continue
        near = "".join(parts[index : index + 2])  # the words around the period set its strength
        table = {"event": event, **found_table, "strength": _strength(near)}
        if table["form"] == "relative":
            trigger = _trigger(sentence)
            if trigger is None:
                continue
            table["trigger"] = trigger
        if table["form"] == "before_event":
            table["before"] = "first_on_site_day"
        by = _submitted_by(sentence, event)
        if by:
            table["submitted_by"] = by
        yield table
