"""`privacymap init`: a minimal, valid, commented data map to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from privacymap.schema import schema_text

SCAFFOLD_FILES = ("datamap.yaml",)
SCHEMA_FILE = "privacymap.schema.json"
"""Written beside the map so editors complete and validate it offline."""


class ScaffoldError(Exception):
    """The scaffold cannot be written (e.g. it would overwrite files)."""


def write_scaffold(directory: Path, *, force: bool = False) -> list[Path]:
    """Write the scaffold files into `directory`; refuse to overwrite unless `force`."""
    source = resources.files("privacymap.data").joinpath("scaffold")
    targets = [directory / name for name in (*SCAFFOLD_FILES, SCHEMA_FILE)]
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise ScaffoldError(f"{directory} exists and is not a folder")
    present = sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []
    others = [name for name in present if name not in (*SCAFFOLD_FILES, SCHEMA_FILE)]
    if others:
        # A second datamap.yaml beside an existing map would break it (duplicate ids).
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise ScaffoldError(
            f"{directory} is not empty ({shown}); `init` starts a new data map in a new or "
            "empty folder"
        )
    if present and not force:
        raise ScaffoldError(f"{directory / present[0]} exists; use --force to overwrite it")
    directory.mkdir(parents=True, exist_ok=True)
    for name, target in zip(SCAFFOLD_FILES, targets, strict=False):
        target.write_text(source.joinpath(name).read_text("utf-8"), encoding="utf-8")
    targets[-1].write_text(schema_text(), encoding="utf-8")
    return targets
