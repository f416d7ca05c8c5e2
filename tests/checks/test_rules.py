"""Every rule: a minimal failing fixture (the base map with one mutation) and the
clean base map as its passing fixture, with the expected findings and lines.

The base map, fixtures/base.yaml, checks clean. Each case edits its text and
names the lines (by a unique piece of text on them) where the rule must report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from privacymap import rules
from privacymap.checks import load_families
from privacymap.config import Config
from privacymap.diagnostics import Severity
from privacymap.pipeline import check
from privacymap.rule_examples import examples

FIXTURES = Path(__file__).parent / "fixtures"
BASE = (FIXTURES / "base.yaml").read_text("utf-8")
TODAY = dt.date(2026, 6, 1)

Edit = tuple[str, str] | Callable[[str], str]


@dataclass(frozen=True)
class Case:
    rule: str
    edits: tuple[Edit, ...]
    at: tuple[str, ...]  # text on each line the rule must report, in order
    subjects: tuple[str, ...] = ()
    message: str = ""  # a piece of text the first message must contain
    extra: dict[str, object] = field(default_factory=dict)


def sub(pattern: str, repl: str = "") -> Callable[[str], str]:
    return lambda text: re.sub(pattern, repl, text, flags=re.M)


def mutate(edits: tuple[Edit, ...]) -> str:
    text = BASE
    for edit in edits:
        if callable(edit):
            new = edit(text)
        else:
            old, replacement = edit
            assert old in text, f"fixture edit does not apply: {old!r}"
            new = text.replace(old, replacement, 1)
        assert new != text, f"edit changed nothing: {edit!r}"
        text = new
    return text


def line_of(text: str, marker: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(lines) == 1, f"marker {marker!r} is on lines {lines}, expected exactly one"
    return lines[0]


def run(tmp_path: Path, text: str, config: Config | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / "map.yaml"
    path.write_text(text, "utf-8")
    return check(path, config or Config(), TODAY)


USE_LI = (
    "  - id: task\n",
    "  - id: li\n    basis: legitimate-interests\n    INTERESTS\n  - id: task\n",
)
LI_FLOW = ("      - to: supplier\n", "      - to: supplier\n        bases: [li]\n")

# The families are children, and the referrals activity is about them.
_CHILDREN_REFERRED = (
    ("    name: Families\n", "    name: Families\n    children: true\n"),
    (
        "    purposes: [safeguarding]\n    categories: [contact, health, offences]\n",
        "    purposes: [safeguarding]\n    subjects: [families]\n"
        "    categories: [contact, health, offences]\n",
    ),
)


def further(*lines: str) -> Edit:
    """Activity 'referrals' uses data collected for purpose 'support' (a new purpose)."""
    anchor = "    purposes: [safeguarding]\n    categories: [contact, health, offences]\n"
    block = "    further_processing:\n      of: [support]\n" + "".join(
        f"      {x}\n" for x in lines
    )
    return (anchor, anchor + block)


AFTER_DUAA = ("last_updated: 2026-01-15", "last_updated: 2026-03-01")
REFERRALS_ADM = (
    "    criminal_offence_conditions: [offence-route]\n    collects:",
    "    criminal_offence_conditions: [offence-route]\n"
    "    automated_decision_making:\n      exists: true\n      logic: A score.\n"
    "      significance: Whether we offer support.\n    collects:",
)
CHILDREN_AND_FAMILIES = (
    ("subjects:\n", "subjects:\n  - id: children\n    name: Children\n"),
    ("    purposes: [support]\n", "    purposes: [support]\n    subjects: [families]\n"),
    ("    purposes: [safeguarding]\n", "    purposes: [safeguarding]\n    subjects: [children]\n"),
)


def intro(text: str) -> Edit:
    return ("  last_updated:", f"  introduction: {text}\n  last_updated:")


CASES = [
    Case(
        "PM104",
        (("lawful_bases:\n", "  - id: unused\n    name: Unused\nlawful_bases:\n"),),
        ("- id: unused",),
        ("purpose:unused",),
    ),
    Case(
        "PM105",
        (("sources:\n", "  - id: spare\n    name: Spare\nsources:\n"),),
        ("- id: spare",),
        ("category:spare",),
    ),
    Case(
        "PM106",
        (
            (
                "purposes:\n  - id: support",
                "  - id: spare-recipient\n    name: Spare\npurposes:\n  - id: support",
            ),
        ),
        ("- id: spare-recipient",),
    ),
    Case(
        "PM107",
        (
            (
                "recipients:\n",
                "  - id: spare-source\n    name: Spare\n    provides: [contact]\nrecipients:\n",
            ),
        ),
        ("- id: spare-source",),
    ),
    Case(
        "PM108",
        (("    purposes: [support]\n", ""),),
        ("- id: family-support",),
        ("activity:family-support",),
    ),
    Case(
        "PM110",
        (
            (
                "  email: dpo@example.org\n",
                '  email: dpo@example.org\n  url: "java\\tscript:alert(1)"\n',
            ),
        ),
        ("url: ",),
        ("link:dpo.url",),
        "browsers silently drop",
    ),
    Case(
        "PM111",
        (
            (
                "  email: dpo@example.org\n",
                "  email: dpo@example.org\n  url: www.example.gov.uk/dpo\n",
            ),
        ),
        ("url: www",),
        ("link:dpo.url",),
        "no 'https://'",
    ),
    Case(
        "PM112",
        (("  name: Example Council\n", "  name: Example Council\n  logo: missing.png\n"),),
        ("logo: missing",),
        ("controller:logo",),
        "does not exist",
    ),
    Case(
        "PM201",
        (
            ("    bases: [task]\n", ""),
            ("      - from: hub\n", "      - from: hub\n        bases: [task]\n"),
        ),
        ("- id: safeguarding",),
        ("purpose:safeguarding",),
        "disclosure referrals->police",
    ),
    Case(
        "PM202",
        (('    law: ["Children Act 1989 s 47"]\n', ""),),
        ("- id: task",),
        ("basis:task",),
        "Public task (Art 6(1)(e))",
    ),
    Case(
        "PM203",
        (("Children Act 1989 s 47", "Working Together to Safeguard Children 2018"),),
        ("Working Together",),
        message="superseded by the 2023 edition",
    ),
    Case(
        "PM204",
        (("Children Act 1989 s 47", "section 17 or section 47"),),
        ("section 17 or section 47",),
        message="no Act or other instrument is named",
    ),
    Case(
        "PM205",
        ((USE_LI[0], USE_LI[1].replace("INTERESTS", "interests: Running services.")), LI_FLOW),
        ("basis: legitimate-interests",),
        ("basis:li",),
    ),
    Case(
        "PM206",
        ((USE_LI[0], USE_LI[1].replace("    INTERESTS\n", "")), LI_FLOW),
        ("- id: li",),
        ("basis:li",),
    ),
    Case(
        "PM207",
        (("    withdrawal: Tell your worker.\n", ""), ("  - right: withdraw-consent\n", "")),
        ("- id: consent", "- id: explicit"),
        ("basis:consent", "conditions:explicit"),
    ),
    Case(
        "PM208",
        (
            (
                "    purposes: [safeguarding]\n",
                "    purposes: [safeguarding]\n    bases: [task, consent]\n",
            ),
        ),
        ("- id: referrals",),
        ("activity:referrals",),
        "for the same processing",
    ),
    Case(
        "PM208",
        (("      freely_given: The service is voluntary.\n", ""),),
        ("- id: family-support",),
        ("activity:family-support:freely-given",),
        "why consent to a public authority is freely given",
    ),
    Case(
        "PM209",
        (
            (
                "conditions:\n  - id: explicit",
                "  - id: spare-basis\n    basis: vital-interests\nconditions:\n  - id: explicit",
            ),
        ),
        ("- id: spare-basis",),
        ("lawful_bases:spare-basis",),
    ),
    Case(
        "PM211",
        (
            AFTER_DUAA,
            (
                "  - id: task\n",
                "  - id: rli\n    basis: recognised-legitimate-interest\n  - id: task\n",
            ),
        ),
        ("- id: rli",),
        ("basis:rli",),
        "names no Annex 1 condition",
    ),
    Case(
        "PM211",
        (
            AFTER_DUAA,
            (
                "  - id: task\n",
                "  - id: rli\n    basis: recognised-legitimate-interest\n"
                '    annex1: ["UK GDPR Annex 1 para 4"]\n  - id: task\n',
            ),
        ),
        ("annex1:",),
        ("basis:rli:4",),
        "a definition",
    ),
    Case(
        "PM212",
        (("Children Act 1989 s 47", "the Children Acts 1989 and 2004"),),
        ("Children Acts",),
        ("citation:the Children Acts 1989 and 2004",),
        "cites Children Act 1989 and Children Act 2004 in one citation",
    ),
    Case(
        "PM213",
        (
            (
                "    schedule1: [18]\n    policy_document: apd\n",
                '    schedule1: ["DPA 2018 Sch 2 para 2"]\n    policy_document: apd\n',
            ),
        ),
        ("Sch 2 para 2",),
        ("citation:DPA 2018 Sch 2 para 2",),
        "names Data Protection Act 2018 Sch 2 para 2, an exemption",
    ),
    Case(
        "PM210",
        (
            ("basis: public-task", "basis: legal-obligation"),
            ("Children Act 1989 s 47", "Crime and Disorder Act 1998 s 115"),
        ),
        ("Crime and Disorder Act 1998 s 115",),
        message="s 115",
    ),
    Case(
        "PM301",
        (("    conditions: [explicit]\n", ""),),
        ("- id: health",),
        ("category:health",),
        "activity 'family-support'",
    ),
    Case(
        "PM301",
        (
            ("    conditions: [explicit]\n", ""),
            ("    categories: [contact, health]\n", "    categories: [contact]\n"),
            ("      - to: nhs-trust\n", "      - to: nhs-trust\n        categories: [health]\n"),
        ),
        ("- id: family-support",),
        ("activity:family-support",),
        "by disclosure family-support->nhs-trust",
    ),
    Case(
        "PM306",
        (
            (
                "    categories: [contact, health, offences]\n"
                "    criminal_offence_conditions: [offence-route]\n",
                "    categories: [contact, health]\n",
            ),
        ),
        ("- id: referrals",),
        ("activity:referrals",),
        "by disclosure referrals->police",
    ),
    Case(
        "PM302",
        (
            (
                "    condition: substantial-public-interest\n    schedule1: [18]\n",
                "    condition: health-social-care\n",
            ),
        ),
        ("- id: spi",),
        message="(para 2)",
    ),
    Case("PM303", (("    schedule1: [18]\n    policy_document: apd\n", ""),), ("- id: spi",)),
    Case(
        "PM304",
        (
            (
                "    schedule1: [18]\n    policy_document: apd\n",
                "    schedule1: [2]\n    policy_document: apd\n",
            ),
        ),
        ("schedule1: [2]",),
        message="para 2 (Health or social care purposes) is in Part 1",
    ),
    Case("PM305", (("    policy_document: apd\n", ""),), ("- id: spi",), message="para 18"),
    Case(
        "PM306",
        (("    criminal_offence_conditions: [offence-route]\n", ""),),
        ("- id: offences",),
        ("category:offences",),
        "by activity 'referrals'",
    ),
    Case(
        "PM307",
        (
            (
                "    route: schedule1\n    schedule1: [18]",
                "    route: schedule1\n    schedule1: [8]",
            ),
        ),
        ("schedule1: [8]",),
        message="para 8",
    ),
    Case(
        "PM308",
        (
            (
                "    purposes: [safeguarding]\n",
                "    purposes: [safeguarding]\n    conditions: [spi, explicit]\n",
            ),
        ),
        ("- id: referrals", "- id: referrals"),
        ("activity:referrals:offence-route", "activity:referrals:spi"),
        "relies on Explicit consent (Art 9(2)(a)) and also on 'offence-route'",
    ),
    Case(
        "PM309",
        (
            (
                "    policy_document: apd\n    without_consent:\n"
                "      reason: would-prejudice\ncriminal_offence_conditions:",
                "    policy_document: apd\ncriminal_offence_conditions:",
            ),
        ),
        ("- id: spi",),
        ("conditions:spi:18",),
        "records no reason",
    ),
    Case(
        "PM310",
        (
            (
                "    schedule1: [18]\n    policy_document: apd\n",
                "    schedule1: [18, DPA 2018 Sch 2 para 5]\n    policy_document: apd\n",
            ),
        ),
        ("Sch 2 para 5",),
        ("conditions:spi:DPA 2018 Sch 2 para 5",),
        message="'DPA 2018 Sch 2 para 5' under schedule1:, which names no paragraph",
    ),
    Case(
        "PM401",
        (
            ("    role: processor\n", "    role: processor\n    country: US\n"),
            ("transfers:\n  none: true\n", ""),
        ),
        ("country: US",),
        ("recipient:supplier",),
    ),
    Case(
        "PM403",
        (
            ("    role: processor\n", "    role: processor\n    country: US\n"),
            (
                "transfers:\n  none: true\n",
                "transfers:\n  items:\n    - recipient: supplier\n"
                "      country: US\n      mechanism: derogation-explicit-consent\n"
                "      copy_available_at: https://example.org/x\n",
            ),
        ),
        ("mechanism: derogation-explicit-consent",),
        ("transfer:supplier",),
        "explicit consent",
    ),
    Case(
        "PM404",
        (
            ("    role: processor\n", "    role: processor\n    country: US\n"),
            (
                "transfers:\n  none: true\n",
                "transfers:\n  items:\n    - recipient: supplier\n"
                "      country: US\n      mechanism: idta\n",
            ),
        ),
        ("- recipient: supplier",),
        ("transfer:supplier",),
    ),
    Case(
        "PM402",
        (("    role: processor\n", "    role: processor\n    country: US\n"),),
        ("none: true",),
        message="supplier (US)",
    ),
    Case("PM501", (("    period: P25Y\n    trigger: date-of-birth\n", ""),), ("- id: records",)),
    Case(
        "PM502",
        (
            (
                "    period: P25Y\n    trigger: date-of-birth\n",
                "    criteria: Retention period governed by legislation.\n",
            ),
        ),
        ("criteria:",),
        message="governed by legislation",
    ),
    Case(
        "PM503",
        (
            ("    provides: [contact, offences]\n", "    provides: [contact, offences, school]\n"),
            ("sources:\n", "  - id: school\n    name: School\nsources:\n"),
        ),
        ("- id: school",),
    ),
    Case(
        "PM504",
        (
            (
                "sources:\n",
                "  - id: beliefs\n    name: Beliefs\n"
                "    special: [religious-or-philosophical-beliefs]\nsources:\n",
            ),
        ),
        ("special: [religious-or-philosophical-beliefs]",),
    ),
    Case(
        "PM505",
        (
            ("    retention: [records]\n", ""),
            (
                "    categories: [contact, health, offences]\n    period",
                "    categories: [offences]\n    period",
            ),
        ),
        ("- id: family-support",),
    ),
    Case("PM601", (("  email: info@example.org\n", ""),), ("name: Example Council",)),
    Case("PM602", (("dpo:\n  email: dpo@example.org\n", ""),), ("public_authority: true",)),
    Case(
        "PM603",
        (
            sub(r"^purposes:\n(?:  .*\n)+"),
            ("    purposes: [support]\n", "    bases: [consent]\n    conditions: [explicit]\n"),
            ("    purposes: [safeguarding]\n", "    bases: [task]\n    conditions: [spi]\n"),
        ),
        ("title: How we use your information",),
    ),
    Case(
        "PM604",
        (sub(r"^recipients:\n(?:  .*\n)+"), sub(r"^    discloses:\n(?:      .*\n)+")),
        ("title: How we use your information",),
    ),
    Case(
        "PM605",
        (sub(r"^retention:\n(?:  .*\n)+"), sub(r"^    retention: \[records\]\n")),
        ("title: How we use your information",),
    ),
    Case("PM606", (sub(r"^rights:\n(?:  .*\n)+"),), ("title: How we use your information",)),
    Case(
        "PM607",
        (("subjects:\n", "supervisory_authority:\n  name: Information Commissioner\nsubjects:\n"),),
        ("name: Information Commissioner",),
    ),
    Case(
        "PM405",
        (("transfers:\n  none: true\n", ""),),
        ("- id: nhs-trust", "- id: police", "- id: supplier"),
        ("recipient:nhs-trust", "recipient:police", "recipient:supplier"),
    ),
    Case(
        "PM632",
        (
            (
                "  last_updated: 2026-01-15\n",
                "  last_updated: 2026-01-15\n  given_elsewhere:\n    - parts: [dpo]\n"
                "      url: http://example.org/privacy\n",
            ),
        ),
        ("url: http://example.org/privacy",),
        ("notice:given-elsewhere:0",),
    ),
    Case("PM608", (("    provides: [contact, offences]\n", ""),), ("- id: hub",), ("source:hub",)),
    Case("PM609", (("    collects:\n      - from: you\n", ""),), ("- id: family-support",)),
    Case(
        "PM610",
        (
            ("automated_decision_making:\n  exists: false\n", ""),
            (
                "  - right: withdraw-consent\n",
                "  - right: withdraw-consent\n  - right: automated-decision-making\n",
            ),
        ),
        ("- right: automated-decision-making",),
    ),
    Case(
        "PM614",
        (("automated_decision_making:\n  exists: false\n", ""),),
        ("title: How we use your information",),
    ),
    Case(
        "PM611",
        (sub(r"^requirement_to_provide:\n(?:  .*\n)+"),),
        ("title: How we use your information",),
    ),
    Case(
        "PM611",
        (("  obliged: false\n  consequences: We may not be able to help.\n", ""),),
        ("statutory: false",),
        message="whether people are obliged to provide it and the possible consequences",
    ),
    Case("PM612", (("  last_updated: 2026-01-15\n", ""),), ("title: How we use your information",)),
    Case(
        "PM613",
        (
            (
                "  last_updated:",
                "  introduction: You must reference the applicable "
                "legislation if you wish to rely on this basis.\n  last_updated:",
            ),
        ),
        ("introduction:",),
        ("text:notice.introduction",),
        "You must reference",
    ),
    # children's health and offence data: two WP248 criteria (sensitive, vulnerable)
    Case(
        "PM670",
        _CHILDREN_REFERRED,
        ("id: referrals",),
        ("activity:referrals",),
        "wp248-sensitive-data and wp248-vulnerable",
    ),
    # issue 14, points 7-14 (checks/stated.py)
    Case(
        "PM170",
        (
            ("    name: Families\n", "    name: Families\n  - id: household\n    name: Hh\n"),
            ("    special: [health]\n", "    special: [health]\n    subjects: [household]\n"),
            ("    purposes: [support]\n", "    purposes: [support]\n    subjects: [families]\n"),
        ),
        ("subjects: [families]",),
        ("activity:family-support:health",),
    ),
    Case(
        "PM270",
        (("      - to: nhs-trust\n", "      - to: nhs-trust\n        agreement: {how: Ask.}\n"),),
        ("agreement: {how: Ask.}",),
        message="records agreement as a safeguard",
    ),
    Case(
        "PM560",
        (("    period: P25Y\n    trigger: date-of-birth\n", "    kind: until-event\n"),),
        ("kind: until-event",),
        ("retention:records",),
    ),
    Case(
        "PM680",
        (
            ("  last_updated: 2026-01-15\n", "  last_updated: 2026-03-01\n"),  # Art 22C in force
            (
                "automated_decision_making:\n  exists: false\n",
                "automated_decision_making:\n  exists: true\n  logic: Points.\n"
                "  significance: Priority.\n  consequences: Waiting.\n",
            ),
        ),
        ("exists: true",),
        message="how they can contest a decision",
    ),
    Case(
        "PM681",
        (("        categories: [contact, offences]\n", "        categories: not-stated\n"),),
        ("categories: not-stated",),
        ("flow:referrals->police",),
    ),
    Case(
        "PM682",
        (("  last_updated: 2026-01-15\n", "  last_updated: 2026-01-15\n  next_review: 2026-02\n"),),
        ("next_review: 2026-02",),
        ("notice:next_review",),
    ),
    Case(
        "PM683",
        (("  last_updated: 2026-01-15\n", "  last_updated: 2026-01-15\n  last_review: 2026-07\n"),),
        ("last_review: 2026-07",),
        ("notice:last_review",),
        message="after the day of the check (2026-06-01)",
    ),
    Case(
        "PM770",
        (("  - right: object\n", "  - right: automated-decision-making\n  - right: object\n"),),
        ("right: automated-decision-making",),
        ("right:automated-decision-making",),
    ),
    Case(
        "PM701",
        (
            (
                "    bases: [consent]\n    conditions: [explicit]\n",
                "    bases: [task]\n    conditions: [spi]\n",
            ),
        ),
        ("- right: portability", "- right: withdraw-consent"),
        ("right:portability", "right:withdraw-consent"),
    ),
    Case(
        "PM702",
        (
            (
                "  - right: object\n    how: To our use of your information for tasks in the "
                "public interest.\n",
                "",
            ),
        ),
        ("- right: access",),
        ("right:object",),
        "Art 21(4)",
    ),
    Case(
        "PM703",
        (("how: Ask us in any way you like.", "how: Requests must be made in writing."),),
        ("Requests must be made in writing",),
    ),
    Case(
        "PM704",
        (
            (
                "how: To our use of your information for tasks in the public interest.",
                "how: To our use of your information for research.",
            ),
        ),
        ("- right: object",),
        ("right:object:scope",),
        "the right to object applies only",
    ),
    # ---- the law as at a date, DUAA 2025 and transparency defects (issue 16)
    Case(
        "PM250",
        (
            (
                "  - id: task\n",
                "  - id: rli\n    basis: recognised-legitimate-interest\n  - id: task\n",
            ),
            ("      - to: police\n", "      - to: police\n        bases: [rli]\n"),
        ),
        ("basis: recognised-legitimate-interest",),
        ("basis:rli",),
        "not in force on 2026-01-15",
    ),
    Case(
        "PM251",
        (
            AFTER_DUAA,
            REFERRALS_ADM,
            (
                "conditions:\n  - id: explicit",
                "conditions:\n  - id: vital\n    condition: vital-interests\n  - id: explicit",
            ),
            (
                "    bases: [task]\n    conditions: [spi]\n",
                "    bases: [task]\n    conditions: [vital]\n",
            ),
        ),
        ("exists: true",),
        ("activity:referrals",),
        "data concerning health",
    ),
    Case(
        "PM252",
        (
            AFTER_DUAA,
            REFERRALS_ADM,
            (
                "  - id: task\n",
                "  - id: rli\n    basis: recognised-legitimate-interest\n  - id: task\n",
            ),
            ("    purposes: [safeguarding]\n", "    purposes: [safeguarding]\n    bases: [rli]\n"),
        ),
        ("exists: true",),
        ("activity:referrals",),
    ),
    Case(
        "PM350",
        (("sources:\n", "  - id: ethnicity\n    name: Ethnicity\nsources:\n"),),
        ("- id: ethnicity",),
        ("category:ethnicity",),
        "racial or ethnic origin",
    ),
    Case(
        "PM351",
        (
            (
                "sources:\n",
                "  - id: notes\n    name: Case notes\n    group: Special category data\nsources:\n",
            ),
        ),
        ("- id: notes",),
        ("category:notes",),
    ),
    Case(
        "PM352",
        (("sources:\n", "  - id: yj\n    name: Youth justice records\nsources:\n"),),
        ("- id: yj",),
        ("category:yj",),
        "Youth justice",
    ),
    Case(
        "PM353",
        (
            (
                "    condition: substantial-public-interest\n    schedule1: [18]\n",
                "    condition: substantial-public-interest\n    schedule1: [8]\n",
            ),
            (
                "sources:\n",
                "  - id: union\n    name: Union\n    special: [trade-union-membership]\nsources:\n",
            ),
            (
                "    categories: [contact, health, offences]\n    criminal",
                "    categories: [contact, health, offences, union]\n    criminal",
            ),
        ),
        ("- id: referrals",),
        ("activity:referrals",),
        "trade union membership",
    ),
    Case(
        "PM550",
        (("    trigger: date-of-birth\n", ""),),
        ("period: P25Y",),
        ("retention:records",),
        "keeps data for 25 years but",
    ),
    Case(
        "PM551",
        (
            (
                "    record: Case records\n",
                "    record: Case records\n    description: Kept for up to 25 years.\n",
            ),
        ),
        ("- id: records",),
        ("retention:records",),
        "up to",
    ),
    Case(
        "PM551",
        (
            (
                "    record: Case records\n",
                "    record: Case records\n    description: Adoption files are kept permanently.\n",
            ),
        ),
        ("- id: records",),
        ("retention:records",),
        "kept permanently",
    ),
    Case(
        "PM552",
        (CHILDREN_AND_FAMILIES),
        ("trigger: date-of-birth",),
        ("retention:records",),
        "several kinds of people (Children and Families)",
    ),
    Case(
        "PM650",
        (("last_updated: 2026-01-15", "last_updated: 2026-07-01"),),
        ("title: How we use your information",),
        ("contacts:complaints",),
        "Example Council",
    ),
    Case(
        "PM651",
        (
            (
                "automated_decision_making:\n  exists: false",
                "automated_decision_making:\n  exists: true",
            ),
        ),
        ("exists: true",),
        ("automated_decision_making",),
        "Example Council makes solely automated decisions but does not say the logic involved",
    ),
    Case(
        "PM652",
        (intro("Contact [insert service name] for help."),),
        ("introduction:",),
        message="an unfilled slot",
    ),
    Case(
        "PM652",
        (intro("We rely on Art 9(2)(b) (delete all that do not apply)."),),
        ("introduction:",),
        message="an instruction to the editor",
    ),
    Case(
        "PM653",
        (intro("Your parent(s) can ask for a copy."),),
        ("introduction:",),
        message="parent(s)",
    ),
    Case(
        "PM654",
        (intro("We follow the General Data Protection Regulation."),),
        ("introduction:",),
        message="General Data Protection Regulation",
    ),
    Case("PM655", (intro("We comply with the Data Protection Act 1998."),), ("introduction:",)),
    Case(
        "PM656",
        (
            (
                "      - to: nhs-trust\n",
                "      - to: nhs-trust\n"
                "        description: We share information when required by law.\n",
            ),
        ),
        ("description: We share information when required by law.",),
        message="disclosure to 'nhs-trust'",
    ),
    Case(
        "PM657",
        (
            (
                "    name: Safeguarding referrals\n",
                "    name: Safeguarding referrals\n"
                "    description: We refer your family with your consent.\n",
            ),
        ),
        ("description: We refer your family",),
        ("text:activities[1].description",),
        "with your consent",
    ),
    Case("PM658", (intro("We may change this notice at any time."),), ("introduction:",)),
    Case(
        "PM659",
        (("last_updated: 2026-01-15", "last_updated: 2023-01-15"),),
        ("last_updated: 2023-01-15",),
        ("notice:last_updated",),
        "40 months before 2026-06-01",
    ),
    Case(
        "PM660",
        (
            ("    name: Families\n", "    name: Families\n    children: true\n"),
            ("  last_updated:", "  young_people:\n    page: false\n  last_updated:"),
        ),
        ("page: false",),
        ("notice:child-version",),
    ),
    Case(
        "PM253",
        (('law: ["Children Act 1989 s 47"]', 'law: ["Children Act 1989"]'),),
        ('law: ["Children Act 1989"]',),
        ("basis:task",),
        "Children Act 1989 with no section",
    ),
    Case(
        "PM354",
        (("        categories: [contact, offences]\n", "        categories: [contact]\n"),),
        ("- id: police",),
        ("recipient:police",),
    ),
    Case(
        "PM662",
        (intro("We collect your information from you."),),
        ("introduction:",),
        message="Safeguarding hub",
    ),
    Case(
        "PM450",
        (
            ("    role: processor\n", "    role: processor\n    country: BR\n"),
            (
                "transfers:\n  none: true\n",
                "transfers:\n  items:\n    - recipient: supplier\n"
                "      country: BR\n      mechanism: uk-regulations\n",
            ),
        ),
        ("mechanism: uk-regulations",),
        ("transfer:supplier",),
        "BR",
    ),
    Case(
        "PM451",
        (
            ("    role: processor\n", "    role: processor\n    country: unknown\n"),
            (
                "transfers:\n  none: true\n",
                "transfers:\n  items:\n    - recipient: supplier\n"
                "      mechanism: idta\n      copy_how: Ask our DPO.\n",
            ),
        ),
        ("- recipient: supplier",),
        ("transfer:supplier",),
        "Supplier",
    ),
    Case(
        "PM663",
        (AFTER_DUAA, intro("Decisions by computer alone are covered by Article 22 of the GDPR.")),
        ("introduction:",),
        ("text:notice.introduction:UK GDPR Art 22",),
        "replaced by Arts 22A-22D from 5 February 2026",
    ),
    Case(
        "PM355",
        (
            (
                "    schedule1: [18]\n    policy_document: apd\n    without_consent:\n"
                "      reason: would-prejudice\ncriminal",
                "    schedule1: [8]\n    policy_document: apd\n"
                "    wording: We use information about your ethnicity to monitor equality.\n"
                "criminal",
            ),
        ),
        ("    wording: We use information about your ethnicity",),
        ("condition:spi",),
        "also use data concerning health",
    ),
    Case(
        "PM356",
        (
            (
                "conditions:\n",
                "conditions:\n  - id: care\n    condition: health-social-care\n"
                "    schedule1: [2]\n",
            ),
        ),
        ("    condition: health-social-care",),
        ("condition:care",),
        "Art 9(3), DPA 2018 s 11(1)",
    ),
    Case(
        "PM254",
        (further("compatibility: annex-2", "annex2: Safeguarding.", "told: We write first."),),
        ("      compatibility: annex-2",),
        ("activity:referrals",),
        "not in force on 2026-01-15",
    ),
    Case(
        "PM255",
        (further("compatibility: assessment", "told: We write to you first."),),
        ("      of: [support]",),
        ("activity:referrals",),
        "where the compatibility assessment is recorded",
    ),
    Case(
        "PM664",
        (further("compatibility: assessment", "assessment: https://example.org/a"),),
        ("      of: [support]",),
        ("activity:referrals",),
        "collected for 'support'",
    ),
    Case(
        "PM665",
        (
            further(
                "compatibility: assessment",
                "assessment: https://example.org/a",
                "research_exemption: https://example.org/research",
            ),
        ),
        ("      research_exemption:",),
        ("activity:referrals",),
        "none of its purposes is research",
    ),
    Case(
        "PM661",
        (("    contract: https://example.org/contracts/supplier\n", ""),),
        ("- id: supplier",),
        ("recipient:supplier",),
    ),
]

CHECKED = sorted(
    r for r, rule in rules.catalogue().items()
    if r >= "PM104" and not r.startswith("PM9") and rule.scope == "map"
)  # fmt: skip
"""Rules `privacymap check` judges; `change` rules (PM620) are judged by `privacymap diff`
between two versions and tested in tests/changes."""


def test_every_checked_rule_has_a_located_case() -> None:
    """A case here, or `at:` in the rule's failing example (data/rule_examples/), which
    tests/checks/test_rule_examples.py checks the same way: new rules use the latter."""
    located = {e.rule for r in CHECKED for e in examples(r) if e.at}
    assert sorted({c.rule for c in CASES} | located) == CHECKED
    assert {c.rule for c in CASES} <= set(CHECKED)


def test_the_base_map_is_clean(tmp_path: Path) -> None:
    result = run(tmp_path, BASE)
    assert result.diagnostics == []
    assert result.exit_code == 0


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule)
def test_rule_fails_on_its_fixture_and_passes_on_the_base(case: Case, tmp_path: Path) -> None:
    text = mutate(case.edits)
    result = run(tmp_path, text)
    assert result.usable, [str(d) for d in result.diagnostics if d.fatal]
    found = [d for d in result.diagnostics if d.rule == case.rule]
    expected_lines = [line_of(text, marker) for marker in case.at]
    assert [d.location.line for d in found if d.location] == expected_lines, [
        f"{d.location}: {d.message}" for d in found
    ]
    assert all(d.location and d.location.file == "map.yaml" for d in found)
    if case.subjects:
        assert [d.subject for d in found] == list(case.subjects)
    if case.message:
        assert case.message in found[0].message, found[0].message
    rule = rules.get(case.rule)
    assert all(d.slug == rule.slug and d.references == rule.references for d in found)
    assert all(d.hint for d in found)
    # the passing fixture: the same rule finds nothing in the clean base map
    assert not [d for d in run(tmp_path, BASE).diagnostics if d.rule == case.rule]


NEAR_MISSES = [
    ("PM652", intro("See [our website](https://example.org) or section [1] (under review).")),
    ("PM652", intro("Email <dpo@example.org> or visit <https://example.org>.")),
    ("PM662", intro("We collect information from you and from other agencies.")),
    ("PM253", ('law: ["Children Act 1989 s 47"]', 'law: ["Children Act 1989 Part 5"]')),
    ("PM652", intro("Forms are on our website (see the list below).")),
    (
        "PM450",
        (
            "transfers:\n  none: true\n",
            "transfers:\n  items:\n    - recipient: supplier\n"
            "      country: FR\n      mechanism: uk-regulations\n",
        ),
    ),
    (
        "PM660",
        (
            "    name: Families\n",
            "    name: Families with babies and under fives\n    children: true\n",
        ),
    ),
    # children who can read: the build writes the young-people page, which satisfies it
    ("PM660", ("    name: Families\n", "    name: Families\n    children: true\n")),
    ("PM653", intro("Your parent or carer can ask for a copy.")),
    ("PM654", intro("We follow the UK General Data Protection Regulation (UK GDPR).")),
    ("PM655", intro("The Data Protection Act 2018 replaced the Data Protection Act 1998.")),
    (
        "PM656",
        (
            "      - to: nhs-trust\n",
            "      - to: nhs-trust\n        description: We share "
            "information when required by the Children Act 1989 s 47.\n",
        ),
    ),
    (
        "PM657",
        (
            "    name: Safeguarding referrals\n",
            "    name: Safeguarding referrals\n"
            "    description: We may refer your family without your consent.\n",
        ),
    ),
    (
        "PM657",
        (
            "    name: Safeguarding referrals\n",
            "    name: Safeguarding referrals\n"
            "    description: We do not need your consent to share this with the police.\n",
        ),
    ),
    (
        "PM657",
        (
            "    name: Safeguarding referrals\n",
            "    name: Safeguarding referrals\n"
            "    description: We will not ask for your permission to refer your family.\n",
        ),
    ),
    (
        "PM551",
        (
            "    record: Case records\n",
            "    record: Case records\n    description: Permanently deleted after 25 years.\n",
        ),
    ),
    (
        "PM658",
        intro(
            "We may change this notice at any time; we will tell you before we use "
            "your information for a new purpose."
        ),
    ),
    ("PM350", ("sources:\n", "  - id: hv\n    name: Health visitor contact details\nsources:\n")),
    (
        "PM552",
        (
            "    period: P25Y\n",
            "    description: Until 25 years after the child's date of birth.\n    period: P25Y\n",
        ),
    ),
    (
        "PM632",
        (
            "  last_updated: 2026-01-15\n",
            "  last_updated: 2026-01-15\n  given_elsewhere:\n    - parts: [dpo]\n"
            "      url: https://example.org/privacy\n",
        ),
    ),
    (
        "PM703",
        (
            "how: Ask us in any way you like.",
            "how: You do not have to put your request in writing.",
        ),
    ),
    (
        "PM502",
        (
            "    period: P25Y\n    trigger: date-of-birth\n",
            "    criteria: Governed by legislation.\n"
            "    authority: Care Planning, Placement and Case Review (England) Regulations "
            "2010 reg 50\n",
        ),
    ),
    (
        "PM613",
        ("  last_updated:", "  introduction: You can ask us about this notice.\n  last_updated:"),
    ),
    (
        "PM401",
        (
            "transfers:\n  none: true\n",
            "transfers:\n  items:\n    - recipient: supplier\n"
            "      country: US\n      mechanism: idta\n",
        ),
    ),
    # either edit alone is one WP248 criterion: a DPIA advisable, not required
    *(("PM670", edit) for edit in _CHILDREN_REFERRED),
    (
        "PM356",
        (
            "conditions:\n",
            "conditions:\n  - id: care\n    condition: health-social-care\n"
            "    schedule1: [2]\n"
            "    wording: Used by staff who owe you a duty of confidentiality.\n",
        ),
    ),
    (
        "PM451",
        (
            "transfers:\n  none: true\n",
            "transfers:\n  items:\n    - recipient: supplier\n"
            "      region: the European Economic Area\n      mechanism: idta\n"
            "      copy_how: Ask our DPO.\n",
        ),
    ),
    (
        "PM355",
        (
            "    schedule1: [18]\n    policy_document: apd\n    without_consent:\n"
            "      reason: would-prejudice\ncriminal",
            "    schedule1: [8]\n    policy_document: apd\n    wording: We use information"
            " about your ethnicity and your health to monitor equality.\ncriminal",
        ),
    ),
    (
        "PM704",
        (
            "how: To our use of your information for tasks in the public interest.",
            "how: To processing for our public tasks, such as safeguarding.",
        ),
    ),
]


@pytest.mark.parametrize(("rule", "edit"), NEAR_MISSES, ids=[r for r, _ in NEAR_MISSES])
def test_near_misses_pass(rule: str, edit: tuple[str, str], tmp_path: Path) -> None:
    result = run(tmp_path, mutate((edit,)))
    assert result.usable
    assert [d for d in result.diagnostics if d.rule == rule] == []


def test_catalogue_and_registry_agree() -> None:
    registered = set(load_families())
    catalogued = {r for r, rule in rules.catalogue().items()
                  if r >= "PM2" and not r.startswith("PM9") and rule.scope == "map"}  # fmt: skip
    assert catalogued <= registered
    extra = registered - catalogued
    # PM104-PM108 are checks too (PM101-PM103 are raised by the resolver)
    assert extra == {r for r in rules.catalogue() if "PM104" <= r < "PM2"}
    assert all(r in rules.catalogue() for r in registered)


def test_catalogue_entries_are_complete() -> None:
    for rule in rules.catalogue().values():
        assert re.fullmatch(r"PM\d{3}", rule.id)
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.slug), rule.id
        assert rule.title and rule.message and rule.hint and len(rule.rationale) > 40, rule.id
        assert len(rule.severity_reason) > 30, f"{rule.id} does not say why it has its severity"
        if rule.id >= "PM104" and not rule.id.startswith("PM9"):
            assert rule.references, f"{rule.id} cites no law"
    slugs = [r.slug for r in rules.catalogue().values()]
    assert len(slugs) == len(set(slugs))
    assert rules.get("PM201").locked


def test_flow_basis_removed_cannot_be_silenced_by_configuration(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.rule == "PM201")
    text = mutate(case.edits)
    line = line_of(text, "- id: safeguarding")
    for config in (
        Config(ignore=("PM201",)),
        Config(ignore=("PM2",)),
        Config(select=("PM3",)),
        Config(severity={"PM201": Severity.INFO}),
        Config(severity={"PM201": Severity.WARNING}),
    ):
        result = run(tmp_path, text, config)
        found = [d for d in result.diagnostics if d.rule == "PM201"]
        assert [(d.location.line, d.severity.value) for d in found] == [(line, "error")], config
        assert result.exit_code == 1


def test_a_waiver_passes_pm201_but_keeps_it_visible(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.rule == "PM201")
    text = mutate(case.edits) + (
        "waivers:\n  - rule: PM201\n    subject: flow:referrals->police\n"
        "    justification: Basis under legal review with the council's solicitor.\n"
        "    approver: DPO\n    expires: 2026-12-31\n"
    )
    result = run(tmp_path, text)
    found = [d for d in result.diagnostics if d.rule == "PM201"]
    assert len(found) == 1 and found[0].waived
    assert result.exit_code == 0


EXPLICIT_CONSENT_ONLY = (
    (
        "    bases: [consent]\n    conditions: [explicit]\n",
        "    bases: [task]\n    conditions: [explicit]\n",
    ),
)


def test_explicit_consent_alone_carries_the_right_to_withdraw(tmp_path: Path) -> None:
    """Art 9(2)(a) explicit consent with a public-task Art 6 basis: withdrawal still applies
    (Art 13(2)(c), 14(2)(d)), so listing it is right and leaving it out is PM702."""
    listed = run(tmp_path, mutate(EXPLICIT_CONSENT_ONLY))
    assert "withdraw-consent" in {r.id for r in listed.index.rights_in_use}
    # erasure is qualified under public task (Art 17(3)(b)), not excluded, and explicit
    # consent carries portability (Art 20(1)(a)): neither is listed wrongly
    assert [d.subject for d in listed.diagnostics if d.rule == "PM701"] == []
    omitted = run(tmp_path, mutate((*EXPLICIT_CONSENT_ONLY, ("  - right: withdraw-consent\n", ""))))
    (missing,) = [d for d in omitted.diagnostics if d.rule == "PM702"]
    assert missing.subject == "right:withdraw-consent"
    assert "Explicit consent (Art 9(2)(a))" in missing.message


def test_one_finding_per_missing_basis_names_every_flow_it_leaves_without_one(
    tmp_path: Path,
) -> None:
    text = mutate((("    bases: [task]\n", ""),))  # purpose 'safeguarding' loses its basis
    result = run(tmp_path, text)
    found = [d for d in result.diagnostics if d.rule == "PM201"]
    assert len(found) == 1
    (pm201,) = found
    assert pm201.subject == "purpose:safeguarding"
    assert pm201.location is not None and pm201.location.line == line_of(text, "- id: safeguarding")
    assert "collection referrals<-hub and disclosure referrals->police" in pm201.message
    assert [(r.subject, r.location.line) for r in pm201.related] == [
        ("flow:referrals<-hub", line_of(text, "- from: hub")),
        ("flow:referrals->police", line_of(text, "- to: police")),
    ]
    assert result.exit_code == 1
    from privacymap.reporters import to_json, to_text

    report = to_text(found)
    assert f"    also at map.yaml:{line_of(text, '- to: police')}:" in report
    related = json.loads(to_json(found))["diagnostics"][0]["related"]
    assert [r["subject"] for r in related] == ["flow:referrals<-hub", "flow:referrals->police"]


def test_a_waiver_for_one_flow_still_waives_only_that_flow(tmp_path: Path) -> None:
    text = mutate((("    bases: [task]\n", ""),)) + (
        "waivers:\n  - rule: PM201\n    subject: flow:referrals->police\n"
        "    justification: Basis under legal review with the council's solicitor.\n"
        "    approver: DPO\n    expires: 2026-12-31\n"
    )
    result = run(tmp_path, text)
    found = {d.subject: d for d in result.diagnostics if d.rule == "PM201"}
    assert set(found) == {"flow:referrals->police", "purpose:safeguarding"}
    assert found["flow:referrals->police"].waived
    assert not found["purpose:safeguarding"].waived
    assert "collection referrals<-hub" in found["purpose:safeguarding"].message
    assert "police" not in found["purpose:safeguarding"].message
    assert result.exit_code == 1  # the unwaived flow still fails the gate


def test_one_guidance_citation_used_twice_is_one_finding(tmp_path: Path) -> None:
    wt = "Working Together to Safeguard Children 2018"
    text = mutate(
        (
            ("Children Act 1989 s 47", wt),
            (
                "    route: schedule1\n    schedule1: [18]",
                f'    route: official-authority\n    law: ["{wt}"]',
            ),
        )
    )
    found = [d for d in run(tmp_path, text).diagnostics if d.rule == "PM203"]
    assert [d.subject for d in found] == [f"citation:{wt}"]
    assert [r.subject for r in found[0].related] == [f"citation:criminal_offence_conditions:0:{wt}"]


SHARED_WHEN = "        when: [Only when the law requires it.]\n"


def test_pm656_an_inherited_basis_citing_law_does_not_name_the_law_of_a_disclosure(
    tmp_path: Path,
) -> None:
    """The referrals activity's public task cites the Children Act 1989 s 47; "when the
    law requires it" on its disclosure to the police still names no law for that."""
    text = mutate(
        (
            (
                "        categories: [contact, offences]\n",
                "        categories: [contact, offences]\n" + SHARED_WHEN,
            ),
        )
    )
    found = [d for d in run(tmp_path, text).diagnostics if d.rule == "PM656"]
    assert [d.location.line for d in found if d.location] == [line_of(text, "Only when the law")]
    assert "the disclosure to 'police' in activity 'referrals'" in found[0].message


