"""The package data parsed once per version (privacymap.packagedata): reused only when right.

A copy from the cache must be exactly what parsing the file gives; a changed file,
or a cache file that is damaged, planted or writable by others, is parsed again.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from privacymap import packagedata, yamlio

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "privacymap"
DATA_FILES = sorted(path.name for path in packagedata.DATA.glob("*.yaml"))


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh cache home; the folder privacymap keeps its files in."""
    monkeypatch.delenv("PRIVACYMAP_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "privacymap"


def stored(cache: Path, stem: str) -> list[Path]:
    return sorted(cache.glob(f"{packagedata.PREFIX}{stem}-*.pickle"))


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the YAML parses `packagedata.load` makes from now on."""
    calls: list[str] = []
    original = yamlio.load_yaml_text

    def counting(text: str) -> object:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(yamlio, "load_yaml_text", counting)
    return calls


@pytest.mark.parametrize("name", DATA_FILES)
def test_the_cached_copy_equals_a_fresh_parse(
    name: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = yamlio.load_yaml_text((packagedata.DATA / name).read_text("utf-8"))
    calls = parses(monkeypatch)
    first = packagedata.load(name)
    second = packagedata.load(name)
    assert len(calls) == 1  # the second came from the cache
    assert first == fresh and second == fresh
    assert repr(second) == repr(fresh)  # the same types and key order, not only equal
    assert len(stored(cache, Path(name).stem)) == 1


def test_a_changed_data_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    """A copy of the package whose rule catalogue changes a title: the copy parsed
    before the change is not reused, and the check reports the new title."""
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source / "privacymap", ignore=shutil.ignore_patterns("__pycache__"))
    probe = (
        "import json, privacymap\n"
        "from privacymap.rules import catalogue\n"
        "print(json.dumps([privacymap.__file__, catalogue()['PM201'].title]))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(source), "XDG_CACHE_HOME": str(tmp_path)}
    environment.pop("PRIVACYMAP_NO_CACHE", None)

    def title() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=environment,
            timeout=120, check=True,
        )  # fmt: skip
        assert done.stderr == ""
        package, found = json.loads(done.stdout)
        assert package == str(source / "privacymap" / "__init__.py")
        return str(found)

    before = title()
    assert title() == before and len(stored(tmp_path / "privacymap", "rules")) == 1
    rules = source / "privacymap" / "data" / "rules.yaml"
    text = rules.read_text("utf-8")
    start = text.index("- id: PM201")
    line = text.index("  title: ", start)
    end = text.index("\n", line)
    rules.write_text(f"{text[:line]}  title: Changed for the cache test{text[end:]}", "utf-8")
    assert title() == "Changed for the cache test"
    assert len(stored(tmp_path / "privacymap", "rules")) == 2


class Planted:
    """What a planted cache file could name: unpickling it would call `os.getcwd`."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return os.getcwd, ()


DAMAGE = {
    "garbage": lambda good: b"not a pickle",
    "truncated": lambda good: good[: len(good) // 2],
    "a pickle naming a function": lambda good: pickle.dumps(("art6.yaml", Planted())),
    "another file's data": lambda good: pickle.dumps(("rights.yaml", {"bases": []})),
    "not a pair": lambda good: pickle.dumps(["art6.yaml", {}]),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_planted_file_is_parsed_again(
    damage: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = packagedata.load("art6.yaml")
    [file] = stored(cache, "art6")
    file.write_bytes(DAMAGE[damage](file.read_bytes()))
    calls = parses(monkeypatch)
    assert packagedata.load("art6.yaml") == clean
    assert len(calls) == 1
    assert packagedata.load("art6.yaml") == clean and len(calls) == 1  # and stored again


def test_a_file_others_can_write_is_not_trusted(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packagedata.load("art9.yaml")
    [file] = stored(cache, "art9")
    file.chmod(0o664)
    calls = parses(monkeypatch)
    packagedata.load("art9.yaml")
    assert len(calls) == 1


def test_no_cache_where_it_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.delenv("PRIVACYMAP_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    calls = parses(monkeypatch)
    for _ in range(2):
        assert packagedata.load("authorities.yaml")["ico"]
    assert len(calls) == 2 and blocker.read_text() == ""


def test_privacymap_no_cache_turns_it_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVACYMAP_NO_CACHE", "1")
    packagedata.load("annex1.yaml")
    assert not cache.exists()
