"""Write imported sections as data-map YAML: one file per section, never over a
file `privacymap import` did not write.

Each file starts with the schema line editors read, then a marker line naming
the spreadsheet and a digest of the file's content. A later import replaces a
file only when its marker is there and its content still matches the digest,
that is, when nobody has edited it since; any other existing file it would
replace, and any other YAML file in the folder (which would load as part of the
imported map), stops the import before anything is written (PM085).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from privacymap import rules
from privacymap.diagnostics import Diagnostic, Location
from privacymap.importer.assemble import Item, Sections
from privacymap.loader import YAML_SUFFIXES
from privacymap.model import DataMap

SCHEMA_LINE = "# yaml-language-server: $schema=privacymap.schema.json"
MARKER = "# Written by `privacymap import` from "
SCHEMA_FILE = "privacymap.schema.json"


def file_name(section: str) -> str:
    return section.replace("_", "-") + ".yaml"


def _dump(value: Any) -> str:
    return yaml.safe_dump(
        value, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def _indent(text: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(True))


def _one_line(text: str) -> str:
    """Text safe inside a YAML comment: a line break would end the comment."""
    return " ".join(text.splitlines())


def _comment(origin: str) -> str:
    """`# from FILE:Sheet!C12`; an origin that is already a comment stays as it is."""
    origin = _one_line(origin)
    return origin if origin.startswith("# ") else f"# from {origin}"


def _body(section: str, single: Item | None, items: list[Item] | None) -> str:
    if single is not None:
        value, origin = single
        return f"{_comment(origin)}\n" + _dump({section: value})
    assert items is not None
    out = [f"{section}:\n"]
    for value, origin in items:
        out.append(f"  {_comment(origin)}\n")
        out.append(_indent(_dump([value]), "  "))
    return "".join(out)


def digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def render(sections: Sections, source: str) -> dict[str, str]:
    """File name -> content, in the data map's section order."""
    files: dict[str, str] = {}
    for section in DataMap.model_fields:
        single = sections.single.get(section)
        items = sections.lists.get(section)
        if single is None and not items:
            continue
        body = _body(section, single, items)
        files[file_name(section)] = (
            f"{SCHEMA_LINE}\n{MARKER}{_one_line(source)} (sha256:{digest(body)}).\n#\n{body}"
        )
    return files


def ours_unedited(text: str) -> bool:
    """Written by an import and not edited since."""
    lines = text.split("\n", 3)
    if len(lines) < 4 or not lines[1].startswith(MARKER) or "(sha256:" not in lines[1]:
        return False
    recorded = lines[1].rsplit("(sha256:", 1)[1].rstrip(").")
    return recorded == digest(lines[3])


def conflicts(out: Path, files: dict[str, str]) -> list[Diagnostic]:
    """PM085 for every file the import would replace, or load beside its own, that
    it did not write unchanged: a folder of YAML files is one data map."""
    others = (
        sorted(p for p in out.iterdir() if p.suffix in YAML_SUFFIXES and p.name not in files)
        if out.is_dir()
        else []
    )
    in_the_way = [out / name for name in files if (out / name).exists()] + others
    return [
        rules.make("PM085", location=Location(str(target), 1, 1), file=str(target))
        for target in in_the_way
        if not (target.is_file() and ours_unedited(target.read_text("utf-8", errors="replace")))
    ]


def write(out: Path, files: dict[str, str], schema: str) -> tuple[list[Path], list[Path]]:
    """Write `files` (and the schema beside them, unless one is there): written, removed.

    Files an earlier import wrote that this one does not (and nobody edited) are
    removed, so a section that is now empty does not linger in the map."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        target = out / name
        tmp = target.with_name(f".{name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    removed = []
    for stale in sorted(out.glob("*.yaml")):
        if stale.name not in files and ours_unedited(stale.read_text("utf-8", errors="replace")):
            stale.unlink()
            removed.append(stale)
    schema_file = out / SCHEMA_FILE
    if not schema_file.exists():
        schema_file.write_text(schema, encoding="utf-8")
        written.append(schema_file)
    return written, removed
