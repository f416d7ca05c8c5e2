"""The data map's validator cache (privacymap.usercache): reused only when it is right.

Each test runs the loader in a fresh interpreter with its own XDG_CACHE_HOME and
counts pydantic schema builds (`GenerateSchema` instances): a run that reuses
the cache builds nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from privacymap import cachefiles, usercache

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "privacymap"
EXAMPLE = REPO / "examples" / "family-support"

PROBE = """
import json, sys
from pydantic._internal import _generate_schema
builds = 0
original = _generate_schema.GenerateSchema.__init__
def counting(self, *args, **kwargs):
    global builds
    builds += 1
    original(self, *args, **kwargs)
_generate_schema.GenerateSchema.__init__ = counting
import privacymap
from privacymap.loader import load
loaded = load(sys.argv[1])
print(json.dumps({
    "builds": builds,
    "rules": sorted({d.rule for d in loaded.diagnostics}),
    "loaded": loaded.datamap is not None,
    "package": privacymap.__file__,
}))
"""


def load_in_child(
    cache: Path | str, map_path: Path = EXAMPLE, pythonpath: Path | None = None, **env: str
) -> dict[str, object]:
    """Load `map_path` in a fresh interpreter whose cache home is `cache`; its probe's report."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    environment.pop("PRIVACYMAP_NO_CACHE", None)
    environment.update(env)
    if pythonpath is not None:
        environment["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(map_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # the cache never speaks
    report: dict[str, object] = json.loads(done.stdout)
    return report


def stored(cache: Path) -> list[Path]:
    return sorted((cache / "privacymap").glob(f"{usercache.PREFIX}*.pickle"))


def test_the_second_run_builds_no_schema(tmp_path: Path) -> None:
    first = load_in_child(tmp_path)
    assert first["loaded"] and first["builds"] > 0
    assert len(stored(tmp_path)) == 1
    second = load_in_child(tmp_path)
    assert second["builds"] == 0
    assert (second["rules"], second["loaded"]) == (first["rules"], first["loaded"])


def test_the_cache_is_private_to_the_user(tmp_path: Path) -> None:
    load_in_child(tmp_path)
    folder = tmp_path / "privacymap"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [file] = stored(tmp_path)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_a_changed_model_is_not_served_from_the_cache(tmp_path: Path) -> None:
    """A copy of the package whose DataMap gains a required field: the old validator
    (which would load the example cleanly) is not reused."""
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source / "privacymap", ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    before = load_in_child(cache, pythonpath=source)
    assert before["package"] == str(source / "privacymap" / "__init__.py")
    assert before["loaded"] and "PM005" not in before["rules"]
    assert load_in_child(cache, pythonpath=source)["builds"] == 0

    model = source / "privacymap" / "model" / "datamap.py"
    text = model.read_text("utf-8")
    anchor = "class DataMap(Model):\n"
    head, _, tail = text.partition(anchor)
    docstring, _, rest = tail.partition('"""\n')  # the class docstring's closing line
    changed = f"{head}{anchor}{docstring}" + '"""\n\n    cache_probe: str\n' + rest
    model.write_text(changed, "utf-8")

    after = load_in_child(cache, pythonpath=source)
    assert "PM005" in after["rules"]  # the new required field is enforced
    assert after["builds"] > 0
    assert len(stored(cache)) == 2


def test_the_key_covers_every_file_the_model_reads() -> None:
    """Every module `import privacymap.model` loads, and every file of the package it
    opens meanwhile, is hashed into the key (else a change there could serve a stale
    validator)."""
    code = (
        "import json, sys\nopened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0]))"
        " if event == 'open' and isinstance(args[0], str) else None)\n"
        "import privacymap.model\n"
        "modules = [m.__file__ for n, m in sys.modules.items()"
        " if n == 'privacymap' or n.startswith('privacymap.')]\n"
        "print(json.dumps(modules + opened))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    package = PACKAGE.resolve()
    read = {Path(file).resolve() for file in json.loads(done.stdout)}
    read = {path for path in read if path.is_relative_to(package) and path.suffix != ".pyc"}
    covered = {path.resolve() for path in usercache._source_files()}
    assert any(path.parent.name == "model" and path.name == "datamap.py" for path in read)
    assert read - covered == set(), "add these to usercache.SCHEMA_SOURCES"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another object"])
def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, damage: str) -> None:
    clean = load_in_child(tmp_path)
    [file] = stored(tmp_path)
    data = file.read_bytes()
    file.write_bytes(
        {
            "garbage": b"not a pickle",
            "truncated": data[: len(data) // 2],
            "another object": b"\x80\x04K\x01.",  # pickle of the int 1
        }[damage]
    )
    rebuilt = load_in_child(tmp_path)
    assert rebuilt["builds"] > 0 and rebuilt["rules"] == clean["rules"]
    assert load_in_child(tmp_path)["builds"] == 0  # and stored again


def test_a_folder_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    load_in_child(tmp_path)
    (tmp_path / "privacymap").chmod(0o777)
    assert load_in_child(tmp_path)["builds"] > 0


def test_a_file_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    load_in_child(tmp_path)
    [file] = stored(tmp_path)
    file.chmod(0o666)
    assert load_in_child(tmp_path)["builds"] > 0


def test_no_cache_where_it_cannot_be_written(tmp_path: Path) -> None:
    """A cache home that cannot hold a folder: the map loads, nothing is said or written."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for _ in range(2):
        report = load_in_child(blocker)
        assert report["loaded"] and report["builds"] > 0
    assert blocker.read_text() == ""


def test_privacymap_no_cache_turns_it_off(tmp_path: Path) -> None:
    load_in_child(tmp_path, PRIVACYMAP_NO_CACHE="1")
    assert not (tmp_path / "privacymap").exists()


def test_nothing_is_written_into_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    load_in_child(tmp_path / "cache", map_path=project)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRIVACYMAP_NO_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachefiles.cache_dir() == tmp_path / "xdg" / "privacymap"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the spec: only absolute paths
    assert cachefiles.cache_dir() == tmp_path / "home" / ".cache" / "privacymap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cachefiles.cache_dir() == tmp_path / "home" / ".cache" / "privacymap"
    monkeypatch.setenv("PRIVACYMAP_NO_CACHE", "1")
    assert cachefiles.cache_dir() is None
