"""What every command shares: the typer app and its help style, the common options and
choices, and small helpers for printing and exiting."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from privacymap.checkcommand import base_of as _base
from privacymap.checkcommand import require_map as _require_map
from privacymap.clihelp import examples_text
from privacymap.reporters import REPORTERS
from privacymap.version import __version__

if TYPE_CHECKING:
    from typer import _click as click

    from privacymap.index import Index


class Command(TyperCommand):
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


class Group(TyperGroup):
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
    cls=Group,
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
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.")
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write here, not to the screen."),
]
TodayOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Judge as at this date, YYYY-MM-DD (default: today)."),
]


def choices(kind: type[StrEnum]) -> str:
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


def complete_view(incomplete: str) -> list[str]:
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


def nothing_written(out: Path, *, draft_helps: bool) -> None:
    """The one trailer of every build that writes nothing."""
    remedy = " or use --draft" if draft_helps else ""
    typer.echo(f"nothing written to {out}; fix the errors above{remedy}", err=True)


def index_or_exit(path: Path) -> Index:
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
