"""The Lancashire CFW notice, encoded as published: it loads cleanly and its
counts and key facts match the seed notice (shared/seed/lancashire-cfw-privacy-notice.txt).

Recipient counting rule (see notices/lancashire-cfw/catalogue.yaml): one
recipient per published organisation-in-role; a line naming several
organisations in one role gives one per organisation; a category line is one
category recipient whose "some examples are" names are `examples`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap.index import Index, build_index
from privacymap.loader import load
from privacymap.model import DataMap

MAP = Path(__file__).resolve().parent.parent / "notices" / "lancashire-cfw"

PUBLISHED_STATUTES = [
    "Care Act (2014) Part 1 General responsibilities of local authorities",
    "Section 1 of The Childcare Act 2006",
    "Digital Economy Act 2017 – Part 5",
    "Section 17, 37 and 115 of The Crime and Disorder Act 1998",
    "Section 1 of The Localism Act 2011",
    "Children Act 2004 Section 10",
    "Part 3 of the Children and Families Act 2014",
    "Working Together to Safeguard Children July 2018 Chapter 1",
]


@pytest.fixture(scope="module")
def loaded() -> tuple[DataMap, Index]:
    result = load(MAP)
    assert [f"{d.location} {d.rule} {d.message}" for d in result.diagnostics] == []
    assert result.datamap is not None
    index, problems = build_index(result)
    assert [f"{d.location} {d.rule} {d.message}" for d in problems] == []
    return result.datamap, index


@pytest.fixture(scope="module")
def dm(loaded: tuple[DataMap, Index]) -> DataMap:
    return loaded[0]


@pytest.fixture(scope="module")
def index(loaded: tuple[DataMap, Index]) -> Index:
    return loaded[1]


def test_every_file_declares_the_schema_and_says_what_it_holds() -> None:
    files = sorted(MAP.glob("*.yaml"))
    assert [f.name for f in files] == [
        "catalogue.yaml",
        "law.yaml",
        "organisation.yaml",
        "processing.yaml",
        "retention.yaml",
        "rights.yaml",
    ]
    for file in files:
        lines = file.read_text("utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../../schemas/privacymap.schema.json"
        assert lines[1].startswith("#") and any(line.startswith("# ") for line in lines[1:4])


def test_notice_metadata(dm: DataMap) -> None:
    assert dm.notice.title == "Children and Family Wellbeing Service"
    assert dm.notice.language == "en-GB"
    assert dm.notice.last_updated is None  # none published
    assert len(dm.notice.aims) == 7
    assert dm.notice.aims[-1] == "develop healthier places"
    family_hubs = [link for link in dm.notice.links if link.title.startswith("Family Hubs")]
    assert len(family_hubs) == 1 and family_hubs[0].url is None  # published without a URL
    assert dm.notice.full_notice is not None and dm.notice.full_notice.url is None


def test_controller_dpo_and_contacts(dm: DataMap) -> None:
    assert dm.controller.name == "Lancashire County Council"
    assert dm.controller.public_authority is True
    assert dm.dpo is not None
    assert dm.dpo.name == "Paul Bond"
    assert dm.dpo.email == "dpo@lancashire.gov.uk"
    emails = {c.role: c.email for c in dm.contacts}
    assert emails == {
        "rights-requests": "dpo@lancashire.gov.uk",
        "further-information": "cfwearlyhelp@lancashire.gov.uk",
        "complaints": "dataprotection@lancashire.gov.uk",
    }
    assert dm.rights_requests is not None
    assert dm.rights_requests.contact == "information-governance-team"
    assert "two different utility bills" in (dm.rights_requests.identity or "")
    assert dm.supervisory_authority is None  # the built-in ICO


def test_recipient_counts(dm: DataMap) -> None:
    internal = [r for r in dm.recipients if r.internal]
    external = [r for r in dm.recipients if not r.internal]
    assert len(internal) == 5
    assert all(r.role == "internal" for r in internal)
    # 11 published lines -> 14 recipients, plus the researchers the notice implies.
    assert len(external) == 15
    assert len([r for r in external if r.id != "researchers"]) == 14
    categories = {r.id for r in dm.recipients if r.kind == "category"}
    assert categories == {
        "education-establishments",
        "vcfs-organisations",
        "local-authorities",
        "housing-providers",
        "researchers",
    }


def test_recipients_as_published(index: Index) -> None:
    recipients = index.recipients
    assert recipients["vcfs-organisations"].examples == (
        "Child Action North West",
        "Victim Support",
        "Homestart",
        "Barnardo's",
        "We Are With You",
    )
    assert recipients["local-authorities"].examples == (
        "Blackpool Council",
        "Blackburn with Darwen Council",
    )
    assert recipients["health-visitors-blackpool-teaching-hospitals"].areas == (
        "Fylde and Wyre Lancaster and North Lancashire"
    )
    assert recipients["lcc-youth-offending-service"].name.endswith("Youth Offending Service")
    assert recipients["camhs-lancashire-care"].formerly is None  # stale name kept, not fixed


def test_art6_bases_as_published(index: Index) -> None:
    bases = index.lawful_bases
    assert sorted(b.basis for b in bases.values()) == ["consent", "legal-obligation", "public-task"]
    assert list(bases["public-task"].law) == PUBLISHED_STATUTES
    assert len(bases["public-task"].law) == 8
    assert bases["legal-obligation"].law == ()  # (c) cites no law of its own
    assert "You must reference the applicable legislation" in (
        bases["legal-obligation"].wording or ""
    )


def test_art9_conditions_as_published(index: Index) -> None:
    conditions = index.conditions
    assert sorted(c.condition for c in conditions.values()) == [
        "explicit-consent",
        "health-social-care",
        "substantial-public-interest",
    ]
    g = conditions["substantial-public-interest"]
    assert g.schedule1 == ("Schedule 1 Part 2 Para 18 of the Data Protection Act (2018)",)
    assert list(g.law) == PUBLISHED_STATUTES
    assert "The task 'carried out in the public interest'" in (g.wording or "")
    assert g.policy_document is None  # no appropriate policy document referenced
    assert conditions["health-social-care"].schedule1 == ()  # 9(2)(h) without Sch 1
    assert index.datamap.criminal_offence_conditions == ()


def test_processing_counts(dm: DataMap) -> None:
    assert len(dm.subjects) == 4
    assert len(dm.categories) == 17
    assert len(dm.sources) == 9
    assert len(dm.purposes) == 20
    assert len(dm.activities) == 10
    assert {a.id for a in dm.activities} == {
        "consent-to-contact",
        "registration",
        "mash-referrals",
        "request-for-support",
        "early-help-assessment",
        "supporting-families",
        "community-offer",
        "family-hubs-information-sharing",
        "partner-information-sharing",
        "service-evaluation-and-research",
    }
    # Aims are not purposes.
    assert not {p.name for p in dm.purposes} & set(dm.notice.aims)


def test_boilerplate_special_category_declaration(index: Index) -> None:
    declared = index.categories["special-category-data"]
    assert len(declared.special) == 9
    used = {c for a in index.datamap.activities for c in a.categories}
    assert "special-category-data" not in used
    assert "education-information" in used
    sharing = index.activities["partner-information-sharing"]
    only_shared = [
        a.id for a in index.datamap.activities if "education-information" in a.categories
    ]
    assert only_shared == [sharing.id]


def test_sources_provide_only_what_is_published(index: Index) -> None:
    sources = index.sources
    for silent in ("schools-and-settings", "national-datasets", "local-authority", "key-partners"):
        assert sources[silent].provides == ()
    assert "referral-details" in sources["mash"].provides
    assert sources["midwives"].form == "Early Notification Form"
    assert sources["health-visitors"].form == "Mini Membership Form"
    assert all(s.publicly_accessible is None for s in sources.values())


def test_flows(index: Index) -> None:
    sharing = [f for f in index.flows if f.activity.id == "partner-information-sharing"]
    assert len(sharing) == 19  # every published recipient
    assert all(
        any("unless the law requires it and if there is a risk of harm" in w for w in f.spec.when)
        for f in sharing
    )
    # Only research has no basis: the notice gives none for it.
    unlawful = [f.id for f in index.flows if not f.bases]
    assert unlawful == ["service-evaluation-and-research->researchers"]
    mash = index.activities["mash-referrals"]
    assert mash.consent is not None and mash.consent.required is True
    assert [c.id for c in index.activity_conditions(mash)] == ["substantial-public-interest"]


def test_retention_as_published(dm: DataMap) -> None:
    rows = {r.id: r for r in dm.retention}
    assert len(rows) == 4
    emails = rows["emails"]
    assert emails.period is None and emails.criteria is None  # the column-shifted row
    assert emails.description == "Encrypted used when emailing personal data to partners."
    assert emails.security == (
        "Retained in accordance with appropriate internal retention guidelines"
    )
    for row in ("registration-forms", "family-assessment-and-meetings"):
        assert rows[row].criteria == "Retention period governed by legislation"
        assert rows[row].period is None
    assert rows["paper-records"].period == "P12M"
    assert rows["paper-records"].disposal == "archive"
    assert dm.retention_policy is not None
    assert dm.retention_policy.overseen_by == "Lancashire Document Management Service"
    assert (dm.retention_policy.statement or "").count("will only store your information") == 2


def test_transfers_none(dm: DataMap) -> None:
    assert dm.transfers is not None
    assert dm.transfers.none is True
    assert dm.transfers.statement == "No"
    assert dm.transfers.items == ()


def test_rights_as_published(dm: DataMap) -> None:
    assert [r.right for r in dm.rights] == [
        "be-informed",
        "withdraw-consent",
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "object",
        "automated-decision-making",
    ]
    wording = {r.right: r for r in dm.rights}
    assert "you must make a subject access request in writing" in (wording["access"].wording or "")
    assert "either via a letter" in (wording["access"].how or "")
    assert "unless we have a legal obligation" in (wording["erasure"].wording or "")
    assert "profiling, direct marketing or research purposes" in (wording["object"].wording or "")
    assert dm.automated_decision_making is None
    assert dm.requirement_to_provide is None
