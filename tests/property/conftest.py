"""Hypothesis profiles: `ci` (derandomized: the same examples on every run) is the default.

Choose `pytest --hypothesis-profile=dev` for new random examples on each run (to
explore; the example counts are the tests' own `max_examples`).
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
settings.load_profile("ci")
