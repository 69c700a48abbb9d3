"""Models built from parts that are already checked, and what their fast loaders share (private).

The fast loaders of :class:`~hospital_inspection.Visit`, :class:`~hospital_inspection.Hospital`
and :class:`~hospital_inspection.Expert` (each class's ``_fast_loader``, used by the fast path
of :func:`~hospital_inspection.convert.structure`) check every field of a JSON object inline,
as the validating constructor would, and then set the fields directly; the greedy scheduler
does the same with visits whose parts it built valid. :func:`assembler` is that last step.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from hospital_inspection.enums import LabeledEnum

__all__ = ["assembler", "checks", "codes", "keys"]

T = TypeVar("T")
E = TypeVar("E", bound=LabeledEnum)


def checks(cls: type) -> tuple[tuple[str, object, object], ...]:
    """Each field of the attrs class ``cls``: its name, validator and converter, in order.

    A fast loader compares this to the tuple of the checks it inlines, and builds nothing when
    they differ: a changed model is left to its constructor rather than loaded wrongly.
    """
    return tuple((f.name, f.validator, f.converter) for f in attrs.fields(cls))


def keys(cls: type) -> tuple[frozenset[str], frozenset[str], dict[str, Any]] | None:
    """The field names of ``cls``, those without a default, and the plain defaults of the rest.

    ``None`` when a default is a factory (a loader completing an object with these defaults
    would share one mutable value).
    """
    fields = attrs.fields(cls)
    if any(isinstance(f.default, attrs.Factory) for f in fields):  # type: ignore[arg-type]
        return None
    names = frozenset(f.name for f in fields)
    required = frozenset(f.name for f in fields if f.default is attrs.NOTHING)
    return names, required, {f.name: f.default for f in fields if f.default is not attrs.NOTHING}


def codes(hook: Callable[[Any], Any], enum: type[E]) -> tuple[dict[str, E], Callable[..., Any]]:
    """What the loading converter answers for each code, label and alias of ``enum``, and the
    converter's own function for ``enum`` (for any other value)."""
    of: Callable[..., Any] = hook(enum)
    return {k: of(k, enum) for m in enum for k in (m.code, m.label, *m.aliases)}, of


def assembler(cls: type[T], names: tuple[str, ...]) -> Callable[..., T] | None:
    """A function building a ``cls`` from its field values, given in the order of ``names``.

    It sets each field's slot directly on ``object.__new__(cls)``: no converter, validator or
    ``__attrs_post_init__`` runs, so it is only for parts already checked as the constructor
    checks them. ``None`` when ``cls``'s fields are not exactly ``names`` (in this order), or
    are not all held in slots of ``cls`` itself with nothing else to set (an attrs class with
    ``cache_hash``, say, has a slot its constructor fills too).

    The function is written for ``cls`` (one statement per field, as attrs writes its
    ``__init__``): as fast as setting the fields by hand, where a loop over them is not.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    if tuple(f.name for f in fields) != names or slots != set(names):
        return None
    setters: dict[str, object] = {}
    for i, name in enumerate(names):
        slot = cls.__dict__.get(name)
        if type(slot) is not types.MemberDescriptorType:
            return None
        setters[f"_set{i}"] = slot.__set__
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = "".join(f"    _set{i}(made, a{i})\n" for i in range(len(names)))
    source = f"def assemble({args}):\n    made = _new(_cls)\n{body}    return made\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(compile(source, f"<assembler of {cls.__qualname__}>", "exec"), namespace)
    made: Callable[..., T] = namespace["assemble"]
    made.__doc__ = f"A {cls.__name__} of the already checked ({', '.join(names)})."
    return made
