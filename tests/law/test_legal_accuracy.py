"""The catalogue corrections of the legal review (issue 15), one test per item.

Each asserts what the law says (UK GDPR as amended by the Data (Use and Access)
Act 2025, DPA 2018), so a regression to the old, wrong entries fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

from privacymap import law, rules
from privacymap.yamlio import load_yaml_text

ALL_BASES = ("consent", "contract", "legal-obligation", "vital-interests", "public-task",
             "recognised-legitimate-interest", "legitimate-interests")  # fmt: skip


def test_erasure_is_qualified_not_excluded_under_legal_obligation_and_public_task() -> None:
    erasure = law.right("erasure")
    assert erasure.applicability("legal-obligation") == "qualified"
    assert erasure.applicability("public-task") == "qualified"
    assert erasure.applicability("consent") == "applies"
    assert "erasure" in {r.id for r in law.rights_for_bases(["public-task"])}


def test_objection_to_direct_marketing_applies_whatever_the_basis_and_is_absolute() -> None:
    right = law.right("object-direct-marketing")
    assert right.purpose_kinds == ("direct-marketing",)
    assert all(right.applicability(b) == "applies" for b in ALL_BASES)
    assert right.presented_separately  # Art 21(4)
    assert "21(2)" in right.reference and "21(3)" in right.reference
    assert "absolute" in right.exemptions
    with_kind = law.rights_for_bases(["consent"], purpose_kinds=["direct-marketing"])
    assert "object-direct-marketing" in {r.id for r in with_kind}
    assert "object-direct-marketing" not in {r.id for r in law.rights_for_bases(["consent"])}


def test_objection_to_research_yields_only_to_public_interest_tasks() -> None:
    right = law.right("object-research")
    assert set(right.purpose_kinds) == {"research", "statistics"}
    assert right.applicability("public-task") == "does-not-apply"
    assert "21(1)" in dict(right.not_applicable_reason)["public-task"]
    assert all(right.applicability(b) == "applies" for b in ALL_BASES if b != "public-task")
    assert "21(6)" in right.reference
    assert "object-research" in {
        r.id for r in law.rights_for_bases(["legitimate-interests"], purpose_kinds=["statistics"])
    }


def test_portability_follows_explicit_consent() -> None:
    portability = law.right("portability")
    assert "explicit-consent" in portability.applies_to_art9
    ids = {r.id for r in law.rights_for_bases(["public-task"], conditions=["explicit-consent"])}
    assert "portability" in ids


def test_research_safeguards_are_chapter_8a_art_84b() -> None:
    research = law.art9_condition("9(2)(j)")
    assert research.safeguards is not None and "84B" in research.safeguards
    assert "84B" in research.reference and "s 19" not in research.reference
    para4 = law.schedule1_paragraph(4)
    assert para4.notes is not None and "84B" in para4.notes


@pytest.mark.parametrize("number", [7, 14, 15, 23, 24, 25, 26, 27])
def test_part2_conditions_without_a_public_interest_test_authorise_art10_directly(
    number: int,
) -> None:
    paragraph = law.schedule1_paragraph(number)
    assert paragraph.art10 and paragraph.art10_via is None


@pytest.mark.parametrize("number", [6, 10, 11, 12, 13, 17, 18, 28])
def test_part2_conditions_with_a_public_interest_test_reach_art10_through_para36(
    number: int,
) -> None:
    assert law.schedule1_paragraph(number).art10_via == 36


def test_art10_route_text_no_longer_says_only_through_para36() -> None:
    (route,) = [r for r in law.art10_routes() if r.id == "schedule1"]
    assert "directly" in route.summary
    header = resources.files("privacymap.data").joinpath("schedule1.yaml").read_text("utf-8")
    assert "reach Art 10 only through para 36" not in header


def test_subject_access_time_limits_are_in_art_12a_with_reasonable_searches() -> None:
    access = law.right("access")
    assert "12A" in access.reference and "15(1A)" in access.reference
    assert access.exemptions is not None
    for words in ("latest of", "complexity or number", "clarification", "proportionate"):
        assert words in access.exemptions, words


def test_relevant_international_law_is_referenced() -> None:
    assert "s 9A" in law.art6_basis("legal-obligation").reference
    assert "s 9A" in law.art6_basis("public-task").reference
    assert "s 9A" in law.art9_condition("9(2)(g)").reference
    (official,) = [r for r in law.art10_routes() if r.id == "official-authority"]
    assert "s 9A" in official.reference
    assert "(c) only" in (law.art6_basis("legal-obligation").notes or "")


def test_annex_1_citations_parse_and_link() -> None:
    citation = law.parse_citation("UK GDPR Annex 1 para 5")
    assert isinstance(citation, law.Citation)
    assert citation.instrument.id == "uk-gdpr"
    (provision,) = citation.provisions
    assert dict(provision.path) == {"annex": "1", "paragraph": "5"}
    assert provision.display == "Annex 1 para 5"
    assert citation.url == "https://www.legislation.gov.uk/ukpga/2025/18/schedule/4"
    assert law.annex1_paragraph(5).condition and "crime" in law.annex1_paragraph(5).summary
    assert law.annex1_paragraph(6).condition and "vulnerable" in law.annex1_paragraph(6).summary
    assert not law.annex1_paragraph(4).condition  # the meaning of "emergency"


def test_pm202_hint_gives_a_real_obligation() -> None:
    hint = rules.get("PM202").hint
    assert "Children Act 1989 s 47" in hint
    assert "Children Act 2004 s 10" not in hint  # a co-operation duty (catalogue note)


# ------------------------------------------------------------------ no stale citations

STALE = re.compile(
    r"\bArt(?:icle)?s?\.? ?89\b|\b89\(1\)|\bDPA(?: 2018)? s 19\b|\bsection 19 of the Data"
    r"|\bData Protection Act 2018 s(?:ection)? 19\b|\b12\(3\)",
    re.I,
)
"""Art 89(1) and DPA 2018 s 19 (research safeguards, replaced by Art 84B) and Art 12(3)
(time limits, now Art 12A): none may be cited by the package's data or wording."""


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


