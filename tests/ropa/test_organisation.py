"""An organisation: `register.yaml` lists one controller's service maps; `privacymap build
ORG` writes each service's outputs in its own subfolder and the combined register."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from privacymap import pipeline
from privacymap.cli import app
from privacymap.config import is_organisation
from privacymap.outfolder import MANIFEST, OutputError
from privacymap.pipeline import RegisterRefused, build_organisation, build_register
from privacymap.registerfile import load_organisation
from tests.ropa.support import FAMILY, REPO

SHARED = REPO / "examples" / "shared-catalogue"
QUICK = {"only": ["notice", "ropa"], "options": {"diagrams": False}}
"""The outputs these tests read; the diagrams are tested elsewhere."""


def _activities(path: Path) -> list[str]:
    index = pipeline.check(path).index
    assert index is not None
    return [a.name for a in index.datamap.activities]


@pytest.fixture
def org(tmp_path: Path) -> Path:
    """A copy of the shared-catalogue example, an organisation of two services."""
    shutil.copytree(SHARED, tmp_path / "eastvale")
    return tmp_path / "eastvale"


def _members(org: Path, text: str) -> Path:
    (org / "register.yaml").write_text(text, "utf-8")
    return org


def test_the_example_is_an_organisation_of_its_two_services():
    organisation = load_organisation(SHARED)
    assert organisation.usable and organisation.diagnostics == []
    assert [(m.path, m.output) for m in organisation.members] == [
        (SHARED / "adult-learning", "adult-learning"),
        (SHARED / "registrars", "registration"),
    ]
    assert is_organisation(SHARED) and is_organisation(SHARED / "register.yaml")
    assert not is_organisation(SHARED / "adult-learning")


def test_build_writes_each_service_in_its_subfolder_and_the_register(tmp_path: Path):
    out = tmp_path / "out"
    result = build_organisation(SHARED, out, **QUICK)
    assert result.exit_code == 0 and result.findings == [] and result.passed
    for folder in ("adult-learning", "registration"):
        for name in ("notice.html", "notice.md", "ropa.xlsx", "ropa.csv", "findings.json"):
            assert (out / folder / name).is_file(), f"{folder}/{name}"
    listed = json.loads((out / MANIFEST).read_text("utf-8"))["files"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert listed == on_disk == list(result.written)
    assert json.loads((out / "findings.json").read_text("utf-8"))["diagnostics"] == []
    sheet = openpyxl.load_workbook(out / "register.xlsx")["ROPA"]
    headings = [c.value for c in sheet[9]]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=10)]
    names = [a for m in ("adult-learning", "registrars") for a in _activities(SHARED / m)]
    assert [r[1].split(":")[0] for r in rows] == names  # one row per activity
    service = headings.index("Service")
    assert [r[service] for r in rows] == ["Adult Learning Service", "Registration Service"]
    text = (out / "register.csv").read_bytes().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 1 + len(names)
    about = dict(openpyxl.load_workbook(out / "register.xlsx")["About"].values)
    assert f"privacymap build {SHARED} -o {out}" in about["How to regenerate"]


def test_the_register_equals_privacymap_ropa_of_the_same_maps(tmp_path: Path):
    build_organisation(SHARED, tmp_path / "out", only=["ropa"], options={"diagrams": False})
    built = build_register([SHARED], tmp_path / "register.xlsx")
    assert built.paths == [SHARED / "adult-learning", SHARED / "registrars"]
    assert built.written and built.exit_code == 0
    ours = openpyxl.load_workbook(tmp_path / "register.xlsx")["ROPA"]
    theirs = openpyxl.load_workbook(tmp_path / "out" / "register.xlsx")["ROPA"]
    assert [[c.value for c in r] for r in ours.iter_rows(min_row=9)] == [
        [c.value for c in r] for r in theirs.iter_rows(min_row=9)
    ]


def test_member_paths_are_relative_to_the_register_file_not_the_current_folder(
    org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = build_organisation(Path("..") / "eastvale", "out", **QUICK)
    assert result.exit_code == 0
    assert (elsewhere / "out" / "registration" / "notice.html").is_file()


def test_a_map_in_the_organisations_own_folder(tmp_path: Path):
    """A member '.' is the folder holding register.yaml, which is never read as map data."""
    org = tmp_path / "one"
    shutil.copytree(FAMILY, org)
    _members(org, "members:\n  - map: .\n    output: family\n")
    assert pipeline.check(org).usable  # register.yaml is not part of the map
    result = build_organisation(org, tmp_path / "out", draft=True, **QUICK)
    assert result.written and (tmp_path / "out" / "family" / "ropa.xlsx").is_file()


BAD_REGISTER_FILES = [
    ("members:\n  - map: registrars\n    ouput: x\n", "PM003", 3, 5, "did you mean 'output'?"),
    ("members:\n  - nowhere\n", "PM006", 2, 5, "relative to register.yaml's folder"),
    ("members:\n  - adult-learning\n  - map: registrars\n    output: adult-learning\n",
     "PM006", 4, 13, "its own `output:`"),
    ("members:\n  - map: registrars\n    output: ../up\n", "PM006", 3, 13, "one folder name"),
    ("members:\n  - 12\n", "PM004", 2, 5, "docs/format.md"),
    ("members: []\n", "PM006", 1, 10, "docs/format.md"),
    ("members: [\n", "PM001", 2, 1, ""),
    ("- adult-learning\n", "PM004", 1, 1, "under `members:`"),
    ("notice:\n  title: A map file\nmembers: [registrars]\n", "PM003", 1, 1,
     "never read as part of a data map"),
    ("members:\n  - map: registrars\n    output: register.xlsx\n", "PM006", 3, 13,
     "its own `output:`"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule", "line", "column", "hint"), BAD_REGISTER_FILES)
def test_a_bad_register_file_is_located_with_a_hint_and_nothing_is_written(
    org: Path, tmp_path: Path, text: str, rule: str, line: int, column: int, hint: str
):
    _members(org, text)
    result = build_organisation(org, tmp_path / "out", draft=True)
    assert result.exit_code == 2 and not result.written
    first = result.organisation.diagnostics[0]
    assert (first.rule, first.location and first.location.line, first.location.column) == (
        rule, line, column,
    )  # fmt: skip
    assert first.location.file == (org / "register.yaml").as_posix()
    assert hint in first.hint
    assert not (tmp_path / "out").exists()


def test_every_problem_of_the_register_file_is_reported_in_one_run(org: Path):
    _members(org, "members:\n  - nowhere\n  - map: registrars\n    ouput: x\n  - 12\n")
    rules = [(d.rule, d.location and d.location.line) for d in load_organisation(org).diagnostics]
    assert rules == [("PM006", 2), ("PM003", 4), ("PM004", 5)]


def test_a_warning_in_the_register_file_is_reported_and_does_not_stop_the_build(org: Path):
    """A folder whose name holds a zero-width space: a warning (PM017), not a refusal."""
    shutil.copytree(org / "adult-learning", org / "adult\u200blearning")
    _members(org, "members:\n  - map: adult\u200blearning\n    output: adult\n  - registrars\n")
    organisation = load_organisation(org)
    assert [d.rule for d in organisation.diagnostics] == ["PM017"]
    assert organisation.usable and len(organisation.members) == 2
    _members(org, "members:\n  - nowhere\u200b\n")
    assert not load_organisation(org).usable


def test_a_nested_organisation_is_refused(org: Path):
    inner = org / "registrars"
    (inner / "register.yaml").write_text("members: [.]\n", "utf-8")
    found = load_organisation(org).diagnostics
    assert [d.rule for d in found] == ["PM006"]
    assert "is an organisation itself" in found[0].message


def test_maps_of_different_controllers_are_refused(org: Path, tmp_path: Path):
    _members(org, f"members:\n  - adult-learning\n  - {FAMILY}\n")
    with pytest.raises(RegisterRefused, match="different controllers"):
        build_organisation(org, tmp_path / "out", draft=True, **QUICK)
    assert not (tmp_path / "out").exists()


def _conflicting(tmp_path: Path) -> Path:
    """An organisation of two copies of the project, the second's recipient renamed."""
    for name in ("one", "two"):
        shutil.copytree(SHARED, tmp_path / name)
    recipients = tmp_path / "two" / "catalogue" / "recipients.yaml"
    data = yaml.safe_load(recipients.read_text("utf-8"))
    data["recipients"][0]["name"] = "Renamed funding body"
    recipients.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    org = tmp_path / "org"
    org.mkdir()
    return _members(org, "members:\n  - ../one/adult-learning\n  - ../two/registrars\n")


