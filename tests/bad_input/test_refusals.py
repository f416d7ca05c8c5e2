"""Values the loader refuses, waiver and configuration rules, and every former exit 3.

Each case runs the real CLI in a subprocess (memory-limited, with a timeout) and
expects a located message and exit 2 (or the finding's exit 1): never a
traceback, never "internal error".
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.support.guard import Run, cli

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = (REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml").read_text()
FAMILY = REPO / "examples" / "family-support"
CONDITION = (
    "conditions:\n  - id: spi\n    condition: substantial-public-interest\n"
    "    schedule1: [{value}]\n"
)


def located(run: Run, rule: str) -> list[str]:
    """The `file:line:col` of each finding of `rule` in a text report."""
    return re.findall(rf"^(\S+:\d+:\d+): (?:error|warning|info) {rule} ", run.output, re.M)


def write_map(folder: Path, extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    text = SCAFFOLD
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace, 1)
    (folder / "map.yaml").write_text(text + extra, "utf-8")
    return folder / "map.yaml"


# ----------------------------------------------------------------- values the loader refuses


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("010", "8"), ("012", "10"), ("1:10", "70"), ("0x12", "18"), ("1_8", "18")],
)
def test_numbers_not_written_in_decimal(tmp_path: Path, value: str, read_as: str) -> None:
    write_map(tmp_path, CONDITION.format(value=value))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2, run.output
    assert located(run, "PM006"), run.output
    assert f"as the number {read_as}" in run.output


def test_yes_is_not_a_paragraph_number(tmp_path: Path) -> None:
    write_map(tmp_path, CONDITION.format(value="yes"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM004"), run.output


def test_decimal_numbers_and_citations_still_load(tmp_path: Path) -> None:
    write_map(tmp_path, CONDITION.format(value='18, "DPA 2018 Sch 1 para 6"'))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert "PM006" not in run.output and "PM004" not in run.output, run.output


@pytest.mark.parametrize(
    "escaped", ['"North\\0shire"', '"\\e[31mred"', '"a\\uFFFEb"', '"bell\\a"', '"nel\\N"']
)
def test_control_characters_written_as_escapes(tmp_path: Path, escaped: str) -> None:
    write_map(tmp_path, replace=("name: Example Council", f"name: {escaped}"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2, run.output
    assert located(run, "PM016"), run.output


def test_binary_values_are_refused(tmp_path: Path) -> None:
    write_map(tmp_path, replace=("name: Example Council", "name: !!binary SGVsbG8="))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM006"), run.output
    assert "binary" in run.output


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_invisible_characters_in_ids_and_addresses_warn(tmp_path: Path, character: str) -> None:
    write_map(tmp_path, replace=("email: info@example.org", f"email: info{character}@example.org"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert located(run, "PM017") == ["map.yaml:22:10"], run.output
    assert run.returncode == 0  # a warning: the map is usable


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_dates_out_of_range(tmp_path: Path, date: str) -> None:
    write_map(tmp_path, replace=("last_updated: ", f"last_updated: {date} #"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM006"), run.output
    assert "outside the years" in run.output


# ----------------------------------------------------------------- waivers


def waiver(rule: str, subject: str, expires: str) -> str:
    return (
        f"waivers:\n  - rule: {rule}\n    subject: '{subject}'\n"
        "    justification: Reviewed by the information governance board.\n"
        f"    approver: DPO\n    expires: {expires}\n"
    )


def without_basis(folder: Path, extra: str) -> None:
    write_map(folder, extra, replace=("    bases: [public-task]\n", ""))


def test_a_locked_rule_waiver_must_name_one_subject(tmp_path: Path) -> None:
    without_basis(tmp_path, waiver("PM201", "*", "2026-12-31"))
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert run.returncode == 1
    assert located(run, "PM904") and located(run, "PM201")
    assert "(waived)" not in run.output


def test_a_locked_rule_waiver_of_one_exact_subject_applies(tmp_path: Path) -> None:
    without_basis(tmp_path, "")
    first = cli("check", "map.yaml", "--format", "json", cwd=tmp_path)
    subjects = sorted(set(re.findall(r'"subject": "(flow:[^"]+)"', first.stdout)))
    assert subjects, first.output
    waivers = "".join(waiver("PM201", s, "2026-12-31").replace("waivers:\n", "") for s in subjects)
    without_basis(tmp_path, "waivers:\n" + waivers)
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert "PM904" not in run.output and "(waived)" in run.output, run.output


def test_waiver_expiry_beyond_the_horizon(tmp_path: Path) -> None:
    without_basis(tmp_path, waiver("PM201", "flow:x->y", "9999-12-31"))
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert run.returncode == 2  # 9999 is outside the years a date may have
    write_map(tmp_path, waiver("PM104", "purpose:*", "2028-01-01"))
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert located(run, "PM905"), run.output
    assert "2027-06-01" in run.output


def test_waiver_horizon_is_configurable(tmp_path: Path) -> None:
    write_map(tmp_path, waiver("PM104", "purpose:*", "2026-09-01"))
    (tmp_path / "privacymap.toml").write_text("waiver_horizon_days = 30\n")
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert located(run, "PM905") and "2026-07-01" in run.output, run.output
    (tmp_path / "privacymap.toml").write_text("waiver_horizon_days = 0\n")
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and "waiver_horizon_days" in run.output


def test_patterns_still_work_for_rules_that_are_not_locked(tmp_path: Path) -> None:
    spare = ("purposes:\n", "purposes:\n  - id: spare-one\n    name: Spare\n")
    write_map(tmp_path, waiver("PM104", "purpose:spare-*", "2026-12-31"), replace=spare)
    run = cli("check", "map.yaml", "--today", "2026-06-01", cwd=tmp_path)
    assert "PM104" in run.output and "(waived)" in run.output, run.output
    assert "PM904" not in run.output


# ----------------------------------------------------------------- configuration, init, include


def test_missing_templates_folder(tmp_path: Path) -> None:
    run = cli("build", str(FAMILY), "-o", "out", "--templates", "/nonexistent", cwd=tmp_path)
    assert run.returncode == 2 and "/nonexistent" in run.stderr
    assert not (tmp_path / "out").exists()


def test_broken_template_file(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "notice.html.j2").write_text("line one\n{% if %}\n")
    run = cli("build", str(FAMILY), "-o", "out", "--templates", "t", cwd=tmp_path)
    assert run.returncode == 2, run.output
    assert "notice.html.j2:2" in run.stderr
    assert not (tmp_path / "out").exists()


def test_config_that_never_ends(tmp_path: Path) -> None:
    run = cli("check", str(FAMILY), "--config", "/dev/zero", cwd=tmp_path)
    assert run.returncode == 2 and "not a regular file" in run.stderr


def test_init_on_an_existing_map_refuses(tmp_path: Path) -> None:
    shutil.copytree(FAMILY, tmp_path / "m")
    before = sorted(p.name for p in (tmp_path / "m").iterdir())
    run = cli("init", "m", cwd=tmp_path)
    assert run.returncode == 2 and "not empty" in run.stderr
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == before
    assert cli("init", "fresh", cwd=tmp_path).returncode == 0


def test_include_of_git_files_is_refused_without_echoing_them(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "description").write_text("SECRET-DESCRIPTION: x\n")
    (tmp_path / ".git" / "config.yaml").write_text("SECRET: x\n")
    (tmp_path / "m").mkdir()
    (tmp_path / "privacymap.toml").write_text("")
    for target in ("../.git/description", "../.git/config.yaml"):
        write_map(tmp_path / "m", replace=("notice:\n", f"include: [{target}]\nnotice:\n"))
        run = cli("check", "m/map.yaml", cwd=tmp_path)
        assert run.returncode == 2 and located(run, "PM006"), run.output
        assert "SECRET" not in run.output


# ----------------------------------------------------------------- formerly exit 3


def test_include_symlink_loop(tmp_path: Path) -> None:
    os.symlink("loop.yaml", tmp_path / "loop.yaml")
    write_map(tmp_path, replace=("notice:\n", "include: [loop.yaml]\nnotice:\n"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM012") == ["map.yaml:8:11"], run.output


def test_include_with_a_nul_byte(tmp_path: Path) -> None:
    write_map(tmp_path, replace=("notice:\n", 'include: ["a\\0b.yaml"]\nnotice:\n'))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM012"), run.output


def test_names_over_255_bytes(tmp_path: Path) -> None:
    write_map(tmp_path, replace=("notice:\n", f"include: [{'x' * 300}.yaml]\nnotice:\n"))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert run.returncode == 2 and located(run, "PM012"), run.output
    run = cli("check", "y" * 300 + ".yaml", cwd=tmp_path)
    assert run.returncode == 2, run.output


@pytest.mark.parametrize(
    ("logo", "rule", "code"),
    [
        ("loop.png", "PM112", 1),
        ("locked.png", "PM112", 1),
        ("missing.png", "PM112", 1),
        ("../outside.png", "PM112", 1),
        ("a\\0b.png", "PM016", 2),
    ],
)
def test_a_logo_check_must_catch(tmp_path: Path, logo: str, rule: str, code: int) -> None:
    os.symlink("loop.png", tmp_path / "loop.png")
    (tmp_path / "locked.png").mkdir()  # unreadable as a file, whoever runs the test
    write_map(tmp_path, replace=("controller:\n", f'controller:\n  logo: "{logo}"\n'))
    run = cli("check", "map.yaml", cwd=tmp_path)
    assert located(run, rule) == ["map.yaml:19:9"], run.output
    assert run.returncode == code
    if code == 2:
        return
    built = cli("build", "map.yaml", "-o", "out", "--draft", cwd=tmp_path)
    assert built.returncode == 0, built.output


def test_yaml_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "m")
    os.mkdir(folder)
    with open(folder + b"/bad\xff.yaml", "w") as f:
        f.write(SCAFFOLD.replace("controller:\n", "controller:\n  unknown: 1\n", 1))
    run = cli("check", "m", cwd=tmp_path)
    assert run.returncode == 2 and "PM003" in run.output, run.output
    assert "bad\\udcff.yaml" in run.output


def test_unwritable_out_parent(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    run = cli("build", str(FAMILY), "-o", "file/out", cwd=tmp_path)
    assert run.returncode == 2 and "file" in run.stderr


def test_read_only_out_parent(tmp_path: Path) -> None:
    """chmod 555 does not stop root: as root, the CLI runs as `nobody` in a forked child."""
    import tempfile

    from tests.bad_input.test_corpus import cli_in_forked_child

    work = Path(tempfile.mkdtemp(prefix="privacymap-readonly-"))
    try:
        shutil.copytree(FAMILY, work / "m")
        for path in (work, *work.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (work / "ro").mkdir(mode=0o555)
        (work / "ro").chmod(0o555)
        warm = tmp_path / "warm"
        shutil.copytree(work / "m", warm / "m")
        (warm / "ro").mkdir()
        # Only the ROPA: the notice reads its templates from the package at build
        # time, which `nobody` cannot do where the clone sits in a private folder.
        args = ["build", "m", "--only", "ropa", "-o", "ro/out"]
        run = cli_in_forked_child(args, work, as_nobody=os.geteuid() == 0, warm=warm)
        assert run.returncode == 2, run.output
        assert "ro" in run.output and "Permission denied" in run.output
        assert list((work / "ro").iterdir()) == []
    finally:
        shutil.rmtree(work)


def test_check_output_into_a_missing_folder(tmp_path: Path) -> None:
    run = cli("check", str(FAMILY), "--format", "json", "--output", "no/such/x.json", cwd=tmp_path)
    assert run.returncode == 2 and "does not exist" in run.stderr


def test_check_output_never_overwrites_a_file_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    run = cli("check", str(FAMILY), "--output", "notes.txt", cwd=tmp_path)
    assert run.returncode == 2 and "--force" in run.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (
        cli("check", str(FAMILY), "--output", "notes.txt", "--force", cwd=tmp_path).returncode == 0
    )
    assert "0 errors" in (tmp_path / "notes.txt").read_text()


def test_check_output_never_replaces_the_map(tmp_path: Path) -> None:
    shutil.copytree(FAMILY, tmp_path / "m")
    before = (tmp_path / "m" / "notice.yaml").read_text()
    run = cli("check", "m", "--output", "m/notice.yaml", "--force", cwd=tmp_path)
    assert run.returncode == 2 and "data map" in run.stderr
    assert (tmp_path / "m" / "notice.yaml").read_text() == before


@pytest.mark.parametrize("target", ["folder", "notice", "link"])
def test_graph_output_refusals(tmp_path: Path, target: str) -> None:
    shutil.copytree(FAMILY, tmp_path / "m")
    (tmp_path / "folder").mkdir()
    (tmp_path / "elsewhere.txt").write_text("x")
    os.symlink("elsewhere.txt", tmp_path / "link")
    path = {"folder": "folder", "notice": "m/notice.yaml", "link": "link"}[target]
    run = cli("graph", "m", "-o", path, "--force", cwd=tmp_path)
    assert run.returncode == 2, run.output
    assert (tmp_path / "elsewhere.txt").read_text() == "x"
    assert (tmp_path / "m" / "notice.yaml").read_text() == (FAMILY / "notice.yaml").read_text()


def test_graph_output_is_written_once_then_needs_force(tmp_path: Path) -> None:
    assert cli("graph", str(FAMILY), "-o", "g.dot", cwd=tmp_path).returncode == 0
    assert cli("graph", str(FAMILY), "-o", "g.dot", cwd=tmp_path).returncode == 2
    assert cli("graph", str(FAMILY), "-o", "g.dot", "--force", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("out", [".", "", "..", "/"])
def test_out_dot_empty_parent_root(tmp_path: Path, out: str) -> None:
    (tmp_path / "here").mkdir()
    run = cli("build", str(FAMILY), "-o", out, cwd=tmp_path / "here")
    assert run.returncode == 2, run.output


def test_memory_error_during_build_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI in-process, with an emitter that runs out of memory."""
    from typer.testing import CliRunner

    from privacymap.cli import app
    from privacymap.pipeline import emitting

    real = emitting.emitter

    def hungry(name: str):  # type: ignore[no-untyped-def]
        if name == "ropa":

            def boom(context):  # type: ignore[no-untyped-def]
                raise MemoryError

            return boom
        return real(name)

    monkeypatch.setattr(emitting, "emitter", hungry)
    done = CliRunner().invoke(app, ["build", str(FAMILY), "-o", str(tmp_path / "out")])
    assert done.exit_code == 2 and "out of memory" in done.output, done.output
    assert not (tmp_path / "out").exists()
    assert sys.modules["privacymap.cli"]


def test_export_never_overwrites_a_file_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "notes.ttl").write_text("mine")
    run = cli("export", "schedule1", "-f", "ttl", "-o", "notes.ttl", cwd=tmp_path)
    assert run.returncode == 2 and "exists" in run.stderr, run.output
    assert (tmp_path / "notes.ttl").read_text() == "mine"
    assert cli("export", "schedule1", "-o", "new.csv", cwd=tmp_path).returncode == 0
