"""Validators shared by the whole library (private): models, arguments, dates.

Each raises :class:`~hospital_inspection.errors.DataError` naming the class or argument, the field
and what was expected, so that a model built by hand fails as clearly as one loaded from JSON.

Dates have one definition everywhere (:func:`is_plain_date`): a :class:`datetime.date` that is not
a :class:`datetime.datetime`. A datetime is refused, not truncated: it carries a time and possibly
a time zone, and silently dropping them can move a deadline by a day.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeGuard, TypeVar

import attrs

from hospital_inspection.enums import LabeledEnum
from hospital_inspection.errors import DataError, FieldError, ModelError
from hospital_inspection.i18n import N_, Message, member_message

__all__ = ["FieldError", "collect_errors", "identifier", "optional_identifier"]

T = TypeVar("T")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def fail(instance: object, field: str, detail: str | object) -> FieldError:
    """The error for ``field`` of ``instance``."""
    return FieldError(field, detail, owner=type(instance).__name__)


def non_empty_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The value is a string with at least one non-blank character."""
    if not isinstance(value, str) or not value.strip():
        raise fail(instance, attribute.name, _not_non_empty(value))


def _not_non_empty(value: object) -> Message:
    return Message(N_("{value} is not a non-empty string"), {"value": repr(value)})


