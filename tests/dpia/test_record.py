"""The DPIA an activity records (reference, date, outcome) reaches the ROPA."""

from __future__ import annotations

import shutil
from pathlib import Path

from privacymap import ropa
from privacymap.pipeline import resolve

FAMILY = Path(__file__).resolve().parents[2] / "examples" / "family-support"


def test_recorded_dpia_is_in_the_ropa_progress_column() -> None:
    _loaded, index, _problems = resolve(FAMILY)
    assert index is not None
    progress = [r["Data Protection Impact Assessment progress"] for r in ropa.rows(index)]
    assert progress[0] == "Reference NFS-DPIA-2025-03"


def test_every_dpia_outcome_is_worded_in_the_ropa(tmp_path: Path) -> None:
    text = (FAMILY / "activities.yaml").read_text(encoding="utf-8")
    assert "dpia: {reference: NFS-DPIA-2025-03}" in text
    for outcome, words in (
        ("prior-consultation", "prior consultation of the ICO (Art 36)"),
        ("approved-with-measures", "approved with measures"),
    ):
        folder = tmp_path / outcome
        shutil.copytree(FAMILY, folder)
        (folder / "activities.yaml").write_text(
            text.replace(
                "dpia: {reference: NFS-DPIA-2025-03}",
                f"dpia: {{reference: NFS-DPIA-2025-03, date: 2025-10-15, outcome: {outcome}}}",
            ),
            encoding="utf-8",
        )
        _loaded, index, _problems = resolve(folder)
        assert index is not None
        progress = [r["Data Protection Impact Assessment progress"] for r in ropa.rows(index)]
        assert f"Reference NFS-DPIA-2025-03; signed off 2025-10-15; outcome: {words}" in progress
