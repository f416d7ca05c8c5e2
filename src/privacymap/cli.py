"""The `privacymap` command: argument parsing, printing and exit codes, nothing else.

Exit codes: 0 clean, 1 findings at the gate, 2 unusable input or usage error,
3 an internal error (a bug: please report it; set PRIVACYMAP_DEBUG=1 for the
traceback).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from privacymap.checkcommand import base_of as _base
from privacymap.checkcommand import emit as _emit
from privacymap.checkcommand import fail as _fail
from privacymap.checkcommand import law_header as _law_header
from privacymap.checkcommand import load_settings as _config
from privacymap.checkcommand import map_files as _map_files
from privacymap.checkcommand import parse_date as _date
from privacymap.checkcommand import require_map as _require_map
from privacymap.checkcommand import run_check, visible
from privacymap.checkcommand import together as _together
from privacymap.clihelp import examples_text, next_steps
from privacymap.reporters import REPORTERS
from privacymap.version import __version__

if TYPE_CHECKING:
    from typer import _click as click

    from privacymap.config import Config
    from privacymap.index import Index


class _Command(TyperCommand):
    """A command whose help reads as words: `MAP`, not a Python type; examples at the end.

    Typer shows an argument's Python type (`<path>`) and wraps required
    arguments in braces; this keeps usage conventional (`privacymap check
    [OPTIONS] MAP`), lists arguments by their metavar, never cuts the one-line
    summary, and ends the help with the examples in `privacymap.clihelp`.
    """

    def get_short_help_str(self, limit: int = 45) -> str:
        return (self.help or "").strip().split("\n", 1)[0]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                arguments.append((name, getattr(param, "help", None) or ""))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _write_examples(_command_name(ctx), formatter)


class _Group(TyperGroup):
    """A group's help (the top level, or a command with subcommands): whole summaries, examples."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return (self.help or "").strip().split("\n", 1)[0]

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command = _command_name(ctx)
        _write_examples(command, formatter)
        if command == "":
            formatter.write_paragraph()
            formatter.write_text("Each command's --help shows its options and examples.")


def _command_name(ctx: click.Context) -> str:
    """The command as typed after `privacymap` ("check", "export dpv"; "" for the top level)."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def _write_examples(command: str, formatter: click.HelpFormatter) -> None:
    """The command's examples, unwrapped (a command line must stay copyable)."""
    lines = examples_text(command)
    if not lines:
        return
    with formatter.section("First steps" if command == "" else "Examples"):
        for line in lines:
            formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


app = typer.Typer(
    name="privacymap",
    cls=_Group,
    help="Check a data map against UK GDPR and the DPA 2018, and compile it into a privacy "
    "notice, a ROPA and a data-flow graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

MAP = "MAP"
"""The metavar of a data map (a YAML file or a folder of them) in usage lines."""

PathArg = Annotated[
    Path, typer.Argument(metavar=MAP, help="A data-map YAML file or a folder of them.")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="Configuration file (default: the nearest privacymap.toml)."),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Warnings fail the check too (exit 1).")
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress line on the terminal (shown after 1 s)."),
]
TodayOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Judge as at this date, YYYY-MM-DD (default: today)."),
]


def _choices(kind: type[StrEnum]) -> str:
    """'a, b or c': the values of a choice, for its help text."""
    values = [member.value for member in kind]
    return ", ".join(values[:-1]) + f" or {values[-1]}"


ReportFormat = StrEnum("ReportFormat", {name: name for name in REPORTERS})  # type: ignore[misc]
"""The report formats: the reporters' names (`privacymap.reporters.REPORTERS`), not a copy."""
TEXT = ReportFormat("text")


class GraphFormat(StrEnum):
    """Formats of `privacymap graph` (privacymap.graph.render.FORMATS).

    Choices are declared here, where the CLI is built, so that the shell can
    complete them without importing the outputs; tests/cli/test_help.py keeps
    each list equal to the one its output module knows.
    """

    dot = "dot"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    mmd = "mmd"
    graphml = "graphml"
    json = "json"


