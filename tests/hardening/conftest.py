"""Fixtures of the hardening tests: the hostile copy of the example, built once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import privacymap

from .hostile import Hostile, make_hostile


@dataclass
class HostileBuild:
    hostile: Hostile
    out: Path


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    folder = tmp_path_factory.mktemp("hostile")
    hostile = make_hostile(folder / "map")
    result = privacymap.build(folder / "map" / "map.yaml", folder / "out", draft=True)
    assert result.written, [str(d) for d in result.check.diagnostics if d.fatal]
    return HostileBuild(hostile, folder / "out")
