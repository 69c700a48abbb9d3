"""The field validators and converters of the scheduling request types (private): checks
that a value is a whole number, a flag, a list of experts, a calendar or a set of dates, and
the converters that turn lists, date ranges and yearly shares into the frozen forms the
request stores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._date_sets import DateSetError, to_date_set
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.people import Expert

#: The model whose fields these converters check (named in their errors).
_OWNER = "ScheduleRequest"


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        at_least = N_("{value} is not a whole number of at least 1")
        raise v.fail(instance, attribute.name, Message(at_least, {"value": repr(value)}))


def _non_negative_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        at_least = N_("{value} is not a whole number of at least 0")
        raise v.fail(instance, attribute.name, Message(at_least, {"value": repr(value)}))


def _is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        not_bool = Message(N_("{value} is not true or false"), {"value": repr(value)})
        raise v.fail(instance, attribute.name, not_bool)


def _frozen_strings(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        try:
            return frozenset(value)
        except TypeError:  # unhashable items: the validator names the field
            return value  # type: ignore[return-value]
    return value  # type: ignore[return-value]  # the validator reports it


def _experts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(e, Expert) for e in value):
        raise v.fail(instance, attribute.name, Message(N_("expected a list of Expert objects")))
    v.unique_ids(instance, attribute, value)


def _calendar(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(getattr(value, "is_working_day", None)):
        no_method = N_("{value} has no is_working_day(date) method")
        raise v.fail(instance, attribute.name, Message(no_method, {"value": repr(value)}))


def _dates(value: object) -> frozenset[dt.date]:
    if isinstance(value, Iterable):
        try:
            return frozenset(value)
        except TypeError:  # unhashable items: the validator names the field
            return value  # type: ignore[return-value]
    return value  # type: ignore[return-value]


def _date_set(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset):
        not_dates = Message(N_("{value} is not a list of dates"), {"value": repr(value)})
        raise v.fail(instance, attribute.name, not_dates)
    for d in value:
        v.is_date(instance, attribute, d)


def _unavailable_map(value: object) -> dict[str, frozenset[dt.date]]:
    return _date_map("unavailable")(value)  # type: ignore[no-any-return]


def _blackout_map(value: object) -> dict[str, frozenset[dt.date]]:
    return _date_map("hospital_blackout")(value)  # type: ignore[no-any-return]


def _date_map(field: str) -> Any:
    """Converter: ``{id: dates or ranges}`` to ``{id: frozenset of days}``."""

    def convert(value: object) -> dict[str, frozenset[dt.date]]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            not_map = N_("{value} is not a mapping of ids to dates")
            raise v.FieldError(field, Message(not_map, {"value": repr(value)}), owner=_OWNER)
        out: dict[str, frozenset[dt.date]] = {}
        for key, days in value.items():
            if not isinstance(key, str) or not key.strip():
                not_id = Message(N_("{value} is not an id"), {"value": repr(key)})
                raise v.FieldError(field, not_id, owner=_OWNER)
            try:
                out[key] = to_date_set(days)
            except DateSetError as exc:
                raise v.FieldError(
                    f"{field}[{key}]", exc.message, owner="ScheduleRequest"
                ) from None
        return out

    return convert


def _optional_positive_int(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _positive_int(instance, attribute, value)


def _shares(value: object) -> dict[int, Fraction] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        not_map = N_("{value} is not a mapping of years to shares")
        raise v.FieldError("per_year", Message(not_map, {"value": repr(value)}), owner=_OWNER)
    out: dict[int, Fraction] = {}
    for year, share in value.items():
        if not isinstance(year, int) or isinstance(year, bool):
            not_year = Message(N_("{value} is not a year"), {"value": repr(year)})
            raise v.FieldError("per_year", not_year, owner=_OWNER)
        not_share = Message(N_("{value} is not a share between 0 and 1"), {"value": repr(share)})
        if isinstance(share, bool) or not isinstance(share, int | float | Fraction):
            raise v.FieldError(f"per_year[{year}]", not_share, owner=_OWNER)
        f = Fraction(share).limit_denominator(10_000)
        if not 0 <= f <= 1:
            raise v.FieldError(f"per_year[{year}]", not_share, owner=_OWNER)
        out[year] = f
    return out


def _tuple(value: object) -> object:
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return tuple(value)
    return value