def test_a_conflicting_definition_stops_the_build_and_is_in_the_drafts_findings(tmp_path: Path):
    org = _conflicting(tmp_path)
    out = tmp_path / "out"
    stopped = build_organisation(org, out, **QUICK)
    assert [d.rule for d in stopped.findings] == ["PM086"]
    assert stopped.exit_code == 1 and not out.exists()
    drafted = build_organisation(org, out, draft=True, **QUICK)
    assert drafted.written and drafted.exit_code == 0
    found = json.loads((out / "findings.json").read_text("utf-8"))["diagnostics"]
    assert [d["rule"] for d in found] == ["PM086"]
    assert openpyxl.load_workbook(out / "register.xlsx")["ROPA"]["A7"].value.startswith("DRAFT")


def test_a_member_failing_its_check_stops_every_output(org: Path, tmp_path: Path):
    notice = org / "registrars" / "notice.yaml"
    notice.write_text(notice.read_text("utf-8").replace("    retention: [registers]\n", ""))
    out = tmp_path / "out"
    stopped = build_organisation(org, out, **QUICK)
    assert stopped.exit_code == 1 and not stopped.written and not out.exists()
    assert "PM505" in [d.rule for d in stopped.checks[1].diagnostics]
    assert build_organisation(org, out, draft=True, **QUICK).written


