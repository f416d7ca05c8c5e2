"""An ICO-template workbook made by hand (openpyxl, not privacymap) imports into a
map that loads, with every cell it could not read reported at its address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from privacymap.cli import app
from privacymap.importer import read_spreadsheet, write_result
from privacymap.pipeline import resolve
from tests.importer.conftest import ROWS, ico_workbook

runner = CliRunner()


def _load(tmp_path: Path, source: Path) -> object:
    result = read_spreadsheet(source, shown_as=source.name)
    written, _, problems = write_result(result, tmp_path / "map")
    assert problems == [] and written
    _, index, diagnostics = resolve(tmp_path / "map")
    assert index is not None, [str(d) for d in diagnostics if d.fatal]
    return index


def test_the_hand_made_workbook_imports_with_its_findings_located(ico_file: Path) -> None:
    result = read_spreadsheet(ico_file, shown_as="ICO.xlsx")
    assert result.profile == "ico-controller" and result.header_row == 9
    assert len(result.groups) == 7
    found = [(str(d.location), d.rule) for d in result.diagnostics if d.rule == "PM083"]
    assert found == [
        ("ICO.xlsx:Record of processing!J11", "PM083"),  # "Until no longer needed"
        ("ICO.xlsx:Record of processing!L11", "PM083"),  # "we think it is fine"
        ("ICO.xlsx:Record of processing!U11", "PM083"),  # DPIA required: "Maybe"
    ]
    assert "we think it is fine" in result.diagnostics[-2].message
    assert result.exit_code == 1


def test_the_imported_map_loads_with_typed_law(ico_file: Path, tmp_path: Path) -> None:
    index = _load(tmp_path, ico_file)
    dm = index.datamap  # type: ignore[attr-defined]
    assert dm.controller.name == "Example Borough Council"
    assert dm.controller.telephone == "01234 567890"
    assert dm.dpo.name == "Jo Bloggs" and dm.dpo.email == "dpo@example.gov.uk"
    assert [a.name for a in dm.activities] == [r["Purpose(s) of processing"] for r in ROWS]
    bases = {b.id: (b.basis, b.law) for b in dm.lawful_bases}
    assert bases["public-task"] == ("public-task", ("Children Act 1989 s17",))
    assert bases["consent"] == ("consent", ())
    conditions = {c.condition: c.schedule1 for c in dm.conditions}
    assert conditions == {"health-social-care": (2,), "substantial-public-interest": (18,)}
    retention = {r.record: (r.period, r.trigger, r.criteria) for r in dm.retention}
    assert retention["Family support assessments"] == ("P25Y", "date-of-birth", None)
    assert retention["Library membership"] == ("P2Y", "last-contact", None)
    assert retention["Safeguarding referrals"] == (None, None, "Until no longer needed")


def test_catalogue_ids_are_kebab_case_stable_and_shared_across_rows(
    ico_file: Path, tmp_path: Path
) -> None:
    index = _load(tmp_path, ico_file)
    dm = index.datamap  # type: ignore[attr-defined]
    assert [c.id for c in dm.categories] == ["name", "address", "health", "case-notes"]
    assert [s.id for s in dm.subjects] == ["children", "parents-and-carers", "library-members"]
    # "address" in row 10 and "Address" in row 11 are one category
    assert dm.activities[1].categories == ("address", "case-notes")
    again = read_spreadsheet(ico_file, shown_as="ICO.xlsx")
    assert again.files == read_spreadsheet(ico_file, shown_as="ICO.xlsx").files


def test_each_file_starts_with_the_schema_line_and_cites_its_cells(ico_file: Path) -> None:
    result = read_spreadsheet(ico_file, shown_as="ICO.xlsx")
    assert "lawful-bases.yaml" in result.files and "activities.yaml" in result.files
    for text in result.files.values():
        assert text.startswith("# yaml-language-server: $schema=privacymap.schema.json\n")
    assert "# from ICO.xlsx:Record of processing!L10\n" in result.files["lawful-bases.yaml"]
    assert "# from ICO.xlsx:Record of processing!11:11\n" in result.files["activities.yaml"]


def test_the_imported_map_goes_through_check(ico_file: Path, tmp_path: Path) -> None:
    _load(tmp_path, ico_file)
    checked = runner.invoke(app, ["check", str(tmp_path / "map")])
    assert checked.exit_code in (0, 1), checked.output
    assert "PM0" not in checked.output  # no load error: findings are about the law


def test_dry_run_writes_nothing_and_prints_the_plan(ico_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(ico_file), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert f"would write {out / 'activities.yaml'}: activities (3)" in result.output
    assert f"{ico_file}:Record of processing!L11: warning PM083" in result.output
    assert "dry run: nothing written" in result.output


def test_write_then_refresh_but_never_overwrite_a_file_it_did_not_write(
    ico_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = runner.invoke(app, ["import", str(ico_file), "-o", str(out), "--write"])
    assert first.exit_code == 1 and (out / "activities.yaml").is_file()
    assert (out / "privacymap.schema.json").is_file()
    again = runner.invoke(app, ["import", str(ico_file), "-o", str(out), "--write"])
    assert again.exit_code == 1, again.output  # its own, unedited files are refreshed
    edited = (out / "activities.yaml").read_text() + "# my note\n"
    (out / "activities.yaml").write_text(edited)
    mine = out / "recipients.yaml"
    mine.write_text("recipients: []\n")
    before = {p.name: p.read_text() for p in out.iterdir()}
    refused = runner.invoke(app, ["import", str(ico_file), "-o", str(out), "--write"])
    assert refused.exit_code == 2
    assert "PM085" in refused.output and "activities.yaml" in refused.output
    assert "recipients.yaml" in refused.output
    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_never_writes_beside_an_existing_map(ico_file: Path, tmp_path: Path) -> None:
    """A folder of YAML files is one map: importing next to one would merge the two."""
    out = tmp_path / "service"
    out.mkdir()
    (out / "datamap.yaml").write_text("notice:\n  title: Our own map\n")
    (out / "notes.txt").write_text("not part of the map\n")
    before = {p.name: p.read_text() for p in out.iterdir()}
    refused = runner.invoke(app, ["import", str(ico_file), "-o", str(out), "--write"])
    assert refused.exit_code == 2
    assert "PM085" in refused.output and "datamap.yaml" in refused.output
    assert "notes.txt" not in refused.output
    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_sarif_and_json_reports_carry_the_cell(ico_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(ico_file), "-o", str(tmp_path), "-f", "sarif"])
    sarif = json.loads(result.stdout)
    regions = [r["locations"][0]["physicalLocation"]["region"]
               for r in sarif["runs"][0]["results"] if r["ruleId"] == "PM083"]  # fmt: skip
    assert regions[1] == {"startLine": 11, "startColumn": 12,
                          "properties": {"cell": "Record of processing!L11"}}  # fmt: skip
    report = runner.invoke(app, ["import", str(ico_file), "-o", str(tmp_path), "-f", "json"])
    cells = [d["location"].get("cell") for d in json.loads(report.stdout)["diagnostics"]]
    assert "Record of processing!U11" in cells


def test_a_file_that_is_no_spreadsheet_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "ropa.xlsx"
    bad.write_text("not a workbook")
    result = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "PM081" in result.output
    missing = runner.invoke(app, ["import", str(tmp_path / "nope.xlsx"), "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "no such file" in missing.output
    other = tmp_path / "ropa.ods"
    other.write_text("x")
    assert "PM081" in runner.invoke(app, ["import", str(other), "-o", str(tmp_path)]).output


def test_a_sheet_without_the_headings_is_unusable(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Colour"])
    ws.append(["Apple", "Green"])
    wb.save(tmp_path / "fruit.xlsx")
    result = runner.invoke(app, ["import", str(tmp_path / "fruit.xlsx"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "PM082" in result.output
    assert "--profile" in result.output


def test_the_header_row_is_found_anywhere_near_the_top(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for _ in range(14):
        ws.append(["notes"])
    from tests.importer.conftest import HEADINGS

    ws.append(HEADINGS)
    ws.append(["Registrars", "Register births"] + [""] * 28)
    wb.save(tmp_path / "late.xlsx")
    result = read_spreadsheet(tmp_path / "late.xlsx")
    assert result.header_row == 15 and result.counts["activities"] == 1


def test_a_csv_file_imports_with_line_and_column_locations(tmp_path: Path) -> None:
    from tests.importer.conftest import HEADINGS

    rows = [HEADINGS, ["Libraries", "Membership"] + [""] * 9 + ["Art 6(1)(z)"] + [""] * 18]
    import csv

    with (tmp_path / "ropa.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    result = read_spreadsheet(tmp_path / "ropa.csv", shown_as="ropa.csv")
    assert [str(d.location) for d in result.diagnostics if d.rule == "PM083"] == ["ropa.csv:2:12"]


def test_hostile_cells_stay_text_and_the_map_loads(tmp_path: Path) -> None:
    hostile = [
        {
            "Business function": '=HYPERLINK("http://evil.example","x")',
            "Purpose(s) of processing": "<script>alert(1)</script>",
            "Categories of individuals": "@SUM(1+1); {{ config }}",
            "Categories of personal data": "\u202eevil\u202c, -2+3",
            "ARTICLE 6 LAWFUL BASIS FOR PROCESSING PERSONAL DATA": "Public task – ']]>",
            "Retention schedule (if possible)": "9" * 40 + " years",
        }
    ]
    source = ico_workbook(tmp_path / "hostile.xlsx", hostile)
    index = _load(tmp_path, source)
    dm = index.datamap  # type: ignore[attr-defined]
    assert dm.activities[0].name == "<script>alert(1)</script>"
    assert dm.activities[0].business_function.startswith("=HYPERLINK(")
    assert [s.name for s in dm.subjects] == ["@SUM(1+1)", "{{ config }}"]


def test_close_headings_go_to_their_own_columns(tmp_path: Path) -> None:
    """ "...required?" and "...progress" differ by one word: in either order each column
    keeps its own heading."""
    from openpyxl import Workbook

    from tests.importer.conftest import HEADINGS

    swapped = list(HEADINGS)
    u, v = (
        swapped.index("Data Protection Impact Assessment required?"),
        swapped.index("Data Protection Impact Assessment progress"),
    )
    swapped[u], swapped[v] = swapped[v], swapped[u]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(swapped)
    row = [""] * 30
    row[1], row[u], row[v] = "Registration", "In progress", "Yes"
    ws.append(row)
    wb.save(tmp_path / "swapped.xlsx")
    result = read_spreadsheet(tmp_path / "swapped.xlsx")
    write_result(result, tmp_path / "map")
    _, index, _ = resolve(tmp_path / "map")
    assert index is not None
    dpia = index.datamap.activities[0].dpia
    assert dpia is not None and (dpia.required, dpia.status) == ("yes", "In progress")


@pytest.mark.external
def test_the_sarif_report_of_an_import_is_valid_sarif(ico_file: Path, tmp_path: Path) -> None:
    from tests.support.external import validate_sarif

    report = tmp_path / "import.sarif"
    args = [
        "import",
        str(ico_file),
        "-o",
        str(tmp_path / "o"),
        "-f",
        "sarif",
        "--output",
        str(report),
    ]
    assert runner.invoke(app, args).exit_code == 1
    assert validate_sarif(report) == []


def test_a_line_break_in_a_file_or_sheet_name_cannot_leave_its_comment(tmp_path: Path) -> None:
    folder = tmp_path / "a\nkey: value"
    folder.mkdir()
    source = ico_workbook(folder / "ICO.xlsx")
    index = _load(tmp_path, source)
    assert index.datamap.controller.name == "Example Borough Council"  # type: ignore[attr-defined]
