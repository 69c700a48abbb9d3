"""Output languages: English for developers and logs, Simplified Chinese (中文) for offices.

One source of truth: every sentence the library writes for a reader is an English message id in
the code (marked with :func:`N_`), translated in a standard gettext catalog
(``locale/zh/LC_MESSAGES/hospital_inspection.po``, compiled to ``.mo`` and shipped in the
wheel). Messages are formatted with :meth:`str.format` placeholders; a Chinese message may write a
date placeholder as ``{due:date}`` to get ``2024年12月20日`` (English keeps ISO dates).

The language of a call is its ``lang=`` argument; when that is ``None``, the environment variable
``HOSPITAL_INSPECTION_LANG``, then the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``;
``zh_CN.UTF-8`` → ``zh``), then English.

>>> text("finish on or before {end}", "en", end="2026-10-31")
'finish on or before 2026-10-31'
>>> text("NOT COMPLIANT", "zh"), text("wrote {path}", "zh", path="报告.html")
('不合规', '已写入 报告.html')
>>> resolve("zh_CN.UTF-8"), resolve("en_US")
('zh', 'en')
>>> Message(N_("{head}: {problem}"), {"head": "数据有误", "problem": "…"}).text("zh")
'数据有误：…'
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import os
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from hospital_inspection.errors import (
    CalendarCoverageError,
    ConflictError,
    DataError,
    FieldError,
    InfeasibleScheduleError,
    LedgerBusyError,
    LedgerFileError,
    MissingExtraError,
    ModelError,
    PolicyError,
    RuleNotInPolicy,
    UnknownMember,
)

__all__ = [
    "DOMAIN",
    "ENV_VAR",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Message",
    "chinese_date",
    "error_text",
    "joined",
    "problem_lines",
    "resolve",
    "text",
    "text_params",
    "translation",
]

#: The output languages: ``en`` (the message ids themselves) and ``zh`` (简体中文).
LANGUAGES: tuple[str, ...] = ("en", "zh")

#: The gettext domain of the library's catalogs.
DOMAIN = "hospital_inspection"

#: Where the compiled catalogs live (inside the package, so they ship in the wheel).
LOCALE_DIR = Path(__file__).parent / "locale"

#: The environment variable that sets the default output language.
ENV_VAR = "HOSPITAL_INSPECTION_LANG"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate"
    """Mark ``message`` as a message id for the catalog (Babel extracts it); returns it as is."""
    return message


def _language_of(value: str) -> str | None:
    """``zh_CN.UTF-8`` → ``zh``; ``en_US`` → ``en``; ``C`` / ``POSIX`` → ``en``; else ``None``."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if code in ("c", "posix"):
        return "en"
    head = code.split("_")[0]
    return head if head in LANGUAGES else None


def _unsupported(name: str, value: object) -> Message:
    return Message(
        N_("{name}: {value} is not a supported language; expected en or zh"),
        {"name": name, "value": repr(value)},
    )


def resolve(lang: str | None = None) -> str:
    """The output language for ``lang``: ``"en"`` or ``"zh"``.

    ``lang`` may be a language (``zh``, ``en``) or a locale name (``zh_CN.UTF-8``, ``zh-CN``).
    ``None`` means the default: ``$HOSPITAL_INSPECTION_LANG``, else the system locale, else
    English.

    Raises:
        DataError: ``lang`` (or ``$HOSPITAL_INSPECTION_LANG``) names no supported language.
    """
    if lang is not None:
        found = _language_of(lang) if isinstance(lang, str) else None
        if found is None:
            raise DataError(_unsupported("lang", lang))
        return found
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        found = _language_of(chosen)
        if found is None:
            raise DataError(_unsupported(ENV_VAR, chosen))
        return found
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            return _language_of(value) or "en"
    return "en"


@functools.cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (English: the message ids, untranslated)."""
    if lang == "en":
        return _gettext.NullTranslations()
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as fp:
        return _gettext.GNUTranslations(fp)


def chinese_date(day: dt.date) -> str:
    """``2024-12-20`` → ``2024年12月20日``.

    >>> chinese_date(dt.date(2025, 3, 3))
    '2025年3月3日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


