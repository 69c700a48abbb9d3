"""Views of core objects, filled in by the front ends (private registry, ground floor).

The models and reports offer conveniences — ``_repr_html_`` in a notebook, ``to_frame()``,
``plot_gantt()`` — but the core never imports a front end, not even inside a function. Instead
each convenience calls a view here, a :func:`functools.singledispatch` function that the front-end
modules register their implementations into::

    from hospital_inspection import _views

    @_views.html.register
    def _(plan: Plan, **options: Any) -> str: ...

Which front-end module provides each kind of view is data (:data:`PROVIDERS`): the first time a
view is asked for a type nobody has registered, the registry imports the provider modules named
for that kind (as a plugin system loads its entry points) and dispatches again. A missing
optional package then surfaces as the front end's own
:class:`~hospital_inspection.MissingExtraError` naming the extra.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from hospital_inspection.errors import InspectionError

__all__ = ["PROVIDERS", "View", "document", "frame", "gantt", "html"]

#: For each kind of view, the front-end modules that register implementations of it.
PROVIDERS: dict[str, tuple[str, ...]] = {
    "html": ("hospital_inspection.display.html",),
    "frame": ("hospital_inspection.exports.frames",),
    "gantt": ("hospital_inspection.display.gantt",),
    "document": ("hospital_inspection.display.document",),
}

F = TypeVar("F", bound=Callable[..., Any])


class View:
    """One kind of view: a :func:`functools.singledispatch` function on the object's type."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._loaded = False
        self._dispatch = functools.singledispatch(self._missing)

    def _missing(self, obj: object, **options: Any) -> Any:
        if not self._loaded:
            self._loaded = True
            for module in PROVIDERS[self.kind]:
                importlib.import_module(module)
            return self(obj, **options)
        raise InspectionError(f"no {self.kind} view is registered for {type(obj).__name__}")

    def register(self, cls: type) -> Callable[[F], F]:
        """Register the decorated function as this view of ``cls`` (and its subclasses)."""

        def decorate(func: F) -> F:
            self._dispatch.register(cls, func)
            return func

        return decorate

    def __call__(self, obj: object, **options: Any) -> Any:
        return self._dispatch.dispatch(type(obj))(obj, **options)

    def __repr__(self) -> str:
        return f"<view {self.kind}>"


#: An object as an HTML fragment (``str``); what ``_repr_html_`` shows in a notebook.
html = View("html")
#: An object as a pandas ``DataFrame`` (extra ``pandas``).
frame = View("frame")
#: An object drawn as a Gantt chart on matplotlib ``Axes`` (extra ``plot``).
gantt = View("gantt")
#: An object as a printable, self-contained HTML document (``str``; A4, inline CSS, no scripts).
document = View("document")
