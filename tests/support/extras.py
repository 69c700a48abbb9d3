"""Skip what needs an optional package when it is not installed (the core-only CI leg)."""

from __future__ import annotations

import importlib.util

import pytest


def installed(module: str) -> bool:
    """Whether ``module`` can be imported."""
    return importlib.util.find_spec(module) is not None


def requires(*modules: str) -> pytest.MarkDecorator:
    """Skip the test unless every module is installed; the reason names the missing ones."""
    missing = [m for m in modules if not installed(m)]
    return pytest.mark.skipif(
        bool(missing), reason=f"needs {', '.join(missing)} (an optional extra)"
    )
