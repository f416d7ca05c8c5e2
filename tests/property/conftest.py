"""Hypothesis profiles: `ci` (derandomized: the same examples on every run) is the default.

Choose another with `pytest --hypothesis-profile=dev` (random examples, to explore)
or `--hypothesis-profile=thorough` (ten times the examples; minutes, not seconds).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", derandomize=True, database=None, **_common)
settings.register_profile("dev", **_common)
settings.register_profile("thorough", derandomize=False, max_examples=2000, **_common)
settings.load_profile("ci")
