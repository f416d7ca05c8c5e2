"""The typer-free `check` of `privacymap.launcher`: same options, same answers as the typer app.

The launcher reads an ordinary `privacymap check` command line itself so that
checking does not import typer; anything it does not recognise goes to the
typer app. These tests keep its option table equal to the typer command's and
its output equal to the typer path's, and show that unusual lines fall back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from privacymap import launcher
from privacymap.cli import app
from privacymap.launcher import FLAG_OPTIONS, REPEATABLE, VALUE_OPTIONS, parse_check

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = "notices/lancashire-cfw"
EXAMPLE = "examples/family-support"


def test_the_option_table_is_the_typer_commands() -> None:
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    flags, values, repeatable = set(), {}, set()
    for param in command.params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        if param.is_flag:
            flags.update(param.opts)
        else:
            values.update(dict.fromkeys(param.opts, param.name))
            if param.multiple:
                repeatable.add(param.name)
    assert flags == set(FLAG_OPTIONS)
    assert set(values) == set(VALUE_OPTIONS)
    renamed = {"format": "fmt"}
    assert {v: renamed.get(n, n) for v, n in values.items()} == VALUE_OPTIONS
    assert repeatable == set(REPEATABLE)


@pytest.mark.parametrize(
    ("argv", "path", "options"),
    [
        (["check", "m"], "m", {}),
        (["check", "--strict", "m", "--force"], "m", {"strict": True, "force": True}),
        (["check", "-f", "json", "m"], "m", {"fmt": "json"}),
        (["check", "-fsarif", "m"], "m", {"fmt": "sarif"}),
        (["check", "--format=junit", "m"], "m", {"fmt": "junit"}),
        (["check", "m", "--select", "PM2", "--select=PM3"], "m", {"select": ["PM2", "PM3"]}),
        (["check", "m", "--today", "2026-01-02", "--today", "2026-02-03"], "m",
         {"today": "2026-02-03"}),  # click keeps the last value of a single-value option
        (["check", "m", "--output", "r.txt", "--config", "c.toml"], "m",
         {"output": Path("r.txt"), "config": Path("c.toml")}),
        (["check", "m", "--output", "--strict"], "m", {"output": Path("--strict")}),
    ],
)  # fmt: skip
def test_an_ordinary_check_line_is_read_here(
    argv: list[str], path: str, options: dict[str, object]
) -> None:
    parsed = parse_check(argv)
    assert parsed is not None
    assert (parsed.path, parsed.options) == (Path(path), options)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["build", "m"],
        ["check"],
        ["check", "a", "b"],
        ["check", "m", "--help"],
        ["check", "--", "m"],
        ["check", "m", "--format", "yaml"],
        ["check", "m", "--format"],
        ["check", "m", "--strict=yes"],
        ["check", "m", "--unknown"],
        ["check", "m", "-x"],
        ["check", "m", "--output="],
        ["check", ""],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_check(argv) is None


def test_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_PRIVACYMAP_COMPLETE", "bash_complete")
    assert parse_check(["check", "m"]) is None


def _fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `privacymap ARGS` through the launcher, asserting it did not go to typer."""
    assert parse_check(args) is not None
    sys.argv = ["privacymap", *args]
    with pytest.raises(SystemExit) as exit_:
        launcher.main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def _typer(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", LANCASHIRE, "--today", "2026-06-01"],
        ["check", LANCASHIRE, "-f", "json", "--today", "2026-06-01"],
        ["check", EXAMPLE, "--strict", "--select", "pm2", "--today", "2026-06-01"],
        ["check", LANCASHIRE, "--ignore", "PM2", "-fgithub", "--today", "2026-06-01"],
        ["check", "no/such/map"],
        ["check", EXAMPLE, "--today", "June"],
        ["check", EXAMPLE, "--config", "no/such.toml"],
    ],
)
def test_the_fast_path_answers_as_the_typer_command(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("NO_COLOR", "1")
    assert _fast(args, capsys) == _typer(args)


def test_the_fast_path_writes_the_report_file_as_typer_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    fast, slow = tmp_path / "fast.json", tmp_path / "slow.json"
    common = ["check", EXAMPLE, "-f", "sarif", "--today", "2026-06-01", "--output"]
    assert _fast([*common, str(fast)], capsys)[0] == _typer([*common, str(slow)])[0] == 0
    assert fast.read_bytes() == slow.read_bytes()
    # Without --force neither replaces the file.
    code, _, err = _fast([*common, str(fast)], capsys)
    assert (code, err) == _typer([*common, str(fast)])[::2] and code == 2
