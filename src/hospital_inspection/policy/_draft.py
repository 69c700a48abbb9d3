"""Drafting a policy file from a notice's text (``hospital-inspection policy init``) (private).

The text is cut into its numbered clauses (一、 （一） 1. （1）) and each sentence is read for the
patterns plans use: minimum days (不少于N个工作日/天), shares (不得低于30% / 三分之一), deadlines
(YYYY年M月底前, YYYY年M月D日前, 每年M月D日前, N个月内, N日内, N个工作日内, N个工作日前, 进驻前),
scope sentences (二级以上公立…医院, 参照执行), methods (…等方式) and the checklist under a 巡查重点
heading. Strength comes from the words: 原则上 is in principle, 鼓励 / 可 / 视情况 / 根据工作需要
optional, anything else mandatory. Every drafted rule quotes its sentence with its clause path;
every sentence no pattern reads becomes an ``unencoded`` rule, which
:func:`~hospital_inspection.lint_policy` reports until someone encodes it: nothing is bent to fit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import attrs

from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._clauses import Clause, _strip_marker, segment
from hospital_inspection.policy._draft_patterns import (  # noqa: F401 (importable from here, as before)
    _CATEGORY_WORDS,
    _CN_DIGITS,
    _DATE,
    _DAYS_ROLL,
    _LEVEL_WORDS,
    _OPTIONAL,
    _WORKING_NO_ROLL,
    _categories,
    _cells,
    _deadlines,
    _event,
    _fraction,
    _levels,
    _ownerships,
    _strength,
    _submitted_by,
    _trigger,
)

__all__ = ["Draft", "draft_policy"]


@attrs.frozen(kw_only=True)
class Draft:
    """A drafted policy: its TOML text and what was read.

    Attributes:
        toml: the policy file's text, ready to write next to the source text.
        rules: the drafted rules by id (as TOML tables), ``unencoded`` ones included.
        unencoded: ids of the ``unencoded`` rules (the clauses left for a person to encode).
    """

    toml: str
    rules: dict[str, dict[str, Any]]
    unencoded: tuple[str, ...]


class _Drafter:
    def __init__(self, document: str) -> None:
        self.document = document
        self.rules: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, str] = {}
        self.last_scope: dict[str, Any] | None = None

    def add(self, kind: str, clause: str, text: str, body: dict[str, Any], note: str = "") -> str:
        rid = f"d{len(self.rules) + 1:03d}-{kind.replace('_', '-')}"
        table = {"kind": kind, "strength": _strength(text), **body}
        table["cite"] = {"clause": clause, "text": text}
        if note:
            table["note"] = note
        self.rules[rid] = table
        return rid

    def sentence(self, clause: Clause, text: str, heading: str) -> None:
        drafted = False
        for reader in (self._days, self._share, self._deadline, self._methods, self._scope):
            drafted = reader(clause.path, text, heading) or drafted
        if not drafted:
            self.add(
                "unencoded",
                clause.path,
                text,
                {"reason": "no pattern the drafter knows; encode by hand or drop"},
            )

    def _days(self, path: str, text: str, heading: str) -> bool:
        any_rule = False
        begin = 0
        for m in re.finditer(r"不少于(\d+)(个工作日|天|日)", text):
            subject = text[begin : m.start()].rsplit("，", 1)[-1]
            begin = m.end()
            any_rule = self._days_of(path, text, subject, m) or any_rule
        return any_rule

    def _days_of(self, path: str, text: str, subject: str, m: re.Match[str]) -> bool:
        subject = re.sub(r"(现场巡查时间|巡查时间|现场巡查|时间|原则上|应|为)", "", subject)
        working = m.group(2) == "个工作日"
        note = (
            ""
            if working
            else f"{m.group(2)}: the text does not say working or calendar days; drafted as "
            "working days. State the reading in an [interpretations] table."
        )
        level: list[str] | None = None
        any_rule = False
        for item in re.split(r"[、和及]", subject):
            level = _levels(item) or level
            categories = _categories(item)
            if not categories and "医院" not in item:
                continue
            when = _cells(level, categories, None)
            if not when:
                continue
            self.add(
                "visit_days",
                path,
                text,
                {"when": when, "days": int(m.group(1)), "day_unit": "working"},
                note,
            )
            any_rule = True
        return any_rule

    def _share(self, path: str, text: str, heading: str) -> bool:
        share = _fraction(text)
        if share is None or "专家" not in text:
            return False
        district = re.search(r"区市|县（市、区）|区县", text) is not None
        min_level: list[str] | None = _levels(text)
        note = (
            ""
            if min_level
            else "min_level: the sentence names no level; drafted as 二级 (secondary). Check it."
        )
        self.add(
            "external_experts",
            path,
            text,
            {
                "min_share": f"{share.numerator}/{share.denominator}",
                "inspector_levels": ["district" if district else "city"],
                "min_level": (min_level or ["secondary"])[0],
                "base": "experts",
            },
            note,
        )
        return True

    def _deadline(self, path: str, text: str, heading: str) -> bool:
        any_rule = False
        for table in _deadlines(text):
            strength = table.pop("strength")
            table["description"] = table["event"]
            rid = self.add("deadline", path, text, table)
            self.rules[rid]["strength"] = strength
            any_rule = True
        return any_rule

    def _methods(self, path: str, text: str, heading: str) -> bool:
        m = re.search(r"(?:采取|采用)([^，。；]+?)(等)?(?:方式|方法)", text)
        if m is None or "、" not in m.group(1):
            return False
        labels = m.group(1).split("、")
        methods = [{"code": f"m{n}", "label": label} for n, label in enumerate(labels, 1)]
        rid = self.add(
            "methods", path, text, {"exhaustive": m.group(2) is None, "methods": methods}
        )
        self.rules[rid]["strength"] = "optional" if m.group(2) else self.rules[rid]["strength"]
        return True

    def _scope(self, path: str, text: str, heading: str) -> bool:
        in_scope_words = "范围" in heading or "纳入巡查" in text or "巡查范围" in text
        if not in_scope_words and "参照执行" not in text:
            return False
        if "参照执行" in text and self.last_scope is not None and _levels(text) is None:
            private = _ownerships(text) or ["private"]
            when = {**self.last_scope, "ownerships": private}
            note = "参照执行: drafted over the level and type of the scope sentence before it."
            self.add("scope", path, text, {"when": when, "outcome": "reference"}, note)
            return True
        levels, categories = _levels(text), _categories(text)
        if levels is None or not categories:
            return False
        owners = _ownerships(text)
        when = _cells(levels, categories, owners)
        self.add("scope", path, text, {"when": when, "outcome": "in_scope"})
        if self.last_scope is None:
            self.add("scope_default", path, text, {"outcome": "out_of_scope"})
        self.last_scope = {k: v for k, v in when.items() if k != "ownerships"}
        return True

    def checklist(self, root: Clause, clauses: list[Clause]) -> None:
        under = [c for c in clauses if c.path.startswith(root.path) and c.path != root.path]
        parents = {c.path for c in under for d in under if d.path.startswith(c.path) and d != c}
        sections = [
            {"id": f"c.{n}", "clause": c.path, "text": c.body}
            for n, c in enumerate(under, 1)
            if c.path in parents and c.body
        ]
        section_of = {s["clause"]: s["id"] for s in sections}
        items = []
        for n, c in enumerate(under, 1):
            if c.path in parents or not c.body:
                continue
            parent = max((p for p in section_of if c.path.startswith(p)), key=len, default=None)
            item: dict[str, Any] = {"id": f"c.{n}", "clause": c.path, "text": c.body}
            if parent is not None:
                item["section"] = section_of[parent]
            if c.body.startswith(("民营医院", "社会办医院")):
                item["applies_to"] = {"ownerships": ["private"]}
            if c.body.startswith("市属医院"):
                item["administered_by"] = ["city"]
            elif c.body.startswith(("区属医院", "县属医院", "区县属医院")):
                item["administered_by"] = ["district"]
            items.append(item)
        heading = _first_line(root)
        rid = self.add("checklist", root.path, heading, {"sections": sections, "items": items})
        self.rules[rid]["strength"] = "mandatory"


def _first_line(clause: Clause) -> str:
    return clause.lines[0] if clause.lines else clause.body


def _sentences(clause: Clause) -> Iterator[tuple[str, str]]:
    """``(heading, sentence)`` pairs: the clause's own words cut at 。 and ；.

    Lines are joined first (texts break lines mid-sentence); a first line without 。 is the
    clause's heading (四、组织实施), not a sentence.
    """
    heading = _first_line(clause)
    lines = list(clause.lines)
    if lines and "。" not in lines[0] and len(lines) > 1:
        lines = lines[1:]
    elif lines:
        lines[0] = _strip_marker(lines[0])
    for sentence in re.split(r"[。；]", "".join(lines)):
        if len(sentence) >= 8:
            yield heading, sentence


def _guess(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text, flags=re.MULTILINE)
    return m.group(1).strip() if m else None


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)  # pragma: no cover - the drafter writes only the types above


def draft_policy(
    text: str,
    *,
    source: str,
    id: str | None = None,
    document: str | None = None,
    title: str | None = None,
    issuer: str | None = None,
    issued: dt.date | None = None,
) -> Draft:
    """Draft a policy file from a notice's ``text`` (``hospital-inspection policy init``).

    Args:
        text: the notice as plain text, one paragraph per line.
        source: the source text's file name as the draft will name it (relative to the draft).
        id, document, title, issuer, issued: the metadata; each is read from the text when not
            given (文号 such as 示卫办〔2025〕7号, the 方案/通知 title, the issuing body above the
            date line).

    Returns:
        A :class:`Draft`; its ``toml`` loads with :func:`~hospital_inspection.load_policy` and
        :func:`~hospital_inspection.lint_policy` lists its ``unencoded`` clauses.

    Raises:
        DataError: a piece of metadata is neither given nor found in the text (naming the
            option to give it with).

    Example:
        >>> d = draft_policy(
        ...     "示卫办〔2025〕7号\\n某方案\\n一、时间\\n三级医院现场巡查时间不少于5个工作日。\\n",
        ...     source="s.txt", issuer="示例市卫生健康委员会", issued=dt.date(2025, 3, 18),
        ... )
        >>> d.rules["d001-visit-days"]["days"], d.rules["d001-visit-days"]["day_unit"]
        (5, 'working')
    """
    document = document or _guess(r"([\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号)", text)
    title = title or _guess(r"^\s*(\S*(?:方案|通知)\S*)\s*$", text)
    issued_text = _guess(rf"^\s*({_DATE})\s*$", text)
    if issued is None and issued_text is not None:
        y, m, d = map(int, re.findall(r"\d+", issued_text))
        issued = dt.date(y, m, d)
    if issuer is None and issued_text is not None:
        lines = [line.strip() for line in text[: text.find(issued_text)].splitlines()]
        issuer = next((line for line in reversed(lines) if line), None)
    missing = [
        Message(N_("{option}: not found in the text; give it"), {"option": f"--{name}"})
        for name, value in (
            ("document", document),
            ("title", title),
            ("issuer", issuer),
            ("issued", issued),
        )
        if value is None
    ]
    if missing:
        raise DataError(missing)
    assert document and title and issuer and issued
    pid = id or "draft"
    clauses = segment(text)
    drafter = _Drafter(document)
    done: set[str] = set()
    for clause in clauses:
        if any(clause.path.startswith(p) for p in done):
            continue
        if clause.level == 0 and "重点" in _first_line(clause) and len(_first_line(clause)) < 20:
            drafter.checklist(clause, clauses)
            done.add(clause.path)
            continue
        for heading, sentence in _sentences(clause):
            drafter.sentence(clause, sentence, heading)
    return _render(drafter, pid, document, title, issuer, issued, source, text)


def _render(
    drafter: _Drafter,
    pid: str,
    document: str,
    title: str,
    issuer: str,
    issued: dt.date,
    source: str,
    text: str,
) -> Draft:
    out = [
        f"# A DRAFT of {title}, {document}, written by `hospital-inspection policy init`.",
        "# Every rule quotes its sentence; check each against the text, then run",
        "# `hospital-inspection policy lint` on this file until no UNENCODED clause is left.",
        "format = 1",
        f"id = {_toml_value(pid)}",
        f"title = {_toml_value(title)}",
        f"document = {_toml_value(document)}",
        f"issuer = {_toml_value(issuer)}",
        f"issued = {issued.isoformat()}",
        "",
        "[sources]",
        f"{_toml_value(document)} = {_toml_value(source)}",
    ]
    ends = [
        rid
        for rid, r in drafter.rules.items()
        if r.get("event") == "round_complete" and r.get("form") == "fixed"
    ]
    if ends:
        due: dt.date = drafter.rules[ends[0]]["due"]
        years = re.search(r"(\d{4})\s*[—\-－–]+\s*(\d{4})\s*年度", text)
        first, last = (int(years.group(1)), int(years.group(2))) if years else (due.year, due.year)
        out += [
            "",
            "[[rounds]]",
            f'id = "{first}-{last}"' if first != last else f'id = "{first}"',
            'kind = "regular"',
            f"title = {_toml_value(title)}",
            f"first_year = {first}",
            f"last_year = {last}",
            f'end_rule = "{ends[0]}"',
        ]
    for rid, table in drafter.rules.items():
        out += ["", f"[rules.{rid}]"]
        for key, value in table.items():
            if key in ("sections", "items"):
                continue
            out.append(f"{key} = {_toml_value(value)}")
        for key in ("sections", "items"):
            for entry in table.get(key, ()):
                out += ["", f"[[rules.{rid}.{key}]]"]
                out += [f"{k} = {_toml_value(v)}" for k, v in entry.items()]
    unencoded = tuple(rid for rid, r in drafter.rules.items() if r["kind"] == "unencoded")
    return Draft(toml="\n".join(out) + "\n", rules=drafter.rules, unencoded=unencoded)
