"""The first layer stays a first layer on any map (issue 17): however many uses, purposes,
groups or records the map has, each row of "At a glance" names a few and says how many
more there are (the row's heading links to the section that lists them all)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from privacymap.notice import build_view
from privacymap.notice.parts import GlanceRow
from privacymap.notice.readability import first_layer
from privacymap.notice.wording import GLANCE_ITEMS
from privacymap.pipeline import resolve
from tests.support.external import launch_chromium

from .conftest import REPO, build_notice, visible_text

FIRST_LAYER_WORDS = 250
"""The most words the first layer may have on a map of any size (Lancashire's has 245)."""
FIRST_LAYER_GRADE = 13.0
"""As tests/notice/test_each_fact_once.py: the first layer reads plainly at any size."""

TUTORIAL = REPO / "examples" / "tutorial"


def _tag(n: int) -> str:
    """`n` in letters (12 is "BC"): the readability measure counts words, not numbers."""
    return "".join(chr(ord("A") + int(d)) for d in str(n))


def _write_map(root: Path, *, uses: int, purposes: int, groups: int, kinds: int) -> Path:
    """A map of `uses` activities (one record each) over `purposes` purposes, sharing with
    `groups` groups of organisations and collecting `kinds` groups of information: the
    tutorial's notice, rights and law, multiplied."""
    root.mkdir(parents=True)
    for name in ("notice.yaml", "rights.yaml"):
        shutil.copy(TUTORIAL / name, root / name)
    law = yaml.safe_load((TUTORIAL / "law.yaml").read_text(encoding="utf-8"))
    law["purposes"] = [
        {"id": f"purpose-{p}", "name": f"To run service {_tag(p)}", "bases": ["public-task"]}
        for p in range(purposes)
    ]
    law["conditions"] = []
    data: dict[str, Any] = {
        "subjects": [{"id": "members", "name": "Members"}],
        "categories": [
            {"id": f"kind-{k}", "name": f"Kind {_tag(k)}", "group": f"Group {_tag(k)}"}
            for k in range(kinds)
        ],
        "sources": [
            {
                "id": "you",
                "name": "You",
                "kind": "data-subject",
                "provides": [f"kind-{k}" for k in range(kinds)],
            }
        ],
        "recipient_groups": [
            {"id": f"group-{g}", "name": f"Partners {_tag(g)}"} for g in range(groups)
        ],
        "recipients": [
            {
                "id": f"partner-{g}",
                "name": f"Partner {_tag(g)}",
                "group": f"group-{g}",
                "role": "processor",
            }
            for g in range(groups)
        ],
    }
    activities = {
        "activities": [
            {
                "id": f"use-{i}",
                "name": f"Service {_tag(i)}",
                "purposes": [f"purpose-{i % purposes}"],
                "subjects": ["members"],
                "categories": [f"kind-{i % kinds}"],
                "collects": [{"from": "you", "categories": [f"kind-{i % kinds}"]}],
                "discloses": [{"to": f"partner-{i % groups}", "categories": [f"kind-{i % kinds}"]}],
                "retention": [f"record-{i}"],
            }
            for i in range(uses)
        ],
        "retention": [
            {
                "id": f"record-{i}",
                "record": f"Service {_tag(i)} records",
                "categories": [f"kind-{i % kinds}"],
                "period": "P2Y",
                "trigger": "last-contact",
                "disposal": "destroy",
            }
            for i in range(uses)
        ],
    }
    for name, content in (("law.yaml", law), ("data.yaml", data), ("activities.yaml", activities)):
        (root / name).write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return root


def _glance(root: Path) -> dict[str, GlanceRow]:
    _, index, _ = resolve(root)
    assert index is not None
    return {row.key: row for row in build_view(index).glance}


def _text(row: GlanceRow) -> str:
    return " ".join(row.values)


@pytest.mark.parametrize(
    ("uses", "purposes"),
    [(60, 60), (60, 30), (60, 3)],
    ids=["a purpose per use", "fewer purposes than uses", "a few purposes"],
)
def test_the_first_layer_stays_short_and_plain_on_a_large_map(
    tmp_path: Path, uses: int, purposes: int
) -> None:
    root = _write_map(tmp_path / "map", uses=uses, purposes=purposes, groups=15, kinds=15)
    _, index, _ = resolve(root)
    assert index is not None
    measure = first_layer(build_view(index))
    assert measure.words <= FIRST_LAYER_WORDS
    assert measure.grade <= FIRST_LAYER_GRADE


def test_each_long_row_names_a_few_and_says_how_many_more(tmp_path: Path) -> None:
    glance = _glance(_write_map(tmp_path / "map", uses=60, purposes=60, groups=15, kinds=15))
    why = _text(glance["Why we use it"])
    assert [f"Service {_tag(i)};" in why for i in range(GLANCE_ITEMS + 1)] == [
        True
    ] * GLANCE_ITEMS + [False]
    assert why.endswith(f"; {60 - GLANCE_ITEMS} more uses.")
    assert _text(glance["Who we share it with"]).endswith(
        f"Partners {_tag(GLANCE_ITEMS - 1)} and {15 - GLANCE_ITEMS} more kinds of organisation."
    )
    assert _text(glance["What we collect"]).endswith(
        f"Group {_tag(GLANCE_ITEMS - 1)} and {15 - GLANCE_ITEMS} more kinds of information."
    )
    assert _text(glance["How long we keep it"]).endswith(" 55 more kinds of record.")


def test_when_uses_outnumber_purposes_the_first_layer_gives_the_purposes(tmp_path: Path) -> None:
    """The purposes are the map's own answer to "why"; fewer of them than uses, each says
    why for several, so the few a row names cover more of what the map does."""
    few = _text(_glance(_write_map(tmp_path / "few", uses=60, purposes=3, groups=2, kinds=2))
                ["Why we use it"])  # fmt: skip
    assert few == "To run service A; To run service B; To run service C."
    many = _text(_glance(_write_map(tmp_path / "many", uses=60, purposes=30, groups=2, kinds=2))
                 ["Why we use it"])  # fmt: skip
    assert many.startswith("To run service A; ") and many.endswith("; 20 more reasons.")


def test_the_purposes_most_uses_serve_come_first(tmp_path: Path) -> None:
    root = _write_map(tmp_path / "map", uses=60, purposes=30, groups=2, kinds=2)
    activities = yaml.safe_load((root / "activities.yaml").read_text(encoding="utf-8"))
    for a in activities["activities"][:20]:  # purpose 29 now serves 20 more uses
        a["purposes"] = ["purpose-29"]
    (root / "activities.yaml").write_text(yaml.safe_dump(activities), encoding="utf-8")
    assert _text(_glance(root)["Why we use it"]).startswith("To run service CJ; ")


def test_a_use_without_a_purpose_keeps_the_uses_in_the_first_layer(tmp_path: Path) -> None:
    """Purposes speak for every use only when every use has one: else the uses are named."""
    root = _write_map(tmp_path / "map", uses=60, purposes=3, groups=2, kinds=2)
    activities = yaml.safe_load((root / "activities.yaml").read_text(encoding="utf-8"))
    del activities["activities"][0]["purposes"]
    (root / "activities.yaml").write_text(yaml.safe_dump(activities), encoding="utf-8")
    assert _text(_glance(root)["Why we use it"]).endswith("; 50 more uses.")


def test_one_more_is_said_in_the_singular(tmp_path: Path) -> None:
    glance = _glance(_write_map(tmp_path / "map", uses=6, purposes=6, groups=2, kinds=11))
    assert _text(glance["How long we keep it"]).endswith(" 1 more kind of record.")
    assert _text(glance["What we collect"]).endswith(" and 1 more kind of information.")


def test_the_page_and_its_markdown_say_how_many_more(tmp_path: Path) -> None:
    root = _write_map(tmp_path / "map", uses=60, purposes=60, groups=15, kinds=15)
    built = build_notice(root, tmp_path / "out")
    page = built.html[built.html.index('id="at-a-glance"') :]
    md = built.md[built.md.index("## At a glance") :]
    for glance in (visible_text(page[: page.index("</section>")]), md[: md.index("\n## ", 3)]):
        assert "50 more uses" in glance and "Service FJ" not in glance


@pytest.mark.external
def test_a_large_maps_first_layer_fits_two_phone_screens(tmp_path: Path) -> None:
    """As Lancashire's (tests/notice/test_browser.py), measured in Chromium at 375 x 812."""
    from playwright.sync_api import sync_playwright

    root = _write_map(tmp_path / "map", uses=150, purposes=150, groups=30, kinds=30)
    built = build_notice(root, tmp_path / "out")
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page(viewport={"width": 375, "height": 812})
            page.goto((built.out / "notice.html").as_uri())
            bottom = page.evaluate(
                "document.querySelector('.pm-glance').getBoundingClientRect().bottom + scrollY"
            )
        finally:
            browser.close()
    assert bottom <= 2 * 812, bottom
