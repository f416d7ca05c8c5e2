"""The change-control workflow in examples/ci runs as GitHub would run its step:
against a real repository's merge base, writing the job summary, failing on PM620."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / "examples" / "ci" / "change-control.yml"
EXAMPLE = REPO / "examples" / "family-support"
NEXT = REPO / "examples" / "change-control" / "family-support-next"


def step(name: str) -> dict[str, object]:
    document = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = document["jobs"]["diff"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=60
    ).stdout.strip()


def test_the_workflow_is_a_pull_request_job() -> None:
    document = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert list(document[True]) == ["pull_request"]  # YAML 1.1 reads `on` as true
    checkout = document["jobs"]["diff"]["steps"][0]
    assert checkout["uses"] == "actions/checkout@v4" and checkout["with"]["fetch-depth"] == 0
    assert document["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(
    ("head", "expect"),
    [
        ("without-entry", 1),  # a new recipient of health data, no changelog entry
        ("with-entry", 0),  # the same change, with its entry dated before it takes effect
    ],
)
def test_the_step_posts_the_summary_and_gates_on_the_changelog(
    tmp_path: Path, head: str, expect: int
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "notices" / "my-service")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "published", cwd=root)
    base = git("rev-parse", "HEAD", cwd=root)
    git("checkout", "-q", "-b", "feature", cwd=root)
    for file in NEXT.glob("*.yaml"):
        text = file.read_text("utf-8")
        if head == "without-entry" and file.name == "notice.yaml":
            text = text[: text.index("changes:")] + text[text.index("\nnotice:") :]
        (root / "notices" / "my-service" / file.name).write_text(text, "utf-8")
    git("commit", "-q", "-am", "share with school nursing", cwd=root)

    run = step("What changed in law")
    summary = tmp_path / "summary.md"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "privacymap"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m privacymap "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "MAP": "notices/my-service",
        "BASE_SHA": base,
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", str(run["run"])],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == expect, done.stderr
    posted = summary.read_text("utf-8")
    assert posted.startswith("## privacymap diff: ")
    assert "### Material: tell people before the processing starts" in posted
    assert "Northshire School Nursing Service" in posted
    assert ("### Changelog" in posted) == (expect == 1)
