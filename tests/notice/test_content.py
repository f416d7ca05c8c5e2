"""Every fact of the data map appears in the notice (HTML and Markdown).

Expected strings come from the loaded model, so the test follows the map.
"""

from __future__ import annotations

import html
import re

import pytest

from privacymap import law
from privacymap.notice.wording import draft_text

from .conftest import Built, squash

BUILDS = ["lancashire", "family"]


def facts(built: Built) -> list[str]:
    """Plain-text facts every notice of this map must state."""
    dm = built.index.datamap
    out = [dm.controller.name, dm.notice.title]
    if dm.controller.address:
        out.extend(p.strip() for p in dm.controller.address.split(",") if p.strip())
    if dm.dpo:
        out.extend(x for x in (dm.dpo.name, dm.dpo.email) if x)
    for c in dm.contacts:
        out.extend(x for x in (c.name, c.team, c.email, c.telephone) if x)
    out.extend(dm.notice.aims)
    out.extend(s.name for s in dm.sources)
    out.extend(a.name for a in dm.activities)
    out.extend(r.name for r in dm.recipients)
    out.extend(ex for r in dm.recipients for ex in r.examples)
    out.extend(g.name for g in dm.recipient_groups)
    out.extend(r.record for r in dm.retention)
    out.extend(r.name for r in built.index.rights_in_use)
    out.extend(c.name for c in dm.categories)
    out.extend(law.art6_basis(b).name for b in built.index.bases_in_use)  # type: ignore[union-attr]
    out.extend(m.description for m in dm.security)
    ico = law.ico()
    out.extend([ico.name, ico.telephone, ico.postcode])
    return [squash(x) for x in out]