def test_pm656_one_text_shared_by_several_disclosures_is_one_finding(tmp_path: Path) -> None:
    text = mutate(
        (
            ("      - to: nhs-trust\n", "      - to: nhs-trust\n" + SHARED_WHEN),
            ("      - to: supplier\n", "      - to: supplier\n" + SHARED_WHEN),
        )
    )
    found = [d for d in run(tmp_path, text).diagnostics if d.rule == "PM656"]
    assert len(found) == 1
    assert "disclosures to 'nhs-trust' and 'supplier'" in found[0].message


def test_pm656_a_disclosure_with_its_own_basis_citing_law_passes(tmp_path: Path) -> None:
    text = mutate(
        (
            (
                "        categories: [contact, offences]\n",
                "        categories: [contact, offences]\n        bases: [task]\n" + SHARED_WHEN,
            ),
        )
    )
    assert not [d for d in run(tmp_path, text).diagnostics if d.rule == "PM656"]


REVIEWS = [
    # (last_review, next_review, the rules about reviews that fire)
    ("2026-05-10", "2026-04", ["PM683"]),  # reviewed, next date not moved on: not "overdue"
    ("2026-04", "2026-04-01", ["PM682"]),  # a month read generously: April may be 1 April
    ("2026-06-02", "2027-06", ["PM683"]),  # after the day of the check (2026-06-01)
    ("2026-06-01", "2027-06", []),
    ("2026-01", "2026-04", ["PM682"]),  # the next review has passed since
]


