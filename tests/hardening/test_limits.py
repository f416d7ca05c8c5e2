"""The limits bound what they promise: characters after alias expansion, and linear work.

Each case runs in-process under `bounded()`: an address-space limit (1 GiB more
than the test process uses) and a generous wall-clock guard that turns a hang
or a quadratic blow-up into a failure. None of them is a timing assertion.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import privacymap
from privacymap.graph import render
from privacymap.logo import MAX_LOGO_BYTES
from privacymap.output import BuildError
from privacymap.pipeline import check
from privacymap.yamlio import MAX_STRING, MAX_TEXT
from tests.support.external import dot_path
from tests.support.guard import bounded, cli

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = (REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml").read_text()
FAMILY = REPO / "examples" / "family-support"


def rules_of(path: Path) -> list[str]:
    return [d.rule for d in check(path).diagnostics if d.fatal]


def test_alias_amplification_is_bounded_in_characters(tmp_path: Path) -> None:
    """A 223 KB file: one 100,000-character anchor referenced 20,000 times (2e9 characters)."""
    anchor = "x" * (MAX_STRING - 1)
    text = SCAFFOLD + f"statutes: []\nx-notes:\n  - &big {anchor}\n" + "  - *big\n" * 20_000
    (tmp_path / "map.yaml").write_text(text)
    assert (tmp_path / "map.yaml").stat().st_size < 300_000
    with bounded():
        result = check(tmp_path / "map.yaml")
    (problem,) = [d for d in result.diagnostics if d.rule == "PM010"]
    assert f"{MAX_TEXT:,} characters" in problem.message
    assert problem.location is not None and problem.location.line > 1
    assert result.exit_code == 2


def test_one_huge_value_is_refused(tmp_path: Path) -> None:
    """A 1,000,000-character category name would be written into every output that names it."""
    text = SCAFFOLD.replace("    name: Contact details", "    name: " + "N" * 1_000_000, 1)
    assert text != SCAFFOLD
    (tmp_path / "map.yaml").write_text(text)
    with bounded():
        result = check(tmp_path / "map.yaml")
    (problem,) = [d for d in result.diagnostics if d.rule == "PM010"]
    assert "1,000,000 characters" in problem.message
    assert result.exit_code == 2


def test_many_duplicate_keys_are_reported_in_linear_time(tmp_path: Path) -> None:
    """60,000 repeats of one key: a rescan per duplicate took 38 s for 20,000, 9x that here."""
    text = SCAFFOLD.replace("controller:\n", "controller:\n" + "  name: x\n" * 60_000, 1)
    (tmp_path / "map.yaml").write_text(text)
    with bounded(seconds=60):
        found = rules_of(tmp_path / "map.yaml")
    assert found.count("PM002") >= 60_000


def test_citations_of_many_declared_statutes(tmp_path: Path) -> None:
    """400 statutes (each with aliases) x 400 citations of them: compiled once, not per citation."""
    statutes = "statutes:\n" + "".join(
        f"  - id: act-{i}\n    title: Northshire Local Act Number {i}\n    year: 2001\n"
        f'    aliases: ["NLA {i}", "Northshire Act X{i}"]\n'
        for i in range(400)
    )
    law = "".join(
        f'      - "Northshire Local Act Number {i} 2001 s {i % 50 + 1}"\n' for i in range(400)
    )
    one_law = r'    law: \["Localism Act 2011 s 1"\].*\n'
    text = re.sub(one_law, lambda _: "    law:\n" + law, SCAFFOLD)
    assert text != SCAFFOLD
    (tmp_path / "map.yaml").write_text(text + statutes)
    with bounded(seconds=60):
        result = check(tmp_path / "map.yaml")
    assert result.exit_code == 0, [str(d) for d in result.diagnostics][:5]


def test_thousands_of_waivers_against_thousands_of_findings(tmp_path: Path) -> None:
    """5,000 waivers and 20,000 findings: hashed by subject, not every waiver x every finding."""
    recipients = "".join(f"  - id: r{i}\n    name: R {i}\n" for i in range(20_000))
    waivers = "waivers:\n" + "".join(
        f"  - rule: PM106\n    subject: recipient:r{i}\n"
        "    justification: Kept for the next review of sharing.\n"
        "    approver: DPO\n    expires: 2026-12-31\n"
        for i in range(0, 20_000, 4)
    )
    text = SCAFFOLD.replace("recipients:\n", "recipients:\n" + recipients, 1) + waivers
    (tmp_path / "map.yaml").write_text(text)
    with bounded(seconds=60):
        result = check(tmp_path / "map.yaml", today=dt.date(2026, 6, 1))
    unused = [d for d in result.diagnostics if d.rule == "PM106"]
    assert len(unused) >= 20_000
    assert sum(1 for d in unused if d.waived) == 5_000


def test_graphviz_timeout_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graphviz taking too long (30,000 recipients) is a BuildError, exit 2, not a crash."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\nsleep 30\n")
    (fake / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(render, "to_svg", functools.partial(render.to_svg, timeout=0.5))
    with bounded(seconds=120), pytest.raises(BuildError, match="longer than"):
        privacymap.build(FAMILY, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    from typer.testing import CliRunner

    from privacymap.cli import app

    done = CliRunner().invoke(app, ["build", str(FAMILY), "-o", str(tmp_path / "out")])
    assert done.exit_code == 2 and "longer than" in done.output, done.output


@pytest.mark.external
def test_graphviz_killed_or_missing_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("dot", 0.1)

    dot_path()  # a real Graphviz is found first, so the timeout is what is tested
    monkeypatch.setattr(render.subprocess, "run", broken)
    with pytest.raises(BuildError):
        privacymap.build(FAMILY, tmp_path / "out")


def test_a_huge_logo_is_never_read(tmp_path: Path) -> None:
    """A 1 GB (sparse) logo: check reports it (PM112) without reading it; build leaves it out."""
    shutil.copytree(FAMILY, tmp_path / "map")
    with open(tmp_path / "map" / "logo.png", "wb") as f:
        f.truncate(1 << 30)
    notice = tmp_path / "map" / "notice.yaml"
    notice.write_text(
        notice.read_text().replace("controller:\n", "controller:\n  logo: logo.png\n", 1)
    )
    with bounded(memory=256 << 20):
        result = check(tmp_path / "map")
    (problem,) = [d for d in result.diagnostics if d.rule == "PM112"]
    assert f"{MAX_LOGO_BYTES:,}" in problem.message
    run = cli("build", "map", "-o", "out", "--draft", cwd=tmp_path)
    assert run.returncode == 0
    assert "data:image/png" not in (tmp_path / "out" / "notice.html").read_text()
