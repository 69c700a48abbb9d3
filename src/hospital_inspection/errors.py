"""The library's exceptions: one root, a small tree under it.

Every error raised by a public entry point on bad input is an :class:`InspectionError`; nothing
else escapes. Catch the root to handle them all::

    try:
        policy = hi.load_policy(path)
    except hi.InspectionError as exc:
        print(exc)
"""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = [
    "AmbiguousDateError",
    "CalendarCoverageError",
    "ConflictError",
    "DataError",
    "FieldError",
    "InfeasibleScheduleError",
    "InspectionError",
    "LedgerBusyError",
    "LedgerFileError",
    "MissingExtraError",
    "ModelError",
    "PolicyError",
    "RuleNotInPolicy",
    "UnknownMember",
]


class InspectionError(Exception):
    """Root of every error this library raises on purpose."""


class DataError(InspectionError, ValueError):
    """Input data does not fit the model.

    Attributes:
        problems: one line per failing field, ``path: what was wrong; what was expected``.
        messages: the problems as given (text, or messages a front end can show in Chinese).
    """

    def __init__(
        self, problems: str | object | Iterable[str | object], *, source: str | None = None
    ) -> None:
        # A problem may be a hospital_inspection.i18n.Message: str() of it is the English line,
        # and front ends render it in the reader's language (i18n.error_text).
        self.messages: tuple[object, ...] = (
            tuple(problems)
            if isinstance(problems, Iterable) and not isinstance(problems, str)
            else (problems,)
        )
        self.problems: tuple[str, ...] = tuple(str(p) for p in self.messages)
        self.source = source
        head = f"invalid data in {source}" if source else "invalid data"
        if len(self.problems) == 1:
            message = f"{head}: {self.problems[0]}"
        else:
            message = head + ":\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(message)


class UnknownMember:
    """The problem a :class:`DataError` carries when a value names no member of an enumeration
    (``LabeledEnum.parse``): ``str()`` is the English line, and front ends word it in the
    reader's language (:func:`hospital_inspection.i18n.error_text`).

    Attributes:
        value: the value as given.
        noun: what the enumeration holds, in English (``"level"``).
        accepted: the accepted labels, joined (``"一级, 二级, 三级, 未定级"``).
    """

    __slots__ = ("accepted", "noun", "value")

    def __init__(self, value: object, noun: str, accepted: str) -> None:
        self.value, self.noun, self.accepted = value, noun, accepted

    @property
    def article(self) -> str:
        """``a`` or ``an`` before the noun."""
        return "an" if self.noun[:1] in "aeiou" else "a"

    def __str__(self) -> str:
        return f"{self.value!r} is not {self.article} {self.noun}; expected one of {self.accepted}"


class FieldError(DataError):
    """A :class:`DataError` about one field of a model.

    Attributes:
        field: the field's name (``None`` when the value itself is wrong).
        detail: what was wrong and what was expected.
        detail_message: the detail as given (text, or a message front ends show in Chinese).
        owner: the model's class name, when known.
    """

    def __init__(
        self, field: str | None, detail: str | object, *, owner: str | None = None
    ) -> None:
        # detail may be a hospital_inspection.i18n.Message: kept in detail_message for front
        # ends; detail is its English text.
        self.field = field
        self.detail = str(detail)
        self.detail_message = detail
        self.owner = owner
        where = ".".join(x for x in (owner, field) if x)
        super().__init__(f"{where}: {self.detail}" if where else detail)


class ModelError(DataError):
    """A model was built with several failing fields; every one is listed.

    Attributes:
        errors: one :class:`FieldError` per failing field, in field order.
    """

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__([e.problems[0] for e in self.errors])


class PolicyError(InspectionError):
    """A policy file is malformed or cannot be found.

    The message names the file, the key path and what was expected.

    Attributes:
        source: the file (its label), when the error lists problems of one file.
        messages: those problems as given (text, or messages a front end can show in Chinese);
            empty when the message is a single sentence.
    """

    def __init__(
        self, message: str, *, source: str | None = None, messages: Iterable[object] = ()
    ) -> None:
        self.source = source
        self.messages: tuple[object, ...] = tuple(messages)
        super().__init__(message)


