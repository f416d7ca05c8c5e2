"""Fixtures of the graph tests: resolved indexes of the repository's maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap.index import Index
from privacymap.pipeline import resolve

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
FAMILY = REPO / "examples" / "family-support"
SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"
HOSTILE = Path(__file__).resolve().parent / "maps" / "hostile.yaml"
MAPS = {
    "lancashire": LANCASHIRE,
    "family-support": FAMILY,
    "scaffold": SCAFFOLD,
    "hostile": HOSTILE,
}


def load_index(path: Path) -> Index:
    _loaded, index, diagnostics = resolve(path)
    assert index is not None, [str(d) for d in diagnostics]
    return index


@pytest.fixture(scope="session")
def indexes() -> dict[str, Index]:
    return {name: load_index(path) for name, path in MAPS.items()}


@pytest.fixture(scope="session")
def lancashire(indexes: dict[str, Index]) -> Index:
    return indexes["lancashire"]


@pytest.fixture(scope="session")
def hostile(indexes: dict[str, Index]) -> Index:
    return indexes["hostile"]


@pytest.fixture
def without_basis_path(scaffold_text: str, tmp_path: Path) -> Path:
    """The scaffold with its only purpose's basis removed: every flow lacks a basis."""
    text = scaffold_text.replace("    bases: [public-task]\n", "", 1)
    assert text != scaffold_text
    path = tmp_path / "datamap.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def map_paths() -> dict[str, Path]:
    return dict(MAPS)
