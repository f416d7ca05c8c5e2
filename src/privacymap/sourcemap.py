"""Where each part of the merged data map came from: model path -> file:line:col."""

from __future__ import annotations

from collections.abc import Sequence

from privacymap.diagnostics import Location

Path = tuple[str | int, ...]


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
        self._values: dict[Path, Location] = {}
        self._keys: dict[Path, Location] = {}

    def add(self, path: Path, value: Location | None, key: Location | None = None) -> None:
        if value is not None:
            self._values[path] = value
        if key is not None:
            self._keys[path] = key

    def value(self, path: Sequence[str | int]) -> Location | None:
        """Location of the value at `path`, else of its nearest located ancestor."""
        current = tuple(path)
        while True:
            found = self._values.get(current)
            if found is not None or not current:
                return found
            current = current[:-1]

    def key(self, path: Sequence[str | int]) -> Location | None:
        """Location of the key naming `path` (for unknown fields), else of the value."""
        return self._keys.get(tuple(path)) or self.value(path)

    def __len__(self) -> int:
        return len(self._values)
