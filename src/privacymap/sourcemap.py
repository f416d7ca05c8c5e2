"""Where each part of the merged data map came from: model path -> file:line:col."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from privacymap.diagnostics import Location

Path = tuple[str | int, ...]


class Positions(Protocol):
    """Positions of one file by path (what `privacymap.yamlio` provides)."""

    def get(self, path: Path, default: object = None) -> tuple[int, int] | None: ...


class _Section:
    """The files that contributed to one top-level section, by first merged list index."""

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self.files: list[tuple[str, Positions, Positions]] = []

    def find(self, path: Path, keys: bool) -> Location | None:
        if not self.files:
            return None
        if len(path) > 1 and isinstance(path[1], int):
            slot = bisect_right(self.offsets, path[1]) - 1
            if slot < 0:
                return None
            path = (path[0], path[1] - self.offsets[slot], *path[2:])
        else:
            slot = len(self.files) - 1  # the section itself, or a mapping: the last file's
        name, values, key_positions = self.files[slot]
        found = (key_positions if keys else values).get(path)
        return Location(name, *found) if found else None


def format_path(path: Sequence[str | int]) -> str:
    """`("activities", 3, "discloses", 0)` -> `activities[3].discloses[0]`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class SourceMap:
    """Locations of values and keys of the merged map, by model path."""

    def __init__(self) -> None:
        self._sections: dict[str | int, _Section] = {}

    def add_section(
        self, section: str, file: str, values: Positions, keys: Positions, offset: int = 0
    ) -> None:
        """Locate `section` (and list items from `offset` on) in one file, looked up lazily.

        The file's list items `section[i]` become `section[offset + i]` of the merged map.
        """
        entry = self._sections.setdefault(section, _Section())
        if entry.offsets and offset < entry.offsets[-1]:
            raise ValueError("sections must be added in merge order")
        entry.offsets.append(offset)
        entry.files.append((file, values, keys))

    def _lookup(self, path: Path, keys: bool) -> Location | None:
        entry = self._sections.get(path[0]) if path else None
        return entry.find(path, keys) if entry else None

    def value(self, path: Sequence[str | int]) -> Location | None:
        """Location of the value at `path`, else of its nearest located ancestor."""
        current = tuple(path)
        while True:
            found = self._lookup(current, keys=False)
            if found is not None or not current:
                return found
            current = current[:-1]

    def key(self, path: Sequence[str | int]) -> Location | None:
        """Location of the key naming `path` (for unknown fields), else of the value."""
        return self._lookup(tuple(path), keys=True) or self.value(path)
