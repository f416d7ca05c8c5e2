"""`privacymap dpia` through the real CLI, and the PIA-tool import file against the
tool's own export (tests/dpia/data/pia-export-example.json, vendored with its licence)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from privacymap.cli import app
from privacymap.dpia import criteria

runner = CliRunner()
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
FAMILY = REPO / "examples" / "family-support"
EXAMPLE = HERE / "data" / "pia-export-example.json"

PIA_QUESTIONS = {
    111,
    112,
    113,
    121,
    122,
    123,
    211,
    212,
    213,
    214,
    215,
    221,
    222,
    223,
    224,
    225,
    226,
    227,
}
"""Text questions of the PIA tool's sections 1 and 2 (src/assets/files/pia_architecture.json)."""


def invoke(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def test_dpia_command_answers_every_criterion_per_activity_with_locations() -> None:
    result = invoke("dpia", LANCASHIRE, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report) == 10
    ids = [c.id for c in criteria.criteria()]
    for item in report:
        assert [c["id"] for c in item["criteria"]] == ids
        assert item["outcome"] in ("required", "advisable", "not-indicated")
        assert item["wording"]["text"] and item["wording"]["source"]
        for c in item["criteria"]:
            assert c["answer"] in ("Yes", "No", "Unknown") and c["reason"]
            assert all(
                re.fullmatch(r"[\w./-]+\.yaml:\d+:\d+", f["location"]) for f in c["facts"]
            ), c["facts"]
    assert any(item["missing"] for item in report)


def test_dpia_text_and_markdown() -> None:
    text = invoke("dpia", LANCASHIRE, "--activity", "registration")
    assert text.exit_code == 0, text.output
    assert "Registration with CFW (registration)  processing.yaml:" in text.stdout
    assert "DPIA REQUIRED" in text.stdout and "[wording unverified]" in text.stdout
    assert "[Yes    ] Data concerning vulnerable data subjects" in text.stdout
    assert "at processing.yaml:" in text.stdout
    md = invoke("dpia", FAMILY, "-f", "markdown")
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# DPIA screening\n")
    assert "**DPIA recorded:** reference NFS-DPIA-2025-03" in md.stdout
    assert "| Criterion | Source | Answer |" in md.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "html"), "'html' is not one of"),
        (("--activity", "nope"), "unknown activity"),
        (("-f", "pia-json"), "one processing at a time"),
    ],
)
def test_dpia_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = invoke("dpia", LANCASHIRE, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_dpia_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "pia.json"
    result = invoke("dpia", LANCASHIRE, "-f", "pia-json", "--activity", "registration", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["pia"]["name"] == "Registration with CFW"


# --------------------------------------------------------------------------- PIA-JSON


def shape(value: Any) -> Any:
    """Keys and types of a JSON value; a list by its first element."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def same_structure(ours: Any, theirs: Any, where: str = "$") -> list[str]:
    """Where `ours` differs from `theirs` in keys or types (lists compared by element
    when both have one)."""
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            return [f"{where}: {type(ours).__name__}, not an object"]
        problems = (
            [f"{where}: keys {sorted(set(ours) ^ set(theirs))} differ"]
            if set(ours) != set(theirs)
            else []
        )
        for key in set(ours) & set(theirs):
            problems += same_structure(ours[key], theirs[key], f"{where}.{key}")
        return problems
    if isinstance(theirs, list):
        if not isinstance(ours, list):
            return [f"{where}: {type(ours).__name__}, not an array"]
        if ours and theirs:
            return same_structure(ours[0], theirs[0], f"{where}[0]")
        return []
    if type(ours) is not type(theirs):
        return [f"{where}: {type(ours).__name__}, not {type(theirs).__name__}"]
    return []


def test_vendored_example_is_the_tool_export_with_its_licence() -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert set(example) == {"pia", "answers", "measures", "evaluations", "comments"}
    licence = (HERE / "data" / "pia-export-example.LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3" in licence


@pytest.mark.parametrize(
    ("path", "activity"),
    [
        (LANCASHIRE, "registration"),
        (LANCASHIRE, "partner-information-sharing"),
        (FAMILY, "safeguarding-referrals"),
    ],
)
def test_pia_json_has_the_keys_and_types_of_the_tools_export(path: Path, activity: str) -> None:
    result = invoke("dpia", path, "-f", "pia-json", "--activity", activity)
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    theirs = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert same_structure(ours, theirs) == []
    # and the answers are the tool's questions, prefilled from the map
    refs = [a["reference_to"] for a in ours["answers"]]
    assert len(refs) == len(set(refs)) and set(refs) <= PIA_QUESTIONS
    assert {111, 121, 122, 211, 212} <= set(refs)
    assert [a["id"] for a in ours["answers"]] == list(range(1, len(refs) + 1))
    again = invoke("dpia", path, "-f", "pia-json", "--activity", activity)
    assert again.stdout == result.stdout  # deterministic


def test_structure_check_notices_a_difference() -> None:
    theirs = {"pia": {"id": 1, "name": "x"}, "answers": [{"data": {"gauge": None}}]}
    assert same_structure({"pia": {"id": "1", "name": "x"}, "answers": []}, theirs) == [
        "$.pia.id: str, not int"
    ]
    assert same_structure({"pia": {"id": 1}, "answers": []}, theirs) == [
        "$.pia: keys ['name'] differ"
    ]


def test_pia_json_escapes_text_from_the_map(tmp_path: Path) -> None:
    source = (HERE / "maps" / "plain.yaml").read_text(encoding="utf-8")
    path = tmp_path / "datamap.yaml"
    path.write_text(
        source.replace(
            "    name: Advice\n    purposes",
            "    name: Advice <script>x</script> & co\n    purposes",
        ),
        encoding="utf-8",
    )
    result = invoke("dpia", path, "-f", "pia-json")
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    text = next(a["data"]["text"] for a in ours["answers"] if a["reference_to"] == 111)
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in text and "<script>" not in text
    assert ours["pia"]["name"] == "Advice <script>x</script> & co"  # a name, shown as text


def test_pia_json_gives_retention_periods_in_words() -> None:
    result = invoke("dpia", FAMILY, "-f", "pia-json", "--activity", "safeguarding-referrals")
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    text = next(a["data"]["text"] for a in ours["answers"] if a["reference_to"] == 215)
    assert "35 years" in text and "P35Y" not in text


def test_dpia_never_writes_over_a_file_without_force(tmp_path: Path) -> None:
    out = tmp_path / "screening.md"
    out.write_text("the user's own notes\n", encoding="utf-8")
    refused = invoke("dpia", FAMILY, "-f", "markdown", "-o", out)
    assert refused.exit_code == 2
    assert out.read_text(encoding="utf-8") == "the user's own notes\n"
    forced = invoke("dpia", FAMILY, "-f", "markdown", "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("# DPIA screening\n")


def test_dpia_never_writes_over_the_map(tmp_path: Path) -> None:
    source = (HERE / "maps" / "plain.yaml").read_text(encoding="utf-8")
    path = tmp_path / "datamap.yaml"
    path.write_text(source, encoding="utf-8")
    result = invoke("dpia", path, "-o", path, "--force")
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == source
