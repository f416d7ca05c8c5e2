"""Shared fixtures: paths of the maps in the repository and a scaffold builder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"


@pytest.fixture
def scaffold_text() -> str:
    """The text of `privacymap init`'s data map: a valid, clean starting point."""
    return SCAFFOLD.read_text("utf-8")
