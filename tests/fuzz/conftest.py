"""Hypothesis settings for the fuzz tests: derandomized, so CI tries the same inputs on every
run and a failure reproduces anywhere; no example database left in the repository.

`OKRSITE_FUZZ_SCALE=10 pytest tests/fuzz` tries ten times as many inputs (still the same
derandomized sequence, extended) for a deeper run on purpose.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("OKRSITE_FUZZ_SCALE", "1")))

settings.register_profile(
    "okrsite-fuzz",
    deadline=None,  # a slow CI core must not turn a slow example into a failure
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def fuzz_settings(max_examples: int) -> settings:
    """The fuzz profile with a number of examples (times OKRSITE_FUZZ_SCALE)."""
    return settings(settings.get_profile("okrsite-fuzz"), max_examples=max_examples * SCALE)
