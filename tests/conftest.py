"""Hypothesis profiles: ``ci`` (derandomized, no deadline) under ``CI``, ``dev`` otherwise."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=50)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