@pytest.mark.parametrize(("last", "following", "expected"), REVIEWS)
def test_an_activitys_review_dates_in_order(
    last: str, following: str, expected: list[str], tmp_path: Path
) -> None:
    edit = (
        "  - id: family-support\n",
        f"  - id: family-support\n    last_review: {last}\n    next_review: {following}\n",
    )
    text = mutate((edit,))
    found = [d for d in run(tmp_path, text).diagnostics if d.rule in ("PM682", "PM683")]
    assert [d.rule for d in found] == expected
    if expected == ["PM683"]:
        assert found[0].subject == "activity:family-support"
        assert found[0].location and found[0].location.line == line_of(text, "last_review:")


def test_an_equality_statement_is_not_judged_where_another_condition_covers_the_rest(
    tmp_path: Path,
) -> None:
    """PM355: the activity relying on the para 8 statement (ethnicity) also relies on
    explicit consent, which may be what its health data rests on."""
    para8 = (
        "    schedule1: [18]\n    policy_document: apd\n    without_consent:\n"
        "      reason: would-prejudice\ncriminal",
        "    schedule1: [8]\n    policy_document: apd\n"
        "    wording: We use information about your ethnicity to monitor equality.\ncriminal",
    )
    also_explicit = ("    bases: [task]\n    conditions: [spi]\n", "    bases: [task]\n"
                     "    conditions: [spi, explicit]\n")  # fmt: skip
    assert "PM355" in {d.rule for d in run(tmp_path, mutate((para8,))).diagnostics}
    found = run(tmp_path, mutate((para8, also_explicit))).diagnostics
    assert "PM355" not in {d.rule for d in found}
