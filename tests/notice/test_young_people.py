"""The page for children and young people (issue 17 item 3): written when children who can
read it are among the subjects and the map links to no child version of its own; short
sentences, no article numbers or citations; both pages link to each other."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from privacymap.notice import render_notice
from privacymap.notice import young_wording as yw
from privacymap.pipeline import build

from .conftest import JOINT, OVERRIDE, REPO, Built, build_notice

QUALIFIED = REPO / "examples" / "qualified-rights"
LEGAL_CITATION = re.compile(
    r"\bArt(?:icle)?s?\.? ?\d|\bUK GDPR\b|\bGDPR\b|\bDPA\b|\bSch(?:edule)? ?\d|\bs ?\d+\b"
    r"|\bsection \d|\bRecital\b|\bpara(?:graph)? ?\d|\bAct \d{4}\b"
)


@pytest.mark.parametrize("name", ["lancashire", "joint"])
def test_children_among_the_subjects_get_the_page(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    assert built.young is not None
    cards = re.findall(r'<section class="pm-card" aria-labelledby="([^"]+)"', built.young)
    uses = [
        a
        for a in built.index.datamap.activities
        if {s.id for s in built.index.child_readers} & set(a.subjects)
    ]
    assert cards == [f"young-{a.id}" for a in uses]
    for a in uses:  # each card names its use and links to it in the full notice
        assert a.name in built.young_text
        assert f'href="notice.html#activity-{a.id}"' in built.young
        assert f'id="activity-{a.id}"' in built.html
    page = built.index.datamap.notice.young_people
    talk = " ".join(page.help.split()) if page and page.help else yw.TALK
    assert built.young_text.count(talk) == len(uses)


def test_the_organisations_own_words_replace_the_librarys(joint: Built) -> None:
    """joint-service gives its own wording: introduction, help, an activity's and a
    purpose's name, an activity's description and a right's sentence."""
    text = joint.young_text
    assert "This page is for young carers." in text and yw.INTRODUCTION[:30] not in text
    assert "or to your young carers worker" in text and yw.TALK not in text
    assert '<h2 id="young-assessment">Getting to know you</h2>' in joint.young
    assert "We talk with you, and with your family if you want" in text
    assert "To find out what help you need" in text
    assert "Sometimes we have to keep it" in text and yw.RIGHTS["erasure"][1] not in text
    assert yw.RIGHTS["access"][1] in text  # no own words for access: the library's
    assert "Not stated in the data map" not in text  # a clean map: no gap


def test_both_pages_link_to_each_other(joint: Built) -> None:
    assert joint.young is not None
    assert f'<a href="{yw.YOUNG_FILE}">{yw.YOUNG_LINK}</a>' in joint.html
    assert f"]({yw.YOUNG_FILE})" in joint.md or f"](<{yw.YOUNG_FILE}>)" in joint.md
    assert f'<a href="notice.html">{yw.FULL_NOTICE}</a>' in joint.young


def test_a_child_version_of_its_own_counts_and_no_page_is_written(family: Built) -> None:
    """The map links to its own version for children: that one is linked, ours not written."""
    assert family.index.child_readers and family.index.datamap.notice.child_friendly_version
    assert family.young is None
    assert yw.YOUNG_FILE not in family.html and yw.YOUNG_FILE not in family.md


def test_children_too_young_to_read_get_no_page(tmp_path: Path) -> None:
    built = build_notice(QUALIFIED, tmp_path / "out")  # "Children under five"
    assert not built.index.child_readers
    assert built.young is None and yw.YOUNG_FILE not in built.html


@pytest.mark.parametrize("name", ["lancashire", "joint"])
def test_no_article_numbers_or_legal_citations(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    found = LEGAL_CITATION.findall(built.young_text)
    assert found == [], found


def test_the_library_sentences_are_short() -> None:
    """Every fixed sentence of the page has at most 20 words (ICO: short sentences)."""
    texts = [
        yw.INTRODUCTION,
        yw.TALK,
        yw.NO_RECIPIENT,
        yw.RIGHTS_IN_FULL,
        yw.RETENTION_IN_FULL,
        yw.USES_IN_FULL,
        yw.RIGHTS_LEAD,
        yw.CONTACT,
        yw.CONTACT_RIGHTS,
        yw.COMPLAIN_TO_US,
        yw.COMPLAIN_ICO,
        yw.COMPLAIN_ICO_ONLY,
        *yw.BASES.values(),
        *(what for _, what in yw.RIGHTS.values()),
    ]
    long = [s for t in texts for s in re.split(r"(?<=[.:])\s+", t) if len(s.split()) > 20]
    assert long == []


def test_the_build_summary_gives_its_reading_age(joint: Built, tmp_path: Path) -> None:
    result = build(joint.root, tmp_path / "out", only=["notice"])
    line = next(n for n in result.notes if n.startswith(yw.YOUNG_FILE))
    assert re.fullmatch(
        rf"{re.escape(yw.YOUNG_FILE)}: [\d,]+ words; reading age about \d+ "
        r"\(Flesch-Kincaid grade -?\d+\.\d\)",
        line,
    ), line


def test_the_page_takes_the_notices_restyle(lancashire: Built) -> None:
    """A `--templates` folder restyling notice.html.j2 restyles the young-people page too."""
    files = render_notice(lancashire.index, templates=OVERRIDE / "templates")
    page = files[yw.YOUNG_FILE].decode("utf-8")
    assert "--pm-link: #00576b;" in page  # the override's colours
    assert f'<a href="notice.html">{yw.FULL_NOTICE}</a>' in page  # its own content


def test_page_false_writes_no_page_and_no_link(tmp_path: Path) -> None:
    """`notice.young_people.page: false` turns the page off (PM660 then reports it)."""
    shutil.copytree(JOINT, tmp_path / "map")
    organisation = tmp_path / "map" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("  young_people:\n", "  young_people:\n    page: false\n"))
    built = build_notice(tmp_path / "map", tmp_path / "out")
    assert built.young is None
    assert yw.YOUNG_FILE not in built.html and yw.YOUNG_FILE not in built.md
