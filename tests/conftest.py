"""Shared fixtures: paths of the maps in the repository and a scaffold builder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"


@pytest.fixture(autouse=True, scope="session")
def _cache_home_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """privacymap's validator cache goes to a folder of this test run, not ~/.cache
    (child processes inherit it)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def scaffold_text() -> str:
    """The text of `privacymap init`'s data map: a valid, clean starting point."""
    return SCAFFOLD.read_text("utf-8")
