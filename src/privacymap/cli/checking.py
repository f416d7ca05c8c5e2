"""`privacymap check`: judge a map against the law."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from privacymap.checkcommand import run_check
from privacymap.cli.common import (
    TEXT,
    Command,
    ConfigOption,
    ForceOption,
    LawAsAt,
    PathArg,
    QuietOption,
    ReportFormat,
    StrictOption,
    TodayOption,
    app,
    choices,
)


@app.command(cls=Command)
def check(
    path: PathArg,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"Report format: {choices(ReportFormat)}."
        ),
    ] = TEXT,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the report here, not to the screen.")
    ] = None,
    force: ForceOption = False,
    strict: StrictOption = False,
    select: Annotated[
        list[str] | None,
        typer.Option(metavar="RULE", help="Only this rule or prefix (PM201, PM2); repeatable."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(metavar="RULE", help="Skip this rule or prefix; repeatable."),
    ] = None,
    config: ConfigOption = None,
    today: TodayOption = None,
    law_as_at: LawAsAt = None,
    quiet: QuietOption = False,
) -> None:
    """Check a data map against UK GDPR and the DPA 2018.

    Prints each finding as FILE:LINE:COL, with the rule, what is wrong and a
    hint, then a count by severity. Exit 0: no errors; 1: findings fail the
    check (errors, or warnings with --strict); 2: the map cannot be used.
    """
    code = run_check(
        path, format.value, output, force, strict, select, ignore, config, today, quiet,
        law_as_at,
    )  # fmt: skip
    raise typer.Exit(code)
