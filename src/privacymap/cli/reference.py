"""`privacymap rules`, `explain`, `schema` and `init`: the catalogue, the format, a new map."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from privacymap.cli.common import Command, app
from privacymap.clihelp import next_steps


@app.command(cls=Command)
def rules() -> None:
    """List every rule: id, severity, slug and title.

    `privacymap explain RULE` prints one in full, with examples.
    """
    from privacymap.rules import catalogue

    for rule in catalogue().values():
        lock = " (locked)" if rule.locked else ""
        typer.echo(f"{rule.id}  {rule.severity.value:<7}  {rule.slug}{lock}: {rule.title}")


@app.command(cls=Command)
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id (PM201) or slug.")],
) -> None:
    """Explain a rule: the law, why, how to fix it, with examples.

    Shows the rule's failing example and its fixed version: each is a part of
    the map `privacymap init` writes, changed to show the problem.
    """
    from privacymap.rules import by_slug, catalogue

    rule = catalogue().get(rule_id.upper()) or by_slug(rule_id)
    if rule is None:
        import difflib

        slugs = [r.slug for r in catalogue().values()]
        close = difflib.get_close_matches(rule_id.lower(), slugs, n=1, cutoff=0.6)
        guess = f"did you mean '{close[0]}'? " if close else ""
        typer.echo(
            f"error: unknown rule '{rule_id}'; {guess}`privacymap rules` lists them", err=True
        )
        raise typer.Exit(2)
    from privacymap.explain import explain_text

    typer.echo(explain_text(rule))


@app.command(cls=Command)
def schema() -> None:
    """Print the JSON Schema of the data-map format.

    Editors that understand JSON Schema (VS Code with the YAML extension, for
    instance) use it to complete and validate the YAML.
    """
    from privacymap.schema import schema_text

    sys.stdout.write(schema_text())


@app.command(cls=Command)
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder to create the data map in.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Start a data map: a small, commented map that checks clean.

    Writes datamap.yaml and privacymap.schema.json (for editor completion)
    into FOLDER, creating it if needed; refuses to overwrite without --force.
    """
    from privacymap.scaffold import ScaffoldError, write_scaffold

    try:
        written = write_scaffold(directory, force=force)
    except ScaffoldError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    for file in written:
        typer.echo(f"created {file}")
    typer.echo("\n".join(next_steps(str(directory))))
