"""examples/governance/material_changes.py on a git repository made in the test:
the material changes since the last tag, with their class and the law."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import privacymap
from tests.conftest import REPO

SCRIPT = REPO / "examples" / "governance" / "material_changes.py"
EXAMPLE = REPO / "examples" / "family-support"
NEXT = REPO / "examples" / "change-control" / "family-support-next"


def git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """v1.0 publishes the family-support map; the next commit adds a recipient of health data."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "map")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "v1.0", cwd=root)
    git("tag", "v1.0", cwd=root)
    for file in NEXT.glob("*.yaml"):
        shutil.copy(file, root / "map" / file.name)
    git("commit", "-q", "-am", "share with school nursing", cwd=root)
    return root


def test_material_changes_since_the_last_tag(repo: Path) -> None:
    expected = privacymap.diff(privacymap.load(EXAMPLE), privacymap.load(NEXT))
    done = run("map", "--csv", cwd=repo)
    assert done.returncode == 1, done.stderr
    header, *rows = list(csv.reader(io.StringIO(done.stdout)))
    assert header == ["Class", "Object", "What changed", "Law"]
    assert rows == [
        [c.classification.value, c.label, c.what, "; ".join(c.references)]
        for c in expected.material
    ]
    assert [r[1] for r in rows] == [
        "disclosure 'early-help-support->school-nursing' (Early help assessment and family "
        "support -> Northshire School Nursing Service)",
        "recipient 'school-nursing' (Northshire School Nursing Service)",
    ]
    assert all(r[0] == "material-tell-first" and "UK GDPR Art 13(3), 14(4)" in r[3] for r in rows)

    table = run("map", cwd=repo)
    assert table.returncode == 1
    assert table.stdout.splitlines()[-1] == (
        "2 material change(s) since v1.0 (2 to tell people about before the processing "
        "starts), 2 editorial"
    )


def test_nothing_since_head_and_no_tag(repo: Path, tmp_path: Path) -> None:
    same = run("map", "--since", "HEAD", cwd=repo)
    assert same.returncode == 0, same.stderr
    assert same.stdout.strip().startswith("0 material change(s) since HEAD")
    untagged = tmp_path / "untagged"
    shutil.copytree(EXAMPLE, untagged / "map")
    git("init", "-q", cwd=untagged)
    done = run("map", cwd=untagged)
    assert done.returncode == 2 and "no tag" in done.stderr
    bad = run("map", "--since", "no-such-tag", cwd=repo)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
