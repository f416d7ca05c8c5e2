"""UK concepts DPV 2.3 does not have, in privacymap's namespace (`pmuk:`).

DPV's UK extension (legal-gb) names only the UK GDPR, the DPA 2018 and the ICO.
These concepts carry the rest of what a UK controller relies on: the
recognised legitimate interest basis (UK GDPR Art 6(1)(ea), inserted by the
Data (Use and Access) Act 2025 s 70), the two Art 10 routes, and each
condition of DPA 2018 Schedule 1. Each is a `skos:Concept` with a label,
`skos:broader` the nearest DPV concept and `dct:source` its legislation.gov.uk
identifier. The facts (headings, Parts, which Art 9 condition a paragraph
serves) come from `privacymap.law`; this module only names them.
"""

from __future__ import annotations

from typing import Any

from privacymap import law
from privacymap.export.vocab import DPV, PMUK

DPA_2018 = "https://www.legislation.gov.uk/id/ukpga/2018/12"
UK_GDPR = "https://www.legislation.gov.uk/id/eur/2016/679"

ART6_EA = f"{PMUK}A6-1-ea"
ART10_OFFICIAL = f"{PMUK}A10-official-authority"
ART10_SCHEDULE1 = f"{PMUK}A10-schedule1"


def id_uri(url: str) -> str:
    """legislation.gov.uk document address -> its identifier URI (`/id/` after the host)."""
    host = "https://www.legislation.gov.uk/"
    return host + "id/" + url[len(host) :] if url.startswith(host) else url


def paragraph_concept(number: int) -> str:
    return f"{PMUK}DPA2018-Sch1-para{number}"


def art10_concept(route: str) -> str:
    return ART10_OFFICIAL if route == "official-authority" else ART10_SCHEDULE1


def _concept(iri: str, label: str, broader: list[str], source: str, **more: Any) -> dict[str, Any]:
    return {
        "@id": iri,
        "@type": "skos:Concept",
        "rdfs:label": label,
        "skos:broader": [{"@id": b} for b in broader],
        "dct:source": {"@id": source},
        **more,
    }


def paragraph_routes(para: law.Schedule1Paragraph) -> list[str]:
    """What a Schedule 1 condition authorises: Art 9 condition ids, and "art10"."""
    routes = [c.id for c in law.art9_conditions() if para.number in c.schedule1_paragraphs]
    if para.part == 3 or para.art10:
        routes.append("art10")
    return routes


def _broader(para: law.Schedule1Paragraph) -> list[str]:
    out = []
    for route in paragraph_routes(para):
        if route == "art10":
            out.append(ART10_SCHEDULE1)
        else:
            condition = law.art9_condition(route)
            if condition and condition.dpv:
                out.append(condition.dpv)
    return out


def paragraph_node(para: law.Schedule1Paragraph) -> dict[str, Any]:
    heading = para.heading or f"paragraph {para.number}"
    return _concept(
        paragraph_concept(para.number),
        f"DPA 2018 Sch 1 Part {para.part} para {para.number}: {heading}",
        _broader(para),
        id_uri(para.url),
    )


def nodes(
    paragraphs: set[int] | None = None, art10: set[str] | None = None, ea: bool = False
) -> list[dict[str, Any]]:
    """The concepts a document uses (all Schedule 1 conditions when `paragraphs` is None)."""
    out = []
    if ea:
        basis = law.art6_basis("recognised-legitimate-interest")
        assert basis is not None
        out.append(
            _concept(
                ART6_EA,
                f"UK GDPR Art {basis.article}: {basis.name}",
                [f"{DPV}LegitimateInterest"],
                f"{UK_GDPR}/article/6",
            )
        )
    routes = {r.id: r for r in law.art10_routes()}
    for route in sorted(art10 if art10 is not None else routes):
        broader = (
            f"{DPV}OfficialAuthorityOfController"
            if route == "official-authority"
            else f"{DPV}LegalBasis"
        )
        out.append(
            _concept(
                art10_concept(route),
                f"UK GDPR Art 10: {routes[route].name}",
                [broader],
                f"{UK_GDPR}/article/10",
            )
        )
    for para in law.schedule1_paragraphs():
        if paragraphs is None or para.number in paragraphs:
            out.append(paragraph_node(para))
    return out