_ROW = re.compile(r"^row (\d+)\.?")


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "date":
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            return chinese_date(day) if self.lang == "zh" else day.isoformat()
        if format_spec == "t":  # a value that is itself a message id (e.g. a rule's description)
            return translation(self.lang).gettext(str(value))
        if format_spec == "path":  # a field path: a table's "row 2.level" reads 第2行 level
            path = str(value)
            return _ROW.sub(r"第\1行 ", path) if self.lang == "zh" else path
        return str(super().format_field(value, format_spec))


def text(message: str, lang: str | None = None, /, **params: object) -> str:
    """``message`` (a message id) in ``lang``, formatted with ``params``.

    Without ``params`` the message is returned as translated, braces untouched.
    """
    lang = resolve(lang)
    translated = translation(lang).gettext(message)
    if not params:
        return translated
    return _Formatter(lang).format(translated, **params)


def text_params(values: Mapping[str, object]) -> dict[str, str]:
    """Placeholder values as text: dates in ISO form, everything else ``str()``.

    >>> text_params({"due": dt.date(2024, 12, 20), "n": 3})
    {'due': '2024-12-20', 'n': '3'}
    """
    return {str(k): x.isoformat() if isinstance(x, dt.date) else str(x) for k, x in values.items()}


def _message_params(values: Mapping[str, object]) -> dict[str, Any]:
    """Like :func:`text_params`, but a :class:`Message` value stays a message (nested)."""
    return {
        str(k): x
        if isinstance(x, Message)
        else member_message(x)
        if isinstance(x, UnknownMember)
        else text_params({"x": x})["x"]
        for k, x in values.items()
    }


