"""Smoke tests: every external tool the suite relies on works from here.

Installed by `make system-deps`. Locally a missing tool skips these tests; with
CI set it fails them (see tests/support/external.py).
"""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.external import (
    format_axe_violations,
    launch_chromium,
    require_program,
    run_axe,
    run_dot,
    run_mmdc,
    run_vnu,
    sarif_schema_path,
    validate_sarif,
    xlsx_to_csv,
)

# Like privacymap's notices: no scripts allowed at all.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"

GOOD_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy notice</title>
<style>body {{ font-family: sans-serif; color: #111; background: #fff; }}</style>
</head>
<body>
<header><p>Example Council</p></header>
<main>
<h1>How we use your information</h1>
<p>We use your name and address to collect council tax.</p>
<img src="logo.png" alt="Example Council logo" width="10" height="10">
</main>
</body>
</html>
"""

# Valid HTML, but the image has no text alternative (axe: image-alt).
INACCESSIBLE_PAGE = GOOD_PAGE.replace(' alt="Example Council logo"', "")

# Invalid HTML: misnested elements.
INVALID_PAGE = GOOD_PAGE.replace(
    "<p>We use your name", "<p><div>We use your name</p></div>"
).replace("to collect council tax.</p>", "to collect council tax.")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.external
def test_chromium_renders_page_under_csp(browser, tmp_path: Path) -> None:
    page_file = write(tmp_path / "notice.html", GOOD_PAGE)
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        assert page.title() == "Privacy notice"
        assert page.locator("h1").inner_text() == "How we use your information"
        shot = tmp_path / "notice.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes().startswith(b"\x89PNG")
    finally:
        page.close()


@pytest.mark.external
def test_axe_finds_no_violations_on_good_page(browser, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(write(tmp_path / "good.html", GOOD_PAGE).as_uri())
        violations = run_axe(page)
        assert violations == [], format_axe_violations(violations)
    finally:
        page.close()


@pytest.mark.external
def test_axe_finds_missing_alt_despite_csp(browser, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(write(tmp_path / "no-alt.html", INACCESSIBLE_PAGE).as_uri())
        violations = run_axe(page)
        assert [v["id"] for v in violations] == ["image-alt"]
        # Running again reuses the injected axe.
        assert len(run_axe(page)) == 1
    finally:
        page.close()


@pytest.mark.external
def test_vnu_accepts_valid_and_rejects_invalid_html(tmp_path: Path) -> None:
    good = write(tmp_path / "good.html", GOOD_PAGE)
    bad = write(tmp_path / "bad.html", INVALID_PAGE)
    assert run_vnu(good) == []
    errors = run_vnu(bad)
    assert errors, "vnu found no error in misnested HTML"
    assert all(e.startswith("bad.html:") for e in errors)
    assert any("“p”" in e for e in errors), errors
    # Several files in one (faster) run.
    assert len(run_vnu(good, bad)) == len(errors)
    with pytest.raises(FileNotFoundError):
        run_vnu(tmp_path / "missing.html")


@pytest.mark.external
def test_dot_renders_svg() -> None:
    svg = run_dot('digraph G { "Resident" -> "Council" [label="name, address"]; }')
    assert "<svg" in svg
    assert "Resident" in svg
    with pytest.raises(RuntimeError):
        run_dot("digraph G { -> }")


@pytest.mark.external
def test_soffice_converts_xlsx_to_csv(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    xlsx = tmp_path / "ropa.xlsx"
    wb = xlsxwriter.Workbook(str(xlsx))
    ropa = wb.add_worksheet("ROPA")
    ropa.write_row(0, 0, ["Purpose", "Lawful basis", "Retention (years)"])
    ropa.write_row(1, 0, ["Council tax, billing", "Art 6(1)(c) – legal obligation", 6])
    wb.add_worksheet("Recipients").write_row(0, 0, ["Recipient"])
    wb.close()

    made = xlsx_to_csv(xlsx, tmp_path / "csv")
    assert sorted(p.name for p in made) == ["ropa-ROPA.csv", "ropa-Recipients.csv"]
    with (tmp_path / "csv" / "ropa-ROPA.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["Purpose", "Lawful basis", "Retention (years)"],
        ["Council tax, billing", "Art 6(1)(c) – legal obligation", "6"],
    ]

    assert [p.name for p in xlsx_to_csv(xlsx, tmp_path / "one", all_sheets=False)] == [
        "ropa-ROPA.csv"
    ]


def _sarif_log(results: list[dict]) -> dict:
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "privacymap",
                        "version": "0.1.0",
                        "informationUri": "https://example.org/privacymap",
                        "rules": [
                            {
                                "id": "PM001",
                                "name": "LawfulBasisMissing",
                                "shortDescription": {"text": "A purpose has no lawful basis."},
                            }
                        ],
                    }
                },
                "results": results,
            }
        ],
    }


@pytest.mark.external
def test_sarif_multitool_validates(tmp_path: Path) -> None:
    good = tmp_path / "good.sarif"
    good.write_text(
        json.dumps(
            _sarif_log(
                [
                    {
                        "ruleId": "PM001",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": "Purpose 'council-tax' has no lawful basis."},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "datamap.yaml"},
                                    "region": {"startLine": 3, "startColumn": 5},
                                }
                            }
                        ],
                    }
                ]
            ),
            indent=2,
        ),
        encoding="utf-8",
    )
    assert validate_sarif(good) == []

    bad = tmp_path / "bad.sarif"
    bad.write_text(
        json.dumps(_sarif_log([{"ruleId": "PM001", "level": "fatal"}]), indent=2),
        encoding="utf-8",
    )
    problems = validate_sarif(bad)
    # From the JSON schema (Ajv) ...
    assert "schema: /runs/0/results/0: must have required property 'message'" in "\n".join(
        problems
    ), problems
    assert any(p.startswith("schema: /runs/0/results/0/level:") for p in problems), problems

    # ... and from the multitool (which misses an invalid "level", see validate_sarif).
    bad_location = tmp_path / "bad-location.sarif"
    log = json.loads(good.read_text(encoding="utf-8"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    bad_location.write_text(json.dumps(log), encoding="utf-8")
    problems = validate_sarif(bad_location)
    assert any("JSON1008" in p for p in problems), problems
    assert any(p.startswith("schema: ") and "startLine" in p for p in problems), problems

    schema = json.loads(sarif_schema_path().read_text(encoding="utf-8"))
    assert "SARIF" in schema["title"]
    assert "2.1.0" in schema["title"]


@pytest.mark.external
def test_mermaid_cli_renders_and_rejects(tmp_path: Path) -> None:
    good = write(
        tmp_path / "flow.mmd",
        'flowchart LR\n  resident["Resident"] -->|"name, address"| council("Council")\n',
    )
    done = run_mmdc(good, tmp_path / "flow.svg")
    assert done.returncode == 0, done.stderr
    assert "<svg" in (tmp_path / "flow.svg").read_text(encoding="utf-8")

    bad = write(tmp_path / "bad.mmd", "flowchart LR\n  a -->> b [[[\n")
    done = run_mmdc(bad, tmp_path / "bad.svg")
    assert done.returncode != 0
    assert "Parse error on line 2" in done.stderr


@pytest.mark.external
def test_tools_report_versions() -> None:
    """Print the versions in the test log (pytest -s), and check each answers."""
    from tests.support.external import chromium_path, dot_path, java_path, soffice_path

    for cmd in (
        [chromium_path(), "--version"],
        [dot_path(), "-V"],
        [java_path(), "-version"],
        [soffice_path(), "--version"],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, (cmd, done.stderr)
        print(" ".join(cmd[1:]), "->", (done.stdout + done.stderr).strip().splitlines()[0])


def test_missing_tool_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed: apt-get install it"):
        require_program("privacymap-no-such-program", "apt-get install it")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_program("privacymap-no-such-program", "apt-get install it")
