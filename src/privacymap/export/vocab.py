"""The vocabularies the export speaks: namespaces, and the vendored DPV 2.3 term list.

Every `dpv:`, `pd:`, `eu-gdpr:` and `legal-gb:` term the exporter writes must be
in the official DPV 2.3 CSV files shipped in `privacymap/data/dpv/` (see the
README there for version, source and licence); `unknown_terms` finds any that is
not, and the exporter refuses to produce such a document.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

DPV = "https://w3id.org/dpv#"
PD = "https://w3id.org/dpv/pd#"
EU_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
LEGAL_GB = "https://w3id.org/dpv/legal/gb#"
PMUK = "urn:privacymap:uk:"
"""privacymap's concepts for UK law that DPV lacks (documented in docs/dpv-export.md).
A URN, not a web address: privacymap controls no domain to publish them under, and
each concept is defined (label, skos:broader, dct:source) in every export."""
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

PREFIXES: dict[str, str] = {
    "dpv": DPV,
    "pd": PD,
    "eu-gdpr": EU_GDPR,
    "legal-gb": LEGAL_GB,
    "pmuk": PMUK,
    "dct": DCT,
    "skos": SKOS,
    "rdfs": RDFS,
    "xsd": XSD,
}
VENDORED = {DPV: "dpv.csv", PD: "pd.csv", EU_GDPR: "eu-gdpr.csv", LEGAL_GB: "legal-gb.csv"}
VERSION = "2.3"


@cache
def terms() -> frozenset[str]:
    """Every IRI of the vendored DPV 2.3 vocabularies."""
    folder = resources.files("privacymap.data").joinpath("dpv")
    found: set[str] = set()
    for name in VENDORED.values():
        text = folder.joinpath(name).read_text("utf-8")
        found.update(row["iri"] for row in csv.DictReader(io.StringIO(text)))
    return frozenset(found)


@cache
def labels(namespace: str) -> dict[str, str]:
    """Term IRI by its label folded to lower case, for one vendored vocabulary."""
    text = resources.files("privacymap.data").joinpath("dpv", VENDORED[namespace])
    rows = csv.DictReader(io.StringIO(text.read_text("utf-8")))
    return {row["label"].strip().lower(): row["iri"] for row in rows if row["label"]}


def expand(term: str) -> str:
    """`dpv:Process` -> its full IRI; a full IRI stays as it is."""
    prefix, sep, local = term.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return term


def _iris(value: object) -> Iterator[str]:
    """Every IRI a JSON-LD value names: keys (properties), @id and @type values."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@"):
                yield expand(key)
            if key in ("@id", "@type"):
                yield from (expand(v) for v in ([item] if isinstance(item, str) else item))
            elif key != "@context":
                yield from _iris(item)
    elif isinstance(value, list):
        for item in value:
            yield from _iris(item)


def unknown_terms(document: object, extra: Iterable[str] = ()) -> list[str]:
    """Terms of the DPV namespaces in `document` that DPV 2.3 does not define."""
    known = terms() | set(extra)
    checked = tuple(VENDORED)
    return sorted({i for i in _iris(document) if i.startswith(checked) and i not in known})