class RuleNotInPolicy(InspectionError, LookupError):  # noqa: N818 - public contract name
    """A decision was asked of a policy that has no rule for it."""

    def __init__(self, policy: str, rule: str, detail: str | None = None) -> None:
        self.policy = policy
        self.rule = rule
        message = f"policy {policy!r} has no {rule!r} rule"
        if detail:
            message += f" ({detail})"
        super().__init__(message)


class CalendarCoverageError(InspectionError, LookupError):
    """A date falls in a year the working-day calendar has no official data for.

    Attributes:
        year: the year without data, when known.
    """

    def __init__(self, message: str, *, year: int | None = None) -> None:
        self.year = year
        super().__init__(message)


class AmbiguousDateError(InspectionError, ValueError):
    """Month arithmetic landed on a day that does not exist and rounding is ``ABORT``."""


class InfeasibleScheduleError(InspectionError):
    """No schedule satisfies the constraints; the message says which constraint binds.

    Attributes:
        messages: the message as given (a message a front end can show in Chinese), or the
            problems listed after "no schedule exists"; empty when the message is plain text.
        listed: ``True`` when ``messages`` are problems listed after "no schedule exists".
    """

    def __init__(self, message: str | object = "", *, problems: Iterable[object] = ()) -> None:
        # message and problems may be hospital_inspection.i18n.Message: str() of one is its
        # English text, and front ends render them in the reader's language (i18n.error_text).
        listed = tuple(problems)
        self.listed = bool(listed)
        if listed:
            lines = [str(p) for p in listed]
            self.messages: tuple[object, ...] = listed
            text = "no schedule exists"
            if len(lines) == 1:
                text += f": {lines[0]}"
            else:
                text += ":\n" + "\n".join(f"  - {line}" for line in lines)
        else:
            self.messages = () if isinstance(message, str) else (message,)
            text = str(message)
        super().__init__(text)


class MissingExtraError(InspectionError, ImportError):
    """An optional feature needs a package that is not installed.

    The message names the extra to install, e.g. ``pip install "hospital-inspection[excel]"``.
    """

    def __init__(self, feature: str, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs the optional package {package!r}; "
            f'install it with: pip install "hospital-inspection[{extra}]"'
        )


class LedgerFileError(DataError):
    """A ledger file cannot be opened: missing, not SQLite, corrupt, or of a newer schema.

    The file is left exactly as it was.

    Attributes:
        path: the file.
        reason: what is wrong with it.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str | object) -> None:
        # reason may be a hospital_inspection.i18n.Message (front ends word it in Chinese)
        self.path = os.fspath(path)
        self.reason = str(reason)
        super().__init__(reason, source=f"ledger file {self.path}")


class ConflictError(InspectionError):
    """A change to a shared ledger was refused because another writer got there first.

    Raised inside the write transaction, so nothing of the change was written: an id that is
    already taken, or a change based on a record that another process changed after it was
    read (the message says what changed). Read the ledger again and decide again.

    Attributes:
        record: id of the finding or item concerned (``None`` when not about one record).
        messages: the message as given, when it is one a front end can show in Chinese
            (:func:`hospital_inspection.i18n.error_text`); empty when it is plain text.
    """

    def __init__(self, message: str | object, *, record: str | None = None) -> None:
        # message may be a hospital_inspection.i18n.Message: str() of it is the English text
        self.record = record
        self.messages: tuple[object, ...] = () if isinstance(message, str) else (message,)
        super().__init__(str(message))


class LedgerBusyError(ConflictError):
    """Another process held the ledger file longer than the busy timeout; nothing was written.

    Attributes:
        path: the file.
        timeout: how many seconds the call waited.
    """

    def __init__(self, path: str | os.PathLike[str], timeout: float) -> None:
        self.path = os.fspath(path)
        self.timeout = timeout
        super().__init__(
            f"ledger file {self.path} is busy: another process kept it locked for more than "
            f"{timeout:g} s; nothing was written, try again"
        )
