"""Maps derived from the Lancashire notice, one edit at a time, for the diff tests.

Each edit takes a loaded map and returns a new one built from its model (the
Lancashire files are never changed); `write_map` writes a map as YAML so the
command line and git can read it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from privacymap.model import DataMap

Edit = Callable[[DataMap], DataMap]


def rebuilt(datamap: DataMap, **sections: Any) -> DataMap:
    """`datamap` with whole sections replaced, validated and resolved afresh."""
    return DataMap.model_validate({**dict(datamap), **sections})


def changed(items: tuple[Any, ...], item_id: str, **fields: Any) -> tuple[Any, ...]:
    """`items` with the one whose id is `item_id` given new field values."""
    found = [i for i in items if getattr(i, "id", None) == item_id]
    assert found, f"no item {item_id!r}"
    return tuple(i.model_copy(update=fields) if i.id == item_id else i for i in items)


def without(items: tuple[Any, ...], item_id: str) -> tuple[Any, ...]:
    assert any(i.id == item_id for i in items), item_id
    return tuple(i for i in items if i.id != item_id)


def activity(datamap: DataMap, activity_id: str) -> Any:
    return next(a for a in datamap.activities if a.id == activity_id)


def apply(datamap: DataMap, *edits: Edit) -> DataMap:
    for edit in edits:
        datamap = edit(datamap)
    return datamap


def write_map(datamap: DataMap, folder: Path) -> Path:
    """The map as one YAML file in `folder` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    data = datamap.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    (folder / "map.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), "utf-8"
    )
    return folder


@dataclasses.dataclass(frozen=True)
class Expect:
    """A change the diff must report: its kind, the object, and a provision its reason cites."""

    kind: str
    classification: str
    section: str
    id: str
    cites: str | None = None
