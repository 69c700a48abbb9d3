"""The fast path of :func:`~hospital_inspection.convert.structure`, and the type tests it shares.

It holds the converter of cattrs' generated, non-detailed hooks that
:mod:`hospital_inspection.convert` tries first, the private exception by which it refuses an input
it does not take, and the small predicates on types (labeled enum, sequence, ``bool | enum``)
used both here and by the detailed converter. Everything here is private; the public names stay
in :mod:`hospital_inspection.convert`.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

from hospital_inspection._validate import parse_iso_date
from hospital_inspection.enums import LabeledEnum


def _is_labeled(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, LabeledEnum)


def _is_sequence(t: Any) -> bool:
    return typing.get_origin(t) in (tuple, list, frozenset, set)


def _is_flag_or_enum(t: Any) -> bool:
    """``bool | SomeLabeledEnum``: true/false, or a member (e.g. a team slot's ``leads``)."""
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and bool in args
        and any(_is_labeled(a) for a in args)
    )


def _is_optional(t: Any) -> bool:
    """``X | None`` for one type ``X``."""
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and types.NoneType in args
    )


class _RefusedError(Exception):
    """The fast path met an input it does not take; the detailed path will say why (private)."""


_INTERN_LIMIT = 1 << 14


def _fast_converter() -> cattrs.Converter:
    """The fast path of :func:`structure`: cattrs' generated, non-detailed hooks.

    It accepts a subset of what :func:`make_converter` accepts (exact ``str``/``int``/``bool``
    types, the exact codes and labels of enums; anything else is refused), and builds the same
    values. When it refuses or fails, :func:`structure` runs the detailed converter, which either
    builds the value after all or names every failing field path.

    A class with a ``_fast_loader`` (given the converter's ``get_structure_hook``, it answers a
    function that builds an instance from a JSON object with its constructor's checks inlined,
    or ``None`` to leave it to the constructor) is built by it where it can.

    Classes marked ``_interned_on_load = True`` (small frozen value objects that repeat, such as
    a team member) are built once per distinct input of plain strings and then shared: equal
    frozen values, built by the same validated constructor.
    """
    conv = cattrs.Converter(detailed_validation=False, forbid_extra_keys=True)
    # the values built so far of each class marked _interned_on_load, by their input's items
    interned: dict[type, dict[tuple[tuple[object, object], ...], object]] = {}

    def exact(kind: type) -> Callable[[object, type], object]:
        def hook(value: object, _: type) -> object:
            if type(value) is kind:
                return value
            raise _RefusedError

        return hook

    conv.register_structure_hook(str, exact(str))
    conv.register_structure_hook(int, exact(int))
    conv.register_structure_hook(bool, exact(bool))

    def structure_float(value: object, _: type) -> float:
        if type(value) is float:
            return value
        if type(value) is int:
            return float(value)
        raise _RefusedError

    conv.register_structure_hook(float, structure_float)

    dates: dict[str, dt.date] = {}  # the days of one plan repeat: parse each text once

    def structure_date(value: object, _: type) -> dt.date:
        if type(value) is str:
            found = dates.get(value)
            if found is not None:
                return found
            parsed = parse_iso_date(value)  # ISO YYYY-MM-DD only, as the detailed path
            if parsed is None:
                raise _RefusedError
            if len(dates) >= _INTERN_LIMIT:
                dates.clear()
            dates[value] = parsed
            return parsed
        if type(value) is dt.date:
            return value
        raise _RefusedError

    conv.register_structure_hook(dt.date, structure_date)

    def enum_factory(t: type[LabeledEnum]) -> Callable[[object, type], object]:
        table = {k: t.parse(k) for m in t for k in (m.code, m.label, *m.aliases)}

        def hook(value: object, _: type) -> object:
            if type(value) is str:
                member = table.get(value)
                if member is not None:
                    return member
            if isinstance(value, str | t):
                return t.parse(value)
            raise _RefusedError

        return hook

    conv.register_structure_hook_factory(_is_labeled, enum_factory)

    def flag_or_enum_factory(t: Any) -> Callable[[object, type], object]:
        enum_type = next(a for a in typing.get_args(t) if _is_labeled(a))
        enum_hook = conv.get_structure_hook(enum_type)

        def hook(value: object, _: type) -> object:
            if type(value) is bool:
                return value
            return enum_hook(value, enum_type)

        return hook

    conv.register_structure_hook_factory(_is_flag_or_enum, flag_or_enum_factory)

    def optional_factory(t: Any) -> Callable[[object, type], object]:
        inner_type = next(a for a in typing.get_args(t) if a is not types.NoneType)
        if inner_type in (str, int, bool):  # as the exact hook of inner_type, in one call

            def plain(value: object, _: type) -> object:
                if value is None or type(value) is inner_type:
                    return value
                raise _RefusedError

            return plain
        inner = conv.get_structure_hook(inner_type)  # found once, not on every value

        def hook(value: object, _: type) -> object:
            return None if value is None else inner(value, inner_type)

        return hook

    conv.register_structure_hook_factory(_is_optional, optional_factory)

    def sequence_factory(t: Any) -> Callable[[object, type], object]:
        args = typing.get_args(t)
        item_type = args[0] if args else Any
        item_hook = conv.get_structure_hook(item_type)
        make: Callable[[list[object]], object] = {
            frozenset: frozenset,
            set: set,
            list: list,
        }.get(typing.get_origin(t), tuple)

        def hook(value: object, _: type) -> object:
            if not isinstance(value, list | tuple | frozenset | set):
                raise _RefusedError
            return make([item_hook(item, item_type) for item in value])

        built = interned.get(item_type)
        if built is None:
            return hook

        def shared(value: object, t: type) -> object:
            if type(value) is list:  # every item seen before: take them all from the table
                try:
                    return make([built[tuple(item.items())] for item in value])
                except (KeyError, TypeError, AttributeError):
                    pass  # a new, unhashable or non-object item: one by one
            return hook(value, t)

        return shared

    conv.register_structure_hook_factory(_is_sequence, sequence_factory)

    def attrs_factory(cl: type) -> Callable[[object, type], object]:
        base: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
        )
        loader_of = getattr(cl, "_fast_loader", None)
        load = loader_of(conv.get_structure_hook) if loader_of is not None else None
        if load is not None:  # the class builds what its constructor would, checks inlined

            def loaded(value: object, t: type) -> object:
                if type(value) is dict:
                    built = load(value)
                    if built is not None:
                        return built
                elif not isinstance(value, Mapping):
                    raise _RefusedError
                return base(value, t)  # what the loader leaves: the validating constructor

            return loaded
        if not getattr(cl, "_interned_on_load", False):

            def hook(value: object, t: type) -> object:
                if type(value) is not dict and not isinstance(value, Mapping):
                    raise _RefusedError
                return base(value, t)

            return hook

        built: dict[tuple[tuple[object, object], ...], object] = {}
        interned[cl] = built

        def interned_hook(value: object, t: type) -> object:
            if type(value) is not dict:
                if not isinstance(value, Mapping):
                    raise _RefusedError
                return base(value, t)
            key = tuple(value.items())
            try:
                found = built.get(key)
            except TypeError:  # an unhashable value: not a plain string, never stored
                return base(value, t)
            if found is None:
                found = base(value, t)
                if all(type(x) is str for x in value.values()):
                    if len(built) >= _INTERN_LIMIT:
                        built.clear()
                    built[key] = found
            return found

        return interned_hook

    conv.register_structure_hook_factory(attrs.has, attrs_factory)
    return conv


