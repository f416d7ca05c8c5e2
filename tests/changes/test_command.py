"""`privacymap diff` on real files and real git revisions: formats, exit codes, PM620."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "family-support"

NEW_RECIPIENT = (
    "recipients:\n",
    "recipients:\n"
    "  - id: school-nursing\n"
    "    name: Northshire School Nursing Service\n"
    "    group: health\n"
    "    role: controller\n",
)
NEW_FLOW = (
    '        when: ["When health services are part of the family\'s support plan."]\n',
    '        when: ["When health services are part of the family\'s support plan."]\n'
    "      - to: school-nursing\n"
    "        categories: [contact-details, health-and-development]\n",
)
ENTRY = (
    "\nnotice:\n",
    "\nchanges:\n"
    "  - date: {date}\n"
    "    effective: {effective}\n"
    "    summary: We now share information with the School Nursing Service.\n"
    "    told: Letters to families we support.\n"
    "\nnotice:\n",
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLE, target)
    for old, new in edits:
        for file in sorted(target.glob("*.yaml")):
            text = file.read_text("utf-8")
            if old in text:
                file.write_text(text.replace(old, new, 1), "utf-8")
                break
        else:
            raise AssertionError(f"edit not applied: {old!r}")
    return target


def at(folder: Path, file: str, marker: str) -> str:
    """`file:line:col` of the first line holding `marker`: the column of its first key
    (after a list item's `- `)."""
    for number, line in enumerate((folder / file).read_text("utf-8").splitlines(), 1):
        if marker in line:
            body = line.lstrip()
            column = len(line) - len(body) + 1 + (2 if body.startswith("- ") else 0)
            return f"{file}:{number}:{column}"
    raise AssertionError(f"{marker!r} not in {file}")


def entry(date: str, effective: str) -> tuple[str, str]:
    return ENTRY[0], ENTRY[1].format(date=date, effective=effective)


# --------------------------------------------------------------------------- exit codes


def test_no_change_exits_0(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    copy(tmp_path, "new")
    done = run("diff", "old", "new", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "privacymap diff old -> new: no changes\n"


def test_editorial_change_exits_0(tmp_path: Path) -> None:
    old = copy(tmp_path, "old")
    new = copy(tmp_path, "new", ("name: Casework Systems Ltd", "name: Casework Systems Limited"))
    done = run("diff", "old", "new", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "0 material changes, 1 editorial" in done.stdout
    assert "recipient 'case-system-supplier' (Casework Systems Limited): name changed" in (
        done.stdout
    )
    where = (
        f"at old old/{at(old, 'data.yaml', 'Casework Systems Ltd')}, "
        f"new new/{at(new, 'data.yaml', 'Casework Systems Limited')}"
    )
    assert where in done.stdout


def test_material_change_exits_1_and_names_both_locations(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    new = copy(tmp_path, "new", NEW_RECIPIENT, NEW_FLOW)
    done = run("diff", "old", "new", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert out.startswith(
        "privacymap diff old -> new: 2 material changes (2 to tell people "
        "about before the processing starts), 0 editorial\n"
    )
    assert "Material: tell people before the processing starts (2)" in out
    assert "  A new recipient: Recipients are part of what people must be told" in out
    assert "UK GDPR Art 13(1)(e), 14(1)(e)" in out and "UK GDPR Art 13(3), 14(4)" in out
    assert (
        "    - disclosure 'early-help-support->school-nursing' (Early help assessment and "
        "family support -> Northshire School Nursing Service): added: Northshire School "
        "Nursing Service receives data for the first time (data concerning health)"
    ) in out
    assert f"at new new/{at(new, 'activities.yaml', '- to: school-nursing')}" in out
    assert f"at new new/{at(new, 'data.yaml', '- id: school-nursing')}" in out
    # no changelog entry: PM620 at the notice, with the entry to add
    notice = at(new, "notice.yaml", "title:")
    assert f"new/{notice}: error PM620 [material-change-not-in-changelog]" in out
    assert (
        "We now share information with Northshire School Nursing Service, including data "
        "concerning health." in out
    )


def test_unusable_inputs_exit_2(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    broken = copy(tmp_path, "broken")
    (broken / "data.yaml").write_text("recipients: [\n", "utf-8")
    for args in (("old", "broken"), ("old", "missing"), ("old", "nope:old"), ("old", "a:b:c:d")):
        done = run("diff", *args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    done = run("diff", "old", "broken", cwd=tmp_path)
    assert "broken/data.yaml:2:" in done.stderr and "PM001" in done.stderr
    done = run("diff", "HEAD", "old", cwd=tmp_path)  # not a git repository
    assert done.returncode == 2 and "git repository" in done.stderr


# --------------------------------------------------------------------------- formats


def test_json_and_markdown(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    new = copy(tmp_path, "new", NEW_RECIPIENT, NEW_FLOW)
    done = run("diff", "old", "new", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["summary"] == {"material-tell-first": 2, "material-tell": 0, "editorial": 0}
    flow = next(c for c in document["changes"] if c["section"] == "flows")
    assert flow["classification"] == "material-tell-first"
    assert flow["kind"] == "new-recipient"
    assert flow["sensitive"] == "data concerning health"
    assert flow["id"] == "early-help-support->school-nursing"
    assert flow["new_location"] == f"new/{at(new, 'activities.yaml', '- to: school-nursing')}"
    assert flow["old_location"] is None
    assert "UK GDPR Art 13(1)(e), 14(1)(e)" in flow["references"]
    assert document["findings"][0]["rule"] == "PM620"
    assert document["suggested_entry"].startswith("- date: ")

    markdown = run("diff", "old", "new", "-f", "markdown", cwd=tmp_path).stdout
    assert markdown.startswith("## privacymap diff: `old` → `new`\n")
    assert "### Material: tell people before the processing starts" in markdown
    assert "| Object | What changed | Was | Now | Where |" in markdown
    assert "### Changelog" in markdown and "```yaml\n- date: " in markdown


def test_markdown_and_text_escape_what_the_map_says(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    hostile = "Evil | <script>alert(1)</script> *bold* [x](javascript:y)"
    copy(tmp_path, "new", ("name: Casework Systems Ltd", f"name: {json.dumps(hostile)}"))
    markdown = run("diff", "old", "new", "-f", "markdown", cwd=tmp_path).stdout
    assert "<script>" not in markdown
    assert r"Evil \| \<script\>alert(1)\</script\> \*bold\* \[x\](javascript:y)" in markdown
    # the map cannot hold control characters (PM016); a revision argument can
    done = run("diff", "old", "no\x1b[31m:", cwd=tmp_path)  # not REV:PATH
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\\x1b[31m" in done.stderr


def test_output_file(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    copy(tmp_path, "new", NEW_RECIPIENT, NEW_FLOW)
    done = run("diff", "old", "new", "-f", "markdown", "--output", "summary.md", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert (tmp_path / "summary.md").read_text("utf-8").startswith("## privacymap diff")


# --------------------------------------------------------------------------- PM620


@pytest.mark.parametrize(
    ("edits", "expect"),
    [
        ((), 1),  # a material change, no entry
        ((entry("2026-12-01", "2027-01-04"),), 0),  # told before it takes effect
        ((entry("2026-12-01", "2026-12-01"),), 0),  # told on the day
        ((entry("2026-12-01", "2026-11-01"),), 1),  # took effect before people were told
    ],
    ids=["no-entry", "entry-before", "entry-same-day", "entry-too-late"],
)
def test_changelog_rule(tmp_path: Path, edits: tuple[tuple[str, str], ...], expect: int) -> None:
    copy(tmp_path, "old")
    new = copy(tmp_path, "new", NEW_RECIPIENT, NEW_FLOW, *edits)
    done = run("diff", "old", "new", "--require-changelog", "--today", "2026-12-01", cwd=tmp_path)
    assert done.returncode == expect, done.stdout
    assert ("PM620" in done.stdout) == bool(expect)
    if expect and edits:
        assert (
            f"new/{at(new, 'notice.yaml', '- date: 2026-12-01')}: error PM620 "
            "[material-change-not-in-changelog] 2 material changes since the base version"
        ) in done.stdout
        assert "takes effect on 2026-11-01, before people were told" in done.stdout
    elif expect:
        assert "have no new entry under `changes:`" in done.stdout
        assert "      - date: 2026-12-01\n" in done.stdout
    # without --require-changelog a material change always exits 1
    assert run("diff", "old", "new", cwd=tmp_path).returncode == 1


def test_changelog_entry_must_be_new(tmp_path: Path) -> None:
    """An entry the old version already had does not cover a new change."""
    dated = entry("2026-03-02", "2026-03-02")
    copy(tmp_path, "old", dated)
    copy(tmp_path, "new", NEW_RECIPIENT, NEW_FLOW, dated)
    done = run("diff", "old", "new", "--require-changelog", cwd=tmp_path)
    assert done.returncode == 1
    assert "no new entry under `changes:`" in done.stdout


def test_editorial_changes_need_no_entry(tmp_path: Path) -> None:
    copy(tmp_path, "old")
    copy(tmp_path, "new", ("name: Casework Systems Ltd", "name: Casework Systems Limited"))
    done = run("diff", "old", "new", "--require-changelog", cwd=tmp_path)
    assert done.returncode == 0 and "PM620" not in done.stdout


# --------------------------------------------------------------------------- git


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
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: the map, then the map sharing health data anew."""
    root = tmp_path / "repo"
    root.mkdir()
    git("init", "-q", "-b", "main", cwd=root)
    map_dir = copy(root, "notices/family-support")
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "the published notice", cwd=root)
    git("tag", "v1", cwd=root)
    changed = copy(tmp_path, "changed", NEW_RECIPIENT, NEW_FLOW)
    for file in changed.glob("*.yaml"):
        shutil.copy(file, map_dir / file.name)
    git("commit", "-q", "-am", "share with school nursing", cwd=root)
    return root


def test_diff_between_two_git_revisions(repo: Path) -> None:
    done = run("diff", "HEAD~1:notices/family-support", "HEAD:notices/family-support", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(
        "privacymap diff HEAD~1:notices/family-support -> "
        "HEAD:notices/family-support: 2 material changes"
    )
    where = at(repo / "notices/family-support", "activities.yaml", "- to: school-nursing")
    assert f"at new HEAD:notices/family-support/{where}" in done.stdout
    # a revision and the working tree; a tag; the same revision on both sides
    assert run("diff", "HEAD~1", "notices/family-support", cwd=repo).returncode == 1
    assert (
        run("diff", "v1:notices/family-support", "notices/family-support", cwd=repo).returncode == 1
    )
    same = run("diff", "HEAD", "notices/family-support", cwd=repo)
    assert same.returncode == 0 and same.stdout.endswith(": no changes\n")


def test_diff_from_a_subfolder_and_old_locations(repo: Path) -> None:
    done = run("diff", "HEAD", "v1:family-support", "-f", "json", cwd=repo / "notices")
    assert done.returncode == 1, done.stderr
    changes = json.loads(done.stdout)["changes"]
    flow = next(c for c in changes if c["section"] == "flows")
    assert flow["kind"] == "removed-recipient"
    where = at(repo / "notices/family-support", "activities.yaml", "- to: school-nursing")
    assert flow["old_location"] == f"HEAD:notices/family-support/{where}"


def test_bad_revisions_exit_2(repo: Path) -> None:
    for args in (
        ("no-such-rev", "notices/family-support"),
        ("HEAD~1:notices/elsewhere", "notices/family-support"),
        ("HEAD~1", "HEAD"),
        ("--upload-pack=x:notices", "notices/family-support"),
    ):
        done = run("diff", "--", *args, cwd=repo)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("error: "), done.stderr
    mistyped = run("diff", "notices/family-suport", "notices/family-support", cwd=repo)
    assert mistyped.returncode == 2
    assert "no such file or folder, and no git revision: 'notices/family-suport'" in (
        mistyped.stderr
    )
