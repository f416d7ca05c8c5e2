"""`privacymap import`: bring an existing ROPA spreadsheet into a data map.

    result = read_spreadsheet(Path("ropa.xlsx"))        # dry run: nothing written
    print(result.files.keys(), result.diagnostics)
    written = write_result(result, Path("my-map"))       # one YAML file per section

The sheet is found by its headings (`detect`), each row read into typed facts
(`activity_rows` and `law_columns`, or `flow_rows`; `cells` reads free text), the facts kept in
catalogues with stable ids (`catalogue`, `state`), gathered into sections
(`assemble`) and written as YAML (`write`). Every cell that could not be read
is a located finding (PM083); nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacymap import rules
from privacymap.diagnostics import Diagnostic, Location, sort_diagnostics
from privacymap.importer import cells
from privacymap.importer.assemble import Sections, assemble
from privacymap.importer.detect import Header, Miss, find_header, heading_matches
from privacymap.importer.profile import BUILT_IN, Profile, ProfileError, load_profile
from privacymap.importer.sheets import Sheet, SheetError, read
from privacymap.importer.write import conflicts, render, write
from privacymap.model import DataMap

__all__ = ["ImportResult", "read_spreadsheet", "write_result"]


@dataclass
class ImportResult:
    """What an import read: the files it would write, what it found, and from where."""

    source: str
    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    profile: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    groups: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return not any(d.fatal for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """0 read cleanly, 1 with cells that could not be read, 2 nothing usable."""
        if not self.usable:
            return 2
        return 1 if any(d.severity != "info" for d in self.diagnostics) else 0


def _fatal(result: ImportResult, rule: str, **fields: Any) -> ImportResult:
    result.diagnostics.append(rules.make(rule, location=Location(result.source, 1, 1), **fields))
    return result


def _native(sheets: list[Sheet], sheet: Sheet, header_row: int) -> bool:
    """Written by privacymap: its About sheet says so, or its cells say "Not recorded"."""
    for other in sheets:
        if other.name == "About" and any(
            row[:1] == ("Built with",) and row[1].startswith("privacymap") for row in other.rows
        ):
            return True
    return any(text == cells.NOT_RECORDED for row in sheet.rows[header_row + 1 :] for text in row)


def read_spreadsheet(
    path: Path,
    *,
    profile: str | None = None,
    public_authority: bool = True,
    shown_as: str | None = None,
) -> ImportResult:
    """Read `path` (.xlsx or .csv) with `profile` (a built-in name or a file; default: try
    the built-in profiles, the ICO template first). Nothing is written."""
    source = shown_as or str(path)
    result = ImportResult(source)
    try:
        profiles = [load_profile(profile)] if profile else [load_profile(n) for n in BUILT_IN]
        sheets = read(path, source)
    except ProfileError as error:
        return _fatal(
            result,
            "PM081",
            detail=str(error),
            hint="see docs/howto-import.md for the profile format",
        )
    except SheetError as error:
        return _fatal(result, "PM081", detail=str(error), hint=error.hint)
    except OSError as error:
        return _fatal(
            result,
            "PM081",
            detail=f"{source}: {error.strerror or error}",
            hint="check the file's path and permissions",
        )
    sheet, chosen, header = _choose(sheets, profiles)
    if isinstance(header, Miss):
        miss = header
        where = f"sheet '{sheet.name}'" if sheet.name else source
        missing = f"; missing: {', '.join(miss.missing_required)}" if miss.missing_required else ""
        return _fatal(
            result,
            "PM082",
            rows=chosen.header_rows,
            where=where,
            profile=chosen.name,
            best=miss.matches,
            needed=chosen.min_matches,
            row=miss.row + 1,
            hint="give a profile for this layout with --profile FILE (see "
            f"docs/howto-import.md){missing}",
        )
    native = _native(sheets, sheet, header.row)
    name = path.stem.replace("_", " ").replace("-", " ").strip() or "Imported"
    sections, state = assemble(sheet, header, chosen, native, name, public_authority)
    result.profile, result.sheet, result.header_row = chosen.name, sheet.name, header.row + 1
    result.groups = header.groups
    result.files = render(sections, source)
    result.counts = _counts(sections)
    result.diagnostics = sort_diagnostics(state.diagnostics)
    return result


def _choose(sheets: list[Sheet], profiles: list[Profile]) -> tuple[Sheet, Profile, Header | Miss]:
    """The first (profile, sheet) whose header row is found, else the nearest miss."""
    best: tuple[Sheet, Profile, Header | Miss] | None = None
    for chosen in profiles:
        for sheet in sheets:
            if sheet.name is not None and any(
                heading_matches(sheet.name, n) for n in ("About", "Findings")
            ):
                continue
            header = find_header(sheet, chosen)
            if isinstance(header, Header):
                return sheet, chosen, header
            if best is None or (isinstance(best[2], Miss) and header.matches > best[2].matches):
                best = (sheet, chosen, header)
    assert best is not None or not sheets
    return best or (Sheet("", None, ()), profiles[0], Miss(0, 0, ()))


def _counts(sections: Sections) -> dict[str, int]:
    """Items per section, in the data map's order (the order of the files)."""
    counts = {}
    for name in DataMap.model_fields:
        if name in sections.single:
            counts[name] = 1
        elif name in sections.lists:
            counts[name] = len(sections.lists[name])
    return counts


def write_result(
    result: ImportResult, out: Path
) -> tuple[list[Path], list[Path], list[Diagnostic]]:
    """Write the files (written, removed) unless one would replace a file the import did
    not write; then nothing is written and the PM085 findings say which."""
    from privacymap.schema import schema_text

    problems = conflicts(out, result.files)
    if problems:
        return [], [], problems
    written, removed = write(out, result.files, schema_text())
    return written, removed, []
