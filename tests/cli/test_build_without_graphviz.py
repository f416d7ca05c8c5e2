"""Without Graphviz a build stops with the install hint, unless --no-diagrams: a notice
must never lose its diagram silently (issue 17)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _build(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    command = [sys.executable, "-m", "privacymap", "build", "examples/family-support"]
    return subprocess.run(
        [*command, "-o", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_build_without_dot_fails_with_the_install_hint(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _build(out)
    assert result.returncode == 2, result.stderr
    assert "Graphviz is not installed" in result.stderr
    assert "apt-get install graphviz" in result.stderr and "--no-diagrams" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_no_diagrams_writes_the_text_only_and_says_nothing_of_a_diagram(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _build(out, "--no-diagrams")
    assert result.returncode == 0, result.stderr
    assert "Graphviz" not in result.stderr
    assert (out / "dataflow.dot").is_file()
    assert not any(p.suffix == ".svg" for p in out.rglob("*"))
    page = (out / "notice.html").read_text()
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)  # the text, not CSS
    assert "<svg" not in body and "diagram" not in body.lower()
    assert not (out / "notice-diagram.svg").exists()
    assert "diagram" not in (out / "notice.md").read_text().lower()
