"""`privacymap build`: a map's notice, ROPA and graph, or an organisation's services
and register."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from privacymap.checkcommand import base_of as _base
from privacymap.checkcommand import fail as _fail
from privacymap.checkcommand import law_header as _law_header
from privacymap.checkcommand import load_settings as _config
from privacymap.checkcommand import parse_date as _date
from privacymap.checkcommand import require_map as _require_map
from privacymap.checkcommand import together as _together
from privacymap.checkcommand import visible
from privacymap.cli.common import (
    Artefact,
    Command,
    ConfigOption,
    LawAsAt,
    PathArg,
    QuietOption,
    StrictOption,
    TodayOption,
    app,
    choices,
    nothing_written,
)

if TYPE_CHECKING:
    from privacymap.config import Config
    from privacymap.pipeline import BuildResult


@app.command(cls=Command)
def build(
    path: PathArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FOLDER", help="Output folder (replaced whole).")
    ] = Path("build"),
    draft: Annotated[
        bool,
        typer.Option("--draft", help="Write outputs despite errors, with a visible draft banner."),
    ] = False,
    only: Annotated[
        list[Artefact] | None,
        typer.Option(metavar="ARTEFACT", help=f"Build only {choices(Artefact)}; repeatable."),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(metavar="FOLDER", help="Folder of templates overriding the notice's."),
    ] = None,
    all_diagrams: Annotated[
        bool | None,
        typer.Option(
            "--per-activity-diagrams/--no-per-activity-diagrams",
            help="Write dataflow/: a diagram per activity and the full graph as full.graphml and "
            "full.json (default: on up to 200 activities).",
            show_default=False,
        ),
    ] = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER",
            help="Also keep the notice as FOLDER/DATE-HASH/notice.html, listed with its "
            "SHA-256 in FOLDER/index.html (only ever adds files).",
        ),
    ] = None,
    no_diagrams: Annotated[
        bool,
        typer.Option(
            "--no-diagrams",
            help="Draw no SVG diagrams: the notice describes the flows in text only. Without "
            "it the build needs Graphviz, and stops if it is missing.",
        ),
    ] = False,
    strict: StrictOption = False,
    config: ConfigOption = None,
    today: TodayOption = None,
    law_as_at: LawAsAt = None,
    quiet: QuietOption = False,
) -> None:
    """Check a data map, then write its notice, ROPA and data-flow graph.

    Writes notice.html, notice.md, ropa.xlsx, ropa.csv, the dataflow files and
    findings.json into the output folder, which is replaced only once every
    file is ready. Nothing is written when the check fails, unless --draft.
    MAP may be an organisation (a folder holding register.yaml): each member
    map is built into its own subfolder, with the combined register beside.
    """
    from privacymap.config import is_organisation
    from privacymap.pipeline import build as run_build

    _require_map(path)
    options: dict[str, object] = {}
    if all_diagrams is not None:
        options["per_activity_diagrams"] = all_diagrams
    if no_diagrams:
        options["diagrams"] = False
    if is_organisation(path):
        if archive is not None:
            _fail(
                f"error: --archive keeps one notice; {path} is an organisation of several: "
                "archive each service with its own build (privacymap build MAP --archive FOLDER)"
            )
        given = _config(path, config, strict, None, None) if config else None
        code = _build_organisation(
            path, out, draft, only, templates, given, strict, today, law_as_at, quiet, options
        )
        raise typer.Exit(code)
    settings = _config(path, config, strict, None, None)
    from privacymap import progress
    from privacymap.outfolder import OutputError
    from privacymap.output import BuildError

    try:
        with progress.shown(sys.stderr, progress.wanted(sys.stderr, quiet)):
            result = run_build(
                path,
                out,
                draft=draft,
                only=[artefact.value for artefact in only] if only else None,
                templates=templates,
                config=settings,
                today=_date(today),
                options=options,
                law_as_at=_date(law_as_at, "--law-as-at"),
                archive=archive,
            )
    except (OutputError, BuildError) as error:
        typer.echo(f"error: {visible(str(error))}; {out} is unchanged", err=True)
        nothing_written(out, draft_helps=False)
        raise typer.Exit(2) from None
    raise typer.Exit(_report_build(result, path, out, draft, archive))


def _report_build(
    result: BuildResult, path: Path, out: Path, draft: bool, archive: Path | None
) -> int:
    """Say on stderr what the build found and wrote; its exit code."""
    from privacymap.reporters import to_text

    base = _base(path, result.check.loaded.root)
    usable = result.check.usable
    # Findings are listed compactly (`privacymap check` gives each one's hint); load
    # errors keep their hints, since nothing else can be done until they are fixed.
    sys.stderr.write(
        _law_header(result.check) + to_text(result.check.diagnostics, base, verbose=not usable)
    )
    for note in result.notes:
        typer.echo(note, err=True)
    if result.archived:
        typer.echo(f"archived in {archive}: {', '.join(result.archived)}", err=True)
    if result.written:
        kind = "draft " if draft and not result.check.passed else ""
        typer.echo(f"wrote {len(result.written)} {kind}files to {out}", err=True)
    else:
        nothing_written(out, draft_helps=usable)
    return result.exit_code


def _build_organisation(
    path: Path,
    out: Path,
    draft: bool,
    only: list[Artefact] | None,
    templates: Path | None,
    config: Config | None,
    strict: bool,
    today: str | None,
    law_as_at: str | None,
    quiet: bool,
    options: dict[str, object],
) -> int:
    """`build ORG`: every member map into its own subfolder of OUT, and the register."""
    from privacymap import progress
    from privacymap.config import ConfigError
    from privacymap.outfolder import OutputError
    from privacymap.output import BuildError
    from privacymap.pipeline import RegisterRefused, build_organisation
    from privacymap.reporters import to_text

    try:
        with progress.shown(sys.stderr, progress.wanted(sys.stderr, quiet)):
            result = build_organisation(
                path,
                out,
                draft=draft,
                only=[artefact.value for artefact in only] if only else None,
                templates=templates,
                config=config,
                strict=strict,
                today=_date(today),
                options=options,
                law_as_at=_date(law_as_at, "--law-as-at"),
            )
    except ConfigError as error:
        where = f"{error.location}: " if error.location else ""
        _fail(f"{where}error PM903 [bad-config] {visible(str(error))}")
    except (OutputError, BuildError, RegisterRefused) as error:
        typer.echo(f"error: {visible(str(error))}; {out} is unchanged", err=True)
        nothing_written(out, draft_helps=False)
        return 2
    members = [m.path for m in result.organisation.members]
    found = _together(result.organisation.diagnostics, members, result.checks, result.findings)
    sys.stderr.write(to_text(found, verbose=not result.usable))
    for note in result.notes:
        typer.echo(note, err=True)
    if result.written:
        kind = "draft " if draft and not result.passed else ""
        services = len(result.organisation.members)
        typer.echo(
            f"wrote {len(result.written)} {kind}files to {out}: {services} services and "
            "their register",
            err=True,
        )
    else:
        nothing_written(out, draft_helps=result.usable)
    return result.exit_code
