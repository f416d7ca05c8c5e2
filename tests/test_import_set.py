"""Cold start: `privacymap check` imports only what checking needs.

Checking runs in pre-commit hooks and on every pull request, so it must not
pay for the emitters' libraries (template engine, graph library, Graphviz
binding, spreadsheet writer and reader, Markdown parser, RDF library), nor for
the typer/click command-line framework (`privacymap.launcher` reads a `check`
command line itself), nor for building pydantic schemas (the data map's
validator comes from `privacymap.usercache`). These tests run the real
entry point in a fresh interpreter and look at `sys.modules` after the check;
tests/checks has a similar test through the Typer app object. No timings: what
is imported and built is what costs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
EXAMPLE = REPO / "examples" / "family-support"
HEAVY = ("jinja2", "networkx", "graphviz", "xlsxwriter", "markdown_it", "openpyxl", "rdflib",
         "pyshacl")  # fmt: skip
CLI_FRAMEWORK = ("typer", "click", "rich", "shellingham")
"""What `privacymap check` does not import either (help and the other commands use them)."""
BUILD_MACHINERY = ("multiprocessing", "concurrent")
"""What a build uses to run on several cores (`privacymap.parallel`); a check never does."""
BUILD_ONLY = (
    "privacymap.pipeline.emitting", "privacymap.pipeline.organisations", "privacymap.output",
    "privacymap.outfolder", "privacymap.outfile", "privacymap.archive", "privacymap.parallel",
    "privacymap.registerfile",
)  # fmt: skip
"""privacymap's own modules that only a build, an output file or an organisation needs."""
NOT_FOR_A_TEXT_REPORT = (
    "json", "difflib", "tempfile", "shutil", "html", "importlib.resources",
)  # fmt: skip
"""Standard modules a text check of a map whose references all resolve does not need: json
(the json and sarif reports), difflib (did-you-mean hints), tempfile and shutil (writing
files; importlib.resources imported them to read the package data), html (the archive)."""


def _modules_after(code: str, tmp_path: Path, env: dict[str, str] | None = None) -> list[str]:
    """Run `code` in a fresh interpreter; return the modules imported by its end."""
    out = tmp_path / "modules.txt"
    script = (  # not json: the list is of what the code imported
        f"{code}\nimport sys\nopen({str(out)!r}, 'w').write('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120,
        env=env,
    )  # fmt: skip
    assert out.exists(), done.stderr
    return out.read_text().splitlines()


def _heavy(modules: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in heavy)


def _build_only(modules: list[str]) -> list[str]:
    return sorted(set(modules) & set(BUILD_ONLY))


BUILD_COUNTER = (
    "from pydantic._internal import _generate_schema\n"
    "_generate_schema.builds = 0\n"
    "_original = _generate_schema.GenerateSchema.__init__\n"
    "def _counting(self, *args, **kwargs):\n"
    "    _generate_schema.builds += 1\n"
    "    _original(self, *args, **kwargs)\n"
    "_generate_schema.GenerateSchema.__init__ = _counting\n"
)
"""Code that counts pydantic schema builds (one `GenerateSchema` per model or adapter built)."""


