"""The `privacymap` command: argument parsing, printing and exit codes, nothing else.

Exit codes: 0 clean, 1 findings at the gate, 2 unusable input or usage error,
3 an internal error (a bug: please report it; set PRIVACYMAP_DEBUG=1 for the
traceback).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from privacymap.reporters import REPORTERS
from privacymap.version import __version__

if TYPE_CHECKING:
    from privacymap.config import Config
    from privacymap.pipeline import CheckResult

app = typer.Typer(
    name="privacymap",
    help="Check a data map against UK GDPR and the DPA 2018, and compile it into a privacy "
    "notice, a ROPA and a data-flow graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PathArg = Annotated[Path, typer.Argument(help="A data-map YAML file or a folder of them.")]


ReportFormat = StrEnum("ReportFormat", {name: name for name in REPORTERS})  # type: ignore[misc]
"""The report formats: the reporters' names (`privacymap.reporters.REPORTERS`), not a copy."""
TEXT = ReportFormat("text")


def _base(path: Path, root: Path) -> str:
    """Path from the working directory to the map's root, for clickable locations."""
    try:
        return root.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return root.as_posix()


def _emit(
    data: str | bytes, output: Path | None, force: bool = False, protected: tuple[Path, ...] = ()
) -> None:
    """Print `data`, or write it to `output`, never over a file privacymap may not have written."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    from privacymap.outfile import write_file
    from privacymap.outfolder import OutputError

    try:
        write_file(output, raw, overwrite=force, protected=protected)
    except OutputError as error:
        typer.echo(f"error: {visible(str(error))}", err=True)
        raise typer.Exit(2) from None


def visible(text: str) -> str:
    """A message that may quote a path or a value, with control characters escaped."""
    from privacymap.reporters import visible as escape

    return escape(text)


def _map_files(root: Path, files: tuple[str, ...], config: Path | None) -> tuple[Path, ...]:
    """The data map's own files (and its configuration), which no output may replace."""
    return (*(root / name for name in files), *((config,) if config else ()))


def _config(
    path: Path,
    config_file: Path | None,
    strict: bool,
    select: list[str] | None,
    ignore: list[str] | None,
) -> Config:
    from privacymap.config import ConfigError, find_config, load_config

    try:
        base = load_config(config_file or find_config(path))
    except ConfigError as error:
        where = f"{error.location}: " if error.location else ""
        typer.echo(f"{where}error PM903 [bad-config] {error}", err=True)
        raise typer.Exit(2) from None
    return base.merged(
        strict=strict or None,
        select=[s.upper() for s in select or []],
        ignore=[s.upper() for s in ignore or []],
    )


def _report(result: CheckResult, fmt: str, output: Path | None, force: bool = False) -> None:
    base = _base(Path("."), result.loaded.root)
    config_file = Path(result.config.file) if result.config.file else None
    protected = _map_files(result.loaded.root, result.loaded.files, config_file)
    if fmt == "text":
        from privacymap.reporters import should_colour, to_text

        colour = output is None and should_colour(sys.stdout)
        _emit(to_text(result.diagnostics, base, colour=colour), output, force, protected)
        return
    _emit(REPORTERS[fmt](result.diagnostics, base), output, force, protected)


@app.command()
def check(
    path: PathArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = TEXT,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report here.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
    strict: Annotated[bool, typer.Option(help="Warnings fail the gate too.")] = False,
    select: Annotated[list[str] | None, typer.Option(help="Only these rules or prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules or prefixes.")] = None,
    config: Annotated[Path | None, typer.Option(help="Configuration file to use.")] = None,
    today: Annotated[str | None, typer.Option(help="Judge as at this date (YYYY-MM-DD).")] = None,
) -> None:
    """Check a data map; exit 1 when findings fail the gate, 2 when it cannot be loaded."""
    from privacymap.pipeline import check as run_check

    settings = _config(path, config, strict, select, ignore)
    result = run_check(path, settings, _date(today))
    _report(result, format, output, force)
    raise typer.Exit(result.exit_code)


