"""`privacymap ropa`: one register of processing for one or several maps of a controller."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from privacymap.checkcommand import parse_date as _date
from privacymap.checkcommand import require_map as _require_map
from privacymap.checkcommand import together as _together
from privacymap.checkcommand import visible
from privacymap.cli.common import Command, TodayOption, app, choices, nothing_written


class RegisterFormat(StrEnum):
    """What `privacymap ropa --format` writes."""

    xlsx = "xlsx"
    csv = "csv"


@app.command(cls=Command)
def ropa(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="MAPS",
            help="The service data maps (folders or files), or an organisation (a folder "
            "holding register.yaml).",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The register file to write.")
    ] = Path("register.xlsx"),
    fmt: Annotated[
        RegisterFormat,
        typer.Option("--format", metavar="FORMAT", help=f"{choices(RegisterFormat)}."),
    ] = RegisterFormat.xlsx,
    draft: Annotated[
        bool,
        typer.Option("--draft", help="Write the register despite findings, marked as a draft."),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Write one register of processing activities for several service maps of one controller.

    One row per activity of every map, with a Service column; each recipient,
    statute and retention rule listed once by its id (two maps defining one id
    differently is finding PM086); the findings of every map. Maps of different
    controllers are refused. Nothing is written when a map fails its check,
    unless --draft.
    """
    from privacymap.outfolder import OutputError
    from privacymap.pipeline import RegisterRefused, build_register
    from privacymap.reporters import to_text

    for path in paths:
        _require_map(path)
    try:
        result = build_register(paths, out, fmt=fmt.value, draft=draft, today=_date(today))
    except (RegisterRefused, OutputError) as error:
        typer.echo(f"error: {visible(str(error))}", err=True)
        raise typer.Exit(2) from None
    found = _together(result.problems, result.paths, result.checks, result.findings)
    usable = not result.problems and all(c.usable for c in result.checks)
    sys.stderr.write(to_text(found, verbose=not usable))
    if result.written:
        kind = "draft " if result.exit_code else ""
        typer.echo(f"wrote the {kind}register of {len(result.paths)} maps to {out}", err=True)
    else:
        nothing_written(out, draft_helps=usable)
    raise typer.Exit(result.exit_code)