class FlowsFormat(StrEnum):
    """Formats of `privacymap flows` (privacymap.graph.commands.QUERY_FORMATS)."""

    text = "text"
    json = "json"
    csv = "csv"


class Artefact(StrEnum):
    """What `build --only` can restrict to (privacymap.pipeline.ARTEFACTS)."""

    notice = "notice"
    ropa = "ropa"
    graph = "graph"


VIEW_KINDS = ("overview", "activities", "full", "activity:", "category:", "recipient:")


def _complete_view(incomplete: str) -> list[str]:
    """Shell completion for --view: the view names and the kinds that take an id."""
    return [kind for kind in VIEW_KINDS if kind.startswith(incomplete)]


LawAsAt = Annotated[
    str | None,
    typer.Option(
        "--law-as-at",
        metavar="DATE",
        help="Judge against the law in force on this date (YYYY-MM-DD; default: the notice's "
        "last_updated, else today).",
    ),
]


@app.command(cls=_Command)
def check(
    path: PathArg,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"Report format: {_choices(ReportFormat)}."
        ),
    ] = TEXT,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the report here, not to the screen.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
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


@app.command(cls=_Command)
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
        typer.Option(metavar="ARTEFACT", help=f"Build only {_choices(Artefact)}; repeatable."),
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
    from privacymap.reporters import to_text

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
        _nothing_written(out, draft_helps=False)
        raise typer.Exit(2) from None
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
        _nothing_written(out, draft_helps=usable)
    raise typer.Exit(result.exit_code)


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
        _nothing_written(out, draft_helps=False)
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
        _nothing_written(out, draft_helps=result.usable)
    return result.exit_code


class DiffFormat(StrEnum):
    """Formats of `privacymap diff` (privacymap.changes.render.FORMATS)."""

    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(cls=_Command)
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
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{_choices(DiffFormat)}."),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the diff here, not to the screen.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
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


class RegisterFormat(StrEnum):
    """What `privacymap ropa --format` writes."""

    xlsx = "xlsx"
    csv = "csv"


@app.command(cls=_Command)
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
        typer.Option("--format", metavar="FORMAT", help=f"{_choices(RegisterFormat)}."),
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
    from privacymap.pipeline import RegisterRefused, build_register
    from privacymap.reporters import to_text

    for path in paths:
        _require_map(path)
    try:
        result = build_register(paths, out, fmt=fmt.value, draft=draft, today=_date(today))
    except RegisterRefused as error:
        typer.echo(f"error: {visible(str(error))}", err=True)
        raise typer.Exit(2) from None
    found = _together(result.problems, result.paths, result.checks, result.findings)
    usable = not result.problems and all(c.usable for c in result.checks)
    sys.stderr.write(to_text(found, verbose=not usable))
    if result.written:
        kind = "draft " if result.exit_code else ""
        typer.echo(f"wrote the {kind}register of {len(result.paths)} maps to {out}", err=True)
    else:
        _nothing_written(out, draft_helps=usable)
    raise typer.Exit(result.exit_code)


def _nothing_written(out: Path, *, draft_helps: bool) -> None:
    """The one trailer of every build that writes nothing."""
    remedy = " or use --draft" if draft_helps else ""
    typer.echo(f"nothing written to {out}; fix the errors above{remedy}", err=True)


@app.command(cls=_Command)
def rules() -> None:
    """List every rule: id, severity, slug and title.

    `privacymap explain RULE` prints one in full, with examples.
    """
    from privacymap.rules import catalogue

    for rule in catalogue().values():
        lock = " (locked)" if rule.locked else ""
        typer.echo(f"{rule.id}  {rule.severity.value:<7}  {rule.slug}{lock}: {rule.title}")


