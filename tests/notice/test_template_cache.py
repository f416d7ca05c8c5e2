"""Compiled notice templates kept between runs (jinja2's bytecode cache in the user's cache).

Each build runs in a fresh interpreter with its own XDG_CACHE_HOME and counts
the templates jinja2 compiles: a warm run compiles none and writes the same
bytes as a run without any cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
PACKAGED = REPO / "src" / "privacymap" / "notice" / "templates"

BUILD = """
import json, sys, datetime
import jinja2
compiled = []
original = jinja2.Environment.compile
def counting(self, source, name=None, *args, **kwargs):
    compiled.append(name)
    return original(self, source, name, *args, **kwargs)
jinja2.Environment.compile = counting
from privacymap.pipeline import build
templates = sys.argv[3] or None
build(sys.argv[1], sys.argv[2], draft=True, only=["notice"], templates=templates,
      today=datetime.date(2026, 6, 1))
print(json.dumps(compiled))
"""


def build_notice(
    out: Path, cache: Path, templates: Path | None = None, **env: str
) -> tuple[dict[str, bytes], list[str]]:
    """The notice files built into `out`, and the templates compiled on the way."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache), **env}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(LANCASHIRE), str(out), str(templates or "")],
        capture_output=True, text=True, env=environment, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.name.startswith("notice")}
    return files, json.loads(done.stdout)


def test_a_warm_cache_compiles_nothing_and_writes_the_same_bytes(tmp_path: Path) -> None:
    plain, compiled = build_notice(tmp_path / "none", tmp_path / "c0", PRIVACYMAP_NO_CACHE="1")
    assert {"notice.html", "notice.md"} <= set(plain) and compiled
    cold, compiled = build_notice(tmp_path / "cold", tmp_path / "cache")
    assert compiled  # the first run compiles and stores
    warm, compiled = build_notice(tmp_path / "warm", tmp_path / "cache")
    assert compiled == []
    assert cold == plain and warm == plain


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(PACKAGED / "notice.md.j2", templates / "notice.md.j2")
    cache = tmp_path / "cache"
    before, _ = build_notice(tmp_path / "a", cache, templates)
    assert b"EDITED-TEMPLATE" not in before["notice.md"]
    with (templates / "notice.md.j2").open("a", encoding="utf-8") as file:
        file.write("\nEDITED-TEMPLATE\n")
    after, compiled = build_notice(tmp_path / "b", cache, templates)
    assert b"EDITED-TEMPLATE" in after["notice.md"]
    assert "notice.md.j2" in compiled
