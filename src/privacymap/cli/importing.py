"""`privacymap import`: a data map from an existing ROPA spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from privacymap.cli.common import TEXT, Command, ReportFormat, app, choices

BUILT_IN_PROFILES = ("ico-controller", "flow-mapping")
"""Import profiles that ship with privacymap (privacymap.importer's BUILT_IN)."""


def _complete_profile(incomplete: str) -> list[str]:
    """Shell completion for --profile: the built-in profiles' names."""
    return [name for name in BUILT_IN_PROFILES if name.startswith(incomplete)]


@app.command("import", cls=Command)
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The ROPA to import: .xlsx or .csv.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", metavar="FOLDER", help="Folder of the data map to write."),
    ],
    write: Annotated[
        bool, typer.Option("--write", help="Write the files (default: a dry run).")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            metavar="PROFILE",
            help="ico-controller, flow-mapping or a profile file (default: detect).",
            autocompletion=_complete_profile,
        ),
    ] = None,
    public_authority: Annotated[
        bool,
        typer.Option(
            "--public-authority/--not-public-authority",
            help="Whether the controller is a public authority (a ROPA does not say).",
        ),
    ] = True,
    show: Annotated[bool, typer.Option("--show", help="Print the YAML of each file.")] = False,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"Findings format: {choices(ReportFormat)}."
        ),
    ] = TEXT,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the findings here.")
    ] = None,
) -> None:
    """Read an existing ROPA spreadsheet into a data map.

    Reads the ICO's controller template (or another layout, with --profile).
    A dry run by default: prints the files it would write into the --out folder
    and every cell it could not read (FILE:Sheet!C12). --write writes them, never over a
    file it did not write. Exit 0 read cleanly, 1 with cells it could not
    read, 2 nothing usable.
    """
    from privacymap.importer.command import run_import

    code = run_import(
        file, out, write=write, profile=profile, public_authority=public_authority,
        show=show, fmt=format.value, output=output,
    )  # fmt: skip
    raise typer.Exit(code)
