"""The data map as W3C DPV 2.3 linked data (JSON-LD), term by term.

One `dpv:Process` per processing activity with its controller, purposes, data
subjects, personal data, processing operations, recipients (with their roles),
legal bases (the EU GDPR extension's A6-1-x / A9-2-x concepts, each basis a
node carrying the UK law relied on as `dct:source` legislation.gov.uk
identifiers), storage conditions, applicable law, notice and transfers. UK
concepts DPV lacks come from `privacymap.export.uk`. The document is plain
data built without rdflib, so the notice can embed it; `rdflib` is needed only
to write Turtle (`privacymap.export.turtle`).

Nothing is added that the map does not say: a processing operation appears
only when the map records it (collections: `dpv:Collect`; disclosures:
`dpv:Disclose`; a retention rule: `dpv:Store`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from privacymap import law
from privacymap.export import uk
from privacymap.export.vocab import PD, PREFIXES, RDF, unknown_terms
from privacymap.index import FlowView, Index
from privacymap.model import Activity, Category, Condition, CriminalOffenceCondition, LawfulBasis

Node = dict[str, Any]

SPECIAL_PD = {
    "racial-or-ethnic-origin": ["pd:Race", "pd:EthnicOrigin"],
    "political-opinions": ["pd:PoliticalOpinion"],
    "religious-or-philosophical-beliefs": ["pd:ReligiousBelief", "pd:PhilosophicalBelief"],
    "trade-union-membership": ["pd:TradeUnionMembership"],
    "genetic": ["pd:Genetic"],
    "biometric": ["pd:Biometric"],
    "health": ["pd:Health"],
    "sex-life": ["pd:SexualHistory"],
    "sexual-orientation": ["pd:SexualPreference"],
}
"""The DPV-PD concept nearest each Art 9(1) special category."""

ROLES = {
    "processor": "dpv:DataProcessor",
    "controller": "dpv:DataController",
    "joint-controller": "dpv:JointDataControllers",
}
TRANSFER_MECHANISMS = {
    "binding-corporate-rules": "eu-gdpr:A46-2-b",
    "public-body-instrument": "eu-gdpr:A46-2-a",
    "code-of-conduct": "eu-gdpr:A46-2-e",
    "certification": "eu-gdpr:A46-2-f",
    "derogation-explicit-consent": "eu-gdpr:A49-1-a",
    "derogation-contract": "eu-gdpr:A49-1-b",
    "derogation-contract-in-interest": "eu-gdpr:A49-1-c",
    "derogation-public-interest": "eu-gdpr:A49-1-d",
    "derogation-legal-claims": "eu-gdpr:A49-1-e",
    "derogation-vital-interests": "eu-gdpr:A49-1-f",
    "derogation-public-register": "eu-gdpr:A49-1-g",
    "compelling-legitimate-interests": "eu-gdpr:A49-2",
}
"""Transfer mechanisms whose UK GDPR article point has the EU GDPR concept's number.
UK adequacy regulations (Art 45A) and the Commissioner's IDTA and Addendum (s 119A)
have no EU counterpart and are typed `dpv:DataTransferLegalBasis` only."""

CONTEXT: dict[str, Any] = {**PREFIXES, "rdf": RDF}


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _refs(iris: list[str]) -> list[dict[str, str]]:
    return [_ref(i) for i in dict.fromkeys(iris)]


class _Builder:
    """Collects the nodes of one document, each once, in a stable order."""

    def __init__(self, index: Index, base: str) -> None:
        self.index = index
        self.base = base
        self.nodes: dict[str, Node] = {}
        self.paragraphs: set[int] = set()
        self.art10: set[str] = set()
        self.ea = False

    def iri(self, kind: str, item_id: str) -> str:
        return f"{self.base}{kind}/{item_id}"

    def add(self, node: Node) -> str:
        self.nodes.setdefault(node["@id"], node)
        return str(node["@id"])

    # ----------------------------------------------------------------- parties

    def controller(self) -> str:
        c = self.index.datamap.controller
        node: Node = {
            "@id": self.iri("controller", "controller"),
            "@type": "dpv:DataController",
            "dpv:hasName": c.name,
        }
        if c.address:
            node["dpv:hasAddress"] = c.address
        dpo = self.index.datamap.dpo
        if dpo is not None:
            name = ", ".join(x for x in (dpo.name, dpo.team, dpo.organisation) if x)
            officer: Node = {"@id": self.iri("dpo", "dpo"), "@type": "dpv:DataProtectionOfficer"}
            if name:
                officer["dpv:hasName"] = name
            node["dpv:hasDataProtectionOfficer"] = _ref(self.add(officer))
        return self.add(node)

    def notice(self) -> str:
        notice = self.index.datamap.notice
        node: Node = {
            "@id": self.iri("notice", "notice"),
            "@type": "dpv:PrivacyNotice",
            "dct:title": notice.title,
        }
        if notice.last_updated:  # a month given as published is an xsd:gYearMonth
            kind = "xsd:date" if notice.last_updated.day else "xsd:gYearMonth"
            node["dct:modified"] = {"@value": notice.last_updated.isoformat(), "@type": kind}
        return self.add(node)

    def recipient(self, recipient_id: str) -> str:
        r = self.index.recipients[recipient_id]
        types = ["dpv:Recipient", *([ROLES[r.role]] if r.role in ROLES else [])]
        node: Node = {"@id": self.iri("recipient", r.id), "@type": types, "dpv:hasName": r.name}
        if r.internal or r.role == "internal":  # part of the controller: DPV has no role for it
            node["dct:isPartOf"] = _ref(self.iri("controller", "controller"))
        return self.add(node)

    def subject(self, subject_id: str) -> str:
        s = self.index.by_id.get("subjects", {})[subject_id]
        types = ["dpv:DataSubject", *(["dpv:Child"] if getattr(s, "children", False) else [])]
        return self.add(
            {
                "@id": self.iri("subject", subject_id),
                "@type": types,
                "rdfs:label": getattr(s, "name", subject_id),
            }
        )

    def purpose(self, purpose_id: str) -> str:
        p = self.index.purposes[purpose_id]
        return self.add(
            {"@id": self.iri("purpose", p.id), "@type": "dpv:Purpose", "rdfs:label": p.name}
        )

    # ----------------------------------------------------------------- data

    def category(self, category: Category) -> str:
        """The DPV-PD term whose label is the category's name, else a local concept."""
        exact = _pd_by_label(category.name)
        if exact and not category.special and not category.criminal_offence:
            return exact
        broader = [t for s in category.special for t in SPECIAL_PD[s]]
        if category.criminal_offence:
            broader.append("pd:Criminal")
        types = ["dpv:PersonalData", "skos:Concept"]
        if category.special:
            types.append("dpv:SpecialCategoryPersonalData")
        node: Node = {
            "@id": self.iri("category", category.id),
            "@type": types,
            "rdfs:label": category.name,
        }
        if exact:
            broader.insert(0, exact)
        node["skos:broader"] = _refs(broader or ["dpv:PersonalData"])
        return self.add(node)

    # ----------------------------------------------------------------- law

    def _sources(self, texts: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for text in texts:
            parsed = self.index.citations.get(text) or law.parse_citation(text)
            if isinstance(parsed, law.Citation):
                out.extend(uk.id_uri(u) for u in parsed.urls)
        return out

    def basis(self, basis: LawfulBasis) -> str:
        art6 = law.art6_basis(basis.basis)
        assert art6 is not None
        if art6.dpv:
            concept = art6.dpv
        else:  # Art 6(1)(ea): not in the EU GDPR
            concept, self.ea = uk.ART6_EA, True
        node: Node = {
            "@id": self.iri("basis", basis.id),
            "@type": [concept],
            "rdfs:label": f"UK GDPR Art {art6.article}: {art6.name}",
        }
        sources = self._sources(basis.law)
        if sources:
            node["dct:source"] = _refs(sources)
        return self.add(node)

    def condition(self, condition: Condition) -> str:
        art9 = law.art9_condition(condition.condition)
        assert art9 is not None and art9.dpv is not None
        types = [art9.dpv]
        sources = self._sources(condition.law)
        for number in self._paragraphs(condition.schedule1):
            types.append(uk.paragraph_concept(number))
            sources.append(uk.id_uri(law.schedule1_paragraph(number).url))  # type: ignore[union-attr]
        node: Node = {
            "@id": self.iri("condition", condition.id),
            "@type": types,
            "rdfs:label": f"UK GDPR Art {art9.article}: {art9.name}",
        }
        if sources:
            node["dct:source"] = _refs(sources)
        return self.add(node)

    def criminal(self, condition: CriminalOffenceCondition) -> str:
        self.art10.add(condition.route)
        types = [uk.art10_concept(condition.route)]
        sources = self._sources(condition.law)
        for number in self._paragraphs(condition.schedule1):
            types.append(uk.paragraph_concept(number))
            sources.append(uk.id_uri(law.schedule1_paragraph(number).url))  # type: ignore[union-attr]
        node: Node = {
            "@id": self.iri("criminal-offence-condition", condition.id),
            "@type": ["dpv:LegalBasis", *types],
            "rdfs:label": "UK GDPR Art 10",
        }
        if sources:
            node["dct:source"] = _refs(sources)
        return self.add(node)

    def _paragraphs(self, entries: tuple[int | str, ...]) -> list[int]:
        numbers: list[int] = []
        for entry in entries:
            for number in self.index.schedule1_numbers(entry):
                para = law.schedule1_paragraph(number)
                if para is not None and para.condition:
                    numbers.append(number)
                    self.paragraphs.add(number)
        return numbers

    # ----------------------------------------------------------------- retention, transfers

    def storage(self, retention_id: str) -> str:
        r = self.index.by_id.get("retention", {})[retention_id]
        iri = self.iri("retention", retention_id)
        node: Node = {
            "@id": iri,
            "@type": "dpv:StorageDuration",
            "rdfs:label": getattr(r, "record", retention_id),
        }
        period, criteria = getattr(r, "period", None), getattr(r, "criteria", None)
        duration: Node = {"@id": f"{iri}/duration"}
        if period:
            duration["@type"] = "dpv:Duration"
            duration["rdf:value"] = {"@value": period, "@type": "xsd:duration"}
        else:
            duration["@type"] = "dpv:IndeterminateDuration"
        if criteria:
            duration["dct:description"] = criteria
        node["dpv:hasDuration"] = _ref(self.add(duration))
        return self.add(node)

    def transfer(self, transfer: Any) -> str:
        types = ["dpv:DataTransferLegalBasis"]
        types += [TRANSFER_MECHANISMS[m] for m in transfer.mechanisms if m in TRANSFER_MECHANISMS]
        country = self.add(
            {
                "@id": self.iri("country", transfer.where),
                "@type": "dpv:ThirdCountry",
                "rdfs:label": transfer.where,
            }
        )
        node: Node = {
            "@id": self.iri("transfer", transfer.recipient),
            "@type": types,
            "dpv:hasThirdCountry": _ref(country),
            "dpv:hasRecipient": _ref(self.recipient(transfer.recipient)),
        }
        if transfer.safeguard:
            node["dct:description"] = transfer.safeguard
        return self.add(node)

    # ----------------------------------------------------------------- the process

    def process(self, activity: Activity, controller: str, notice: str) -> str:
        index = self.index
        flows = index.flows_of(activity.id)
        node: Node = {
            "@id": self.iri("activity", activity.id),
            "@type": "dpv:Process",
            "rdfs:label": activity.name,
            "dpv:hasDataController": _ref(controller),
        }
        purposes = [self.purpose(p) for p in activity.purposes if p in index.purposes]
        subjects = [
            self.subject(s) for s in activity.subjects if s in index.by_id.get("subjects", {})
        ]
        categories = [
            *index.activity_categories(activity),
            *(c for f in flows for c in f.categories),
        ]
        data = [self.category(c) for c in dict.fromkeys(categories)]
        processing = _operations(activity, flows)
        recipients = [self.recipient(f.recipient.id) for f in flows if f.recipient is not None]
        if activity.joint_controller and activity.joint_controller in index.recipients:
            joint = self.recipient(activity.joint_controller)
            node["dpv:hasJointDataControllers"] = _ref(joint)
        legal = self.legal_bases(activity, flows)
        storage = [
            self.storage(r) for r in activity.retention if r in index.by_id.get("retention", {})
        ]
        for key, values in (
            ("dpv:hasPurpose", purposes),
            ("dpv:hasDataSubject", subjects),
            ("dpv:hasPersonalData", data),
            ("dpv:hasProcessing", processing),
            ("dpv:hasRecipient", recipients),
            ("dpv:hasLegalBasis", legal),
            ("dpv:hasStorageCondition", storage),
        ):
            if values:
                node[key] = _refs(values)
        node["dpv:hasApplicableLaw"] = _refs(["legal-gb:law-GDPR", "legal-gb:law-DPA"])
        node["dpv:hasNotice"] = _ref(notice)
        return self.add(node)

    def legal_bases(self, activity: Activity, flows: tuple[FlowView, ...]) -> list[str]:
        """The activity's legal bases in DPV: its Art 6 bases, Art 9 conditions and Art 10
        routes with those of its flows (each once), and the transfer mechanisms of the
        flows' recipients."""
        index = self.index
        bases = [*index.activity_bases(activity), *(b for f in flows for b in f.bases)]
        legal = [self.basis(b) for b in dict.fromkeys(bases)]
        conditions = [
            *index.activity_conditions(activity),
            *(c for f in flows for c in f.conditions),
        ]
        legal += [self.condition(c) for c in dict.fromkeys(conditions)]
        crim_ids = [
            *activity.criminal_offence_conditions,
            *(c.id for f in flows for c in f.criminal_offence_conditions),
        ]
        legal += [
            self.criminal(index.criminal_offence_conditions[c])
            for c in dict.fromkeys(crim_ids)
            if c in index.criminal_offence_conditions
        ]
        transfers = index.datamap.transfers
        ids = {f.recipient.id for f in flows if f.recipient is not None}
        legal += [
            self.transfer(t) for t in (transfers.items if transfers else ()) if t.recipient in ids
        ]
        return legal


def _operations(activity: Activity, flows: tuple[FlowView, ...]) -> list[str]:
    """What is done with the data, as DPV processing: collected and disclosed where the
    activity has such flows, stored where it keeps records."""
    processing = []
    if any(f.direction == "collection" for f in flows):
        processing.append("dpv:Collect")
    if any(f.direction == "disclosure" for f in flows):
        processing.append("dpv:Disclose")
    if activity.retention:
        processing.append("dpv:Store")
    return processing


def _pd_by_label(name: str) -> str | None:
    from privacymap.export.vocab import labels

    iri = labels(PD).get(name.strip().lower())
    return "pd:" + iri[len(PD) :] if iri else None


def default_base(index: Index) -> str:
    """A URN for the map's own resources, from the controller's name (override with --base)."""
    name = re.sub(r"[^a-z0-9]+", "-", index.datamap.controller.name.lower()).strip("-")
    return f"urn:privacymap:map:{name or 'controller'}:"


class UnknownTermError(ValueError):
    """The document would use a term DPV 2.3 does not define (a bug in the exporter)."""


def document(index: Index, base: str | None = None) -> dict[str, Any]:
    """The data map as one JSON-LD document (a dict), checked against DPV 2.3."""
    builder = _Builder(index, base or default_base(index))
    controller = builder.controller()
    notice = builder.notice()
    for activity in index.datamap.activities:
        builder.process(activity, controller, notice)
    concepts = uk.nodes(builder.paragraphs, builder.art10, builder.ea)
    graph = [*concepts, *builder.nodes.values()]
    context = {**CONTEXT, "@language": index.datamap.notice.language}
    doc = {"@context": context, "@graph": graph}
    unknown = unknown_terms(doc)
    if unknown:
        raise UnknownTermError(f"not DPV 2.3 terms: {', '.join(unknown)}")
    return doc


def to_jsonld(index: Index, base: str | None = None) -> str:
    """The JSON-LD text, keys in a stable order, ending with a newline."""
    return json.dumps(document(index, base), indent=2, ensure_ascii=False) + "\n"


def script_data(index: Index, base: str | None = None) -> str:
    """The JSON-LD for a `<script type="application/ld+json">` block: compact, and with
    `<`, `>` and `&` escaped (\\u003c ...) so that no text can close the element, and
    U+0085, U+2028 and U+2029 escaped so that the page's line handling (which splits on
    them) cannot break a JSON string in two."""
    text = json.dumps(document(index, base), ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u0085\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
