"""The command line: help, schema, init, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import re
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
    for command in ("check", "build", "graph", "flows", "rules", "explain", "schema", "init"):
        assert command in result.stdout


def test_version() -> None:
    from privacymap import __version__

    assert run("--version").stdout.strip() == f"privacymap {__version__}"


def test_schema_command_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert result.stdout == (REPO / SCHEMA_PATH).read_text("utf-8")
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
    result = run("check", "map.yaml", cwd=tmp_path)
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


def test_missing_path_is_named_as_given_and_exits_2(tmp_path: Path) -> None:
    for command in ("check", "build", "graph", "flows"):
        result = run(command, "missing", cwd=tmp_path)
        assert result.returncode == 2, command
        assert result.stderr == "error: no such file or folder: missing\n", command
        assert result.stdout == "", command
    absolute = run("check", "/nonexistent/map")
    assert absolute.stderr == "error: no such file or folder: /nonexistent/map\n"


def test_locations_are_printed_as_the_path_was_given(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "map.yaml").write_text("notice: [\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    relative = run("check", "../maps", cwd=tmp_path / "work")
    assert relative.stdout.startswith("../maps/map.yaml:2:1: error PM001"), relative.stdout
    absolute = run("check", str(tmp_path / "maps"), cwd=tmp_path / "work")
    assert absolute.stdout.startswith(f"{tmp_path}/maps/map.yaml:2:1: error PM001")


def test_a_folder_without_a_data_map_says_how_to_start_one(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("check", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert "holds no .yaml or .yml files" in result.stdout
    assert "to start a data map here, run `privacymap init empty`" in result.stdout


def test_every_build_that_writes_nothing_ends_with_the_same_trailer(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "map.yaml").write_text("notice: [\n", encoding="utf-8")
    unusable = run("build", "broken", "-o", "out", cwd=tmp_path)
    assert unusable.returncode == 2
    assert "hint: " in unusable.stderr, "a load error keeps its hint"
    assert unusable.stderr.endswith("nothing written to out; fix the errors above\n")
    gate = run("build", str(REPO / "notices" / "lancashire-cfw"), "-o", "out", cwd=tmp_path)
    assert gate.returncode == 1
    assert gate.stderr.endswith("nothing written to out; fix the errors above or use --draft\n")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    unwritable = run(
        "build", str(REPO / "examples" / "family-support"), "-o", "file/out", cwd=tmp_path
    )
    assert unwritable.returncode == 2, unwritable.stderr
    assert unwritable.stderr.startswith("error: ")
    assert unwritable.stderr.endswith("nothing written to file/out; fix the errors above\n")
    assert not (tmp_path / "out").exists()


def test_the_summary_line_says_what_the_exit_code_means(tmp_path: Path) -> None:
    lancashire = run("check", str(REPO / "notices" / "lancashire-cfw"))
    assert re.fullmatch(
        r"\d+ errors, \d+ warnings, \d+ notes?: "
        r"exit 1, the errors fail the check until fixed or waived",
        lancashire.stdout.splitlines()[-1],
    )
    clean = run("check", str(REPO / "examples" / "family-support"))
    assert clean.stdout.splitlines()[-1] == "0 errors, 0 warnings, 0 notes: exit 0, passed"
    (tmp_path / "map.yaml").write_text("notice: [\n", encoding="utf-8")
    broken = run("check", "map.yaml", cwd=tmp_path)
    assert broken.stdout.splitlines()[-1].endswith(
        ": exit 2, the data map cannot be used until the errors are fixed"
    )


def test_the_verdict_names_what_fails_the_check() -> None:
    from privacymap import rules
    from privacymap.reporters import verdict

    warning = [rules.make("PM104", id="unused")]
    error = [rules.make("PM501", id="r", retention="r", record="R")]
    assert verdict(warning, 0, strict=False) == (
        "exit 0, passed (warnings fail the check only with --strict)"
    )
    assert verdict(warning, 1, strict=True) == "exit 1, warnings fail the check with --strict"
    assert verdict(error, 1, strict=True) == (
        "exit 1, the errors fail the check until fixed or waived"
    )
    assert verdict([], 0, strict=False) == "exit 0, passed"


def test_an_output_file_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    example = str(REPO / "examples" / "family-support")
    for args in (("check", example, "--output"), ("graph", example, "-o")):
        result = run(*args, str(tmp_path / "missing" / "out.txt"))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("error: ") and "out.txt" in result.stderr


def test_explain_suggests_the_slug_meant() -> None:
    result = run("explain", "flow-without-basis")
    assert result.returncode == 2
    assert "did you mean 'flow-without-lawful-basis'?" in result.stderr


def test_explain_shows_the_failing_and_the_fixed_example() -> None:
    result = run("explain", "PM201")
    assert result.returncode == 0
    failing, fixed = result.stdout.split("\nFails: ", 1)[1].split("\nFixed: ", 1)
    assert "    purposes:" in failing and "bases: [public-task]" not in failing
    assert "        bases: [public-task]" in fixed
    assert "privacymap init" in result.stdout.splitlines()[-1]