def _cli(args: list[str]) -> str:
    """Code that runs the console script's `main` as `privacymap ARGS` and survives its exit."""
    return (
        "import sys\n"
        "from privacymap.launcher import main\n"
        f"sys.argv = ['privacymap', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, 1), exit.code\n"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_cli_check_of_a_map_with_findings_imports_no_emitter_library(
    fmt: str, tmp_path: Path
) -> None:
    modules = _modules_after(_cli(["check", str(LANCASHIRE), "--format", fmt]), tmp_path)
    assert "privacymap.checks" in modules  # the check really ran
    assert _heavy(modules) == []
    assert _heavy(modules, CLI_FRAMEWORK) == []
    assert _heavy(modules, BUILD_MACHINERY) == []
    assert _build_only(modules) == []


def test_cli_check_of_a_clean_map_imports_no_emitter_library(tmp_path: Path) -> None:
    modules = _modules_after(_cli(["check", str(EXAMPLE)]), tmp_path)
    assert "privacymap.checks" in modules
    assert _heavy(modules) == []
    assert _heavy(modules, CLI_FRAMEWORK) == []
    assert _heavy(modules, BUILD_MACHINERY) == []
    assert _build_only(modules) == []


@pytest.mark.parametrize("path", [LANCASHIRE, EXAMPLE], ids=["findings", "clean"])
def test_a_text_check_imports_no_standard_module_it_does_not_need(
    path: Path, tmp_path: Path
) -> None:
    """Once the validator is cached (the first run builds it, and pydantic's plugin scan
    then reads package metadata), a text report loads none of `NOT_FOR_A_TEXT_REPORT`."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("PRIVACYMAP_NO_CACHE", None)
    _modules_after(_cli(["check", str(path)]), tmp_path, env)
    modules = _modules_after(_cli(["check", str(path)]), tmp_path, env)
    assert "privacymap.checks" in modules
    assert sorted(set(modules) & set(NOT_FOR_A_TEXT_REPORT)) == []


def test_check_with_options_spelled_as_click_allows_imports_no_typer(tmp_path: Path) -> None:
    args = ["check", "-fjson", str(LANCASHIRE), "--select=PM2", "--ignore", "PM201", "--strict"]
    modules = _modules_after(_cli(args), tmp_path)
    assert "privacymap.checks" in modules
    assert _heavy(modules, (*HEAVY, *CLI_FRAMEWORK)) == []


def test_check_help_still_comes_from_typer(tmp_path: Path) -> None:
    """The guard would notice typer: `check --help` is typer's (and exits 0)."""
    modules = _modules_after(_cli(["check", "--help"]), tmp_path)
    assert "typer" in _heavy(modules, CLI_FRAMEWORK)


def test_a_second_check_builds_no_pydantic_schema(tmp_path: Path) -> None:
    """The first run of a version builds DataMap's validator and caches it; later runs
    build nothing: no model schema, no typer parameter adapter."""
    script = (
        BUILD_COUNTER
        + _cli(["check", str(LANCASHIRE)])
        + (
            "from pydantic._internal import _generate_schema\n"
            "print('schema builds:', _generate_schema.builds)\n"
        )
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    counts = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
            timeout=120, env=env,
        )  # fmt: skip
        counts.append(int(done.stdout.rpartition("schema builds: ")[2]))
    assert counts[0] > 0 and counts[1] == 0


def test_pipeline_check_imports_no_emitter_library(tmp_path: Path) -> None:
    code = f"from privacymap.pipeline import check\ncheck({str(LANCASHIRE)!r})"
    modules = _modules_after(code, tmp_path)
    assert "privacymap.index" in modules
    assert _heavy(modules) == []
    assert _build_only(modules) == []


def test_importing_the_cli_imports_no_emitter_library(tmp_path: Path) -> None:
    assert _heavy(_modules_after("import privacymap.cli", tmp_path)) == []


def test_the_guard_would_notice_a_heavy_import(tmp_path: Path) -> None:
    """The harness itself works: a build does import the emitters' libraries."""
    code = (
        "from privacymap.output import EmitContext\n"
        "from privacymap.pipeline import emitter, resolve\n"
        f"_, index, _ = resolve({str(EXAMPLE)!r})\n"
        "emitter('ropa')(EmitContext(index=index, diagnostics=()))\n"
    )
    modules = _modules_after(code, tmp_path)
    assert "xlsxwriter" in _heavy(modules)
    assert "privacymap.pipeline.emitting" in _build_only(modules)


def test_the_pipelines_names_imported_on_first_use_are_all_there(tmp_path: Path) -> None:
    """`privacymap.pipeline` imports its build and organisation names on first use; each
    is there, and `from privacymap.pipeline import build_organisation` loads its module."""
    code = (
        "import privacymap.pipeline as pipeline\n"
        "from privacymap.pipeline import build_organisation\n"
        "assert all(getattr(pipeline, name) is not None for name in pipeline.__all__)\n"
        "assert set(pipeline.__all__) <= set(dir(pipeline))\n"
    )
    modules = _modules_after(code, tmp_path)
    assert {"privacymap.pipeline.organisations", "privacymap.pipeline.emitting"} <= set(modules)


def test_the_guard_would_notice_the_import_and_export_libraries(tmp_path: Path) -> None:
    """`import` reads workbooks with openpyxl and `export dpv --format ttl` writes Turtle
    with rdflib: both load them, and only they do."""
    out = tmp_path / "x.ttl"
    modules = _modules_after(_cli(["export", "dpv", str(EXAMPLE), "-f", "ttl", "-o", str(out)]),
                             tmp_path)  # fmt: skip
    assert "rdflib" in _heavy(modules) and "openpyxl" not in _heavy(modules)
    from openpyxl import Workbook

    book = tmp_path / "ropa.xlsx"
    Workbook().save(book)
    modules = _modules_after(
        "import sys\nfrom privacymap.launcher import main\n"
        f"sys.argv = ['privacymap', 'import', {str(book)!r}, '-o', {str(tmp_path / 'm')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n",
        tmp_path,
    )
    assert "openpyxl" in _heavy(modules) and "rdflib" not in _heavy(modules)
