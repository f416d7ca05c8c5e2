"""The governance example scripts run on the Lancashire notice and print what the model says.

Each script runs in a subprocess, as a governance engineer would run it; the
expected rows are computed here from the loaded model (not from the scripts'
own functions), plus a few concrete values read off the published notice.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import privacymap
from privacymap import law
from tests.conftest import LANCASHIRE, REPO

SCRIPTS = REPO / "examples" / "governance"


def run(script: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def lancashire() -> privacymap.DataMap:
    return privacymap.load(LANCASHIRE)


def test_every_script_has_a_docstring_and_help() -> None:
    scripts = sorted(SCRIPTS.glob("*.py"))
    assert len(scripts) >= 3
    for script in scripts:
        text = script.read_text("utf-8")
        assert text.startswith('"""'), script
        done = run(script.name, "--help")
        assert done.returncode == 0, done.stderr
        assert "usage:" in done.stdout


# --------------------------------------------------------------------------- special category


def test_special_category_disclosures(lancashire: privacymap.DataMap) -> None:
    index = lancashire.index
    expected = []
    for flow in index.flows:
        if flow.direction != "disclosure" or not flow.special:
            continue
        assert flow.recipient is not None
        if flow.recipient.internal:
            continue
        art6 = [law.art6_basis(b.basis) for b in flow.bases]
        art9 = [law.art9_condition(c.condition) for c in flow.conditions]
        expected.append(
            [
                flow.recipient.name,
                ", ".join(flow.special),
                "; ".join(f"{b.name} ({b.article})" for b in art6 if b) or "NONE",
                "; ".join(f"{c.name} ({c.article})" for c in art9 if c) or "NONE",
            ]
        )
    done = run("special_category_disclosures.py", str(LANCASHIRE), "--csv")
    assert done.returncode == 0, done.stderr
    header, *rows = csv_rows(done.stdout)
    assert header == [
        "Recipient",
        "Special categories",
        "Art 6 basis",
        "Art 9 condition",
        "Schedule 1",
    ]
    assert [r[:4] for r in rows] == expected
    # What the published notice says about sharing with partners.
    by_recipient = {r[0]: r for r in rows}
    police = by_recipient["Lancashire Constabulary"]
    assert "health" in police[1]
    assert "Public task (6(1)(e))" in police[2]
    assert "Substantial public interest (9(2)(g))" in police[3]
    assert police[4] == "DPA 2018 Sch 1 para 18"
    # Internal council services are not "leaving the organisation".
    internal = {r.name for r in lancashire.recipients if r.internal}
    assert internal and not internal & set(by_recipient)


def test_special_category_disclosures_table(lancashire: privacymap.DataMap) -> None:
    done = run("special_category_disclosures.py", str(LANCASHIRE))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("  ")[0] == "Recipient"
    count = sum(
        1
        for f in lancashire.index.flows
        if f.direction == "disclosure" and f.special and f.recipient and not f.recipient.internal
    )
    assert count > 0
    assert lines[-1] == f"{count} disclosure(s) of special category data outside the organisation"


# --------------------------------------------------------------------------- retention


def test_retention_schedule(lancashire: privacymap.DataMap) -> None:
    done = run("retention_schedule.py", str(LANCASHIRE), "--csv")
    assert done.returncode == 0, done.stderr
    header, *rows = csv_rows(done.stdout)
    assert header[0] == "Record type" and header[-1] == "Flag"
    assert [r[0] for r in rows] == [" ".join(x.record.split()) for x in lancashire.retention]
    flagged = {r[0] for r in rows if r[-1] == "NO PERIOD"}
    assert flagged == {" ".join(x.record.split()) for x in lancashire.retention if not x.period}
    by_record = {r[0]: r for r in rows}
    # The published notice: paper records 12 months; the forms "governed by legislation".
    assert by_record["Paper records"][1] == "12 months"
    assert by_record["Paper records"][-1] == ""
    forms = by_record["Registration Forms"]
    assert forms[1] == "-" and forms[-1] == "NO PERIOD"
    assert forms[3] == "Retention period governed by legislation"
    assert forms[4] == "Registration with CFW"


def test_retention_schedule_fails_on_missing_periods(lancashire: privacymap.DataMap) -> None:
    missing = sum(1 for x in lancashire.retention if not x.period)
    done = run("retention_schedule.py", str(LANCASHIRE), "--fail-on-missing")
    assert done.returncode == (1 if missing else 0)
    assert done.stdout.splitlines()[-1] == (
        f"{len(lancashire.retention)} record type(s), {missing} without a retention period"
    )


# --------------------------------------------------------------------------- recipients guard


def test_recipients_guard(tmp_path: Path, lancashire: privacymap.DataMap) -> None:
    baseline = tmp_path / "recipients.json"
    done = run(
        "recipients_guard.py", str(LANCASHIRE), "--baseline", str(baseline), "--write-baseline"
    )
    assert done.returncode == 0, done.stderr
    written = json.loads(baseline.read_text("utf-8"))["recipients"]
    assert written == {r.id: r.name for r in lancashire.recipients}
    assert written["lancashire-constabulary"] == "Lancashire Constabulary"

    same = run("recipients_guard.py", str(LANCASHIRE), "--baseline", str(baseline))
    assert same.returncode == 0, same.stderr
    assert same.stdout.strip() == f"no new recipients ({len(written)} in the map, 0 removed)"

    # The last release did not share with the DWP and shared with a body since dropped.
    document = json.loads(baseline.read_text("utf-8"))
    del document["recipients"]["dwp"]
    document["recipients"]["old-provider"] = "A provider no longer used"
    baseline.write_text(json.dumps(document), "utf-8")
    changed = run("recipients_guard.py", str(LANCASHIRE), "--baseline", str(baseline))
    assert changed.returncode == 1
    assert changed.stdout.splitlines() == [
        "removed recipient: old-provider (A provider no longer used)",
        "NEW recipient: dwp (Department for Work and Pensions)",
    ]
    assert "1 new recipient(s)" in changed.stderr


def test_recipients_guard_unusable_inputs(tmp_path: Path) -> None:
    missing = run("recipients_guard.py", str(LANCASHIRE), "--baseline", str(tmp_path / "no.json"))
    assert missing.returncode == 2
    assert "cannot read the baseline" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("notice: [\n", "utf-8")
    for script, extra in (
        ("recipients_guard.py", ["--baseline", str(tmp_path / "b.json")]),
        ("retention_schedule.py", []),
        ("special_category_disclosures.py", []),
    ):
        done = run(script, str(broken), *extra)
        assert done.returncode == 2, (script, done.stdout, done.stderr)
        assert "cannot load" in done.stderr
        assert "Traceback" not in done.stderr
