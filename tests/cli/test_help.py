"""The help a newcomer reads: words, not Python types; whole summaries; examples that work.

Every command's `--help` is rendered at several terminal widths and read as a
user would; every example it shows is run (in a scratch folder beside the
repository's maps) and must exit as its help says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from privacymap.cli import changes, common, dpia, exporting, importing
from privacymap.clihelp import AFTER_INIT, EXAMPLES, Example, next_steps

REPO = Path(__file__).resolve().parents[2]


def _walk(group: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(command as typed after `privacymap`, click command) for every command and subcommand."""
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            yield from _walk(command, f"{prefix}{name} ")


ROOT = typer.main.get_command(common.app)
TREE = dict(_walk(ROOT))
COMMANDS = sorted(TREE)
GROUPS = {"": ROOT} | {name: c for name, c in TREE.items() if hasattr(c, "commands")}
WIDTHS = (60, 80, 120)
LEAKS = re.compile(r"<str>|<path>|<int>|\{path\}|\{\w+\}|list\[|<[a-z|]+>|\[default: no-")
NEGATIVE_FLAGS_THAT_MEAN_SOMETHING = {"--no-per-activity-diagrams", "--no-diagrams"}
"""Off where the default depends on the map (on up to 200 activities); no diagrams at all
(a build without Graphviz, on purpose)."""


def _help(*args: str, width: int = 80) -> str:
    """`privacymap ARGS --help` as a terminal `width` columns wide shows it."""
    code = "import sys; from privacymap.cli import app; app(prog_name='privacymap')"
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "--help"],
        env={**os.environ, "COLUMNS": str(width)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _rows(section: str) -> dict[str, str]:
    """A help section's two-column rows, each joined back from its wrapped lines."""
    rows: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        if match := re.match(r"^  (\S+) +(.*)$", line):
            name = match.group(1)
            rows[name] = match.group(2)
        elif name and line.strip():
            rows[name] += " " + line.strip()
    return rows


def _summary(command: str) -> str:
    return str(TREE[command].help or "").strip().splitlines()[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_reads_as_words(command: str, width: int) -> None:
    text = _help(*command.split(), width=width)
    assert not LEAKS.findall(text), f"`privacymap {command} --help` shows {LEAKS.findall(text)}"
    negatives = set(re.findall(r"--no-[a-z-]+", text)) - NEGATIVE_FLAGS_THAT_MEAN_SOMETHING
    assert not negatives, f"`privacymap {command} --help` offers {negatives}"
    usage = text.splitlines()[0]
    assert re.fullmatch(
        r"Usage: privacymap( [a-z0-9]+)* \[OPTIONS\]( [A-Z]+)*( COMMAND \[ARGS\]\.\.\.)?", usage
    ), usage


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("group", sorted(GROUPS))
def test_help_lists_every_command_with_its_whole_summary(group: str, width: int) -> None:
    text = _help(*group.split(), width=width)
    listed = _rows(text.split("Commands:\n", 1)[1].split("\n\n", 1)[0])
    children = sorted(GROUPS[group].commands)
    assert sorted(listed) == children
    for name in children:
        summary = _summary(f"{group} {name}".strip())
        assert summary.endswith("."), f"{name}: the summary is a sentence: {summary!r}"
        assert listed[name] == summary, f"{name}'s summary is cut at width {width}"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_ends_with_examples(command: str) -> None:
    text = _help(*command.split())
    heading = "First steps:" if command == "" else "Examples:"
    assert heading in text
    section = text.split(heading, 1)[1]
    shown = [
        line.strip() for line in section.splitlines() if line.strip().startswith("privacymap ")
    ]
    assert 1 <= len(shown) <= 3, shown
    assert shown == [example.command for example in EXAMPLES[command]]


def test_every_example_belongs_to_a_command() -> None:
    assert set(EXAMPLES) == {"", *COMMANDS}


def test_choices_are_declared_as_the_outputs_know_them() -> None:
    from privacymap.changes.render import FORMATS as DIFF_FORMATS
    from privacymap.dpia import FORMATS as DPIA_FORMATS
    from privacymap.export.command import FORMATS as DPV_FORMATS
    from privacymap.graph.commands import QUERY_FORMATS
    from privacymap.graph.render import FORMATS
    from privacymap.importer.profile import BUILT_IN
    from privacymap.pipeline import ARTEFACTS
    from privacymap.reporters import REPORTERS

    assert [f.value for f in common.ReportFormat] == list(REPORTERS)
    assert [f.value for f in common.GraphFormat] == list(FORMATS)
    assert [f.value for f in common.FlowsFormat] == list(QUERY_FORMATS)
    assert [a.value for a in common.Artefact] == list(ARTEFACTS)
    assert [f.value for f in exporting.DpvFormat] == list(DPV_FORMATS)
    assert [f.value for f in dpia.DpiaFormat] == list(DPIA_FORMATS)
    assert [f.value for f in changes.DiffFormat] == list(DIFF_FORMATS)
    assert tuple(importing.BUILT_IN_PROFILES) == tuple(BUILT_IN)


def _complete(words: str) -> list[str]:
    """What the shell offers after `words`, through Typer's bash completion protocol."""
    env = {
        **os.environ,
        "_PRIVACYMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split())),
    }
    code = "from privacymap.cli import app; app(prog_name='privacymap')"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_choices_complete_in_the_shell() -> None:
    assert _complete("privacymap check --format ") == [f.value for f in common.ReportFormat]
    assert _complete("privacymap build x --only ") == [a.value for a in common.Artefact]
    assert "recipient:" in _complete("privacymap graph --view ")


def _run(example: Example, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = example.command.replace("privacymap", f'"{sys.executable}" -m privacymap', 1)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_runs_as_its_help_says(command: str, tmp_path: Path) -> None:
    for folder in ("notices", "examples"):  # read, never written: examples write in tmp_path
        (tmp_path / folder).symlink_to(REPO / folder, target_is_directory=True)
    for example in EXAMPLES[command]:
        done = _run(example, tmp_path)
        assert done.returncode == example.exit_code, (
            f"`{example.command}` exited {done.returncode}, its help says {example.exit_code}\n"
            f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
        assert "Traceback" not in done.stderr


def test_init_prints_the_next_commands_and_they_work(tmp_path: Path) -> None:
    done = _run(Example("", "privacymap init my-map"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-len(next_steps("my-map")) :] == next_steps("my-map")
    commands = [line.strip() for line in next_steps("my-map") if line.startswith("  privacymap")]
    assert len(commands) == len(AFTER_INIT) == 3
    for line in commands:
        assert _run(Example("", line), tmp_path).returncode == 0, line