@app.command()
def build(
    path: PathArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    draft: Annotated[
        bool, typer.Option(help="Write outputs despite errors, with a visible draft banner.")
    ] = False,
    only: Annotated[
        list[str] | None, typer.Option(help="Build only these artefacts: notice, ropa, graph.")
    ] = None,
    templates: Annotated[
        Path | None, typer.Option(help="Folder of templates overriding the notice's.")
    ] = None,
    all_diagrams: Annotated[
        bool | None,
        typer.Option(
            "--per-activity-diagrams/--no-per-activity-diagrams",
            help="Write dataflow/: a diagram per activity and the full graph as full.graphml and "
            "full.json (default: on up to 200 activities).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Warnings fail the gate too.")] = False,
    config: Annotated[Path | None, typer.Option(help="Configuration file to use.")] = None,
    today: Annotated[str | None, typer.Option(help="Judge as at this date (YYYY-MM-DD).")] = None,
) -> None:
    """Check, then write the notice, ROPA and data-flow graph into OUT (atomically)."""
    from privacymap.pipeline import ARTEFACTS
    from privacymap.pipeline import build as run_build
    from privacymap.reporters import to_text

    for name in only or ():
        if name not in ARTEFACTS:
            typer.echo(
                f"error: unknown artefact '{name}' (known: {', '.join(ARTEFACTS)})", err=True
            )
            raise typer.Exit(2)
    settings = _config(path, config, strict, None, None)
    options: dict[str, object] = {}
    if all_diagrams is not None:
        options["per_activity_diagrams"] = all_diagrams
    from privacymap.outfolder import OutputError
    from privacymap.output import BuildError

    try:
        result = run_build(
            path,
            out,
            draft=draft,
            only=only,
            templates=templates,
            config=settings,
            today=_date(today),
            options=options,
        )
    except (OutputError, BuildError) as error:
        typer.echo(f"error: {visible(str(error))}; {out} is unchanged", err=True)
        raise typer.Exit(2) from None
    base = _base(path, result.check.loaded.root)
    sys.stderr.write(to_text(result.check.diagnostics, base, verbose=False))
    for note in result.notes:
        typer.echo(note, err=True)
    if result.written:
        kind = "draft " if draft and not result.check.passed else ""
        typer.echo(f"wrote {len(result.written)} {kind}files to {out}", err=True)
    elif result.check.usable:
        typer.echo(
            f"nothing written: the gate failed; {out} is unchanged "
            "(use --draft to write outputs marked as a draft)",
            err=True,
        )
    raise typer.Exit(result.exit_code)


