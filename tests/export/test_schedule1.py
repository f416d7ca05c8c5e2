"""`privacymap export schedule1`: DPA 2018 Schedule 1 Parts 1-3 as CSV and Turtle."""

from __future__ import annotations

import csv
import io

import rdflib
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from privacymap import law
from privacymap.cli import app
from privacymap.export import schedule1, uk

runner = CliRunner()


def test_csv_lists_every_condition_of_parts_1_to_3() -> None:
    result = runner.invoke(app, ["export", "schedule1"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [int(r["paragraph"]) for r in rows] == [
        p.number for p in law.schedule1_paragraphs() if p.part in (1, 2, 3)
    ]
    by_number = {r["paragraph"]: r for r in rows}
    assert by_number["18"]["part"] == "2"
    assert by_number["18"]["authorises"].startswith("Art 9(2)(g)")
    assert by_number["18"]["appropriate_policy_document"] == "yes"
    assert by_number["2"]["authorises"].startswith("Art 9(2)(h)")
    assert by_number["33"]["authorises"] == "Art 10 (criminal offence data)"
    assert by_number["18"]["url"].endswith("/ukpga/2018/12/schedule/1/paragraph/18")


def test_turtle_parses_and_each_paragraph_has_a_broader_concept() -> None:
    result = runner.invoke(app, ["export", "schedule1", "--format", "ttl"])
    assert result.exit_code == 0
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    for para in law.schedule1_paragraphs():
        concept = rdflib.URIRef(uk.paragraph_concept(para.number))
        assert list(graph.objects(concept, SKOS.broader)), para.number
    assert len(schedule1.rows()) == len(law.schedule1_paragraphs())
    assert runner.invoke(app, ["export", "schedule1", "-f", "pdf"]).exit_code == 2
