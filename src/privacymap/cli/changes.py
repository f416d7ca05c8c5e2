"""`privacymap diff`: what changed between two versions of a map, and what it means."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from privacymap.checkcommand import emit as _emit
from privacymap.checkcommand import map_files as _map_files
from privacymap.checkcommand import parse_date as _date
from privacymap.checkcommand import require_map as _require_map
from privacymap.checkcommand import visible
from privacymap.cli.common import Command, ForceOption, app, choices

if TYPE_CHECKING:
    from privacymap.index import Index


class DiffFormat(StrEnum):
    """Formats of `privacymap diff` (privacymap.changes.render.FORMATS)."""

    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(cls=Command)
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The old version: a map path, REV:PATH, or a git revision of the NEW path "
            "(HEAD~1, main).",
        ),
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The new version: a map path or REV:PATH.")
    ],
    format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{choices(DiffFormat)}."),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the diff here, not to the screen.")
    ] = None,
    force: ForceOption = False,
    require_changelog: Annotated[
        bool,
        typer.Option(
            "--require-changelog",
            help="Exit 1 only when a material change has no new `changes:` entry dated on or "
            "before it takes effect (PM620), not for every material change.",
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Date the suggested changelog entry, YYYY-MM-DD."),
    ] = None,
) -> None:
    """What changed in law between two versions of a data map.

    Each change names the object, where it is in both versions and what
    changed, classified with its legal reason: material (tell people before the
    processing starts), material (tell people) or editorial. Exit 0: no
    material change; 1: a material change (with --require-changelog: one with
    no new `changes:` entry, PM620); 2: a version cannot be read.
    """
    from contextlib import ExitStack

    from privacymap.changes import diff as run_diff
    from privacymap.changes.render import Sides, render
    from privacymap.changes.revisions import RevisionError, Version, versions

    def index_of(version: Version) -> Index:
        from privacymap.pipeline import resolve
        from privacymap.reporters import to_text

        loaded, index, diagnostics = resolve(version.path)
        if index is None:
            sys.stderr.write(to_text(diagnostics, version.base(loaded.root)))
            raise typer.Exit(2)
        return index

    with ExitStack() as stack:
        try:
            old_version, new_version = versions(old, new, stack)
        except RevisionError as error:
            typer.echo(f"error: {visible(str(error))}", err=True)
            raise typer.Exit(2) from None
        _require_map(old_version.path)
        _require_map(new_version.path)
        old_index, new_index = index_of(old_version), index_of(new_version)
        result = run_diff(old_index.datamap, new_index.datamap, today=_date(today))
        sides = Sides(
            old_version.label,
            new_version.label,
            old_version.base(old_index.root),
            new_version.base(new_index.root),
        )
        protected = _map_files(new_index.root, new_index.files, None)
        _emit(render(result, sides, format.value), output, force, protected)
    if require_changelog:
        raise typer.Exit(1 if result.findings else 0)
    raise typer.Exit(result.exit_code)
