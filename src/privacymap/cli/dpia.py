"""`privacymap dpia`: DPIA screening of each activity, and a file for the CNIL PIA tool."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from privacymap.checkcommand import emit as _emit
from privacymap.checkcommand import map_files as _map_files
from privacymap.cli.common import (
    Command,
    ForceOption,
    OutputFileOption,
    PathArg,
    app,
    choices,
    index_or_exit,
)


class DpiaFormat(StrEnum):
    """Formats of `privacymap dpia` (privacymap.dpia.FORMATS)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    pia_json = "pia-json"


@app.command(cls=Command)
def dpia(
    path: PathArg,
    format: Annotated[
        DpiaFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{choices(DpiaFormat)} (pia-json: an import file for the CNIL's PIA tool, "
            "one activity).",
        ),
    ] = DpiaFormat.text,
    activity: Annotated[
        str | None, typer.Option(metavar="ID", help="Screen only this activity.")
    ] = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
) -> None:
    """Screen each processing activity for a DPIA (UK GDPR Art 35, the ICO's list, WP248).

    Every criterion is answered Yes, No or Unknown with the facts of the map
    behind it (file:line:col), then the conclusion: a DPIA is required,
    advisable or not indicated. What only a person can judge stays Unknown.
    """
    from privacymap.dpia import command

    index = index_or_exit(path)
    try:
        text = command(index, format.value, activity)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(text, output, force, _map_files(index.root, index.files, None))
