"""Generated references stay in sync with the code they are generated from."""

from __future__ import annotations

from pathlib import Path

from privacymap._gen.format import reference
from privacymap.model import DataMap

REPO = Path(__file__).resolve().parents[2]


def test_format_reference_covers_every_section() -> None:
    text = reference()
    for name, field in DataMap.model_fields.items():
        assert f"| `{field.alias or name}` |" in text
    assert "## Activity" in text and "| `to` |" in text
