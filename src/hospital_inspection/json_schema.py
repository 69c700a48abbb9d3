"""JSON Schema (draft 2020-12) of the models, so other systems can validate what they send.

>>> from hospital_inspection import Hospital
>>> schema = json_schema(Hospital)
>>> schema["properties"]["level"]["enum"][:3]
['primary', 'secondary', 'tertiary']
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

from hospital_inspection.enums import LabeledEnum
from hospital_inspection.errors import DataError

__all__ = ["json_schema"]


def json_schema(cl: type) -> dict[str, Any]:
    """The JSON Schema of an attrs model of this library.

    Enums accept their codes and their Chinese labels (as the converter does); dates are ISO
    strings; nested models are ``$defs``.

    Raises:
        DataError: ``cl`` is not an attrs model.
    """
    import attrs  # here, not at the top: ``import hospital_inspection`` loads this module

    if not attrs.has(cl):
        raise DataError(f"json_schema: {cl!r} is not a model class")
    defs: dict[str, Any] = {}
    root = _object(cl, defs)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": cl.__name__,
        **root,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def _object(cl: type, defs: dict[str, Any]) -> dict[str, Any]:
    import attrs

    hints = typing.get_type_hints(cl)
    props: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cl):
        props[field.name] = _type(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cl.__doc__ or "").strip().splitlines()
    out: dict[str, Any] = {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }
    if doc:
        out["description"] = doc[0]
    return out


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    import attrs

    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        options = [_type(a, defs) for a in args]
        return {"anyOf": options}
    if t is type(None):
        return {"type": "null"}
    if t is str:
        return {"type": "string", "minLength": 1}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is float:
        return {"type": "number"}
    if t is dt.date:
        return {"type": "string", "format": "date"}
    if isinstance(t, type) and issubclass(t, LabeledEnum):
        codes = [m.code for m in t]
        labels = [name for m in t for name in (m.label, *m.aliases)]
        return {
            "type": "string",
            "enum": codes + [x for x in labels if x not in codes],
            "description": f"{t.__name__}: " + ", ".join(f"{m.code} ({m.label})" for m in t),
        }
    if origin in (tuple, list, frozenset, set):
        item = args[0] if args else Any
        out: dict[str, Any] = {"type": "array", "items": _type(item, defs)}
        if origin in (frozenset, set):
            out["uniqueItems"] = True
        return out
    if isinstance(t, type) and attrs.has(t):
        if t.__name__ not in defs:
            defs[t.__name__] = {}
            defs[t.__name__] = _object(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    return {}
