"""The notice keeps its history: "Changes to this notice" from `changes:`, and
`build --archive` keeping every published version with an index of SHA-256s."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest

import privacymap
from privacymap.model import ChangeEntry
from privacymap.notice import render_notice
from privacymap.outfolder import OutputError
from tests.changes.support import rebuilt, write_map
from tests.conftest import LANCASHIRE, REPO

EXAMPLE = REPO / "examples" / "family-support"
TODAY = dt.date(2026, 12, 1)

ENTRIES = (
    ChangeEntry(date=dt.date(2025, 6, 1), summary="We published this notice.", version="1.0"),
    ChangeEntry(
        date=dt.date(2026, 12, 1),
        effective=dt.date(2027, 1, 4),
        version="2.2",
        summary="We now share information with the **School Nursing Service**, "
        "including health information. <script>alert(1)</script>",
        told="Letters to the families we support.",
    ),
    ChangeEntry(
        date=dt.date(2026, 3, 2), summary="We now keep records for 25 years.", version="2.1"
    ),
)


@pytest.fixture(scope="module")
def example() -> privacymap.DataMap:
    return privacymap.load(EXAMPLE)


def notice(datamap: privacymap.DataMap) -> tuple[str, str]:
    files = render_notice(datamap.index)
    return files["notice.html"].decode("utf-8"), files["notice.md"].decode("utf-8")


def test_changes_section_newest_first(example: privacymap.DataMap) -> None:
    html, markdown = notice(rebuilt(example, changes=ENTRIES))
    section = html[html.index('<section aria-labelledby="changes">') :]
    section = section[: section.index("</section>")]
    dates = re.findall(r'<time datetime="([\d-]+)">[^<]+</time>(?::| version|</h3>)', section)
    headings = re.findall(r"<h3><time datetime=\"([\d-]+)\"", section)
    assert headings == ["2026-12-01", "2026-03-02", "2025-06-01"]
    assert dates[0] == "2026-12-01"
    assert '<h3><time datetime="2026-12-01">1 December 2026</time>: version 2.2</h3>' in section
    assert "<strong>School Nursing Service</strong>" in section
    assert "<script>" not in section  # raw HTML in the summary is not rendered
    assert (
        '<li><strong>Takes effect:</strong> <time datetime="2027-01-04">4 January 2027</time></li>'
    ) in section
    assert "<li><strong>How we told people:</strong> Letters to the families we support.</li>" in (
        section
    )
    # the page has no contents list since the sections became collapsible (issue 17):
    # the section is found by its heading's id
    assert html.count('<h2 id="changes">Changes to this notice</h2>') == 1
    # Markdown: the same order, the same facts
    md = markdown[markdown.index("## Changes to this notice") :]
    assert [m for m in re.findall(r"^### (.+)$", md, re.M)] == [
        "1 December 2026: version 2\\.2",
        "2 March 2026: version 2\\.1",
        "1 June 2025: version 1\\.0",
    ]
    assert "- **Takes effect:** 4 January 2027" in md
    assert "- **How we told people:** Letters to the families we support." in md
    assert "\\<script>" in md  # neutralised: shown as text, never rendered as HTML


def test_no_changes_no_section(example: privacymap.DataMap) -> None:
    html, markdown = notice(example)
    assert 'id="changes"' not in html and "Changes to this notice" not in markdown


def test_same_day_entries_keep_the_later_written_first(example: privacymap.DataMap) -> None:
    day = dt.date(2026, 5, 5)
    entries = (
        ChangeEntry(date=day, summary="First of the day."),
        ChangeEntry(date=day, summary="Second of the day."),
    )
    html, _ = notice(rebuilt(example, changes=entries))
    assert html.index("Second of the day.") < html.index("First of the day.")


# --------------------------------------------------------------------------- the archive


def build(source: Path, out: Path, archive: Path, **options: object) -> privacymap.BuildResult:
    return privacymap.build(source, out, archive=archive, today=TODAY, **options)  # type: ignore[arg-type]


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_archive_is_byte_identical_on_rebuild(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    first = build(EXAMPLE, tmp_path / "out", archive)
    assert first.exit_code == 0
    before = files(archive)
    folder = next(name for name in before if name.endswith("/notice.html")).split("/")[0]
    assert re.fullmatch(r"2026-03-02-[0-9a-f]{12}", folder)
    notice_bytes = (tmp_path / "out" / "notice.html").read_bytes()
    digest = hashlib.sha256(notice_bytes).hexdigest()
    assert folder.endswith(digest[:12])
    assert before[f"{folder}/notice.html"] == notice_bytes
    assert sorted(first.archived) == [f"{folder}/notice.html", "index.html"]
    index = before["index.html"].decode("utf-8")
    assert f"<code>{digest}</code>" in index and f'href="{folder}/notice.html"' in index

    again = build(EXAMPLE, tmp_path / "out", archive)
    assert again.exit_code == 0 and again.archived == ()
    assert files(archive) == before


def test_archive_keeps_every_version(tmp_path: Path, example: privacymap.DataMap) -> None:
    archive = tmp_path / "archive"
    build(EXAMPLE, tmp_path / "out", archive)
    later = rebuilt(
        example,
        changes=ENTRIES,
        notice=example.notice.model_copy(
            update={"version": "2.2", "last_updated": dt.date(2026, 12, 1)}
        ),
    )
    source = write_map(later, tmp_path / "next")
    assert build(source, tmp_path / "out2", archive).exit_code == 0
    manifest = json.loads((archive / ".privacymap-archive.json").read_text("utf-8"))
    folders = [v["folder"] for v in manifest["versions"]]
    assert [f[:10] for f in folders] == ["2026-12-01", "2026-03-02"]  # newest first
    index = (archive / "index.html").read_text("utf-8")
    assert index.index(folders[0]) < index.index(folders[1])
    for entry in manifest["versions"]:
        data = (archive / entry["folder"] / "notice.html").read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert f"<code>{entry['sha256']}</code>" in index
    assert "<td>2.2</td>" in index and "<td>2.1</td>" in index


def test_archive_never_touches_files_it_did_not_write(tmp_path: Path) -> None:
    # a folder that is not an archive
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "index.html").write_text("my own page", "utf-8")
    with pytest.raises(OutputError, match="not a privacymap archive"):
        build(EXAMPLE, tmp_path / "out", foreign)
    assert (foreign / "index.html").read_text("utf-8") == "my own page"
    assert not (tmp_path / "out").exists()  # checked before anything was written

    # an index edited by hand since privacymap wrote it
    archive = tmp_path / "archive"
    build(EXAMPLE, tmp_path / "out", archive)
    (archive / "index.html").write_text("edited by hand", "utf-8")
    later = privacymap.load(EXAMPLE)
    source = write_map(
        rebuilt(
            later, notice=later.notice.model_copy(update={"last_updated": dt.date(2026, 12, 1)})
        ),
        tmp_path / "next",
    )
    with pytest.raises(OutputError, match="edited since"):
        build(source, tmp_path / "out2", archive)
    assert (archive / "index.html").read_text("utf-8") == "edited by hand"
    assert not (tmp_path / "out2").exists()

    # a version folder holding something else
    clash = tmp_path / "clash"
    build(EXAMPLE, tmp_path / "out3", clash)
    copy = next(clash.glob("*/notice.html"))
    copy.write_text("tampered", "utf-8")
    with pytest.raises(OutputError, match="does not hold this notice"):
        build(EXAMPLE, tmp_path / "out4", clash)
    assert copy.read_text("utf-8") == "tampered"


def test_archive_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "privacymap", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    done = run("build", str(EXAMPLE), "-o", "out", "--archive", "archive", "--only", "notice")
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"archived in archive: 2026-03-02-[0-9a-f]{12}/notice.html, index.html", done.stderr
    ), done.stderr
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("keep", "utf-8")
    refused = run("build", str(EXAMPLE), "-o", "out", "--archive", "mine", "--only", "notice")
    assert refused.returncode == 2 and "nothing written to out" in refused.stderr
    assert "Traceback" not in refused.stderr
    # a draft with findings is not a published notice
    draft = run(
        "build",
        str(LANCASHIRE),
        "-o",
        "draft",
        "--draft",
        "--archive",
        "drafts",
        "--only",
        "notice",
    )
    assert draft.returncode == 0, draft.stderr
    assert "not archived: a draft with findings" in draft.stderr
    assert not (tmp_path / "drafts").exists()


def test_archive_needs_a_date(tmp_path: Path, example: privacymap.DataMap) -> None:
    undated = rebuilt(example, notice=example.notice.model_copy(update={"last_updated": None}))
    source = write_map(undated, tmp_path / "undated")
    with pytest.raises(privacymap.BuildError, match="has none"):
        privacymap.build(source, tmp_path / "out", archive=tmp_path / "archive")
    assert not (tmp_path / "out").exists() and not (tmp_path / "archive").exists()


def test_changelog_prose_is_checked_like_other_published_text(
    example: privacymap.DataMap,
) -> None:
    """The history is published: drafting guidance left in it is found (PM613)."""
    entry = ChangeEntry(
        date=dt.date(2026, 12, 1),
        summary="You must explain why you changed it.",
        told="If you wish to rely on this basis, tell them.",
    )
    result = privacymap.check(rebuilt(example, changes=(entry,)), today=TODAY)
    found = [d.path for d in result.diagnostics if d.rule == "PM613"]
    assert found == ["changes[0].summary", "changes[0].told"]
