"""Helpers for tests that need external programs.

The programs come from ``make system-deps`` (scripts/install-system-deps.sh):
Debian's Chromium, Graphviz, LibreOffice and a Java runtime, plus npm packages
pinned in tools/node (vnu-jar, axe-core, @microsoft/sarif-multitool,
@mermaid-js/mermaid-cli).

A missing program skips the test locally, with a hint how to install it, but
fails it when the environment variable ``CI`` is set: in CI a skipped
toolchain test would hide a broken set-up.

Typical use::

    from tests.support.external import launch_chromium, run_axe, run_vnu

    @pytest.mark.external
    def test_notice_is_accessible(tmp_path):
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page()
            page.goto(notice.as_uri())
            assert run_axe(page) == []
        assert run_vnu(notice) == []
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "tools" / "node" / "node_modules"
SYSTEM_DEPS_HINT = "run `make system-deps`"

#: Flags for Chromium as root on a machine without network or GPU.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: The axe-core rule tags checked by :func:`run_axe` (WCAG 2.2 AA and below).
AXE_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


# --- skip locally, fail in CI ------------------------------------------------


def in_ci() -> bool:
    """True when the environment variable CI is set (to anything but '', 0 or false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_tool(what: str, install_hint: str = SYSTEM_DEPS_HINT) -> NoReturn:
    """Skip the current test because *what* is missing; fail instead in CI."""
    message = f"{what} not installed: {install_hint}"
    if in_ci():
        pytest.fail(f"{message} (CI is set, so a missing tool is a failure)", pytrace=False)
    pytest.skip(message)


def require_program(name: str, install_hint: str = SYSTEM_DEPS_HINT) -> str:
    """Return the absolute path of program *name* on PATH, or skip (fail in CI)."""
    path = shutil.which(name)
    if path is None:
        missing_tool(f"program {name!r}", install_hint)
    return path


def require_file(path: Path, what: str, install_hint: str = SYSTEM_DEPS_HINT) -> Path:
    """Return *path* if it exists, or skip (fail in CI) naming *what*."""
    if not path.exists():
        missing_tool(f"{what} ({path})", install_hint)
    return path


# --- where the tools are -----------------------------------------------------


def chromium_path() -> str:
    """Debian's Chromium (/usr/bin/chromium); $PRIVACYMAP_CHROMIUM overrides."""
    override = os.environ.get("PRIVACYMAP_CHROMIUM")
    if override:
        return str(require_file(Path(override), "Chromium from $PRIVACYMAP_CHROMIUM"))
    return require_program("chromium", "apt-get install chromium (or `make system-deps`)")


def dot_path() -> str:
    """Graphviz's ``dot``."""
    return require_program("dot", "apt-get install graphviz (or `make system-deps`)")


def soffice_path() -> str:
    """LibreOffice's ``soffice`` (Debian package libreoffice-calc-nogui)."""
    return require_program(
        "soffice", "apt-get install libreoffice-calc-nogui (or `make system-deps`)"
    )


def java_path() -> str:
    """A Java runtime (11 or later) for the Nu HTML checker."""
    return require_program("java", "apt-get install default-jre-headless (or `make system-deps`)")


def node_path() -> str:
    """Node.js, for the npm tools."""
    return require_program("node", "apt-get install nodejs npm (or `make system-deps`)")


def vnu_jar_path() -> Path:
    """The Nu HTML checker jar from the npm package vnu-jar."""
    return require_file(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "vnu.jar")


def axe_script_path() -> Path:
    """axe.min.js from the npm package axe-core."""
    return require_file(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")


def sarif_multitool() -> Path:
    """The SARIF Multitool executable (the native .NET build on Linux x86_64/arm64)."""
    if sys.platform.startswith("linux"):
        native = NODE_MODULES / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
        return require_file(native, "SARIF Multitool")
    return require_file(NODE_MODULES / ".bin" / "sarif-multitool", "SARIF Multitool")


def sarif_schema_path() -> Path:
    """The official SARIF 2.1.0 JSON schema, shipped inside the multitool's npm package."""
    return require_file(
        NODE_MODULES / "@microsoft" / "sarif-multitool-linux" / "sarif-2.1.0.json",
        "SARIF 2.1.0 schema",
    )


def mmdc_path() -> Path:
    """scripts/mmdc: the Mermaid CLI wrapper that drives Debian's Chromium offline."""
    require_file(NODE_MODULES / ".bin" / "mmdc", "Mermaid CLI (@mermaid-js/mermaid-cli)")
    chromium_path()
    node_path()
    return REPO_ROOT / "scripts" / "mmdc"


# --- Chromium (Playwright) and axe-core --------------------------------------


def launch_chromium(playwright: Playwright, **launch_options: Any) -> Browser:
    """Launch Debian's Chromium headless through Playwright.

    Pass the ``playwright`` object of ``sync_playwright()``; extra keyword
    arguments go to ``playwright.chromium.launch``. Never run
    ``playwright install``: this uses /usr/bin/chromium.
    """
    options: dict[str, Any] = {
        "executable_path": chromium_path(),
        "headless": True,
        "args": list(CHROMIUM_FLAGS),
    }
    options.update(launch_options)
    return playwright.chromium.launch(**options)


def run_axe(page: Page, tags: Sequence[str] = AXE_TAGS) -> list[dict[str, Any]]:
    """Run axe-core on the page's current document; return its violations.

    The axe source is evaluated through the DevTools protocol (``page.evaluate``),
    which a page's Content-Security-Policy does not block, so pages that forbid
    scripts (as privacymap's notices do) are checked as they are served. (A
    ``<script>`` tag from ``page.add_script_tag`` would be blocked unless the
    context was made with ``bypass_csp=True``.)

    Each violation is axe's own object: ``id``, ``impact``, ``help``,
    ``helpUrl``, ``tags`` and ``nodes`` (each with ``target`` and ``html``).
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script_path().read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {violations: r.violations};
        }""",
        list(tags),
    )
    return list(result["violations"])


def format_axe_violations(violations: Sequence[dict[str, Any]]) -> str:
    """One line per violation and node, for assertion messages."""
    lines = []
    for v in violations:
        for node in v.get("nodes", []):
            lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} at {node.get('target')}")
    return "\n".join(lines)


