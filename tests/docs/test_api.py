"""The Python API: documented, in sync with docs/api.md, examples run, light to import, typed."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import pydoc
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

import privacymap
from tests.conftest import REPO

API_MD = REPO / "docs" / "api.md"
HEAVY = ("jinja2", "networkx", "xlsxwriter", "graphviz", "markdown_it")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_api_reference_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ```pycon examples of docs/api.md, as doctests from the repository root."""
    monkeypatch.chdir(REPO)
    text = re.sub(r"^```.*$", "", API_MD.read_text("utf-8"), flags=re.M)
    test = doctest.DocTestParser().get_doctest(text, {}, "api.md", str(API_MD), 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `>>>` example in the package's docstrings runs. Every module is searched,
    and the examples must be found: a module list holding none of them proved nothing."""
    monkeypatch.chdir(REPO)
    modules = [
        "privacymap",
        *(
            m.name
            for m in pkgutil.walk_packages(privacymap.__path__, "privacymap.")
            if not m.name.endswith(".__main__")
        ),
    ]
    attempted = 0
    for module in modules:
        result = doctest.testmod(importlib.import_module(module), optionflags=FLAGS)
        assert result.failed == 0, module
        attempted += result.attempted
    assert attempted >= 3  # privacymap.load's examples at least


def test_help_documents_the_api() -> None:
    text = pydoc.render_doc(privacymap, renderer=pydoc.plaintext)
    for name in (
        "load(path",
        "check(source",
        "build(source",
        "class CheckResult",
        "class BuildResult",
        "class LoadError",
        "class DataMap",
        "privacymap.graph",
        "privacymap.ropa",
    ):
        assert name in text, name
    for name in privacymap.__all__:
        assert hasattr(privacymap, name), name
        if not name.startswith("_"):
            assert getattr(privacymap, name).__doc__, f"{name} has no docstring"


def test_import_and_help_stay_light() -> None:
    code = (
        "import sys, pydoc, privacymap\n"
        "pydoc.render_doc(privacymap, renderer=pydoc.plaintext)\n"
        "privacymap.load('examples/family-support')\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "privacymap.graph\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.splitlines() == ["[]", "True"]


def test_loaded_models_are_immutable_and_comparable() -> None:
    a = privacymap.load(REPO / "examples" / "family-support")
    b = privacymap.load(REPO / "examples" / "family-support")
    assert a == b and a is not b
    assert a.activities[0] == b.activities[0]
    assert hash(a.activities[0]) == hash(b.activities[0])
    with pytest.raises(ValueError):
        a.activities[0].name = "changed"  # type: ignore[misc]
    assert a.index.datamap is a


def test_load_error_is_the_only_exception(tmp_path: pytest.TempPathFactory) -> None:
    for text in ("notice: [\n", "- just a list\n", "notice: {title: 1}\nactivities: 3\n", ""):
        path = tmp_path / "map.yaml"  # type: ignore[operator]
        path.write_text(text, "utf-8")
        with pytest.raises(privacymap.LoadError) as caught:
            privacymap.load(path)
        assert caught.value.diagnostics
        assert all(d.location is not None for d in caught.value.diagnostics if d.rule != "PM005")


def test_typecheck_scope_covers_the_public_api() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert "src/privacymap" in config["files"]
    for override in config.get("overrides", []):
        assert not any(m.startswith("privacymap") for m in override["module"]), override
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^test:.*\btypecheck\b", makefile, re.M)


@pytest.mark.skipif(
    shutil.which("mypy", path=str(REPO / ".venv" / "bin")) is None
    and importlib.util.find_spec("mypy") is None,
    reason="mypy not installed",
)
def test_mypy_strict_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
