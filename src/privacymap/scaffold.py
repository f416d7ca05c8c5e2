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
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise ScaffoldError(f"{existing[0]} exists; use --force to overwrite it")
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} exists and is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    for name, target in zip(SCAFFOLD_FILES, targets, strict=False):
        target.write_text(source.joinpath(name).read_text("utf-8"), encoding="utf-8")
    targets[-1].write_text(schema_text(), encoding="utf-8")
    return targets