NAMES_REPLACED = frozenset({"PM663"})
"""The rule that reports the replaced provisions names them in its text and examples."""


def _package_texts() -> Iterator[tuple[str, str]]:
    root = resources.files("privacymap")
    for folder in ("data", "notice/templates"):
        stack = [root.joinpath(folder)]
        while stack:
            node = stack.pop()
            for child in node.iterdir():
                if child.is_dir():
                    stack.append(child)
                elif child.name.endswith(".yaml"):
                    data = load_yaml_text(child.read_text("utf-8"))
                    if child.name == "rules.yaml":
                        data = [rule for rule in data if rule["id"] not in NAMES_REPLACED]
                    for text in _strings(data):
                        yield child.name, text
                elif child.name.endswith((".j2", ".md", ".html", ".txt")):
                    yield child.name, child.read_text("utf-8")


def test_no_package_data_cites_art_89_1_dpa_s_19_or_art_12_3() -> None:
    texts = list(_package_texts())
    assert any(name == "rules.yaml" for name, _ in texts)
    assert any(name.endswith(".j2") for name, _ in texts)
    # commencements.yaml names replaced provisions on purpose, with the last day they applied;
    # so does PM663, the rule that reports them
    stale = [
        (name, m.group())
        for name, text in texts
        if name not in ("commencements.yaml", *(f"{r}.yaml" for r in NAMES_REPLACED))
        for m in STALE.finditer(text)
    ]
    assert stale == []


def test_the_stale_pattern_catches_the_old_wording() -> None:
    for old in ("Art 89(1) safeguards and DPA 2018 s 19.", "UK GDPR Art 15; Art 12(3)",
                "Article 89 safeguards"):  # fmt: skip
        assert STALE.search(old), old
