"""Hypothesis profiles: ``ci`` (derandomized, no deadline) under ``CI``; else ``dev`` (fast);
``ci-core`` for CI's core-only leg (``ci`` with fewer examples)."""

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
# The core-only leg of CI runs again the tests the full leg has just run with every extra; it is
# there to show they pass without the extras, so it runs the same derandomized properties with
# fewer examples (.ci/run sets HYPOTHESIS_PROFILE=ci-core for it).
settings.register_profile("ci-core", parent=settings.get_profile("ci"), max_examples=50)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

#: Shared fixtures (the Weihai sample, name lookups, a small hand-made plan).
pytest_plugins = ["tests.support.frontends"]