_PLAIN = (str, int, bool)


def _register_unstructure_shortcuts(conv: cattrs.Converter) -> None:
    """Unstructure hooks that write what cattrs' general ones write, with fewer calls.

    ``X | None`` of a plain ``str``/``int``/``bool`` is written as it is (cattrs then inlines
    the field: no call), of a date as its ISO text; a tuple or list of model objects becomes a
    list built by one comprehension over the item's own hook.
    """

    def plain_optional(t: Any) -> bool:
        return _is_optional(t) and any(a in _PLAIN for a in typing.get_args(t))

    conv.register_unstructure_hook_func(plain_optional, cattrs.fns.identity)

    def optional_date(value: dt.date | None) -> str | None:
        return None if value is None else value.isoformat()

    conv.register_unstructure_hook(dt.date | None, optional_date)

    def models(t: Any) -> bool:
        args = typing.get_args(t)
        return (
            typing.get_origin(t) in (tuple, list)
            and len(args) in (1, 2)
            and args[1:] in ((), (Ellipsis,))
            and isinstance(args[0], type)
            and attrs.has(args[0])
        )

    def models_factory(t: Any) -> Callable[[Any], list[Any]]:
        item = conv.get_unstructure_hook(typing.get_args(t)[0])

        def hook(value: Any) -> list[Any]:
            return [item(x) for x in value]

        return hook

    conv.register_unstructure_hook_factory(models, models_factory)


def _share_repeated(conv: cattrs.Converter) -> None:
    """Write each object of a class marked ``_interned_on_load`` once, and reuse its data.

    For the converter behind :func:`~hospital_inspection.to_json` only, whose data nobody else
    sees: a plan names the same few thousand team members some 10**5 times, as the same
    objects. The data of an object is remembered by identity (the object is kept alive with
    it, so its id cannot be reused meanwhile); a full memo is cleared.
    """

    def shared(t: Any) -> bool:
        args = typing.get_args(t)
        return (
            typing.get_origin(t) in (tuple, list)
            and len(args) in (1, 2)
            and args[1:] in ((), (Ellipsis,))
            and getattr(args[0], "_interned_on_load", False) is True
        )

    def shared_factory(t: Any) -> Callable[[Any], list[Any]]:
        item = conv.get_unstructure_hook(typing.get_args(t)[0])
        written: dict[int, Any] = {}  # the data of each object written, by its id
        alive: list[object] = []  # those objects, kept so that no other object takes an id

        def hook(value: Any) -> list[Any]:
            try:  # every object written before: one lookup each
                return [written[id(x)] for x in value]
            except KeyError:
                pass
            out = []
            for x in value:
                data = written.get(id(x))
                if data is None:
                    if len(written) >= _INTERN_LIMIT:
                        written.clear()
                        alive.clear()
                    data = written[id(x)] = item(x)
                    alive.append(x)
                out.append(data)
            return out

        return hook

    conv.register_unstructure_hook_factory(shared, shared_factory)
