"""Without Graphviz the build still succeeds, writes the DOT, and says once how to get SVG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_build_without_dot_writes_dot_and_says_so_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "privacymap", "build", "examples/family-support", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Graphviz is not installed") == 1
    assert (out / "dataflow.dot").is_file()
    assert not (out / "dataflow.svg").exists()
    assert (out / "notice.html").is_file() and "<svg" not in (out / "notice.html").read_text()
