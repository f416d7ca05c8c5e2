"""The DPIA an activity records (reference, date, outcome) reaches the ROPA."""

from __future__ import annotations

from pathlib import Path

from privacymap import ropa
from privacymap.pipeline import resolve

FAMILY = Path(__file__).resolve().parents[2] / "examples" / "family-support"


def test_recorded_dpia_is_in_the_ropa_progress_column() -> None:
    _loaded, index, _problems = resolve(FAMILY)
    assert index is not None
    progress = [r["Data Protection Impact Assessment progress"] for r in ropa.rows(index)]
    assert progress[0] == "Reference NFS-DPIA-2025-03"