@app.command(cls=_Command)
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


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of the data-map format.

    Editors that understand JSON Schema (VS Code with the YAML extension, for
    instance) use it to complete and validate the YAML.
    """
    from privacymap.schema import schema_text

    sys.stdout.write(schema_text())


@app.command(cls=_Command)
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


@app.command(cls=_Command)
def graph(
    path: PathArg,
    view: Annotated[
        str,
        typer.Option(
            metavar="VIEW",
            help="overview, activities, full, activity:ID, category:ID or recipient:ID.",
            autocompletion=_complete_view,
        ),
    ] = "overview",
    format: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{_choices(GraphFormat)}."),
    ] = GraphFormat.dot,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here, not to the screen."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
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
    index = _index_or_exit(path)
    try:
        data = render_view(index, view, format.value)
    except (ValueError, GraphvizError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(data, output, force, _map_files(index.root, index.files, None))


@app.command(cls=_Command)
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
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{_choices(FlowsFormat)}."),
    ] = FlowsFormat.text,
) -> None:
    """List data flows: what each carries, to whom, on what basis.

    Filters combine: `--category health --to police` lists the flows of
    health data to the police.
    """
    from privacymap.graph.commands import query_flows

    index = _index_or_exit(path)
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


BUILT_IN_PROFILES = ("ico-controller", "flow-mapping")
"""Import profiles that ship with privacymap (privacymap.importer's BUILT_IN)."""


def _complete_profile(incomplete: str) -> list[str]:
    """Shell completion for --profile: the built-in profiles' names."""
    return [name for name in BUILT_IN_PROFILES if name.startswith(incomplete)]


@app.command("import", cls=_Command)
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
            "--format", "-f", metavar="FORMAT", help=f"Findings format: {_choices(ReportFormat)}."
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


export_app = typer.Typer(
    cls=_Group,
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


@export_app.command("dpv", cls=_Command)
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

    index = _index_or_exit(path)
    run(index, format.value, output, base)


@export_app.command("schedule1", cls=_Command)
def export_schedule1(
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here, not to the screen."),
    ] = None,
    format: Annotated[
        Schedule1Format,
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{_choices(Schedule1Format)}."),
    ] = Schedule1Format.csv,
) -> None:
    """Write DPA 2018 Schedule 1 Parts 1-3 as data.

    One row or resource per paragraph: heading, Part, Art 9 or Art 10 route,
    whether an appropriate policy document is needed, legislation.gov.uk address.
    """
    from privacymap.export.command import export_schedule1 as run

    run(format.value, output)


class DpiaFormat(StrEnum):
    """Formats of `privacymap dpia` (privacymap.dpia.FORMATS)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    pia_json = "pia-json"


@app.command(cls=_Command)
def dpia(
    path: PathArg,
    format: Annotated[
        DpiaFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{_choices(DpiaFormat)} (pia-json: an import file for the CNIL's PIA tool, "
            "one activity).",
        ),
    ] = DpiaFormat.text,
    activity: Annotated[
        str | None, typer.Option(metavar="ID", help="Screen only this activity.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here, not to the screen."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
) -> None:
    """Screen each processing activity for a DPIA (UK GDPR Art 35, the ICO's list, WP248).

    Every criterion is answered Yes, No or Unknown with the facts of the map
    behind it (file:line:col), then the conclusion: a DPIA is required,
    advisable or not indicated. What only a person can judge stays Unknown.
    """
    from privacymap.dpia import command

    index = _index_or_exit(path)
    try:
        text = command(index, format.value, activity)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    _emit(text, output, force, _map_files(index.root, index.files, None))


def _index_or_exit(path: Path) -> Index:
    from privacymap.pipeline import resolve
    from privacymap.reporters import to_text

    _require_map(path)
    loaded, index, diagnostics = resolve(path)
    if index is None:
        sys.stderr.write(to_text(diagnostics, _base(path, loaded.root)))
        raise typer.Exit(2)
    return index


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