def test_never_destroys_files_it_did_not_write(org: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "minutes.docx").write_bytes(b"mine")
    with pytest.raises(OutputError, match="not written by privacymap"):
        build_organisation(org, out, **QUICK)
    assert sorted(p.name for p in out.iterdir()) == ["minutes.docx"]
    with pytest.raises(OutputError, match="project root"):
        build_organisation(org, org, **QUICK)
    with pytest.raises(OutputError, match="data map"):
        build_organisation(org, org / "registrars" / "out", **QUICK)
    assert sorted(p.name for p in org.iterdir()) == sorted(p.name for p in SHARED.iterdir())


def test_a_rebuild_replaces_its_own_earlier_build_whole(org: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert build_organisation(org, out, **QUICK).written
    _members(org, "members:\n  - adult-learning\n")
    again = build_organisation(org, out, **QUICK)
    assert again.written
    assert not (out / "registration").exists()  # the earlier build's member, gone with it
    (out / "adult-learning" / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match=r"notes\.txt"):
        build_organisation(org, out, **QUICK)
    assert (out / "adult-learning" / "notes.txt").read_text("utf-8") == "mine"


# --------------------------------------------------------------------------- command line


def test_cli_build_org(org: Path, tmp_path: Path):
    out = tmp_path / "out"
    done = CliRunner().invoke(app, ["build", str(org), "-o", str(out), "--no-diagrams"])
    assert done.exit_code == 0, done.output
    assert "2 services and their register" in done.stderr
    assert "adult-learning: notice:" in done.stderr  # each note names its service
    assert (out / "register.xlsx").is_file() and (out / "registration" / "notice.html").is_file()


def test_cli_build_org_reports_each_members_findings_once_with_one_summary(
    org: Path, tmp_path: Path
):
    notice = org / "registrars" / "notice.yaml"
    notice.write_text(notice.read_text("utf-8").replace("    retention: [registers]\n", ""))
    done = CliRunner().invoke(app, ["build", str(org), "-o", str(tmp_path / "out")])
    assert done.exit_code == 1
    assert f"{org}/registrars/notice.yaml:" in done.stderr and "PM505" in done.stderr
    assert done.stderr.count("0 errors, 1 warning") == 1
    assert "nothing written" in done.stderr


def test_cli_bad_register_file_exits_2_located(org: Path, tmp_path: Path):
    _members(org, "members:\n  - nowhere\n")
    done = CliRunner().invoke(app, ["build", str(org), "-o", str(tmp_path / "out")])
    assert done.exit_code == 2
    assert f"{org}/register.yaml:2:5: error PM006" in done.stderr
    assert "Traceback" not in done.output


def test_cli_different_controllers_exit_2_with_a_clear_message(org: Path, tmp_path: Path):
    _members(org, f"members:\n  - adult-learning\n  - {FAMILY}\n")
    out = tmp_path / "out"
    done = CliRunner().invoke(app, ["build", str(org), "-o", str(out), "--draft"])
    assert done.exit_code == 2
    assert "different controllers" in done.stderr and "Art 30(1)" in done.stderr
    assert not out.exists()
    done = CliRunner().invoke(app, ["ropa", str(org), "-o", str(tmp_path / "r.xlsx")])
    assert done.exit_code == 2 and "different controllers" in done.stderr


def test_cli_ropa_org(org: Path, tmp_path: Path):
    out = tmp_path / "register.xlsx"
    done = CliRunner().invoke(app, ["ropa", str(org), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "register of 2 maps" in done.stderr
    rows = list(openpyxl.load_workbook(out)["ROPA"].iter_rows(min_row=10))
    assert len(rows) == 2


def test_cli_ropa_with_a_bad_register_file_exits_2(org: Path, tmp_path: Path):
    _members(org, "members:\n  - nowhere\n")
    done = CliRunner().invoke(app, ["ropa", str(org), "-o", str(tmp_path / "r.xlsx"), "--draft"])
    assert done.exit_code == 2
    assert "register.yaml:2:5: error PM006" in done.stderr
    assert "use --draft" not in done.stderr


def test_cli_check_org_checks_every_member_in_one_report(org: Path, tmp_path: Path):
    done = CliRunner().invoke(app, ["check", str(org)])
    assert done.exit_code == 0, done.output
    assert done.output.count("0 errors, 0 warnings, 0 notes: exit 0, passed") == 1
    notice = org / "registrars" / "notice.yaml"
    notice.write_text(notice.read_text("utf-8").replace("    retention: [registers]\n", ""))
    done = CliRunner().invoke(app, ["check", str(org), "--format", "json"])
    assert done.exit_code == 1  # strict = true in the organisation's privacymap.toml
    (found,) = json.loads(done.stdout)["diagnostics"]
    assert found["rule"] == "PM505"
    assert found["location"]["file"] == f"{org}/registrars/notice.yaml"
    assert CliRunner().invoke(app, ["check", str(org), "--ignore", "PM505"]).exit_code == 0


def test_cli_check_org_reports_a_conflict_and_a_bad_register_file(tmp_path: Path):
    org = _conflicting(tmp_path)
    done = CliRunner().invoke(app, ["check", str(org)])
    assert done.exit_code == 1 and "PM086" in done.output
    _members(org, "members:\n  - nowhere\n")
    done = CliRunner().invoke(app, ["check", str(org)])
    assert done.exit_code == 2 and f"{org}/register.yaml:2:5: error PM006" in done.output


def test_other_commands_say_an_organisation_is_not_one_map(org: Path):
    done = CliRunner().invoke(app, ["flows", str(org)])
    assert done.exit_code == 2
    assert "is an organisation" in done.output and "one member map at a time" in done.output


def test_cli_build_org_refuses_archive(org: Path, tmp_path: Path):
    done = CliRunner().invoke(
        app, ["build", str(org), "-o", str(tmp_path / "o"), "--archive", str(tmp_path / "a")]
    )
    assert done.exit_code == 2 and "--archive keeps one notice" in done.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "o").exists()


def test_only_the_notices_writes_no_register(tmp_path: Path):
    out = tmp_path / "out"
    result = build_organisation(SHARED, out, only=["notice"], options={"diagrams": False})
    assert result.written and not (out / "register.xlsx").exists()
    assert (out / "adult-learning" / "notice.html").is_file()
    assert not (out / "adult-learning" / "ropa.xlsx").exists()
