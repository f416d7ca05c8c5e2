"""No reporter prints a control character from the map raw (terminal and CI-log injection).

A key, a value or a file name holding `ESC ] 0;...` (set the window title),
`ESC [2K` (erase the line), a carriage return or a bidi override could hide
the error line or fake another; every format writes them as visible escapes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.support.guard import cli

SCAFFOLD = Path(__file__).resolve().parents[2] / "src" / "privacymap" / "data" / "scaffold"
HOSTILE_KEY = '"\\e]0;pwned\\a\\e[2K\\rok\\u202e"'
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_map(tmp_path: Path) -> Path:
    text = (SCAFFOLD / "datamap.yaml").read_text("utf-8")
    text = text.replace("controller:\n", f"controller:\n  {HOSTILE_KEY}: x\n", 1)
    name = "map\x1b[2K\r.yaml"
    (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit"])
def test_no_control_character_reaches_the_report(hostile_map: Path, fmt: str) -> None:
    run = cli("check", ".", "--format", fmt, cwd=hostile_map)
    assert run.returncode == 2, run.output
    assert "PM003" in run.output
    assert RAW.findall(run.stdout) == [], repr(run.stdout[:2000])
    assert "\\x1b" in run.stdout or "\\\\x1b" in run.stdout  # shown, escaped
    if fmt in ("json", "sarif"):
        decoded = json.dumps(json.loads(run.stdout), ensure_ascii=False)
        assert RAW.findall(decoded) == []
    if fmt == "junit":
        ElementTree.fromstring(run.stdout.encode("utf-8"))  # well-formed XML


def test_text_report_of_a_build_escapes_too(hostile_map: Path) -> None:
    run = cli("build", ".", "-o", str(hostile_map.parent / "out"), cwd=hostile_map)
    assert run.returncode == 2
    assert RAW.findall(run.stderr) == [], repr(run.stderr)