@app.command()
def rules() -> None:
    """List every rule: id, severity, slug and title."""
    from privacymap.rules import catalogue

    for rule in catalogue().values():
        lock = " (locked)" if rule.locked else ""
        typer.echo(f"{rule.id}  {rule.severity.value:<7}  {rule.slug}{lock}: {rule.title}")


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id (PM201) or slug.")]) -> None:
    """Print a rule's full text: what it checks, why, the law, and how to fix it."""
    from privacymap.rules import by_slug, catalogue

    rule = catalogue().get(rule_id.upper()) or by_slug(rule_id)
    if rule is None:
        typer.echo(f"error: unknown rule '{rule_id}'; see `privacymap rules`", err=True)
        raise typer.Exit(2)
    from privacymap.rules import show_template

    lock = (
        " (locked: configuration cannot ignore or lower it; only a waiver can pass it)"
        if rule.locked
        else ""
    )
    lines = [
        f"{rule.id} [{rule.slug}]: {rule.title}",
        f"Default severity: {rule.severity.value}{lock}",
        f"Why this severity: {rule.severity_reason}",
    ]
    if rule.references:
        lines.append("Law: " + "; ".join(rule.references))
    lines += [
        f"Message: {show_template(rule.message)}",
        "",
        rule.rationale,
        "",
        f"Fix: {show_template(rule.hint)}",
    ]
    typer.echo("\n".join(lines))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the data-map format (for editor completion)."""
    from privacymap.schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the data map in.")],
    force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
) -> None:
    """Write a minimal, commented data map to start from."""
    from privacymap.scaffold import ScaffoldError, write_scaffold

    try:
        written = write_scaffold(directory, force=force)
    except ScaffoldError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    for file in written:
        typer.echo(f"created {file}")
    typer.echo(f"next: privacymap check {directory}")


@app.command()
def graph(
    path: PathArg,
    view: Annotated[
        str,
        typer.Option(help="overview, activities, full, activity:ID, category:ID or recipient:ID."),
    ] = "overview",
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="dot, svg, png (300 dpi), pdf, mmd, graphml or json."),
    ] = "dot",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the -o file if it exists.")] = (
        False
    ),
) -> None:
    """Render one view of the data-flow graph."""
    from privacymap.graph.commands import render_view
    from privacymap.graph.render import GraphvizError

    if format in ("png", "pdf") and output is None and sys.stdout.isatty():
        typer.echo(
            f"error: a {format.upper()} image is not written to a terminal; add -o FILE", err=True
        )
        raise typer.Exit(2)
    index = _index_or_exit(path)
    try:
        data = render_view(index, view, format)
    except (ValueError, GraphvizError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(data, output, force, _map_files(index.root, index.files, None))


@app.command()
def flows(
    path: PathArg,
    category: Annotated[str | None, typer.Option(help="Flows carrying this category id.")] = None,
    to: Annotated[str | None, typer.Option(help="Flows to this recipient id.")] = None,
    basis: Annotated[str | None, typer.Option(help="Flows relying on this Art 6 basis.")] = None,
    without_basis: Annotated[bool, typer.Option(help="Only flows with no lawful basis.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or csv.")] = "text",
) -> None:
    """Answer questions about data flows: which flows carry what, to whom, on what basis."""
    from privacymap.graph.commands import query_flows

    index = _index_or_exit(path)
    try:
        text = query_flows(
            index, category=category, to=to, basis=basis, without_basis=without_basis, fmt=format
        )
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    sys.stdout.write(text)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The ROPA to import: .xlsx or .csv.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the data map to write.")],
    write: Annotated[
        bool, typer.Option("--write", help="Write the files (default: a dry run).")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(help="ico-controller, flow-mapping or a profile file (default: detect)."),
    ] = None,
    public_authority: Annotated[
        bool,
        typer.Option(
            "--public-authority/--not-public-authority",
            help="Whether the controller is a public authority (a ROPA does not say).",
        ),
    ] = True,
    show: Annotated[bool, typer.Option(help="Print the YAML of each file.")] = False,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Findings format.")] = TEXT,
    output: Annotated[Path | None, typer.Option("--output", help="Write findings here.")] = None,
) -> None:
    """Read an existing ROPA (ICO template or another profile) into a data map in OUT.

    A dry run by default: prints the files it would write and every cell it could not
    read (FILE:Sheet!C12). --write writes them, never over a file it did not write.
    Exit 0 read cleanly, 1 with cells it could not read, 2 nothing usable.
    """
    from privacymap.importer.command import run_import

    code = run_import(
        file, out, write=write, profile=profile, public_authority=public_authority,
        show=show, fmt=format.value, output=output,
    )  # fmt: skip
    raise typer.Exit(code)


export_app = typer.Typer(
    help="Export the map as W3C DPV linked data, or the DPA 2018 Schedule 1 catalogue.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")


@export_app.command("dpv")
def export_dpv(
    path: PathArg,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonld or ttl.")] = "jsonld",
    base: Annotated[
        str | None, typer.Option(help="IRI prefix of the map's resources (default: a URN).")
    ] = None,
) -> None:
    """The map as W3C DPV 2.3 linked data: JSON-LD, or Turtle with --format ttl."""
    from privacymap.export.command import FORMATS
    from privacymap.export.command import export_dpv as run

    if format not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    run(_index_or_exit(path), format, output, base)


@export_app.command("schedule1")
def export_schedule1(
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="csv, ttl or jsonld.")] = "csv",
) -> None:
    """DPA 2018 Schedule 1 Parts 1-3 as data: paragraph, heading, route, APD, address."""
    from privacymap.export.command import export_schedule1 as run

    if format not in ("csv", "ttl", "jsonld"):
        typer.echo("error: --format must be csv, ttl or jsonld", err=True)
        raise typer.Exit(2)
    run(format, output)


@app.command()
def dpia(
    path: PathArg,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, json, or pia-json (an import file for the "
            "CNIL's PIA tool, one activity).",
        ),
    ] = "text",
    activity: Annotated[str | None, typer.Option(help="Screen only this activity id.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the -o file if it exists.")] = (
        False
    ),
) -> None:
    """Screen each processing activity for a DPIA (UK GDPR Art 35, the ICO's list, WP248).

    Every criterion is answered Yes, No or Unknown with the facts of the map
    behind it (file:line:col), then the conclusion: a DPIA is required,
    advisable or not indicated. What only a person can judge stays Unknown.
    """
    from privacymap.dpia import command

    index = _index_or_exit(path)
    try:
        text = command(index, format, activity)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(text, output, force, _map_files(index.root, index.files, None))


def _index_or_exit(path: Path):  # type: ignore[no-untyped-def]
    from privacymap.pipeline import resolve
    from privacymap.reporters import to_text

    loaded, index, diagnostics = resolve(path)
    if index is None:
        sys.stderr.write(to_text(diagnostics, _base(path, loaded.root)))
        raise typer.Exit(2)
    return index


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        typer.echo(f"error: --today must be a date as YYYY-MM-DD, not {text!r}", err=True)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"privacymap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """privacymap: one data map -> privacy notice, ROPA and data-flow graph."""


def main() -> None:
    """Console entry point: run the app; turn any unexpected exception into a short message."""
    try:
        app()  # standalone: usage errors exit 2, typer.Exit carries our codes
    except KeyboardInterrupt:
        sys.stderr.write("privacymap: interrupted; nothing was changed\n")
        sys.exit(130)
    except MemoryError:
        sys.stderr.write(
            "privacymap: out of memory; nothing was written. Split the data map into smaller "
            "files, or run with more memory\n"
        )
        sys.exit(2)
    except Exception as error:  # the user must never see a traceback
        if os.environ.get("PRIVACYMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"privacymap: internal error ({type(error).__name__}: {error}).\n"
            "This is a bug in privacymap; please report it with the command you ran. "
            "Set PRIVACYMAP_DEBUG=1 to see the details.\n"
        )
        sys.exit(3)
