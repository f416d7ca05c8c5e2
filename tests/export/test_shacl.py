"""Every export conforms to the SHACL shapes shipped for it (pySHACL)."""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
import rdflib

from privacymap.export import dpv, schedule1
from privacymap.pipeline import resolve
from tests.export.test_dpv import MAPS

REPO = Path(__file__).resolve().parents[2]
SHAPES = REPO / "src" / "privacymap" / "data" / "shapes" / "dpv-export.ttl"


def _conforms(document: dict[str, object]) -> tuple[bool, str]:
    data = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)


@pytest.mark.parametrize("name", MAPS)
def test_the_export_of_each_sample_map_conforms(name: str) -> None:
    _, index, _ = resolve(REPO / name)
    assert index is not None
    conforms, report = _conforms(dpv.document(index))
    assert conforms, report


def test_the_schedule1_concepts_conform() -> None:
    assert _conforms(schedule1.document())[0]


def test_the_shapes_catch_a_process_without_controller() -> None:
    document = {"@context": {"dpv": "https://w3id.org/dpv#"},
                "@graph": [{"@id": "urn:x:p", "@type": "dpv:Process"}]}  # fmt: skip
    assert _conforms(document)[0] is False
