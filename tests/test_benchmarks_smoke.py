"""Smoke test of the benchmark harness: it runs, and its synthetic maps are sound.

No timing assertions: timings belong in benchmarks/RESULTS.md, not in tests.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"


@pytest.fixture(scope="module")
def generate():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import generate as module
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_generated_map_is_deterministic(generate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    generate.write(120, 7, tmp_path / "a")
    generate.write(120, 7, tmp_path / "b")
    generate.write(120, 8, tmp_path / "c")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_generated_map_is_spread_over_files_and_loads_clean(generate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from privacymap.pipeline import check, resolve

    folder = tmp_path / "map"
    generate.write(300, 1, folder)
    names = sorted(p.name for p in folder.iterdir())
    assert {"organisation.yaml", "catalogue.yaml", "law.yaml"} <= set(names)
    assert sum(name.startswith("activities-") for name in names) > 1

    _loaded, index, diagnostics = resolve(folder)
    assert diagnostics == [], [str(d) for d in diagnostics]
    assert index is not None
    assert len(index.datamap.activities) == 300
    assert len(index.datamap.recipients) >= 200
    assert any(c.special for c in index.datamap.categories)
    assert any(c.criminal_offence for c in index.datamap.categories)
    assert any(f.bases_from == "none" for f in index.flows)  # planted defects
    assert all(c.ok for c in index.citations.values())  # real provisions, parsed

    result = check(folder, today=dt.date(2026, 6, 1))
    assert result.usable
    assert result.diagnostics  # the checker has work to do


def test_generator_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "generate.py"),
            "--activities",
            "20",
            "--seed",
            "3",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "activities-01.yaml").is_file()


def test_quick_benchmark_runs(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--results", str(results)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| 100 | 100 |" in done.stdout
    assert not results.exists()  # --quick writes nothing


def test_results_into_a_missing_folder(tmp_path: Path) -> None:
    """`--results` naming a folder that does not exist yet: the folder is made (the harness
    used to crash after the first map, writing its partial results)."""
    results = tmp_path / "not" / "yet" / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "20", "--runs", "1",
            "--pairs", "1", "--no-lancashire", "--results", str(results),
        ],
        cwd=REPO, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text("utf-8")
    assert "| 20 | 20 |" in text and "## Cold start" in text
    assert "pairs alternating with `python -c pass`" in text
    assert "Import time by package" in text
