"""Every generated file is what `python -m privacymap._gen` makes of its source now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from privacymap._gen import GENERATED, stale, write_all

REPO = Path(__file__).resolve().parents[1]


def test_every_generated_file_is_in_sync() -> None:
    assert stale(REPO) == [], "stale generated files: run `python -m privacymap._gen`"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_the_generator_notices_and_rewrites_a_stale_file(name: str, tmp_path: Path) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("stale\n", "utf-8")
    assert name in stale(tmp_path)
    assert name in write_all(tmp_path)
    assert (tmp_path / name).read_text("utf-8") == (REPO / name).read_text("utf-8")
    assert name not in stale(tmp_path)


def test_the_check_command_exits_0_when_in_sync() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "privacymap._gen", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
