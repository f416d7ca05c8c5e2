"""Every code sample in README.md, docs/ and the examples' READMEs runs and does what it says.

The conventions (expected exit codes, `# not run`, console excerpts, files
shown in full) are described in tests/docs/samples.py. Each Markdown file's
samples run in order in a fresh copy of the repository, so a tutorial's
steps may build on each other and nothing is written into the working tree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docs.samples import Block, Command, blocks, commands, console

DOCS = sorted(
    [REPO / "README.md", *(REPO / "docs").glob("*.md"), *(REPO / "examples").glob("*/README.md")]
)
COPIED = (
    "README.md",
    "Makefile",
    "pyproject.toml",
    ".pre-commit-hooks.yaml",
    "docs",
    "examples",
    "notices",
    "schemas",
)
VENV_BIN = Path(sys.executable).parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _copy_repo(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(
                src, target / name, ignore=shutil.ignore_patterns("__pycache__", "build", "*.pyc")
            )
        elif src.exists():
            shutil.copy2(src, target / name)
    # Samples may say `.venv/bin/python` (the venv `make venv` creates): point it at
    # the interpreter running the tests, whatever its environment.
    bin_dir = target / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, argv in (
        ("python", f'"{sys.executable}"'),
        ("privacymap", f'"{sys.executable}" -m privacymap'),
    ):
        wrapper = bin_dir / name
        wrapper.write_text(f'#!/bin/sh\nexec {argv} "$@"\n', "utf-8")
        wrapper.chmod(0o755)
    return target


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def _run(command: Command, cwd: Path, where: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["bash", "-c", command.text],
        cwd=cwd,
        env=_env(),
        text=True,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == command.expect, (
        f"{where}: `{command.text}` exited {done.returncode}, the docs say {command.expect}\n"
        f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    )
    assert "Traceback" not in done.stderr, f"{where}: `{command.text}`\n{done.stderr}"
    return done


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text("utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def _shell(block: Block, cwd: Path) -> Path:
    for command in commands(block):
        if command.text.startswith("make "):
            target = command.text.split()[1]
            assert target in _make_targets(), f"{block.where}: no make target {target}"
            continue
        if not command.run:
            continue
        if re.fullmatch(r"cd \S+", command.text):
            cwd = (cwd / command.text[3:]).resolve()
            assert cwd.is_dir(), f"{block.where}: `{command.text}`"
            continue
        _run(command, cwd, block.where)
    return cwd


def _console(block: Block, cwd: Path) -> None:
    for command, excerpt in console(block):
        done = _run(command, cwd, block.where)
        actual = [ANSI.sub("", x).rstrip() for x in (done.stdout + done.stderr).splitlines()]
        position = 0
        for line in excerpt:
            if not line.strip() or line.strip() == "...":
                continue
            try:
                position = actual.index(line, position) + 1
            except ValueError:
                pytest.fail(
                    f"{block.where}: `{command.text}` did not print (in order)\n"
                    f"{line!r}\nactual output:\n" + "\n".join(actual)
                )


def _python(block: Block, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", block.text],
        cwd=cwd,
        env=_env(),
        text=True,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{block.where}:\n{block.text}\n{done.stdout}\n{done.stderr}"


def _file(block: Block, repo: Path) -> None:
    assert block.marked_file is not None
    shown = (repo / block.marked_file).read_text("utf-8")
    assert block.text == shown, f"{block.where} differs from {block.marked_file}"


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(REPO)) for d in DOCS])
def test_code_samples_run(doc: Path, tmp_path: Path) -> None:
    repo = _copy_repo(tmp_path / "repo")
    cwd = repo  # every sample is written to run from the repository root
    for block in blocks(doc):
        if block.marked_file:
            _file(block, repo)
        elif block.lang == "python":
            _python(block, cwd)
        elif block.lang == "sh":
            cwd = _shell(block, cwd)
        elif block.lang == "console":
            _console(block, cwd)


def test_the_conventions_are_used() -> None:
    """Guard against a sample silently not running: fences have a known language."""
    known = {"python", "sh", "console", "pycon", "yaml", "toml", "text", "json", "html", ""}
    for doc in DOCS:
        for block in blocks(doc):
            assert block.lang in known, f"{block.where}: unknown fence language {block.lang!r}"
            if block.lang == "":
                assert not re.search(r"^\s*(\$ |privacymap |python )", block.text, re.M), (
                    f"{block.where}: a command in an unlabelled fence would not be tested"
                )