@attrs.frozen
class Message:
    """A message id and its parameters (all text), rendered per language by :meth:`text`.

    Attributes:
        id: the English message, with ``{name}`` placeholders (the catalog's msgid).
        params: the values of the placeholders, as text (dates in ISO form), or messages of
            their own (a problem inside ``{path}: {problem}``), rendered in the same language.
    """

    id: str
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_message_params, hash=False)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (see :func:`resolve`)."""
        if not self.params:
            return text(self.id, lang)
        lang = resolve(lang)
        params = {k: x.text(lang) if isinstance(x, Message) else x for k, x in self.params.items()}
        return text(self.id, lang, **params)

    def __str__(self) -> str:
        return self.text("en")


def joined(parts: list[Message | str]) -> Message | str:
    """``a, b, c`` of messages and text, each worded in the reader's language (``a、b、c``).

    >>> joined([Message(N_("experts")), "x"]).text("zh")
    '专家、x'
    """
    out: Message | str = parts[0] if parts else ""
    for part in parts[1:]:
        out = Message(N_("{a}, {b}"), {"a": out, "b": part})
    return out


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """An exception's message in ``lang``, for a front end; ``str(exc)`` stays English.

    A :class:`~hospital_inspection.DataError` is rendered in ``lang``: its head (数据有误) and
    each problem given as a :class:`Message` (kept in its ``messages``); a problem given as plain
    text keeps its words. :class:`~hospital_inspection.RuleNotInPolicy`,
    :class:`~hospital_inspection.MissingExtraError`,
    :class:`~hospital_inspection.CalendarCoverageError`,
    :class:`~hospital_inspection.LedgerFileError` and
    :class:`~hospital_inspection.LedgerBusyError` are worded from their attributes; an
    :class:`~hospital_inspection.InfeasibleScheduleError` from the scheduler and a
    :class:`~hospital_inspection.ConflictError` from a ledger are worded from their messages;
    any other exception reads as ``str(exc)``.

    >>> try:
    ...     resolve("fr")
    ... except DataError as exc:
    ...     print(exc)
    ...     print(error_text(exc, "zh"))
    invalid data: lang: 'fr' is not a supported language; expected en or zh
    数据有误：lang 不支持 'fr'，可选 en（英文）或 zh（中文）
    """
    lang = resolve(lang)
    if lang == "en":
        return str(exc)
    message = _error_message(exc)
    if message is not None:
        return message.text(lang)
    if isinstance(exc, InfeasibleScheduleError) and exc.listed:
        head = text(N_("no schedule exists"), lang)
    elif isinstance(exc, PolicyError) and exc.source and exc.messages:
        head = text(N_("invalid policy file {source}"), lang, source=exc.source)
    elif isinstance(exc, DataError):
        head = (
            text(N_("invalid data in {source}"), lang, source=exc.source)
            if exc.source
            else text(N_("invalid data"), lang)
        )
    else:
        return str(exc)
    lines = problem_lines(exc, lang)
    if len(lines) == 1:
        return text(N_("{head}: {problem}"), lang, head=head, problem=lines[0])
    return text(N_("{head}:"), lang, head=head) + "\n" + "\n".join(f"  - {line}" for line in lines)


def problem_lines(exc: BaseException, lang: str | None = None) -> list[str]:
    """The problems an error lists (its ``messages``), one line each, in ``lang``.

    A problem given as a :class:`Message` is worded in ``lang``; one given as text keeps its
    words. An error without ``messages`` gives one line, ``str(exc)``.
    """
    if isinstance(exc, ModelError):
        return [line for e in exc.errors for line in problem_lines(e, lang)]
    if isinstance(exc, FieldError) and isinstance(exc.detail_message, Message | UnknownMember):
        where = ".".join(x for x in (exc.owner, exc.field) if x)
        detail = _as_message(exc.detail_message).text(lang)
        return [
            text(N_("{where}: {detail}"), lang, where=where, detail=detail) if where else detail
        ]
    messages: tuple[object, ...] = getattr(exc, "messages", ()) or (str(exc),)
    return [_as_message(m).text(lang) if isinstance(m, Message | UnknownMember) else str(m)
            for m in messages]  # fmt: skip


def _as_message(problem: Message | UnknownMember) -> Message:
    """A problem as a catalog message (an unknown enumeration value is worded from its facts)."""
    return problem if isinstance(problem, Message) else member_message(problem)


def member_message(problem: UnknownMember) -> Message:
    """The catalog message of a value that names no member of an enumeration (its English is
    ``str(problem)``)."""
    return Message(
        N_("{value} is not {article} {noun}; expected one of {accepted}"),
        {"value": repr(problem.value), "article": problem.article, "noun": problem.noun,
         "accepted": problem.accepted},
    )  # fmt: skip


def _error_message(exc: BaseException) -> Message | None:
    """The message of an error that carries its facts as attributes (not a DataError)."""
    if isinstance(exc, RuleNotInPolicy):
        return Message(
            N_("policy {policy} has no {rule} rule"), {"policy": exc.policy, "rule": exc.rule}
        )
    if isinstance(exc, MissingExtraError):
        return Message(
            N_(
                "{feature} needs the optional package {package}; "
                'install it with: pip install "hospital-inspection[{extra}]"'
            ),
            {"feature": exc.feature, "package": exc.package, "extra": exc.extra},
        )
    if isinstance(exc, CalendarCoverageError) and exc.year is not None:
        return Message(
            N_(
                "{year} has no official calendar data; on the command line: "
                "--calendar-year FILE.toml or --provisional"
            ),
            {"year": exc.year},
        )
    if isinstance(exc, PolicyError) and exc.source is None and len(exc.messages) == 1:
        only = exc.messages[0]
        return only if isinstance(only, Message) else None
    if isinstance(exc, InfeasibleScheduleError) and not exc.listed and exc.messages:
        only = exc.messages[0]
        return only if isinstance(only, Message) else None
    if isinstance(exc, LedgerFileError):
        reason = exc.messages[0] if exc.messages else exc.reason
        return Message(N_("ledger file {path}: {reason}"), {"path": exc.path, "reason": reason})
    if isinstance(exc, LedgerBusyError):
        return Message(
            N_(
                "ledger file {path} is busy: another process kept it locked for more than "
                "{timeout} s; nothing was written, try again"
            ),
            {"path": exc.path, "timeout": f"{exc.timeout:g}"},
        )
    if isinstance(exc, ConflictError) and exc.messages:
        only = exc.messages[0]
        return only if isinstance(only, Message) else None
    return None