@pytest.mark.parametrize("name", BUILDS)
def test_every_fact_in_html_and_markdown(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    text, md = built.text, built.md_text
    missing_html = [f for f in facts(built) if f not in text]
    missing_md = [f for f in facts(built) if f not in md]
    assert not missing_html, missing_html
    assert not missing_md, missing_md


@pytest.mark.parametrize("name", BUILDS)
def test_every_citation_linked_or_shown_as_written(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    for text, parsed in built.index.citations.items():
        if isinstance(parsed, law.Citation) and parsed.urls:
            for url in parsed.urls:
                assert f'href="{html.escape(url)}"' in built.html, (text, url)
                assert f"(<{url}>)" in built.md, (text, url)
        elif isinstance(parsed, law.Citation):
            assert squash(parsed.display) in built.text, text
        else:
            assert squash(text) in built.text, text


def test_schedule1_condition_linked(lancashire: Built) -> None:
    for cond in lancashire.index.datamap.conditions:
        for ref in cond.schedule1:
            if isinstance(ref, int):
                para = law.schedule1_paragraph(ref)
                assert para is not None
                assert f'href="{para.url}"' in lancashire.html


def test_transfers_statement(lancashire: Built, family: Built) -> None:
    for built in (lancashire, family):
        t = built.index.datamap.transfers
        assert t and t.none and not t.items  # both maps state that nothing leaves the UK
        assert "We do not send your information to any country outside the UK." in built.text
        assert "We do not send your information to any country outside the UK." in built.md


def test_draft_banner_with_problem_count(lancashire: Built) -> None:
    assert lancashire.problems > 0
    banner = draft_text(lancashire.problems)
    assert banner.startswith(f"Draft — not for publication: {lancashire.problems} problem")
    assert banner in lancashire.text
    assert banner in lancashire.md_text
    assert 'class="pm-draft"' in lancashire.html


def test_clean_map_has_no_banner(family: Built) -> None:
    assert family.problems == 0  # the clean example must stay clean for this to mean anything
    assert "Draft — not for publication" not in family.html
    assert "Draft — not for publication" not in family.md


def test_the_published_rights_stay_published(lancashire: Built, family: Built) -> None:
    """The rights the map lists, each; the law's view of which apply is the checker's
    (PM701, PM702) and a qualification beside the right, never a dropped right."""
    for built in (lancashire, family):
        published = {e.right for e in built.index.datamap.rights}
        for right in law.rights():
            marker = f'id="right-{right.id}"'
            assert (marker in built.html) == (right.id in published), right.id


def test_object_right_presented_separately(lancashire: Built) -> None:
    assert "public-task" in lancashire.index.bases_in_use  # so the right to object applies
    panel = lancashire.html.split('<div class="pm-panel">', 2)
    assert any('id="right-object"' in part.split("</div>")[0] for part in panel[1:])
    assert "consent" in lancashire.index.bases_in_use  # so the right covers only some uses
    assert "This right applies where we rely on public task." in lancashire.text


def test_page_shape(lancashire: Built) -> None:
    page = lancashire.html
    lang = lancashire.index.datamap.notice.language
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in page
    # one script element: the DPV linked-data block, which script-src 'none' keeps inert
    assert page.lower().count("<script") == 1
    assert '<script type="application/ld+json">{' in page
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ) in page
    assert 'href="#main-content"' in page and 'id="main-content"' in page
    assert page.count("<h1") == 1
    assert "@media print" in page
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    for external in ("<link", 'src="http', "url(", "@import"):
        assert external not in page


def test_version_and_last_updated(lancashire: Built, family: Built) -> None:
    for built in (lancashire, family):
        n = built.index.datamap.notice
        assert f"Version {n.version or 'not stated'}" in built.text
        if n.last_updated is None:
            assert "Last updated: not stated" in built.text
        else:
            assert str(n.last_updated.year) in built.text


def test_deterministic(lancashire: Built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import build_notice

    again = build_notice(lancashire.root, tmp_path / "again")
    assert again.html == lancashire.html
    assert again.md == lancashire.md


def test_cli_build_writes_notice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from privacymap.cli import app

    from .conftest import LANCASHIRE

    out = tmp_path / "build"
    result = CliRunner().invoke(app, ["build", str(LANCASHIRE), "--draft", "-o", str(out)])
    assert (out / "notice.html").is_file(), result.output
    assert (out / "notice.md").is_file()


# ----------------------------------------------------------------- layered: each thing said once


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


@pytest.mark.parametrize("name", BUILDS)
def test_each_basis_and_condition_described_once(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    dm = built.index.datamap
    for prefix, items in (("basis", dm.lawful_bases), ("condition", dm.conditions)):
        for item in items:
            assert built.html.count(f'id="{prefix}-{item.id}"') == 1, item.id
            assert f"](<#{prefix}-{item.id}>)" in built.md or not any(
                item.id in (*a.bases, *a.conditions) for a in dm.activities
            ), item.id
            if item.wording:
                start = squash(item.wording)[:60]
                assert built.text.count(start) == 1, (item.id, start)
                assert built.md_text.count(start) == 1, (item.id, start)


@pytest.mark.parametrize("name", BUILDS)
def test_activities_link_to_their_bases_not_repeat_them(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    index = built.index
    purposes = _between(built.html, 'id="purposes"', 'id="lawful-bases"')
    assert "legislation.gov.uk" not in purposes  # the law is cited once, in its own section
    for a in index.datamap.activities:
        block = _between(purposes, f'id="activity-{a.id}"', "</div>")
        for b in index.activity_bases(a):
            assert f'href="#basis-{b.id}"' in block, (a.id, b.id)
        for c in index.activity_conditions(a):
            assert f'href="#condition-{c.id}"' in block, (a.id, c.id)


@pytest.mark.parametrize("name", BUILDS)
def test_glance_is_a_short_summary_linking_to_sections(
    name: str, request: pytest.FixtureRequest
) -> None:
    """The first layer: who, what, why, who sees it, how long, rights, complaints; each
    question links to its detail section."""
    built: Built = request.getfixturevalue(name)
    glance = _between(built.html, 'id="at-a-glance"', "</section>")
    links = re.findall(r'<dt><a href="#([^"]+)"', glance)
    assert links == [
        "who-we-are",
        "information",
        "purposes",
        "sharing",
        "retention",
        "rights",
        "complaints",
    ]
    for target in links:
        assert f'id="{target}"' in built.html, target
    assert len(_words(glance)) <= 250


def test_detail_sections_are_collapsible_and_the_law_follows_rights(lancashire: Built) -> None:
    page = lancashire.html
    sections = ("information", "purposes", "sharing", "retention", "rights", "complaints")
    order = [page.index(f'<summary><h2 id="{sid}">') for sid in (*sections, "lawful-bases")]
    assert order == sorted(order)
    assert page.count("<details") >= 10 and "<details open" not in page
    flows = _between(page, 'id="flows"', "</section>")
    assert "Lawful basis" not in flows and '<th scope="col">When</th>' not in flows


def _words(fragment: str) -> list[str]:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()


def test_lancashire_public_task_law_cited_once(lancashire: Built) -> None:
    basis = next(b for b in lancashire.index.datamap.lawful_bases if b.id == "public-task")
    for text in basis.law:
        parsed = lancashire.index.citations.get(text)
        if isinstance(parsed, law.Citation):
            for url in parsed.urls:
                assert lancashire.html.count(f'href="{html.escape(url)}"') == 1, url