def id_problem(value: object) -> Message | None:
    """Why ``value`` is not an identifier, or ``None`` when it is one.

    An identifier is a string with a visible character that holds no control character (NUL,
    newline, tab…) and no invisible formatting character (zero-width space, BOM…).
    """
    if not isinstance(value, str) or not value.strip():
        return _not_non_empty(value)
    if value.isprintable():  # no character of categories C* or Z* but the space: none bad
        return None
    bad = [c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
    if bad:
        return Message(
            N_(
                "{value} holds the invisible or control character U+{code}; "
                "an id is visible text on one line"
            ),
            {"value": repr(value), "code": f"{ord(bad[0]):04X}"},
        )
    return None


def identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string without control or zero-width characters (an id)."""
    if type(value) is str and value.isprintable() and value.strip():
        return  # the common case, decided at once (see id_problem)
    problem = id_problem(value)
    if problem is not None:
        raise fail(instance, attribute.name, problem)


def optional_identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an identifier."""
    if value is not None and not (type(value) is str and value.isprintable() and value.strip()):
        identifier(instance, attribute, value)


def collect_errors(cls: type[T]) -> type[T]:
    """Make ``cls``'s constructor report every failing field, not only the first.

    attrs runs the validators one by one and stops at the first that raises; when one does,
    the wrapper checks every field on its own and raises :class:`ModelError` listing them all.
    Wrong call shapes (a missing or unknown keyword) become a :class:`FieldError` too.
    """
    original = cls.__init__
    fields = attrs.fields(cls)  # type: ignore[arg-type]

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            original(self, *args, **kwargs)
        except DataError as first:
            errors = _every_error(self, fields, kwargs)
            if len(errors) > 1:
                raise ModelError(errors) from None
            raise first from None
        except TypeError as exc:
            raise FieldError(None, str(exc), owner=None) from None
        except (ValueError, ArithmeticError, AttributeError, RecursionError) as exc:
            raise FieldError(None, f"{type(exc).__name__}: {exc}", owner=cls.__name__) from None

    cls.__init__ = init  # type: ignore[method-assign]
    return cls


def _every_error(instance: object, fields: Any, kwargs: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    for a in fields:
        if a.name not in kwargs:
            continue  # a default: valid by construction
        value = kwargs[a.name]
        try:
            if a.converter is not None:
                value = a.converter(value)
            if a.validator is not None:
                a.validator(instance, a, value)
        except FieldError as exc:
            errors.append(exc)
        except DataError as exc:
            errors.append(FieldError(a.name, exc.messages[0], owner=type(instance).__name__))
        except Exception:  # a validator that needs other fields: skip it
            continue
    return errors


def optional_non_empty_str(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """``None`` or a non-empty string."""
    if value is not None:
        non_empty_str(instance, attribute, value)


def is_plain_date(value: object) -> TypeGuard[dt.date]:
    """Whether ``value`` is a date and not a datetime: the one date test of the library."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def require_date(value: object, name: str) -> dt.date:
    """Return ``value`` as a plain :class:`datetime.date`, else raise :class:`DataError`.

    A date subclass is accepted as the date it holds; a datetime is refused with a hint.

    >>> require_date(dt.datetime(2025, 1, 1, 9), "as_of")
    Traceback (most recent call last):
    ...
    hospital_inspection.errors.DataError: invalid data: as_of: datetime.datetime(2025, 1, 1, 9, \
0) is a datetime; expected a datetime.date (call .date() on it, after converting to China time if \
it has a time zone)
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise DataError(
            Message(
                N_(
                    "{name}: {value} is a datetime; expected a datetime.date "
                    "(call .date() on it, after converting to China time if it has a time zone)"
                ),
                {"name": name, "value": repr(value)},
            )
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise DataError(
        Message(
            N_("{name}: {value} is not a date; expected a datetime.date"),
            {"name": name, "value": repr(value)},
        )
    )


def optional_date_arg(value: object, name: str) -> dt.date | None:
    """:func:`require_date` for an argument that may be ``None``."""
    return None if value is None else require_date(value, name)


def parse_iso_date(text: str) -> dt.date | None:
    """``text`` as a date if it is exactly ``YYYY-MM-DD``, else ``None``.

    Stricter than :meth:`datetime.date.fromisoformat`, which also takes ``20250101`` and week
    dates: an office's spreadsheet cell in another form is an error, not a guess.

    >>> parse_iso_date("2025-03-01"), parse_iso_date("20250301")
    (datetime.date(2025, 3, 1), None)
    """
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def require_int(value: object, name: str) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``), else raise :class:`DataError`."""
    if type(value) is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise DataError(
        Message(
            N_("{name}: {value} is not an integer; expected an int"),
            {"name": name, "value": repr(value)},
        )
    )


def is_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a ``datetime.date`` that is not a ``datetime.datetime``."""
    if type(value) is not dt.date and not is_plain_date(value):
        raise fail(
            instance,
            attribute.name,
            Message(N_("{value} is not a date (YYYY-MM-DD)"), {"value": repr(value)}),
        )


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a date."""
    if value is not None and type(value) is not dt.date:
        is_date(instance, attribute, value)


def member_of(enum_type: type[LabeledEnum]) -> Validator:
    """The value is a member of ``enum_type``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not enum_type and not isinstance(value, enum_type):
            raise fail(instance, attribute.name, unknown_member(enum_type, value))

    return check


def unknown_member(enum_type: type[LabeledEnum], value: object) -> Message:
    """``enum_type.unknown_message(value)`` as a message (a front end words it in Chinese)."""
    return member_message(enum_type.unknown(value))


def str_collection(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A collection of non-empty strings (ids, specialties)."""
    if isinstance(value, str) or not isinstance(value, Collection):
        raise fail(
            instance,
            attribute.name,
            Message(N_("{value} is not a list of strings"), {"value": repr(value)}),
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(instance, attribute.name, _not_non_empty(item))


def no_duplicates(
    instance: object, attribute: attrs.Attribute[Any], value: Collection[Any]
) -> None:
    """No item appears twice."""
    seen: set[object] = set()
    for item in value:
        if item in seen:
            raise fail(
                instance,
                attribute.name,
                Message(N_("{value} appears more than once"), {"value": repr(item)}),
            )
        seen.add(item)


def unique_ids(instance: object, attribute: attrs.Attribute[Any], value: Collection[Any]) -> None:
    """Items (models with an ``id``) have distinct ids."""
    seen: set[str] = set()
    for item in value:
        if item.id in seen:
            raise fail(
                instance,
                attribute.name,
                Message(N_("id {id} appears more than once"), {"id": repr(item.id)}),
            )
        seen.add(item.id)


def enum_converter(enum_type: type[LabeledEnum]) -> Callable[[object], object]:
    """An attrs converter accepting members, codes and labels (used for enum fields)."""

    def convert(value: object) -> object:
        if type(value) is enum_type:  # a member already (the common case)
            return value
        if isinstance(value, str):
            try:
                return enum_type.parse(value)
            except DataError:
                return value  # the validator reports it with the field name
        return value

    return convert


def to_tuple(value: object) -> Any:
    """A converter: any iterable but a string becomes a tuple (the validator reports the rest)."""
    if type(value) is tuple:
        return value
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return tuple(value)
    return value


def all_of(kind: type) -> Validator:
    """A tuple whose items are all ``kind`` objects."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(x, kind) for x in value):
            raise fail(
                instance,
                attribute.name,
                Message(N_("expected a list of {kind} objects"), {"kind": kind.__name__}),
            )

    return check


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` days, or :class:`DataError` when that leaves the years 1-9999."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise DataError(
            Message(
                N_("{day} + {days} day(s) is outside the years 1-9999"), {"day": day, "days": days}
            )
        ) from None


def require_items(value: object, kind: type[T], name: str) -> tuple[T, ...]:
    """``value`` as a tuple of ``kind`` objects with distinct ids, else :class:`DataError`."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise DataError(
            Message(
                N_("{name}: {value} is not a list of {kind} objects"),
                {"name": name, "value": repr(value), "kind": kind.__name__},
            )
        )
    items = tuple(value)
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise DataError(
                Message(
                    N_("{name}[{i}]: {value} is not a {kind}"),
                    {"name": name, "i": i, "value": repr(item), "kind": kind.__name__},
                )
            )
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            raise DataError(
                Message(
                    N_("{name}[{i}]: id {id} appears more than once"),
                    {"name": name, "i": i, "id": repr(ident)},
                )
            )
        seen.add(ident)
    return items


def require_bool(value: object, name: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False``, else raise :class:`DataError`."""
    if value is True or value is False:
        return value
    raise DataError(
        Message(N_("{name}: {value} is not true or false"), {"name": name, "value": repr(value)})
    )


def optional_int(value: object, name: str) -> int | None:
    """``None`` or an int (see :func:`require_int`)."""
    return None if value is None else require_int(value, name)
