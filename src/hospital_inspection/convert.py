"""The library's own cattrs converter: JSON-compatible structure and unstructure for every model.

Dates travel as ISO strings, enums as their English codes (codes or Chinese labels are accepted on
input), sets as sorted lists. Input is strict: a number is not a string, a string is not a list,
an unknown key is an error. Every failure becomes one :class:`~hospital_inspection.DataError`
listing each failing field path with what was expected::

    >>> from hospital_inspection import Hospital
    >>> from_json('{"id": "H1"}', Hospital)
    Traceback (most recent call last):
    ...
    hospital_inspection.errors.DataError: invalid data:
      - hospital.name: required field missing
      - hospital.level: required field missing
      - hospital.category: required field missing
      - hospital.ownership: required field missing
      - hospital.authority: required field missing
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import operator
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from hospital_inspection._convert_fast import (
    _INTERN_LIMIT as _INTERN_LIMIT,
)
from hospital_inspection._convert_fast import (
    _fast_converter,
    _is_flag_or_enum,
    _is_labeled,
    _is_sequence,
    _register_unstructure_shortcuts,
    _share_repeated,
)
from hospital_inspection._convert_fast import (
    _RefusedError as _RefusedError,
)
from hospital_inspection._json_fast import spaced
from hospital_inspection._validate import is_plain_date, parse_iso_date, unknown_member
from hospital_inspection.enums import LabeledEnum
from hospital_inspection.errors import DataError, FieldError, ModelError
from hospital_inspection.i18n import N_, Message

__all__ = ["from_json", "make_converter", "structure", "to_json", "unstructure"]

T = TypeVar("T")


class _NestedError(Exception):
    """Errors found inside a JSON array or object (private)."""

    def __init__(self, items: list[tuple[str, BaseException]]) -> None:
        super().__init__(f"{len(items)} invalid item(s)")
        self.items = items


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"{type(value).__name__} {value!r}"


def make_converter() -> cattrs.Converter:
    """A new converter with the library's hooks, to extend with hooks for your own types.

    The library's own functions (:func:`structure`, :func:`unstructure`, :func:`to_json`,
    :func:`from_json`) use a private converter that nobody else changes; register your hooks on
    one of these instead.

    >>> import datetime as dt
    >>> make_converter().unstructure(dt.date(2025, 1, 2))
    '2025-01-02'
    """
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)

    def strict(kind: type, words: str) -> Callable[[object, type], object]:
        def hook(value: object, _: type) -> object:
            if isinstance(value, bool) and kind is not bool:
                raise FieldError(None, _not(words, value))
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            if not isinstance(value, kind):
                raise FieldError(None, _not(words, value))
            return value

        return hook

    conv.register_structure_hook(str, strict(str, N_("{kind} is not a string")))
    conv.register_structure_hook(int, strict(int, N_("{kind} is not an integer")))
    conv.register_structure_hook(float, strict(float, N_("{kind} is not a number")))
    conv.register_structure_hook(bool, strict(bool, N_("{kind} is not true or false")))

    def structure_date(value: object, _: type) -> dt.date:
        if is_plain_date(value):
            return value
        if isinstance(value, str) and (parsed := parse_iso_date(value)) is not None:
            return parsed
        raise FieldError(
            None,
            Message(
                N_("{kind} is not a date; expected YYYY-MM-DD"),
                {"kind": _json_kind(value), "value": repr(value)},
            ),
        )

    conv.register_structure_hook(dt.date, structure_date)
    conv.register_unstructure_hook(dt.date, operator.methodcaller("isoformat"))

    def enum_hook(value: object, t: type[LabeledEnum]) -> LabeledEnum:
        if isinstance(value, t):
            return value
        if not isinstance(value, str):
            raise FieldError(None, unknown_member(t, value))
        try:
            return t.parse(value)
        except DataError as exc:
            if exc.problems != (t.unknown_message(value),):
                raise
            raise FieldError(None, unknown_member(t, value)) from None

    conv.register_structure_hook_func(_is_labeled, enum_hook)

    def flag_or_enum_hook(value: object, t: Any) -> object:
        if isinstance(value, bool):
            return value
        return enum_hook(value, next(a for a in typing.get_args(t) if _is_labeled(a)))

    conv.register_structure_hook_func(_is_flag_or_enum, flag_or_enum_hook)
    conv.register_unstructure_hook_func(_is_labeled, operator.attrgetter("_value_"))  # the code

    def sequence_hook(value: object, t: Any) -> object:
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if not isinstance(value, list | tuple | frozenset | set):
            raise FieldError(None, _not(N_("{kind} is not a list"), value))
        item_type = args[0] if args else Any
        items: list[object] = []
        errors: list[tuple[str, BaseException]] = []
        for index, item in enumerate(value):
            try:
                items.append(conv.structure(item, item_type))
            except Exception as exc:
                errors.append((f"[{index}]", exc))
        if errors:
            raise _NestedError(errors)
        if origin is frozenset:
            return frozenset(items)
        if origin is set:
            return set(items)
        if origin is list:
            return items
        return tuple(items)

    conv.register_structure_hook_func(_is_sequence, sequence_hook)

    def unstructure_set(value: frozenset[Any] | set[Any]) -> list[Any]:
        return sorted((conv.unstructure(x) for x in value), key=str)

    def is_set(t: Any) -> bool:
        return typing.get_origin(t) in (frozenset, set) or t in (frozenset, set)

    conv.register_unstructure_hook_func(is_set, unstructure_set)
    _register_unstructure_shortcuts(conv)

    def attrs_factory(cl: type) -> Callable[[object, type], object]:
        base: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True
        )

        def hook(value: object, t: type) -> object:
            if not isinstance(value, Mapping):
                raise FieldError(None, _not(N_("{kind} is not an object"), value))
            return base(value, t)

        return hook

    conv.register_structure_hook_factory(attrs.has, attrs_factory)
    return conv


_converter: cattrs.Converter = make_converter()
_fast: cattrs.Converter = _fast_converter()
_writer: cattrs.Converter = make_converter()  # to_json's, whose data nobody else sees
_share_repeated(_writer)


def _not(message: str, value: object) -> Message:
    """``message`` (``{kind} is not …``) about a JSON ``value``; Chinese quotes the value."""
    return Message(message, {"kind": _json_kind(value), "value": repr(value)})


def _at(path: str, problem: object) -> str | Message:
    """``path: problem``; a problem that is a message stays one (a front end words it)."""
    if isinstance(problem, Message):
        return Message(N_("{path:path}: {problem}"), {"path": path, "problem": problem})
    return f"{path}: {problem}"


def _describe(exc: BaseException, path: str) -> list[str | Message]:
    if isinstance(exc, _NestedError):
        return [line for suffix, inner in exc.items for line in _describe(inner, path + suffix)]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(map(str, exc.extra_fields)))
        known = ", ".join(a.name for a in attrs.fields(exc.cl)) if attrs.has(exc.cl) else ""
        unexpected = N_("{path:path}: unexpected key(s) {keys}; expected only {known}")
        return [Message(unexpected, {"path": path, "keys": keys, "known": known})]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        lines: list[str | Message] = []
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                sub = f"{path}.{note.name}"
            elif isinstance(note, IterableValidationNote):
                sub = f"{path}[{note.index}]"
            else:
                sub = path
            if isinstance(inner, KeyError) and isinstance(note, AttributeValidationNote):
                lines.append(Message(N_("{path:path}: required field missing"), {"path": sub}))
            else:
                lines.extend(_describe(inner, sub))
        for inner in without:
            lines.extend(_describe(inner, path))
        return lines
    if isinstance(exc, ModelError):
        return [line for e in exc.errors for line in _describe(e, path)]
    if isinstance(exc, FieldError):
        where = f"{path}.{exc.field}" if exc.field else path
        return [_at(where, exc.detail_message)]
    if isinstance(exc, DataError):
        return [_at(path, m) for m in exc.messages]
    return [f"{path}: {type(exc).__name__}: {exc}"]


def _root(cl: Any) -> str:
    origin = typing.get_origin(cl)
    if origin in (list, tuple, frozenset, set):
        args = typing.get_args(cl)
        return _root(args[0]) + "s" if args else "items"
    name = getattr(cl, "__name__", "value")
    return str(name[:1].lower() + name[1:])


@contextlib.contextmanager
def _cycles_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large tree of values is built.

    Structuring a national plan allocates some 10**5 objects, none in a reference cycle; the
    collector would otherwise walk the whole heap several times meanwhile (about a third of the
    time). Reference counting still frees everything; collection resumes afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def structure(data: object, cl: type[T], *, path: str | None = None) -> T:
    """Build a ``cl`` from JSON-compatible ``data`` (dicts, lists, strings, numbers).

    Args:
        data: the decoded JSON value.
        cl: the target type, e.g. ``Hospital`` or ``list[Hospital]``.
        path: the name used for the root in error messages (default: from the type).

    Raises:
        DataError: listing every failing field path with what was expected.

    Example:
        >>> from hospital_inspection import Level
        >>> structure("三级", Level)
        <Level.TERTIARY: 'tertiary'>
    """
    try:
        with _cycles_paused():
            fast: T = _fast.structure(data, cl)
        return fast
    except Exception:  # refused or failed: the detailed path decides, and words the error
        pass
    try:
        result: T = _converter.structure(data, cl)
        return result
    except RecursionError:
        raise DataError(
            Message(N_("{path:path}: nested too deeply"), {"path": path or _root(cl)})
        ) from None
    except Exception as exc:
        raise DataError(_describe(exc, path or _root(cl))) from exc


def unstructure(obj: object) -> Any:
    """Turn a model (or a list of models) into JSON-compatible data.

    Example:
        >>> from hospital_inspection import Level
        >>> unstructure([Level.TERTIARY])
        ['tertiary']
    """
    with _cycles_paused():
        return _converter.unstructure(obj)


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """Serialise a model to JSON text (UTF-8 characters kept as they are).

    With ``indent`` 2 (the default) or ``None`` and the optional package ``orjson`` installed
    (extra ``fast-json``), a model is written by ``orjson``, faster than ``json`` and to the
    same text; without it, or for anything else, by ``json``.

    Example:
        >>> from hospital_inspection import Level
        >>> to_json({"level": Level.SECONDARY}, indent=None)
        '{"level": "secondary"}'
    """
    with _cycles_paused():  # the data is written and dropped before the collector resumes,
        return _written(_writer.unstructure(obj), type(obj), indent)  # which so never sees it


def _written(data: object, t: type, indent: int | None) -> str:
    """``data`` (of a ``t``) as JSON text: see :func:`to_json`."""
    if indent in (2, None) and _float_free(t):
        fast = _orjson()
        if fast is not None:
            try:
                if indent is None:
                    text = spaced(fast, data)
                    if text is not None:
                        return text
                else:
                    return str(fast.dumps(data, option=fast.OPT_INDENT_2).decode())
            except TypeError:  # e.g. an integer beyond 64 bits, a lone surrogate: json says it
                pass
    return json.dumps(data, ensure_ascii=False, indent=indent)


@functools.cache
def _orjson() -> Any:
    """The ``orjson`` module when it is installed (extra ``fast-json``), else ``None``."""
    try:
        import orjson  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return orjson


_FLOAT_FREE_SCALARS = frozenset({str, int, bool, type(None), dt.date})


def _float_free(t: Any, _seen: frozenset[Any] = frozenset()) -> bool:
    """Whether no value of model type ``t`` can hold a float.

    ``orjson`` writes some floats differently from ``json`` (``1e16`` against ``1e+16``), so
    only float-free models take the fast path. Computed once per class.
    """
    known = _FLOAT_FREE.get(t)
    if known is not None:
        return known
    if t in _FLOAT_FREE_SCALARS or _is_labeled(t):
        return True
    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType) or _is_sequence(t):
        args = typing.get_args(t)
        return bool(args) and all(_float_free(a, _seen) for a in args if a is not Ellipsis)
    if not (isinstance(t, type) and attrs.has(t)) or t in _seen:
        return False
    hints = typing.get_type_hints(t)
    free = all(_float_free(hints[f.name], _seen | {t}) for f in attrs.fields(t))
    _FLOAT_FREE[t] = free
    return free


_FLOAT_FREE: dict[Any, bool] = {}


def from_json(text: str | bytes, cl: type[T], *, source: str | None = None) -> T:
    """Parse JSON text into a ``cl``.

    Args:
        text: the JSON document.
        cl: the target type.
        source: a file name or other label used in error messages.

    Raises:
        DataError: the text is not JSON, or does not fit ``cl``.
    """
    fast = _orjson()
    if fast is not None:
        try:  # orjson reads what json reads, but integers beyond 64 bits as floats, which a
            # float-free model refuses; anything it cannot read or build goes the json way
            if _float_free(cl):
                with _cycles_paused():
                    built: T = _fast.structure(fast.loads(text), cl)
                return built
        except Exception:
            pass
    try:
        with _cycles_paused():
            data = json.loads(text)
    except (ValueError, TypeError) as exc:
        reason = (
            Message(
                N_("not valid JSON: {error}"),
                {"error": exc, "line": exc.lineno, "column": exc.colno},
            )
            if isinstance(exc, json.JSONDecodeError)
            else Message(N_("not valid JSON: {reason}"), {"reason": exc})
        )
        raise DataError(reason, source=source) from None
    except RecursionError:
        raise DataError(Message(N_("not valid JSON: nested too deeply")), source=source) from None
    try:
        result: T = structure(data, cl)
    except DataError as exc:
        if source is None:
            raise
        raise DataError(exc.messages, source=source) from exc
    return result
