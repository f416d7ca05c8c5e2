"""`privacymap check` end to end: the Lancashire map, the clean example and
scaffold, report formats, imports, the rule reference and the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privacymap import rules
from privacymap.cli import app
from privacymap.config import Config
from privacymap.pipeline import check
from privacymap.reporters import to_github, to_junit, to_sarif, to_text
from privacymap.scaffold import write_scaffold

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = "notices/lancashire-cfw"
EXAMPLE = "examples/family-support"
TODAY = "2026-06-01"
FIXTURES = Path(__file__).parent / "fixtures"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


# ------------------------------------------------------------------ Lancashire


LANCASHIRE_DEFECTS = {
    "PM501": "the retention row with an empty period",
    "PM502": '"governed by legislation" retention with no authority',
    "PM203": "Working Together cited as law (superseded edition)",
    "PM302": "Art 9(2)(h) without Sch 1 Part 1 para 2",
    "PM305": "para 18 with no appropriate policy document",
    "PM308": "para 18 relied on for partner sharing that also rests on consent",
    "PM309": "para 18 with no reason recorded for acting without consent",
    "PM704": "portability offered unconditionally; objection to the public task not offered",
    "PM703": "a SAR 'must' be in writing",
    "PM608": "Art 14 sources without the categories each provides",
    "PM612": "no last-updated date",
    "PM613": "ICO drafting guidance left in the published text",
    "PM610": "an automated decision-making right, with no statement whether such decisions happen",
    "PM611": "no statement on the requirement to provide data",
    "PM550": "paper records 'archived after a 12 month period' from no stated event",
    "PM656": "'You must reference the applicable legislation': no law named for (c)",
    "PM354": "Youth Offending Service and Constabulary receive no criminal offence category",
}


@pytest.fixture(scope="module")
def lancashire() -> subprocess.CompletedProcess[str]:
    return cli("check", LANCASHIRE, "--today", TODAY)


def test_lancashire_reports_the_real_defects_and_fails(lancashire) -> None:  # type: ignore[no-untyped-def]
    assert lancashire.returncode == 1, lancashire.stderr
    reported = {
        line.split()[2]
        for line in lancashire.stdout.splitlines()
        if line.startswith(LANCASHIRE) and len(line.split()) > 2
    }
    missing = {rule: what for rule, what in LANCASHIRE_DEFECTS.items() if rule not in reported}
    assert not missing, missing
    out = lancashire.stdout
    assert "Working Together" in out and "superseded by the 2023 edition" in out
    assert "right to data portability applies only" in out
    assert "right to object applies only" in out
    assert "right to erasure is qualified for processing based on Public task" in out
    assert "You must refere" in out or "You must reference" in out
    assert re.fullmatch(
        r"\d+ errors?, \d+ warnings?, \d+ notes?: "
        r"exit 1, the errors fail the check until fixed or waived",
        out.rstrip().splitlines()[-1],
    )


def test_lancashire_text_report_snapshot(lancashire, snapshot) -> None:  # type: ignore[no-untyped-def]
    assert lancashire.stdout == snapshot


def test_lancashire_sarif_json_and_junit(tmp_path: Path) -> None:
    result = check(REPO / LANCASHIRE, Config())
    sarif = json.loads(to_sarif(result.diagnostics, LANCASHIRE))
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(rules.catalogue())
    assert len(run["results"]) == len(result.diagnostics)
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"].startswith(LANCASHIRE + "/")
    suite = ET.fromstring(to_junit(result.diagnostics, LANCASHIRE)).find("testsuite")
    assert suite is not None
    failed = {c.get("name", "").split()[0] for c in suite if c.find("failure") is not None}
    assert {"PM203", "PM302", "PM501"} <= failed
    assert int(suite.get("tests", "0")) == len(rules.catalogue())


# ------------------------------------------------------------------ clean maps


def test_the_example_checks_clean() -> None:
    done = cli("check", EXAMPLE, "--strict")
    assert done.returncode == 0, done.stdout
    assert done.stdout == (
        "Law as at 2026-03-02 (the notice's last_updated)\n\n"
        "0 errors, 0 warnings, 0 notes: exit 0, passed\n"
    )


def test_the_init_scaffold_checks_clean(tmp_path: Path) -> None:
    write_scaffold(tmp_path / "new")
    result = check(tmp_path / "new", Config(strict=True))
    assert [f"{d.location}: {d.rule} {d.message}" for d in result.diagnostics] == []
    assert result.exit_code == 0


# ------------------------------------------------------------------ formats


def _waived_map(tmp_path: Path) -> Path:
    text = (FIXTURES / "base.yaml").read_text("utf-8")
    text = text.replace("    bases: [task]\n", "", 1).replace(
        "      - from: hub\n", "      - from: hub\n        bases: [task]\n", 1
    )
    text += (
        "waivers:\n  - rule: PM201\n    subject: flow:referrals->police\n"
        "    justification: Basis under legal review with the council's solicitor.\n"
        "    approver: DPO\n    expires: 2026-12-31\n"
    )
    text = text.replace(  # and one warning: a basis nothing relies on (PM209)
        "conditions:\n  - id: explicit",
        "  - id: spare-basis\n    basis: vital-interests\nconditions:\n  - id: explicit",
    )
    path = tmp_path / "map.yaml"
    path.write_text(text, "utf-8")
    return path


def test_sarif_marks_waived_findings_as_suppressed(tmp_path: Path) -> None:
    from datetime import date

    result = check(_waived_map(tmp_path), Config(), date(2026, 6, 1))
    log = json.loads(to_sarif(result.diagnostics, "maps"))
    results = log["runs"][0]["results"]
    waived = [r for r in results if r["ruleId"] == "PM201"]
    assert waived[0]["suppressions"][0]["status"] == "accepted"
    assert "legal review" in waived[0]["suppressions"][0]["justification"]
    assert waived[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "maps/map.yaml"
    )
    assert {r["level"] for r in results} == {"error", "warning"}
    assert result.exit_code == 0


@pytest.mark.external
def test_sarif_is_valid_for_the_sarif_multitool_and_schema(tmp_path: Path) -> None:
    from datetime import date

    from tests.support.external import validate_sarif

    logs = [to_sarif(check(_waived_map(tmp_path), Config(), date(2026, 6, 1)).diagnostics)]
    if (REPO / LANCASHIRE).is_dir():
        logs.append(to_sarif(check(REPO / LANCASHIRE, Config()).diagnostics, LANCASHIRE))
        # one finding per defect: the places it affects are related locations with subjects
        results = json.loads(logs[-1])["runs"][0]["results"]
        (pm201,) = [r for r in results if r["ruleId"] == "PM201"]
        assert [loc["properties"]["subject"] for loc in pm201["relatedLocations"]] == [
            "flow:service-evaluation-and-research->researchers"
        ]
    logs.append(to_sarif([]))
    for n, log in enumerate(logs):
        path = tmp_path / f"report{n}.sarif"
        path.write_text(log, "utf-8")
        assert validate_sarif(path, include_warnings=True) == []


def test_github_annotations(tmp_path: Path) -> None:
    from datetime import date

    result = check(_waived_map(tmp_path), Config(), date(2026, 6, 1))
    lines = to_github(result.diagnostics, "maps").splitlines()
    assert any(
        line.startswith("::notice file=maps/map.yaml,line=")
        and "title=PM201 [flow-without-lawful-basis]::" in line
        and "waived by DPO" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("::warning file=maps/map.yaml,line=") and "PM209" in line for line in lines
    )
    assert all("\n" not in line for line in lines)
    assert lines[-1] == "privacymap: 0 errors, 1 warning, 0 notes, 1 waived"


def test_text_is_grouped_and_coloured_only_when_asked(tmp_path: Path) -> None:
    from datetime import date

    result = check(_waived_map(tmp_path), Config(), date(2026, 6, 1))
    plain = to_text(result.diagnostics)
    assert "\x1b[" not in plain
    assert plain.splitlines()[-1] == "0 errors, 1 warning, 0 notes, 1 waived"
    assert "(waived)" in plain and "waived by DPO until 2026-12-31" in plain
    coloured = to_text(result.diagnostics, colour=True)
    assert "\x1b[33mwarning\x1b[0m" in coloured
    # NO_COLOR and pipes: the CLI writes plain text
    done = cli("check", str(tmp_path / "map.yaml"), env={"NO_COLOR": "1"})
    assert "\x1b[" not in done.stdout


def test_every_format_from_the_cli(tmp_path: Path) -> None:
    for fmt in ("text", "json", "sarif", "github", "junit"):
        out = tmp_path / f"report.{fmt}"
        done = cli("check", EXAMPLE, "--format", fmt, "--output", str(out))
        assert done.returncode == 0, (fmt, done.stderr)
        assert out.read_text("utf-8")


# ------------------------------------------------------------------ imports


def test_check_imports_no_emitter_libraries() -> None:
    code = (
        "import sys, privacymap.cli\n"
        "try:\n"
        "    privacymap.cli.app(['check', 'examples/family-support'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = done.stdout.strip().splitlines()[-1]
    assert "privacymap.checks.lawfulness" in modules  # the check did run
    for heavy in ("jinja2", "networkx", "graphviz", "xlsxwriter", "markdown_it", "openpyxl"):
        assert f"'{heavy}'" not in modules and f"'{heavy}." not in modules, heavy


# ------------------------------------------------------------------ docs and CLI


def test_rules_and_explain_commands() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["rules"])
    assert listed.exit_code == 0
    assert "PM201  error    flow-without-lawful-basis (locked)" in listed.output
    assert len(listed.output.splitlines()) == len(rules.catalogue())
    explained = runner.invoke(app, ["explain", "PM201"])
    assert explained.exit_code == 0
    assert "UK GDPR Art 6(1)" in explained.output and "locked" in explained.output
    assert runner.invoke(app, ["explain", "right-not-listed"]).exit_code == 0
    assert runner.invoke(app, ["explain", "PM999"]).exit_code == 2


def test_ci_integration_examples_are_well_formed() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in hooks} == {"privacymap-check", "privacymap-check-strict"}
    assert all(h["entry"].startswith("privacymap check") and not h["pass_filenames"] for h in hooks)
    workflow = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any("--format sarif" in s.get("run", "") for s in steps)
    assert any("--format github" in s.get("run", "") for s in steps)
