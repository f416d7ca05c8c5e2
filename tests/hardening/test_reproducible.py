"""The same input gives byte-identical outputs: another day, another folder, another hash seed.

Nothing may depend on the clock (beyond the date a waiver is judged by, and the date
whose law an undated notice is judged against, which the ROPA states: such a map is
built with `--law-as-at`), file-system order, hash seeds or the folder the map sits
in. Builds run in subprocesses so that PYTHONHASHSEED and the clock (faketime, from
Debian) really differ.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.external import require_program

REPO = Path(__file__).resolve().parents[2]
FAMILY = REPO / "examples" / "family-support"
LANCASHIRE = REPO / "notices" / "lancashire-cfw"


def tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


LAW_AS_AT = {LANCASHIRE: "2026-06-01"}
"""Maps whose notice has no last_updated: their law is today's unless a date is given."""


def build(source: Path, out: Path, *, seed: str, faketime: str | None = None) -> None:
    command = [sys.executable, "-m", "privacymap", "build", str(source), "-o", str(out), "--draft"]
    for original, date in LAW_AS_AT.items():
        if source.name == original.name:
            command += ["--law-as-at", date]
    if faketime:
        program = require_program("faketime", "apt-get install faketime (or `make system-deps`)")
        command = [program, "-f", faketime, *command]
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert (out / "notice.html").is_file(), done.stdout + done.stderr


@pytest.mark.external
@pytest.mark.parametrize("source", [FAMILY, LANCASHIRE], ids=["family-support", "lancashire"])
def test_builds_are_byte_identical(source: Path, tmp_path: Path) -> None:
    # The reference: today's date, hash seed 0, the map where it is.
    build(source, tmp_path / "a", seed="0")
    reference = tree(tmp_path / "a")
    assert "ropa.xlsx" in reference and "dataflow.svg" in reference
    # Another hash seed, another day (a fortnight on: no waiver of these maps expires).
    build(source, tmp_path / "b", seed="12345", faketime="+14d")
    # A copy in another, deeper folder (file order: see tests/property).
    copy = tmp_path / "elsewhere" / "deeper" / source.name
    shutil.copytree(source, copy)
    build(copy, tmp_path / "c", seed="random")
    assert tree(tmp_path / "b") == reference
    # The ROPA names the source's git commit (issue 18's provenance): a copy outside
    # the checkout says so, and only there does its workbook differ.
    elsewhere = tree(tmp_path / "c")
    assert elsewhere.pop("ropa.xlsx") != reference["ropa.xlsx"]
    assert elsewhere == {k: v for k, v in reference.items() if k != "ropa.xlsx"}


def test_in_process_build_with_explicit_today_matches(tmp_path: Path) -> None:
    """`today=` given, or the clock patched, gives the same bytes (in-process)."""
    import datetime as dt

    import privacymap

    privacymap.build(FAMILY, tmp_path / "a", today=dt.date(2026, 3, 1))
    privacymap.build(FAMILY, tmp_path / "b", today=dt.date(2027, 1, 15))
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
