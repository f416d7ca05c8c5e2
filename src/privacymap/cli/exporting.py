"""`privacymap export`: the map as W3C DPV linked data, Schedule 1 as data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from privacymap.cli.common import Command, Group, PathArg, app, choices, index_or_exit

export_app = typer.Typer(
    cls=Group,
    help="Export a data map as linked data, or Schedule 1 as data.\n\n"
    "W3C DPV linked data of a map (export dpv), or the conditions of DPA 2018 Schedule 1 "
    "(export schedule1).",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")


class DpvFormat(StrEnum):
    """Formats of `export dpv` (privacymap.export.command.FORMATS)."""

    jsonld = "jsonld"
    ttl = "ttl"


class Schedule1Format(StrEnum):
    """Formats of `export schedule1`."""

    csv = "csv"
    ttl = "ttl"
    jsonld = "jsonld"


@export_app.command("dpv", cls=Command)
def export_dpv(
    path: PathArg,
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here, not to the screen."),
    ] = None,
    format: Annotated[
        DpvFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="jsonld (JSON-LD) or ttl (Turtle)."),
    ] = DpvFormat.jsonld,
    base: Annotated[
        str | None,
        typer.Option(metavar="IRI", help="IRI prefix of the map's resources (default: a URN)."),
    ] = None,
) -> None:
    """Write a data map as W3C DPV 2.3 linked data.

    JSON-LD by default, Turtle with --format ttl; docs/dpv-export.md describes it.
    """
    from privacymap.export.command import export_dpv as run

    index = index_or_exit(path)
    run(index, format.value, output, base)


@export_app.command("schedule1", cls=Command)
def export_schedule1(
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here, not to the screen."),
    ] = None,
    format: Annotated[
        Schedule1Format,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{choices(Schedule1Format)}."),
    ] = Schedule1Format.csv,
) -> None:
    """Write DPA 2018 Schedule 1 Parts 1-3 as data.

    One row or resource per paragraph: heading, Part, Art 9 or Art 10 route,
    whether an appropriate policy document is needed, legislation.gov.uk address.
    """
    from privacymap.export.command import export_schedule1 as run

    run(format.value, output)
