"""`build -o OUT` never removes a file that an earlier build did not write.

Each refused OUT is driven through the real CLI: exit 2, a message naming the
folder, and every file as it was. Then the debris a `kill -9` leaves, and ten
builds racing for one OUT.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from privacymap.outfolder import MANIFEST, RETIRED, STAGING, manifest_bytes
from tests.support.guard import SECONDS, Run, cli

REPO = Path(__file__).resolve().parents[2]
FAMILY = REPO / "examples" / "family-support"


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (links as links) with a digest of its content."""
    seen: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            seen[name] = "-> " + os.readlink(path)
        elif path.is_file():
            seen[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            seen[name] = "folder"
    return seen


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A project: the map in `m/`, a user's folder `docs/` and a file of theirs."""
    shutil.copytree(FAMILY, tmp_path / "m")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "handbook.txt").write_text("the only copy")
    (tmp_path / "notes.txt").write_text("mine")
    return tmp_path


def refused(
    work: Path, out: str, *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    before = snapshot(work)
    run = cli("build", str(work / "m"), "-o", out, cwd=cwd or work, env=env)
    assert run.returncode == 2, run.output
    assert "error:" in run.stderr and "wrote" not in run.stderr
    assert snapshot(work) == before, "a refused build changed files"
    return run


def test_out_is_the_map_folder(work: Path) -> None:
    run = refused(work, "m")
    assert "data map" in run.stderr


def test_out_is_a_map_file(work: Path) -> None:
    refused(work, "m/activities.yaml")


def test_out_inside_the_map_folder(work: Path) -> None:
    refused(work, "m/out")


def test_out_contains_the_map_through_dot_dot_and_symlinks(work: Path) -> None:
    (work / "alias").symlink_to(work, target_is_directory=True)
    (work / "sub").mkdir()
    refused(work, "sub/..", cwd=work / "sub")
    refused(work, str(work / "alias" / "sub" / ".."))


def test_out_is_the_project_root(work: Path) -> None:
    (work / "privacymap.toml").write_text("")
    run = refused(work, str(work))
    assert "project root" in run.stderr or "current folder" in run.stderr
    # The root seen from elsewhere, so that it is not also the current folder.
    run = refused(work, str(work), cwd=work.parent)
    assert "project root" in run.stderr


def test_out_is_a_users_folder(work: Path) -> None:
    run = refused(work, "docs")
    assert "docs" in run.stderr and "handbook.txt" in run.stderr
    assert (work / "docs" / "handbook.txt").read_text() == "the only copy"


def test_out_is_home(work: Path) -> None:
    home = work / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work")
    env = {"HOME": str(home)}
    run = refused(work, str(home), env=env)
    assert "home folder" in run.stderr
    # An empty home is still home; and so is a folder containing it.
    (home / "thesis.tex").unlink()
    assert "home folder" in refused(work, str(home), env=env).stderr
    assert "home folder" in refused(work, str(work), cwd=work.parent, env=env).stderr


def test_out_is_a_file(work: Path) -> None:
    run = refused(work, "notes.txt")
    assert "not a folder" in run.stderr


def test_out_is_a_symlink(work: Path) -> None:
    (work / "link").symlink_to(work / "docs", target_is_directory=True)
    run = refused(work, "link")
    assert "symlink" in run.stderr
    (work / "empty").mkdir()
    (work / "link2").symlink_to(work / "empty", target_is_directory=True)
    refused(work, "link2")


@pytest.mark.parametrize("out", [".", "", "..", "/"])
def test_out_is_a_folder_above_or_the_current_one(work: Path, out: str) -> None:
    refused(work, out, cwd=work / "docs")


def test_unwritable_parent_is_a_message(work: Path) -> None:
    (work / "blocker").write_text("a file where a folder should be")
    run = refused(work, "blocker/out")
    assert "blocker" in run.stderr


def test_a_marked_folder_is_replaced_and_stays_marked(work: Path) -> None:
    out = work / "site"
    assert cli("build", "m", "-o", "site", cwd=work).returncode == 0
    record = json.loads((out / MANIFEST).read_text())
    assert record["tool"] == "privacymap" and record["version"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert record["files"] == on_disk
    assert cli("build", "m", "-o", "site", cwd=work).returncode == 0
    assert sorted(p.name for p in work.iterdir()) == ["docs", "m", "notes.txt", "site"]


def test_an_empty_folder_is_used(work: Path) -> None:
    (work / "empty").mkdir()
    assert cli("build", "m", "-o", "empty", cwd=work).returncode == 0
    assert (work / "empty" / "notice.html").is_file()


def test_debris_of_a_killed_build_is_removed_by_the_next(work: Path) -> None:
    """What `kill -9` leaves: a half-written staging folder and a retired OUT."""
    assert cli("build", "m", "-o", "site", cwd=work).returncode == 0
    staging = work / f".site.{STAGING}-0000dead"
    staging.mkdir()
    (staging / MANIFEST).write_bytes(manifest_bytes(["notice.html", "ropa.csv"]))
    (staging / "notice.html").write_text("half")
    retired = work / f".site.{RETIRED}-0000beef"
    shutil.copytree(work / "site", retired)
    empty = work / f".site.{STAGING}-00000000"  # killed before its marker was written
    empty.mkdir()
    assert cli("build", "m", "-o", "site", cwd=work).returncode == 0
    assert sorted(p.name for p in work.iterdir()) == ["docs", "m", "notes.txt", "site"]


def test_debris_cleanup_keeps_what_no_build_wrote(work: Path) -> None:
    lookalike = work / f".site.{RETIRED}-12345678"
    lookalike.mkdir()
    (lookalike / MANIFEST).write_bytes(manifest_bytes(["notice.html"]))
    (lookalike / "notice.html").write_text("built")
    (lookalike / "precious.txt").write_text("not in the manifest")
    unmarked = work / f".site.{STAGING}-87654321"
    unmarked.mkdir()
    (unmarked / "notice.html").write_text("no marker, so not provably ours")
    assert cli("build", "m", "-o", "site", cwd=work).returncode == 0
    assert (lookalike / "precious.txt").read_text() == "not in the manifest"
    assert not (lookalike / "notice.html").exists()
    assert (unmarked / "notice.html").exists()


def test_a_forged_manifest_cannot_reach_outside_out(work: Path) -> None:
    site = work / "site"
    site.mkdir()
    (site / "inner").symlink_to(work / "docs", target_is_directory=True)
    forged = {"tool": "privacymap", "version": "0", "files": ["../notes.txt", "inner/handbook.txt"]}
    (site / MANIFEST).write_text(json.dumps(forged))
    before = snapshot(work)
    run = cli("build", "m", "-o", "site", cwd=work)
    assert run.returncode == 2, run.output
    assert snapshot(work) == before


def test_ten_concurrent_builds_end_with_one_complete_out(work: Path) -> None:
    command = [sys.executable, "-m", "privacymap", "build", "m", "-o", "site"]
    for _round in range(2):
        builds = [
            subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(10)
        ]
        outputs = [b.communicate(timeout=SECONDS * 3)[0].decode() for b in builds]
        assert [b.returncode for b in builds] == [0] * 10, outputs
    assert sorted(p.name for p in work.iterdir()) == ["docs", "m", "notes.txt", "site"]
    record = json.loads((work / "site" / MANIFEST).read_text())
    on_disk = sorted(
        p.relative_to(work / "site").as_posix() for p in (work / "site").rglob("*") if p.is_file()
    )
    assert record["files"] == on_disk and "notice.html" in on_disk
