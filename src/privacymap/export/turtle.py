"""Turtle from a JSON-LD document, with rdflib (imported only here: `check` and the
notice never need it)."""

from __future__ import annotations

import json
from typing import Any

from privacymap.export.vocab import PREFIXES, RDF


def to_turtle(document: dict[str, Any]) -> str:
    """The same graph as Turtle, with the document's prefixes bound."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="core")
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix, namespace in {**PREFIXES, "rdf": RDF}.items():
        graph.bind(prefix, rdflib.Namespace(namespace), override=True, replace=True)
    text: str = graph.serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"
