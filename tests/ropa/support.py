"""Paths and a builder shared by the ROPA tests."""

from __future__ import annotations

from pathlib import Path

from privacymap import pipeline

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
FAMILY = REPO / "examples" / "family-support"
SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"
MAPS = {"lancashire": LANCASHIRE, "family-support": FAMILY, "scaffold": SCAFFOLD}


def build_ropa(source: Path, out: Path) -> Path:
    """Build only the ROPA (as a draft, so the published notice's defects do not stop it)."""
    result = pipeline.build(source, out, draft=True, only=["ropa"])
    assert result.written, result.check.diagnostics
    return out
