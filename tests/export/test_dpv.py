"""`privacymap export dpv`: JSON-LD and Turtle that rdflib reads, using only DPV 2.3 terms."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS
from typer.testing import CliRunner

from privacymap.cli import app
from privacymap.export import dpv, uk
from privacymap.export.turtle import to_turtle
from privacymap.export.vocab import DPV, EU_GDPR, PD, VENDORED, terms, unknown_terms
from privacymap.pipeline import resolve

REPO = Path(__file__).resolve().parents[2]
MAPS = [
    "notices/lancashire-cfw",
    "examples/family-support",
    "examples/tutorial",
    "examples/shared-catalogue/adult-learning",
    "examples/shared-catalogue/registrars",
]
VENDOR = REPO / "src" / "privacymap" / "data" / "dpv"
runner = CliRunner()

D = rdflib.Namespace(DPV)
GDPR = rdflib.Namespace(EU_GDPR)


def _index(path: str | Path):  # type: ignore[no-untyped-def]
    _, index, diagnostics = resolve(REPO / path)
    assert index is not None, diagnostics
    return index


def _graph(document: dict[str, object]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(document), format="json-ld")


@pytest.mark.parametrize("name", MAPS)
def test_jsonld_and_turtle_parse_to_the_same_graph(name: str) -> None:
    document = dpv.document(_index(name))
    from_jsonld = _graph(document)
    from_turtle = rdflib.Graph().parse(data=to_turtle(document), format="turtle")
    assert len(from_jsonld) > 50
    assert isomorphic(from_jsonld, from_turtle)
    processes = set(from_jsonld.subjects(RDF.type, D.Process))
    assert len(processes) == len(_index(name).datamap.activities)


@pytest.mark.parametrize("name", MAPS)
def test_every_dpv_term_used_is_in_the_vendored_dpv_2_3_list(name: str) -> None:
    graph = _graph(dpv.document(_index(name)))
    checked = tuple(VENDORED)
    used = {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
    outside = sorted(t for t in used if t.startswith(checked) and t not in terms())
    assert outside == []
    assert any(t.startswith(PD) for t in used) or name != "notices/lancashire-cfw"


def test_an_invented_term_is_caught() -> None:
    assert unknown_terms({"@graph": [{"@id": "x", "@type": "dpv:DataSubjectConsent"}]}) == [
        f"{DPV}DataSubjectConsent"
    ]
    assert unknown_terms({"@graph": [{"@id": "x", "pd:Healthy": {"@id": "eu-gdpr:A6-1-z"}}]}) == [
        f"{EU_GDPR}A6-1-z",
        f"{PD}Healthy",
    ]
    assert unknown_terms({"@graph": [{"@id": "x", "legal-gb:law-DPA2": {"@id": "dpv:Process"}}]})


def test_the_exporter_refuses_a_term_dpv_does_not_define(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(dpv.ROLES, "processor", "dpv:DataProcessingAgent")
    with pytest.raises(dpv.UnknownTermError, match="DataProcessingAgent"):
        dpv.document(_index("examples/family-support"))


def test_the_vendored_files_are_dpv_2_3_with_their_licence() -> None:
    readme = (VENDOR / "README.md").read_text()
    assert "DPV 2.3" in readme and "f01a55c3c0983e35cdfdf80593ece3353faba7b8" in readme
    assert "W3C Software and Document" in (VENDOR / "LICENSE.md").read_text()
    for namespace, name in VENDORED.items():
        with (VENDOR / name).open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows and all(r["iri"].startswith(namespace) for r in rows), name
    assert f"{EU_GDPR}A9-2-g" in terms() and f"{DPV}Process" in terms()


def test_lancashire_triples_activity_basis_schedule1_and_recipient() -> None:
    index = _index("notices/lancashire-cfw")
    base = dpv.default_base(index)
    graph = _graph(dpv.document(index))
    activity = rdflib.URIRef(f"{base}activity/mash-referrals")
    condition = rdflib.URIRef(f"{base}condition/substantial-public-interest")
    assert (activity, RDF.type, D.Process) in graph
    assert (activity, D.hasLegalBasis, condition) in graph
    assert (condition, RDF.type, GDPR["A9-2-g"]) in graph
    para18 = rdflib.URIRef(uk.paragraph_concept(18))
    assert (condition, RDF.type, para18) in graph
    source = rdflib.URIRef(
        "https://www.legislation.gov.uk/id/ukpga/2018/12/schedule/1/paragraph/18"
    )
    assert (condition, DCTERMS.source, source) in graph
    assert (para18, SKOS.broader, GDPR["A9-2-g"]) in graph
    assert (
        activity,
        D.hasApplicableLaw,
        rdflib.URIRef("https://w3id.org/dpv/legal/gb#law-DPA"),
    ) in graph
    # an internal recipient is part of the controller; the external ones carry no role the
    # notice does not state
    internal = rdflib.URIRef(f"{base}recipient/lcc-childrens-social-care")
    controller = rdflib.URIRef(f"{base}controller/controller")
    assert (internal, DCTERMS.isPartOf, controller) in graph
    police = rdflib.URIRef(f"{base}recipient/lancashire-constabulary")
    assert set(graph.objects(police, RDF.type)) == {D.Recipient}


def test_a_processor_is_typed_as_one() -> None:
    index = _index("examples/family-support")
    graph = _graph(dpv.document(index))
    processors = [r.id for r in index.datamap.recipients if r.role == "processor"]
    assert processors
    for rid in processors:
        node = rdflib.URIRef(f"{dpv.default_base(index)}recipient/{rid}")
        assert (node, RDF.type, D.DataProcessor) in graph


def test_uk_concepts_dpv_lacks_are_defined_with_a_broader_dpv_concept(tmp_path: Path) -> None:
    text = (REPO / "examples/family-support/law.yaml").read_text()
    assert "basis: public-task" in text
    folder = tmp_path / "m"
    import shutil

    shutil.copytree(REPO / "examples/family-support", folder)
    law_file = folder / "law.yaml"
    law_file.write_text(
        text.replace("basis: public-task", "basis: recognised-legitimate-interest", 1)
    )
    _, index, diagnostics = resolve(folder)
    assert index is not None, diagnostics
    graph = _graph(dpv.document(index))
    ea = rdflib.URIRef(uk.ART6_EA)
    assert (ea, SKOS.broader, D.LegitimateInterest) in graph
    assert any(graph.subjects(RDF.type, ea))


def test_the_export_is_deterministic() -> None:
    index = _index("notices/lancashire-cfw")
    assert dpv.to_jsonld(index) == dpv.to_jsonld(_index("notices/lancashire-cfw"))
    assert to_turtle(dpv.document(index)) == to_turtle(dpv.document(index))


def test_cli_export_dpv(tmp_path: Path) -> None:
    out = tmp_path / "map.jsonld"
    result = runner.invoke(app, ["export", "dpv", str(REPO / MAPS[1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(out, format="json-ld")) > 50
    ttl = runner.invoke(app, ["export", "dpv", str(REPO / MAPS[1]), "--format", "ttl"])
    assert ttl.exit_code == 0 and "@prefix dpv: <https://w3id.org/dpv#> ." in ttl.stdout
    based = runner.invoke(
        app, ["export", "dpv", str(REPO / MAPS[1]), "--base", "https://x.example/m/"]
    )
    assert '"@id": "https://x.example/m/activity/' in based.stdout
    assert runner.invoke(app, ["export", "dpv", str(REPO / MAPS[1]), "-f", "xml"]).exit_code == 2
    missing = runner.invoke(app, ["export", "dpv", str(tmp_path / "nope")])
    assert missing.exit_code == 2


def test_the_notice_embeds_the_same_graph(tmp_path: Path) -> None:
    from privacymap.notice import render_notice

    index = _index("notices/lancashire-cfw")
    html = render_notice(index)["notice.html"].decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    block = html[start : html.index("</script>", start)]
    embedded = rdflib.Graph().parse(data=block, format="json-ld")
    assert isomorphic(embedded, _graph(dpv.document(index)))


def test_script_data_cannot_close_its_element() -> None:
    index = _index("examples/family-support")
    hostile = index.datamap.model_copy(
        update={"notice": index.datamap.notice.model_copy(update={"title": "</script><b>x & y"})}
    )
    from privacymap.index import index_for

    text = dpv.script_data(index_for(hostile))
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["@graph"]
    assert "</script><b>x & y" in json.dumps(json.loads(text), ensure_ascii=False)
