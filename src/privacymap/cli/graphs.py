"""`privacymap graph` and `flows`: diagrams of the data flows, and querying them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from privacymap.checkcommand import base_of as _base
from privacymap.checkcommand import emit as _emit
from privacymap.checkcommand import map_files as _map_files
from privacymap.cli.common import (
    Command,
    FlowsFormat,
    ForceOption,
    GraphFormat,
    OutputFileOption,
    PathArg,
    app,
    choices,
    complete_view,
    index_or_exit,
)


@app.command(cls=Command)
def graph(
    path: PathArg,
    view: Annotated[
        str,
        typer.Option(
            metavar="VIEW",
            help="overview, activities, full, activity:ID, category:ID or recipient:ID.",
            autocompletion=complete_view,
        ),
    ] = "overview",
    format: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{choices(GraphFormat)}."),
    ] = GraphFormat.dot,
    output: OutputFileOption = None,
    force: ForceOption = False,
) -> None:
    """Draw one view of the data-flow graph.

    The overview shows sources, the service and groups of recipients; the
    other views show one activity, one category of data or one recipient.
    """
    from privacymap.graph.commands import render_view
    from privacymap.graph.render import GraphvizError

    if format in (GraphFormat.png, GraphFormat.pdf) and output is None and sys.stdout.isatty():
        typer.echo(
            f"error: a {format.value.upper()} image is not written to a terminal; add -o FILE",
            err=True,
        )
        raise typer.Exit(2)
    index = index_or_exit(path)
    try:
        data = render_view(index, view, format.value)
    except (ValueError, GraphvizError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(data, output, force, _map_files(index.root, index.files, None))


@app.command(cls=Command)
def flows(
    path: PathArg,
    category: Annotated[
        str | None,
        typer.Option(metavar="CATEGORY", help="Flows carrying this category id (or 'special')."),
    ] = None,
    to: Annotated[
        str | None, typer.Option(metavar="RECIPIENT", help="Flows to this recipient or group id.")
    ] = None,
    basis: Annotated[
        str | None, typer.Option(metavar="BASIS", help="Flows relying on this lawful basis id.")
    ] = None,
    without_basis: Annotated[
        bool, typer.Option("--without-basis", help="Only flows with no lawful basis.")
    ] = False,
    format: Annotated[
        FlowsFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{choices(FlowsFormat)}."),
    ] = FlowsFormat.text,
) -> None:
    """List data flows: what each carries, to whom, on what basis.

    Filters combine: `--category health --to police` lists the flows of
    health data to the police.
    """
    from privacymap.graph.commands import query_flows

    index = index_or_exit(path)
    try:
        text = query_flows(
            index,
            category=category,
            to=to,
            basis=basis,
            without_basis=without_basis,
            fmt=format.value,
            base=_base(path, index.root),
        )
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    sys.stdout.write(text)
