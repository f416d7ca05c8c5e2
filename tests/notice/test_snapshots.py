"""Snapshots of the notice (HTML and Markdown); regenerate with `pytest --snapshot-update`.

Rendered straight from the index, without the draft banner (its problem count
follows the checker's rules) or the Graphviz diagram (its markup follows the
installed Graphviz), so the snapshots change only when the notice does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap.notice import render_notice
from privacymap.pipeline import resolve

from .conftest import FAMILY, LANCASHIRE


@pytest.mark.parametrize("root", [LANCASHIRE, FAMILY], ids=["lancashire-cfw", "family-support"])
@pytest.mark.parametrize("name", ["notice.html", "notice.md"])
def test_notice_snapshot(root: Path, name: str, snapshot) -> None:  # type: ignore[no-untyped-def]
    _, index, _ = resolve(root)
    assert index is not None
    assert render_notice(index)[name].decode("utf-8") == snapshot


@pytest.mark.parametrize("name", ["lancashire", "joint"])
def test_young_people_snapshot(name: str, request: pytest.FixtureRequest, snapshot) -> None:  # type: ignore[no-untyped-def]
    index = request.getfixturevalue(name).index
    assert render_notice(index)["notice-young-people.html"].decode("utf-8") == snapshot
