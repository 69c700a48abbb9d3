"""Hypothesis profiles: ``ci`` (derandomized, no deadline) under ``CI``; else ``dev`` (fast)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

#: Shared fixtures (the Weihai sample, name lookups, a small hand-made plan).
pytest_plugins = ["tests.support.frontends"]
