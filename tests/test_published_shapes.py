"""Shapes real notices take: a month-only date, a recipient in several countries and
an activity reusing data another activity holds, each through check, notice and ROPA."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from privacymap import pipeline, ropa
from privacymap.config import Config

BASE = (Path(__file__).parent / "checks" / "fixtures" / "base.yaml").read_text("utf-8")
TODAY = dt.date(2026, 6, 1)


def _map(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "map.yaml"
    path.write_text(text, "utf-8")
    return path


def _checked(path: Path) -> pipeline.CheckResult:
    # a notice of March 2024 is older than PM659's default 24 months on TODAY: not this test's point
    result = pipeline.check(path, Config(strict=True, stale_after_months=36), TODAY)
    assert result.usable
    assert [str(d) for d in result.diagnostics if not d.waived] == []
    assert result.exit_code == 0
    return result


def _built(path: Path, out: Path) -> tuple[str, str, dict[str, str], list[dict[str, str]]]:
    result = pipeline.build(path, out, only=["notice", "ropa"])
    assert result.written, result.notes
    _, index, _ = pipeline.resolve(path)
    assert index is not None
    about = {row["Item"]: row["Value"] for row in ropa.about_table(index).plain()}
    rows = ropa.ropa_table(index).plain()
    return (
        (out / "notice.md").read_text("utf-8"),
        (out / "notice.html").read_text("utf-8"),
        about,
        rows,
    )


MONTH = (("  last_updated: 2026-01-15\n", "  last_updated: March 2024\n  next_review: 2099-03\n"),)
"""A review date in the future: a passed one is a finding (PM682)."""


def test_a_month_only_date_is_kept_as_a_month(tmp_path: Path) -> None:
    path = _map(tmp_path, *MONTH)
    result = _checked(path)
    assert "PM612" not in {d.rule for d in result.diagnostics}  # a month is a last-updated date
    md, html, about, _ = _built(path, tmp_path / "out")
    assert "Last updated: March 2024." in md and "- Next review: March 2099" in md
    assert "<dd>March 2024</dd>" in html and "<dd>March 2099</dd>" in html
    assert "1 March 2024" not in md + html  # no day is invented
    assert about["Last updated"] == "March 2024" and about["Next review"] == "March 2099"


def test_a_full_date_is_still_a_day(tmp_path: Path) -> None:
    md, _, about, _ = _built(_map(tmp_path), tmp_path / "out")
    assert "Last updated: 15 January 2026." in md
    assert about["Last updated"] == "2026-01-15"


@pytest.mark.parametrize("bad", ["Spring 2024", "2024-13", "31 February 2024"])
def test_a_date_that_is_not_one_is_a_load_error(tmp_path: Path, bad: str) -> None:
    path = _map(tmp_path, ("  last_updated: 2026-01-15\n", f"  last_updated: {bad}\n"))
    result = pipeline.check(path, Config(), TODAY)
    assert result.exit_code == 2
    (error,) = [d for d in result.diagnostics if d.fatal]
    assert error.location is not None and error.location.line == 4
    assert 'such as "March 2024"' in error.message or "not a real date" in error.message


COUNTRIES = (
    ("    name: Supplier\n    role: processor\n",
     "    name: Supplier\n    role: processor\n    country: [GB, IE, NL]\n"),
    ("transfers:\n  none: true\n",
     "transfers:\n  items:\n    - recipient: supplier\n      country: IE\n"
     "      mechanism: uk-regulations\n    - recipient: supplier\n      country: NL\n"
     "      mechanism: uk-regulations\n"),
    # with transfers listed, every recipient says where it is (PM405)
    ("  - id: nhs-trust\n    name: NHS trust\n",
     "  - id: nhs-trust\n    name: NHS trust\n    country: GB\n"),
    ("  - id: police\n    name: Police\n", "  - id: police\n    name: Police\n    country: GB\n"),
)  # fmt: skip


def test_a_recipient_in_several_countries(tmp_path: Path) -> None:
    path = _map(tmp_path, *COUNTRIES)
    _checked(path)
    md, _, _, rows = _built(path, tmp_path / "out")
    assert "**Supplier**. Based in United Kingdom, IE and NL." in md
    supplier = next(r for r in rows if "Supplier" in r[ropa.HEADINGS[5]])
    countries = supplier[ropa.HEADINGS[7]]
    assert "IE: Supplier" in countries and "NL: Supplier" in countries


def test_each_country_abroad_needs_its_transfer(tmp_path: Path) -> None:
    one_missing = (
        *COUNTRIES[2:],
        COUNTRIES[0],
        (
            COUNTRIES[1][0],
            COUNTRIES[1][1].split("    - recipient")[0]
            + "    - recipient"
            + COUNTRIES[1][1].split("    - recipient")[1],
        ),
    )
    path = _map(tmp_path, *one_missing)
    result = pipeline.check(path, Config(), TODAY)
    (pm401,) = [d for d in result.diagnostics if d.rule == "PM401"]
    assert "recipient 'supplier' is in NL" in pm401.message


HANDOFF = ((
    "    retention: [records]\nretention:",
    "    retention: [records]\n"
    "  - id: reporting\n    name: Performance reporting\n    purposes: [safeguarding]\n"
    "    categories: [contact]\n    collects:\n      - from: activity:family-support\n"
    "    retention: [records]\nretention:",
),)  # fmt: skip


def test_an_activity_reusing_data_another_holds(tmp_path: Path) -> None:
    path = _map(tmp_path, *HANDOFF)
    result = _checked(path)  # no "collects from no source" (PM609), no unknown source
    assert "PM609" not in {d.rule for d in result.diagnostics}
    md, _, _, rows = _built(path, tmp_path / "out")
    assert (
        "Where the information comes from:** Information we already hold for Family support." in md
    )
    cells = [" ".join(r.values()) for r in rows]
    (reporting,) = [c for c in cells if "Performance reporting" in c]
    assert "Family support (already held: internal hand-off)" in reporting
    _, index, _ = pipeline.resolve(path)
    assert index is not None
    (flow,) = [f for f in index.flows if f.activity.id == "reporting"]
    assert flow.from_activity is not None and flow.from_activity.id == "family-support"
    assert flow.source is None and flow.origin == "family-support"


def test_a_hand_off_from_an_unknown_activity_is_a_dangling_reference(tmp_path: Path) -> None:
    path = _map(tmp_path, (HANDOFF[0][0], HANDOFF[0][1].replace("family-support", "nope")))
    result = pipeline.check(path, Config(), TODAY)
    found = [d for d in result.diagnostics if "nope" in d.message]
    assert found and found[0].rule.startswith("PM1")


def test_a_hand_off_is_drawn_between_the_two_activities(tmp_path: Path) -> None:
    from privacymap import graph
    from privacymap.graph import views

    _, index, _ = pipeline.resolve(_map(tmp_path, *HANDOFF))
    assert index is not None
    full = graph.build(index)
    giver, taker = (
        graph.node_key("activity", "family-support"),
        graph.node_key("activity", "reporting"),
    )
    assert full.has_edge(giver, taker)
    assert full.nodes[giver]["kind"] == full.nodes[taker]["kind"] == "activity"
    overview = views.view(index, "overview")  # the hand-off stays inside the service
    assert all(giver not in edge for edge in overview.edges())


def test_a_list_of_acts_links_each_act_in_the_notice(tmp_path: Path) -> None:
    path = _map(tmp_path, ('"Children Act 1989 s 47"', '"the Children Acts 1989 and 2004"'))
    result = pipeline.check(path, Config(), TODAY)
    (note,) = [d for d in result.diagnostics if d.rule == "PM212"]
    assert note.severity == "info" and result.exit_code == 0
    md, html, _, _ = _built(path, tmp_path / "out")
    assert "[Children Act 1989](<https://www.legislation.gov.uk/ukpga/1989/41>)" in md
    assert "[Children Act 2004](<https://www.legislation.gov.uk/ukpga/2004/31>)" in md
    assert 'href="https://www.legislation.gov.uk/ukpga/2004/31"' in html


def test_a_month_only_date_is_a_year_month_in_linked_data(tmp_path: Path) -> None:
    from privacymap.export import dpv

    _, index, _ = pipeline.resolve(_map(tmp_path, *MONTH))
    assert index is not None
    notices = [n for n in dpv.document(index)["@graph"] if n.get("@type") == "dpv:PrivacyNotice"]
    assert notices[0]["dct:modified"] == {"@value": "2024-03", "@type": "xsd:gYearMonth"}
