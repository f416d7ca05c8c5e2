"""Fixtures of the ROPA tests: the Lancashire notice, checked and built."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap import pipeline
from tests.ropa.support import LANCASHIRE, build_ropa


@pytest.fixture(scope="session")
def lancashire_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ropa(LANCASHIRE, tmp_path_factory.mktemp("lancashire") / "out")


@pytest.fixture(scope="session")
def lancashire_index():
    result = pipeline.check(LANCASHIRE)
    assert result.index is not None
    return result.index
