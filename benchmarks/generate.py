"""Generate a realistic synthetic data map of any size, deterministically from a seed.

    python benchmarks/generate.py --activities 1000 --seed 7 --out build/bench/1000

The map looks like a large public body's: an organisation file (notice,
controller, DPO, contacts), a catalogue (a few hundred recipients in groups,
sources, subjects, categories incl. special category and criminal offence
data), a law file (purposes, lawful bases citing statutes from the built-in
catalogue with real provisions, Art 9 conditions with Schedule 1 paragraphs,
Art 10 conditions, evidence), and the activities spread over several
`activities-NN.yaml` files, each activity with its collections, disclosures
and retention rows.

Every reference resolves, so the map loads and resolves with no diagnostics;
a controlled share of defects is planted for the checker: about 2% of
activities (and so their flows) have no lawful basis, about 3% of retention
rows have neither a period nor criteria, and about 2% of activities carry
health data without an Art 9 condition. The same seed gives byte-identical
files.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]

NO_BASIS_SHARE = 0.02
NO_PERIOD_SHARE = 0.03
NO_CONDITION_SHARE = 0.02
MIN_ACTIVITIES_PER_FILE = 50
ACTIVITY_FILES = 20

SERVICES = (
    "Adult social care",
    "Children's social care",
    "Early help",
    "Education",
    "Housing",
    "Public health",
    "Youth justice",
    "Libraries",
    "Highways",
    "Council tax",
    "Benefits",
    "Licensing",
    "Planning",
    "Waste",
    "Registrars",
    "Human resources",
    "Payroll",
    "Customer services",
    "Trading standards",
    "Environmental health",
    "SEND",
    "Schools admissions",
    "Family hubs",
    "Fostering and adoption",
    "Leaving care",
    "Domestic abuse",
    "Homelessness",
    "Electoral services",
    "Legal services",
    "Internal audit",
)
NOUNS = (
    "assessment",
    "referral",
    "case management",
    "review",
    "registration",
    "applications",
    "payments",
    "complaints",
    "enquiries",
    "visits",
    "support plans",
    "programmes",
    "monitoring",
    "reporting",
    "appeals",
    "investigations",
    "records",
    "commissioning",
)
RECIPIENT_GROUPS = (
    ("health", "Health", "NHS trusts, GPs, health visitors and public health teams", "NHS"),
    (
        "police-and-justice",
        "Police and justice",
        "Police, probation, courts and youth justice",
        "Police",
    ),
    ("education", "Education", "Schools, colleges and early years settings", "School"),
    ("internal", "Council services", "Other teams within the council", "Council"),
    ("processors", "Suppliers", "Companies that process data on our behalf", "Supplier"),
    ("voluntary", "Voluntary sector", "Charities and community organisations", "Charity"),
    ("government", "Central government", "Government departments and agencies", "Department"),
    (
        "housing",
        "Housing providers",
        "Registered social landlords and housing associations",
        "Housing",
    ),
    ("regulators", "Regulators", "Inspectorates, ombudsmen and regulators", "Regulator"),
    ("other-councils", "Other councils", "Neighbouring and district councils", "District"),
)
PLACES = (
    "Northtown",
    "Southby",
    "Eastmere",
    "Westford",
    "Highbridge",
    "Lowfield",
    "Ashcombe",
    "Brackley",
    "Carnforth",
    "Dunmore",
    "Elmswell",
    "Fairhaven",
    "Glenholm",
    "Hartwell",
    "Ivybridge",
    "Kingsmead",
    "Langdale",
    "Marston",
    "Newbold",
    "Oakley",
)
SUBJECTS = (
    ("residents", "Residents", False),
    ("children", "Children and young people", True),
    ("parents-and-carers", "Parents and carers", False),
    ("staff", "Staff and volunteers", False),
    ("service-users", "Service users", False),
    ("tenants", "Tenants", False),
    ("pupils", "Pupils", True),
    ("carers", "Unpaid carers", False),
    ("applicants", "Applicants", False),
    ("complainants", "Complainants", False),
    ("councillors", "Councillors", False),
    ("suppliers", "Suppliers' staff", False),
)
ORDINARY = (
    ("contact-details", "Contact details", "Identity and contact"),
    ("identifiers", "Identifiers", "Identity and contact"),
    ("date-of-birth", "Date of birth", "Identity and contact"),
    ("family-circumstances", "Family circumstances", "Family life"),
    ("household", "Household members", "Family life"),
    ("education-records", "Education records", "Education"),
    ("employment", "Employment details", "Work and money"),
    ("financial", "Financial details", "Work and money"),
    ("benefits", "Benefits and entitlements", "Work and money"),
    ("housing-details", "Housing details", "Housing"),
    ("case-notes", "Case notes", "Casework"),
    ("safeguarding-concerns", "Safeguarding concerns", "Safeguarding"),
    ("correspondence", "Correspondence", "Casework"),
    ("photographs", "Photographs and video", "Identity and contact"),
    ("location-data", "Location data", "Identity and contact"),
)
SPECIAL = (
    ("health", "Health and disability", "health"),
    ("mental-health", "Mental health", "health"),
    ("ethnicity", "Ethnic origin", "racial-or-ethnic-origin"),
    ("religion", "Religion or belief", "religious-or-philosophical-beliefs"),
    ("sexual-orientation", "Sexual orientation", "sexual-orientation"),
    ("trade-union", "Trade union membership", "trade-union-membership"),
    ("biometrics", "Biometric identifiers", "biometric"),
)
CRIMINAL = (
    ("offending", "Offending and convictions"),
    ("allegations", "Allegations of offences"),
)
PROVISION_WORDS = {
    "section": "s",
    "part": "Part",
    "regulation": "reg",
    "schedule": "Sch",
    "paragraph": "para",
}


def _citations() -> list[str]:
    """Citations of real provisions from the built-in catalogue that the parser accepts."""
    from privacymap import law

    found: list[str] = []
    for instrument in law.instruments():
        for note in instrument.provisions:
            parts = note.path.split("/")
            words = [
                f"{PROVISION_WORDS.get(kind, kind)} {number}"
                for kind, number in zip(parts[::2], parts[1::2], strict=False)
            ]
            text = f"{instrument.title} {' '.join(words)}"
            if law.parse_citation(text).ok:
                found.append(text)
    return found


def _schedule1() -> tuple[list[int], list[int]]:
    """Sch 1 Part 2 paragraphs usable for 9(2)(g), and paragraphs that also serve Art 10."""
    from privacymap import law

    spi = next(c for c in law.art9_conditions() if c.id == "substantial-public-interest")
    art10 = [p.number for p in law.schedule1_paragraphs() if p.art10 and p.part in (1, 2)]
    return list(spi.schedule1_paragraphs), art10


def _dump(data: dict[str, Any], header: str) -> str:
    body = yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return f"# {header}\n\n{body}"


def generate(activities: int, seed: int) -> dict[str, str]:
    """File name -> YAML text of a synthetic data map with `activities` activities."""
    rng = random.Random(seed)
    files: dict[str, str] = {}

    # ---------------------------------------------------------------- organisation
    organisation = {
        "notice": {
            "title": "How Northshire County Council uses your information",
            "service": "All council services",
            "language": "en-GB",
            "version": f"{seed}.0",
            "last_updated": "2026-03-02",
            "introduction": "This notice explains what information the council holds about you, "
            "why, who we share it with, how long we keep it and what your rights are.",
            "aims": [
                "Deliver council services fairly and efficiently.",
                "Keep children and adults at risk safe from harm.",
            ],
            "full_notice": {
                "title": "Corporate privacy notice",
                "url": "https://www.northshire.example.gov.uk/privacy",
            },
        },
        "controller": {
            "name": "Northshire County Council",
            "public_authority": True,
            "address": "County Hall, Market Street, Northtown, NS1 2AB",
            "email": "privacy@northshire.example.gov.uk",
            "telephone": "01632 960000",
            "website": "https://www.northshire.example.gov.uk",
            "ico_registration": "Z9876543",
        },
        "dpo": {
            "name": "Data Protection Officer",
            "organisation": "Northshire County Council",
            "email": "dpo@northshire.example.gov.uk",
            "telephone": "01632 960001",
        },
        "contacts": [
            {
                "id": "information-governance",
                "role": "rights-requests",
                "team": "Information Governance Team",
                "organisation": "Northshire County Council",
                "email": "information.governance@northshire.example.gov.uk",
            },
            {
                "id": "complaints",
                "role": "complaints",
                "team": "Customer Feedback Team",
                "email": "feedback@northshire.example.gov.uk",
                "url": "https://www.northshire.example.gov.uk/complaints",
            },
        ],
        "rights_requests": {
            "contact": "information-governance",
            "how": "Write to us, email us or ask any member of staff.",
        },
        "transfers": {"none": True, "statement": "We do not send your information outside the UK."},
        "retention_policy": {
            "statement": "We keep records only as long as our retention schedule says.",
            "adheres": True,
        },
    }
    files["organisation.yaml"] = _dump(organisation, "Synthetic organisation: who we are.")

    # ---------------------------------------------------------------- catalogue
    subjects = [{"id": i, "name": n, **({"children": True} if c else {})} for i, n, c in SUBJECTS]
    categories: list[dict[str, Any]] = [{"id": i, "name": n, "group": g} for i, n, g in ORDINARY]
    categories += [
        {"id": i, "name": n, "group": "Sensitive", "special": [s]} for i, n, s in SPECIAL
    ]
    categories += [
        {"id": i, "name": n, "group": "Offending", "criminal_offence": True} for i, n in CRIMINAL
    ]
    ordinary_ids = [c[0] for c in ORDINARY]
    special_ids = [c[0] for c in SPECIAL]
    criminal_ids = [c[0] for c in CRIMINAL]
    groups = [{"id": i, "name": n, "description": d} for i, n, d, _ in RECIPIENT_GROUPS]
    recipients: list[dict[str, Any]] = []
    for number in range(300):
        gid, _, _, word = RECIPIENT_GROUPS[number % len(RECIPIENT_GROUPS)]
        place = PLACES[(number // len(RECIPIENT_GROUPS)) % len(PLACES)]
        serial = number // (len(RECIPIENT_GROUPS) * len(PLACES))
        name = f"{place} {word} {serial + 1}"
        item: dict[str, Any] = {
            "id": f"{gid}-{place.lower()}-{serial + 1}",
            "name": name,
            "group": gid,
        }
        if gid == "internal":
            item["internal"] = True
            item["role"] = "internal"
        elif gid == "processors":
            item["role"] = "processor"
            item["contract"] = f"https://contracts.example.gov.uk/{number}"
        else:
            item["role"] = "controller"
        recipients.append(item)
    recipient_ids = [r["id"] for r in recipients]
    sources: list[dict[str, Any]] = [
        {
            "id": "you",
            "name": "You",
            "kind": "data-subject",
            "provides": ordinary_ids[:6] + special_ids[:2],
        }
    ]
    for number in range(60):
        place = PLACES[number % len(PLACES)]
        kind = ("referrers", "schools", "health-services", "police", "partners")[number % 5]
        sources.append(
            {
                "id": f"{kind}-{place.lower()}-{number // len(PLACES) + 1}",
                "name": f"{place} {kind.replace('-', ' ')}",
                "kind": "third-party",
                "provides": rng.sample(ordinary_ids, 3) + rng.sample(special_ids, 1),
            }
        )
    source_ids = [s["id"] for s in sources]
    catalogue = {
        "subjects": subjects,
        "categories": categories,
        "sources": sources,
        "recipient_groups": groups,
        "recipients": recipients,
    }
    files["catalogue.yaml"] = _dump(catalogue, "Who and what: subjects, data, sources, recipients.")

    # ---------------------------------------------------------------- law
    citations = _citations()
    spi_paras, art10_paras = _schedule1()
    bases: list[dict[str, Any]] = []
    for number in range(40):
        kind = rng.random()
        if kind < 0.7:
            bases.append(
                {
                    "id": f"public-task-{number}",
                    "basis": "public-task",
                    "law": rng.sample(citations, rng.randint(1, 3)),
                    "task": f"Delivering {SERVICES[number % len(SERVICES)].lower()}.",
                }
            )
        elif kind < 0.85:
            bases.append(
                {
                    "id": f"legal-obligation-{number}",
                    "basis": "legal-obligation",
                    "law": rng.sample(citations, rng.randint(1, 2)),
                }
            )
        elif kind < 0.95:
            bases.append(
                {
                    "id": f"consent-{number}",
                    "basis": "consent",
                    "withdrawal": "Tell your case worker or email us.",
                }
            )
        else:
            bases.append({"id": f"contract-{number}", "basis": "contract"})
    basis_ids = [b["id"] for b in bases]
    conditions: list[dict[str, Any]] = [
        {"id": "health-and-care", "condition": "health-social-care", "schedule1": [2]},
        {"id": "explicit-consent", "condition": "explicit-consent"},
        {
            "id": "employment",
            "condition": "employment-social-security",
            "schedule1": [1],
            "policy_document": "appropriate-policy-document",
        },
    ]
    for number, para in enumerate(spi_paras):
        conditions.append(
            {
                "id": f"spi-para-{para}",
                "condition": "substantial-public-interest",
                "schedule1": [f"DPA 2018 Sch 1 para {para}"] if number % 2 else [para],
                "policy_document": "appropriate-policy-document",
            }
        )
    condition_ids = [c["id"] for c in conditions]
    criminal_conditions: list[dict[str, Any]] = [
        {"id": "official-authority", "route": "official-authority", "law": rng.sample(citations, 1)}
    ]
    for para in art10_paras[:10]:
        criminal_conditions.append(
            {
                "id": f"art10-para-{para}",
                "route": "schedule1",
                "schedule1": [para],
                "policy_document": "appropriate-policy-document",
            }
        )
    criminal_condition_ids = [c["id"] for c in criminal_conditions]
    purposes: list[dict[str, Any]] = []
    for number in range(80):
        service = SERVICES[number % len(SERVICES)]
        purposes.append(
            {
                "id": f"purpose-{number}",
                "name": f"To deliver {service.lower()} ({NOUNS[number % len(NOUNS)]})",
                "bases": [rng.choice(basis_ids)],
                "conditions": [rng.choice(condition_ids)],
            }
        )
    purposes.append({"id": "unclassified", "name": "Purpose not yet assessed"})
    evidence = [
        {
            "id": "appropriate-policy-document",
            "kind": "appropriate-policy-document",
            "title": "Appropriate policy document",
            "link": "https://www.northshire.example.gov.uk/apd",
            "date": "2025-11-01",
        },
        {
            "id": "corporate-dpia",
            "kind": "dpia",
            "title": "Corporate DPIA",
            "link": "https://www.northshire.example.gov.uk/dpia",
        },
    ]
    law_file = {
        "purposes": purposes,
        "lawful_bases": bases,
        "conditions": conditions,
        "criminal_offence_conditions": criminal_conditions,
        "evidence": evidence,
    }
    files["law.yaml"] = _dump(law_file, "Purposes, lawful bases, conditions and evidence.")

    # ---------------------------------------------------------------- activities
    per_file = max(MIN_ACTIVITIES_PER_FILE, -(-activities // ACTIVITY_FILES))
    count = max(1, -(-activities // per_file))
    triggers = ("date-of-birth", "closure", "last-contact", "creation", "end-of-year")
    for chunk in range(count):
        acts: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        for number in range(chunk * per_file, min(activities, (chunk + 1) * per_file)):
            service = SERVICES[number % len(SERVICES)]
            noun = NOUNS[(number // len(SERVICES)) % len(NOUNS)]
            act_id = f"activity-{number:05d}"
            cats = rng.sample(ordinary_ids, rng.randint(2, 5))
            special = rng.random() < 0.35
            criminal = rng.random() < 0.1
            if special:
                cats += rng.sample(special_ids, rng.randint(1, 2))
            if criminal:
                cats.append(rng.choice(criminal_ids))
            activity: dict[str, Any] = {
                "id": act_id,
                "name": f"{service}: {noun} {number}",
                "business_function": service,
            }
            defect = rng.random()
            if defect < NO_BASIS_SHARE:
                activity["purposes"] = ["unclassified"]
            else:
                activity["purposes"] = [f"purpose-{rng.randrange(80)}"]
                if rng.random() < 0.5:
                    activity["bases"] = [rng.choice(basis_ids)]
            activity["subjects"] = rng.sample([s[0] for s in SUBJECTS], rng.randint(1, 3))
            activity["categories"] = cats
            if special and rng.random() >= NO_CONDITION_SHARE / 0.35:
                activity["conditions"] = [rng.choice(condition_ids)]
            elif special:
                activity["purposes"] = ["unclassified"]  # no condition to fall back on
                activity["bases"] = [rng.choice(basis_ids)]
            if criminal:
                activity["criminal_offence_conditions"] = [rng.choice(criminal_condition_ids)]
            collects = []
            for source in rng.sample(source_ids, rng.randint(1, 3)):
                flow: dict[str, Any] = {"from": source}
                if rng.random() < 0.3:
                    flow["categories"] = rng.sample(cats, max(1, len(cats) // 2))
                collects.append(flow)
            discloses = []
            for recipient in rng.sample(recipient_ids, rng.randint(2, 6)):
                flow = {"to": recipient}
                draw = rng.random()
                if draw < 0.25:
                    flow["categories"] = rng.sample(cats, max(1, len(cats) // 2))
                if draw < 0.1:
                    flow["bases"] = [rng.choice(basis_ids)]
                if draw > 0.9:
                    flow["when"] = ["Only when there is a risk of harm."]
                discloses.append(flow)
            activity["collects"] = collects
            activity["discloses"] = discloses
            row_ids = [f"records-{number:05d}"]
            activity["retention"] = row_ids
            activity["location"] = "Case management system"
            acts.append(activity)
            row: dict[str, Any] = {
                "id": row_ids[0],
                "record": f"{service} {noun} records",
                "categories": cats[:3],
            }
            if rng.random() >= NO_PERIOD_SHARE:
                row["period"] = f"P{rng.choice((1, 2, 3, 6, 7, 10, 15, 25, 75))}Y"
                row["trigger"] = rng.choice(triggers)
                row["disposal"] = "destroy"
            rows.append(row)
        files[f"activities-{chunk + 1:02d}.yaml"] = _dump(
            {"activities": acts, "retention": rows},
            f"Processing activities, part {chunk + 1} of {count}.",
        )
    return files


def write(activities: int, seed: int, out: Path) -> list[Path]:
    """Generate and write the map into `out` (created; stale activity files removed)."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.yaml"):
        stale.unlink()
    written = []
    for name, text in generate(activities, seed).items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    paths = write(args.activities, args.seed, args.out)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files, {size / 1024:.0f} KiB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
