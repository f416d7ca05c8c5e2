"""The command line: help, schema, init, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from privacymap.schema import SCHEMA_PATH, schema_text

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("check", "build", "diff", "graph", "flows", "rules", "explain", "schema",
                    "init"):
        assert command in result.stdout


def test_version() -> None:
    from privacymap import __version__

    assert run("--version").stdout.strip() == f"privacymap {__version__}"


def test_schema_command_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert result.stdout == (REPO / SCHEMA_PATH).read_text("utf-8"), (
        "schemas/privacymap.schema.json is stale: run `privacymap schema > "
        "schemas/privacymap.schema.json`"
    )
    assert schema_text() == result.stdout
    document = json.loads(result.stdout)
    assert document["properties"]["activities"]["type"] == "array"
    assert document["$defs"]["Disclosure"]["required"] == ["to"]


def test_init_writes_a_map_that_loads_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "new-map"
    first = run("init", str(target))
    assert first.returncode == 0, first.stderr
    assert (target / "datamap.yaml").is_file()
    assert (target / "privacymap.schema.json").read_text("utf-8") == schema_text()
    check = run("check", str(target))
    assert check.returncode == 0, check.stdout + check.stderr
    again = run("init", str(target))
    assert again.returncode == 2
    assert "exists; use --force" in again.stderr


def test_unusable_input_exits_2_with_located_lines_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(
        "notice:\n  title: x\n  title: y\ncontroler: {name: x}\n", encoding="utf-8"
    )
    result = run("check", str(tmp_path / "map.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    located = [line for line in result.stdout.splitlines() if ": error PM0" in line]
    assert located == [
        "map.yaml:1:1: error PM005 [missing-field] the top level has no 'controller'",
        "map.yaml:3:3: error PM002 [duplicate-key] duplicate key 'title' (first defined at line 2)",
        "map.yaml:4:1: error PM003 [unknown-field] unknown field 'controler' in the top level",
    ]


def test_usage_errors_exit_2() -> None:
    assert run("check").returncode == 2
    assert run("explain", "PM999").returncode == 2
    assert run("build", "x", "--only", "poster").returncode == 2


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "does not exist" in result.stdout
