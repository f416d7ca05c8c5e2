"""Every data-map file (and register file) in the repository starts with the schema line
editors read."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap.config import REGISTER_FILE

REPO = Path(__file__).resolve().parent.parent
PREFIX = "# yaml-language-server: $schema="
MAP_FILES = sorted(
    path
    for folder in ("notices", "examples")
    for path in (REPO / folder).rglob("*.y*ml")
    if path.parent.name != "ci"  # examples/ci holds a workflow, not a data map
)


def test_the_repository_has_data_maps() -> None:
    assert len(MAP_FILES) >= 20


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_data_map_file_starts_with_a_schema_line_that_resolves(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith(PREFIX), f"{path} should start with `{PREFIX}...`"
    target = (path.parent / first.removeprefix(PREFIX)).resolve()
    # an organisation's register file is not a data map: it has a schema of its own
    schema = "register.schema.json" if path.name == REGISTER_FILE else "privacymap.schema.json"
    assert target == REPO / "schemas" / schema