# --- Nu HTML checker ---------------------------------------------------------


def vnu_messages(path: Path | str, *more: Path | str, errors_only: bool = True) -> list[dict]:
    """Run the Nu HTML checker on files; return its JSON messages.

    Messages have ``type`` ('error', 'info' with ``subType`` 'warning', or
    'non-document-error'), ``url``, ``lastLine``, ``firstColumn``, ``message``.
    vnu exits 1 when it reports an error and 0 otherwise; it reports *nothing*
    for a file that does not exist, so missing files raise FileNotFoundError here.
    """
    files = [Path(p) for p in (path, *more)]
    for f in files:
        if not f.is_file():
            raise FileNotFoundError(f)
    cmd = [java_path(), "-jar", str(vnu_jar_path()), "--format", "json", "--stdout"]
    if errors_only:
        cmd.append("--errors-only")
    proc = subprocess.run(
        [*cmd, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise RuntimeError(f"vnu failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return list(json.loads(proc.stdout)["messages"])


def run_vnu(path: Path | str, *more: Path | str) -> list[str]:
    """Nu HTML checker errors for one or more HTML files, as readable strings.

    Each is ``"FILE:LINE:COL: message"``; an empty list means valid HTML.
    """
    out = []
    for m in vnu_messages(path, *more):
        if m.get("type") == "info":
            continue
        where = Path(m.get("url", "").removeprefix("file:")).name
        out.append(f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['message']}")
    return out


# --- SARIF --------------------------------------------------------------------


def sarif_validation_results(path: Path | str) -> list[dict[str, Any]]:
    """Run ``Sarif.Multitool validate`` on a SARIF file; return its results.

    The multitool checks the file against the SARIF 2.1.0 schema (rules
    JSON1xxx) and the spec's own rules (SARIF1xxx errors, SARIF2xxx warnings).
    It exits 0 even when the file is invalid, so the results are read from the
    SARIF log it writes. Each result here is ``{"ruleId", "level", "line",
    "column", "message"}`` with the message text filled in.
    """
    sarif = Path(path)
    if not sarif.is_file():
        raise FileNotFoundError(sarif)
    with tempfile.TemporaryDirectory(prefix="sarif-validate-") as tmp:
        out = Path(tmp) / "validation.sarif"
        proc = subprocess.run(
            [
                str(sarif_multitool()),
                "validate",
                str(sarif),
                "--output",
                str(out),
                "--log",
                "ForceOverwrite",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
        )
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(
                f"sarif-multitool validate failed (exit {proc.returncode}): "
                f"{(proc.stdout + proc.stderr).strip()}"
            )
        log = json.loads(out.read_text(encoding="utf-8-sig"))
    results = []
    for run in log.get("runs", []):
        rules = {r["id"]: r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
        for r in run.get("results", []):
            rule = rules.get(r.get("ruleId", ""), {})
            msg = r.get("message", {})
            text = msg.get("text")
            if text is None:
                template = rule.get("messageStrings", {}).get(msg.get("id", ""), {}).get("text", "")
                text = template
                for i, arg in enumerate(msg.get("arguments", [])):
                    text = text.replace(f"{{{i}}}", str(arg))
            region = (r.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
            results.append(
                {
                    "ruleId": r.get("ruleId"),
                    "level": r.get("level", rule.get("defaultConfiguration", {}).get("level")),
                    "line": region.get("startLine"),
                    "column": region.get("startColumn"),
                    "message": text,
                }
            )
    return results


def json_schema_problems(schema: Path | str, path: Path | str) -> list[str]:
    """Validate a JSON file against a JSON Schema (draft-07 or 2020-12) with Ajv.

    Uses scripts/json-schema-check.mjs (Node.js, Ajv from tools/node). Each
    problem is ``"JSON-POINTER: message"``; [] means valid.
    """
    target = Path(path)
    if not target.is_file():
        raise FileNotFoundError(target)
    require_file(NODE_MODULES / "ajv" / "package.json", "Ajv (npm)")
    proc = subprocess.run(
        [
            node_path(),
            str(REPO_ROOT / "scripts" / "json-schema-check.mjs"),
            str(schema),
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"json-schema-check failed (exit {proc.returncode}): {proc.stderr}")
    problems = []
    for line in proc.stdout.splitlines():
        err = json.loads(line)
        params = err.get("params") or {}
        detail = f" {json.dumps(params, ensure_ascii=False)}" if params else ""
        problems.append(f"{err['path'] or '/'}: {err['message']}{detail}")
    return problems


def validate_sarif(path: Path | str, *, include_warnings: bool = False) -> list[str]:
    """Problems in a SARIF 2.1.0 file; [] means valid.

    Two checks, both offline:

    * the official SARIF 2.1.0 JSON schema (shipped in the multitool's npm
      package), with Ajv: ``"schema: JSON-POINTER: message"``;
    * ``sarif-multitool validate`` (schema rules JSON1xxx plus the spec's own
      rules SARIF1xxx): ``"LINE:COL: RULE: message"``.

    The schema check is needed because the multitool 5.7.0 silently reports
    nothing at all for some invalid logs (a result whose ``level`` is not an
    allowed value, for one). With *include_warnings*, the multitool's
    SARIF2xxx best-practice warnings are included too.
    """
    problems = [f"schema: {p}" for p in json_schema_problems(sarif_schema_path(), path)]
    levels = {"error", "warning"} if include_warnings else {"error"}
    problems += [
        f"{r['line']}:{r['column']}: {r['ruleId']}: {r['message']}"
        for r in sarif_validation_results(path)
        if r["level"] in levels
    ]
    return problems


# --- Graphviz, LibreOffice, Mermaid -----------------------------------------------


def run_dot(source: str, fmt: str = "svg") -> str:
    """Render DOT *source* with Graphviz; return the output (text formats only)."""
    proc = subprocess.run(
        [dot_path(), f"-T{fmt}"],
        input=source,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"dot failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def xlsx_to_csv(xlsx: Path | str, outdir: Path | str, *, all_sheets: bool = True) -> list[Path]:
    """Convert a workbook to UTF-8 CSV with ``soffice --headless``; return the CSV files.

    LibreOffice writes one ``STEM-SHEETNAME.csv`` per sheet (only the first
    sheet's unless *all_sheets*), in UTF-8, values as shown in the cells. Each call uses its own
    throw-away LibreOffice profile, so it works as root and in parallel.
    """
    src = Path(xlsx).resolve()
    if not src.is_file():
        raise FileNotFoundError(src)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    before = set(out.glob("*.csv"))
    # Tokens: separator ',', quote '"', charset UTF-8 (76), from line 1, ..., sheet
    # (-1 = every sheet to its own file, 1 = the first).
    sheet = "-1" if all_sheets else "1"
    filter_ = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet}"
    proc = _soffice_convert(src, out, filter_)
    made = sorted(set(out.glob("*.csv")) - before) or sorted(out.glob(f"{src.stem}*.csv"))
    if proc.returncode != 0 or not made:
        raise RuntimeError(
            f"soffice --convert-to csv failed (exit {proc.returncode}): "
            f"{(proc.stdout + proc.stderr).strip()}"
        )
    return made


def xlsx_to_pdf(xlsx: Path | str, outdir: Path | str) -> Path:
    """Print a workbook to PDF with ``soffice --headless`` (every sheet, its page setup);
    return the PDF. A throw-away profile per call, as for :func:`xlsx_to_csv`."""
    src = Path(xlsx).resolve()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    proc = _soffice_convert(src, out, "pdf")
    pdf = out / f"{src.stem}.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        raise RuntimeError(
            f"soffice --convert-to pdf failed (exit {proc.returncode}): "
            f"{(proc.stdout + proc.stderr).strip()}"
        )
    return pdf


def _soffice_convert(src: Path, out: Path, target: str) -> subprocess.CompletedProcess[str]:
    """``soffice --headless --convert-to TARGET`` of `src` into `out`, with a throw-away
    profile (a shared one makes parallel conversions fail)."""
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        return subprocess.run(
            [
                soffice_path(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(src),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


def run_mmdc(mmd: Path | str, output: Path | str) -> subprocess.CompletedProcess[str]:
    """Render a Mermaid file with scripts/mmdc (output format from the suffix: .svg/.png/.pdf).

    Returns the finished process: ``returncode`` 0 on success; on a syntax
    error it is non-zero and ``stderr`` holds "Parse error on line N: ...".
    """
    return subprocess.run(
        [str(mmdc_path()), "-i", str(mmd), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
