"""Lazy imports of optional packages (private).

The core never imports openpyxl, icalendar, matplotlib or pandas; the front-end functions that need
one call :func:`require` when they run, and a missing package becomes a
:class:`~hospital_inspection.errors.MissingExtraError` naming the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from hospital_inspection.errors import MissingExtraError

__all__ = ["package_version", "require"]


def require(module: str, *, feature: str, extra: str) -> ModuleType:
    """Import ``module`` (e.g. ``"matplotlib.dates"``) or say which extra is missing.

    >>> require("json", feature="demo", extra="none").__name__
    'json'
    >>> require("no_such_package_xyz", feature="the demo", extra="demo")
    Traceback (most recent call last):
    ...
    hospital_inspection.errors.MissingExtraError: the demo needs the optional package \
'no_such_package_xyz'; install it with: pip install "hospital-inspection[demo]"
    """
    parts = module.split(".")
    try:
        # Parents first: a cached submodule must not hide a package that is now missing.
        for n in range(1, len(parts)):
            importlib.import_module(".".join(parts[:n]))
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.partition(".")[0]
        raise MissingExtraError(feature, extra, package) from exc


def package_version() -> str:
    """The installed distribution's version (``importlib.metadata``), or ``"0+unknown"``.

    ``"0+unknown"`` only when the package runs from a source tree that was never installed.
    """
    import importlib.metadata  # on first use: it costs a third of the package's import time

    try:
        return importlib.metadata.version("hospital-inspection")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"
