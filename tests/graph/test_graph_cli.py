"""`privacymap flows` and `privacymap graph` through the real CLI (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privacymap.cli import app
from privacymap.graph import commands
from privacymap.index import Index
from privacymap.text import FORMULA_STARTS
from tests.support.external import dot_path

runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def test_flows_of_a_special_category_as_json(map_paths: dict[str, Path], lancashire: Index) -> None:
    special = next(
        c
        for c in lancashire.datamap.categories
        if c.special and any(c in f.categories for f in lancashire.flows)
    )
    result = invoke("flows", map_paths["lancashire"], "--category", special.id, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    expected = [f for f in lancashire.flows if special in f.categories]
    assert expected
    assert sorted(r["flow"] for r in records) == sorted(f.id for f in expected)
    by_id = {f.id: f for f in expected}
    for record in records:
        flow = by_id[record["flow"]]
        assert record["special"] and set(special.special) <= set(record["special"])
        assert [b["id"] for b in record["bases"]] == [b.id for b in flow.bases]
        for basis in record["bases"]:
            assert basis["article"].startswith("6(1)(") and basis["name"]
        # printed as the map's path was given (here absolute), like `check`'s locations
        root = map_paths["lancashire"].as_posix()
        files = (f"{root}/processing.yaml:", f"{root}/catalogue.yaml:")
        assert record["location"].startswith(files)


def test_flows_by_art9_type(map_paths: dict[str, Path], lancashire: Index) -> None:
    result = invoke("flows", map_paths["lancashire"], "--category", "health", "-f", "json")
    assert result.exit_code == 0, result.output
    flows = {r["flow"] for r in json.loads(result.stdout)}
    assert flows == {f.id for f in lancashire.flows if "health" in f.special}


def test_without_basis_lists_the_flow(without_basis_path: Path) -> None:
    result = invoke("flows", without_basis_path, "--without-basis")
    assert result.exit_code == 0, result.output
    assert "advice->housing-service" in result.stdout
    assert "NO LAWFUL BASIS" in result.stdout
    assert result.stdout.rstrip().endswith("2 flows")
    as_json = json.loads(
        invoke("flows", without_basis_path, "--without-basis", "-f", "json").stdout
    )
    assert [r["has_basis"] for r in as_json] == [False, False]


def test_without_basis_on_a_clean_map_is_empty(map_paths: dict[str, Path]) -> None:
    result = invoke("flows", map_paths["scaffold"], "--without-basis", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_filters_combine_and_csv(map_paths: dict[str, Path]) -> None:
    result = invoke(
        "flows", map_paths["hostile"], "--to", "nhs", "--basis", "6(1)(e)", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["flow"] for r in rows] == ["help-people->nhs"]
    assert rows[0]["lawful_bases"] == "Art 6(1)(e) Public task"
    assert rows[0]["when"].startswith("Only")
    assert list(rows[0]) == list(commands.CSV_COLUMNS)


def test_csv_cells_never_start_a_formula(scaffold_text: str, tmp_path: Path) -> None:
    text = scaffold_text.replace('when: ["Only when', 'when: ["=HYPERLINK(1) when', 1)
    assert text != scaffold_text
    path = tmp_path / "datamap.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("flows", path, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["when"] for r in rows if r["when"]] == [
        "'=HYPERLINK(1) when your enquiry is about housing."
    ]
    assert not any(v.startswith(FORMULA_STARTS) for r in rows for v in r.values())


@pytest.mark.parametrize(
    ("option", "value"),
    [("--category", "nope"), ("--to", "nope"), ("--basis", "nope"), ("--format", "xml")],
)
def test_flows_rejects_unknown_ids_with_exit_2(
    map_paths: dict[str, Path], option: str, value: str
) -> None:
    result = invoke("flows", map_paths["scaffold"], option, value)
    assert result.exit_code == 2
    # ids are checked against the map; a format is a declared choice, refused when parsed
    assert "unknown" in result.output or "is not one of 'text', 'json', 'csv'" in result.output


def test_graph_command_renders_views(map_paths: dict[str, Path], tmp_path: Path) -> None:
    result = invoke("graph", map_paths["lancashire"])
    assert result.exit_code == 0 and result.stdout.startswith("digraph dataflow {")
    out = tmp_path / "v.mmd"
    result = invoke(
        "graph", map_paths["hostile"], "--view", "category:health", "--format", "mmd", "-o", out
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").splitlines()[1] == "flowchart LR"
    for fmt, start in (("json", "{"), ("graphml", "<?xml")):
        result = invoke("graph", map_paths["scaffold"], "-f", fmt)
        assert result.exit_code == 0 and result.stdout.startswith(start)


@pytest.mark.external
def test_graph_command_svg(map_paths: dict[str, Path]) -> None:
    dot_path()  # skips locally without Graphviz (with a hint), fails in CI
    result = invoke("graph", map_paths["lancashire"], "--view", "overview", "-f", "svg")
    assert result.exit_code == 0 and "<svg" in result.stdout


@pytest.mark.parametrize(
    ("option", "value"), [("--view", "activity:nope"), ("--view", "sideways"), ("-f", "gif")]
)
def test_graph_command_rejects_unknown_view_or_format(
    map_paths: dict[str, Path], option: str, value: str
) -> None:
    result = invoke("graph", map_paths["scaffold"], option, value)
    assert result.exit_code == 2
    assert "unknown" in result.output or "is not one of 'dot', 'svg'" in result.output
