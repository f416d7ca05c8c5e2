"""DPA 2018 Schedule 1 Parts 1-3 as data for other tools: CSV, or Turtle (SKOS).

One row (or concept) per processing condition: paragraph, Part, heading, what
it authorises (the Art 9(2) condition it completes under DPA 2018 s 10, and
whether it reaches criminal offence data under Art 10, s 10(5)), whether an
appropriate policy document is needed, and its legislation.gov.uk address.
The facts are `privacymap.law`'s catalogue (data/schedule1.yaml).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from privacymap import law
from privacymap.export import uk
from privacymap.export.vocab import PREFIXES, unknown_terms

HEADINGS = (
    "paragraph",
    "part",
    "heading",
    "heading_verified",
    "authorises",
    "appropriate_policy_document",
    "url",
    "id_uri",
    "concept",
)


def _route_text(route: str) -> str:
    if route == "art10":
        return "Art 10 (criminal offence data)"
    condition = law.art9_condition(route)
    return f"Art {condition.article}" if condition else route


def _apd(para: law.Schedule1Paragraph) -> str:
    if para.apd_required is None:
        return "as for the condition relied on"
    return "yes" if para.apd_required else "no"


def rows() -> list[dict[str, str]]:
    """The processing conditions of Parts 1-3, in paragraph order."""
    out = []
    for para in law.schedule1_paragraphs():
        out.append(
            {
                "paragraph": str(para.number),
                "part": str(para.part),
                "heading": para.heading or "",
                "heading_verified": "yes" if para.heading_verified else "no",
                "authorises": "; ".join(_route_text(r) for r in uk.paragraph_routes(para)),
                "appropriate_policy_document": _apd(para),
                "url": para.url,
                "id_uri": uk.id_uri(para.url),
                "concept": uk.paragraph_concept(para.number),
            }
        )
    return out


def to_csv() -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=HEADINGS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows())
    return buffer.getvalue()


def document() -> dict[str, Any]:
    """The conditions as SKOS concepts in privacymap's UK namespace (JSON-LD)."""
    graph = uk.nodes()
    for node in graph:
        number = node["@id"].rsplit("para", 1)[-1]
        if node["@id"].startswith(uk.paragraph_concept(0)[:-1]) and number.isdigit():
            node["skos:notation"] = {"@value": number}
    doc = {"@context": {**PREFIXES, "@language": "en-GB"}, "@graph": graph}
    unknown = unknown_terms(doc)
    assert not unknown, unknown
    return doc
