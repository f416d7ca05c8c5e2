"""`privacymap import`'s report: the plan (what is or would be written), then the
findings in the chosen format. Exit code: 0 read cleanly, 1 with cells that could
not be read, 2 nothing usable (or a file in the way)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from privacymap.importer import ImportResult, read_spreadsheet, write_result
from privacymap.importer.write import file_name
from privacymap.reporters import REPORTERS, should_colour, to_text


def run_import(
    file: Path,
    out: Path,
    *,
    write: bool = False,
    profile: str | None = None,
    public_authority: bool = True,
    show: bool = False,
    fmt: str = "text",
    output: Path | None = None,
) -> int:
    """Read `file`, print the plan and (with `write`) write the map; return the exit code."""
    result = read_spreadsheet(file, profile=profile, public_authority=public_authority)
    # the plan goes where the findings do not, when the findings are for a machine
    plan = sys.stderr if fmt != "text" and output is None else sys.stdout
    diagnostics = list(result.diagnostics)
    if result.usable:
        _plan(plan, file, out, result, write, show)
        if write:
            written, removed, problems = write_result(result, out)
            diagnostics.extend(problems)
            for gone in removed:
                plan.write(f"  removed {gone} (written by an earlier import, now empty)\n")
            if written:
                plan.write(f"wrote {len(written)} files to {out}; next: privacymap check {out}\n")
        else:
            plan.write(f"dry run: nothing written (add --write to write {out})\n")
    if fmt == "text":
        colour = output is None and should_colour(sys.stdout)
        report = to_text(diagnostics, "", colour=colour)
    else:
        report = REPORTERS[fmt](diagnostics, "")
    if output is None:
        sys.stdout.write(report)
    else:
        from privacymap.outfile import write_file
        from privacymap.outfolder import OutputError

        try:
            write_file(output, report.encode("utf-8"), force_option=False)
        except OutputError as error:
            sys.stderr.write(f"error: {error}\n")
            return 2
    if any(d.fatal for d in diagnostics):
        return 2
    return result.exit_code


def _plan(
    plan: TextIO, file: Path, out: Path, result: ImportResult, write: bool, show: bool
) -> None:
    where = f"sheet '{result.sheet}', " if result.sheet else ""
    groups = f", {len(result.groups)} group headings" if result.groups else ""
    plan.write(f"{file}: {where}header row {result.header_row}, profile {result.profile}{groups}\n")
    verb = "writes" if write else "would write"
    for section, count in result.counts.items():
        name = file_name(section)
        plan.write(f"  {verb} {out / name}: {section.replace('_', ' ')} ({count})\n")
        if show:
            plan.write(result.files[name])
