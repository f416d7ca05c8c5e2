"""Outputs and diagrams side by side (privacymap.parallel): the same bytes as one at a time.

A build with PRIVACYMAP_JOBS=1 runs everything here, in order; with more, the
ROPA is made in a forked copy of the process while the notice and the graph are
made here, and Graphviz draws several diagrams at once. Files, notes, errors and
exit codes must not depend on which.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from privacymap import parallel, pipeline, progress
from privacymap.graph import render
from privacymap.output import BuildError, EmitContext, Output
from privacymap.pipeline import emitting
from tests.support.external import dot_path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "family-support"
TODAY = dt.date(2026, 6, 1)


class _Spy:
    """Counts the forked workers and the largest Graphviz pool a build used."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.forked: list[str] = []
        self.pool = 0
        spy = self
        real_in_order = parallel.in_order

        class Counted(parallel.Forked):  # type: ignore[type-arg]
            def __init__(self, work: Callable[[], object], name: str) -> None:
                spy.forked.append(name)
                super().__init__(work, name)

        def in_order(tasks: list[Callable[[], object]], workers: int) -> list[object]:
            spy.pool = max(spy.pool, min(workers, len(tasks)))
            return real_in_order(tasks, workers)

        monkeypatch.setattr(parallel, "Forked", Counted)
        monkeypatch.setattr(parallel, "in_order", in_order)


def _build(
    out: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, bytes], object]:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, str(jobs))
    result = pipeline.build(EXAMPLE, out, today=TODAY)
    assert result.exit_code == 0, result.check.diagnostics
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return files, (result.written, result.notes)


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork here: builds are always serial")
def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dot_path()
    serial, serial_report = _build(tmp_path / "serial", 1, monkeypatch)
    spy = _Spy(monkeypatch)
    side_by_side, report = _build(tmp_path / "parallel", 3, monkeypatch)
    assert spy.forked == ["ROPA"]  # the notice and the graph share the graph: made here
    assert spy.pool == 3  # diagrams drawn three at a time
    assert "ropa.xlsx" in side_by_side and "dataflow/full.json" in side_by_side
    assert any(name.endswith(".png") for name in side_by_side)
    assert side_by_side.keys() == serial.keys()
    for name, data in serial.items():
        assert side_by_side[name] == data, name
    assert report == serial_report


def test_drawings_come_back_in_the_order_given_whatever_the_pool() -> None:
    dot_path()
    sources = [f'digraph {{ "{n}" -> "{n + 1}" [label="flow {n}"] }}' for n in range(5)]
    one = render.draw_all(sources, render.IMAGE_FORMATS, workers=1)
    many = render.draw_all(sources, render.IMAGE_FORMATS, workers=4)
    assert many == one
    assert [b"flow 3" in svg["svg"] for svg in one] == [n == 3 for n in range(5)]
    assert all(list(image) == list(render.IMAGE_FORMATS) for image in many)


def test_a_failing_drawing_is_reported_whatever_the_pool() -> None:
    dot_path()
    sources = ["digraph { a -> b }", "digraph { a -> ", "digraph { c -> d }"]
    for workers in (1, 3):
        with pytest.raises(render.GraphvizError, match="dot failed"):
            render.draw_all(sources, ("svg",), workers=workers)


def _failing(error: BaseException) -> Callable[[EmitContext], Output]:
    def emit(context: EmitContext) -> Output:
        raise error

    return emit


def _killed(context: EmitContext) -> Output:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork here: builds are always serial")
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_output_that_fails_stops_the_build_and_writes_nothing(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure in the ROPA (made in a forked worker when jobs > 1) is the same BuildError
    either way; the graph failing too does not change which is reported (the first in
    the order of the outputs); the previous build is left as it was."""
    import privacymap.graph
    import privacymap.ropa

    out = tmp_path / "out"
    _build(out, 1, monkeypatch)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setenv(parallel.JOBS_VARIABLE, str(jobs))
    monkeypatch.setattr(privacymap.ropa, "emit", _failing(MemoryError()))
    monkeypatch.setattr(privacymap.graph, "emit", _failing(render.GraphvizError("boom")))
    with pytest.raises(BuildError, match="out of memory while writing the outputs"):
        pipeline.build(EXAMPLE, out, today=TODAY, options={"diagrams": False})
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork here: builds are always serial")
def test_a_worker_killed_on_the_way_is_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import privacymap.ropa

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(privacymap.ropa, "emit", _killed)
    with pytest.raises(BuildError, match=r"the ROPA worker ended without a result \(exit -9\)"):
        pipeline.build(EXAMPLE, tmp_path / "out", today=TODAY, options={"diagrams": False})
    assert not (tmp_path / "out").exists()


def test_an_unexpected_error_in_a_worker_keeps_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not parallel.can_fork():
        pytest.skip("no fork here")

    def broken() -> None:
        raise KeyError("no such column")

    with pytest.raises(KeyError) as caught:
        parallel.Forked(broken, "test").result()
    assert isinstance(caught.value.__cause__, parallel.RemoteError)
    assert "in broken" in str(caught.value.__cause__)


def test_a_forked_worker_shows_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel.can_fork():
        pytest.skip("no fork here")

    def phase_shown() -> bool:
        progress.phase("ROPA", "in the worker")
        return progress._current.get() is not None

    class Terminal:
        def __init__(self) -> None:
            self.written: list[str] = []

        def write(self, text: str) -> int:
            self.written.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setenv("PRIVACYMAP_PROGRESS_AFTER", "0")
    stream = Terminal()
    with progress.shown(stream, enabled=True):  # type: ignore[arg-type]

        def work() -> bool:
            progress.detach()
            return phase_shown()

        assert parallel.Forked(work, "test").result() is False
    assert not any("in the worker" in text for text in stream.written)


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5"])
def test_a_bad_jobs_setting_is_a_build_error(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, given)
    with pytest.raises(BuildError, match="PRIVACYMAP_JOBS must be a whole number of at least 1"):
        pipeline.build(EXAMPLE, tmp_path / "out", today=TODAY, options={"diagrams": False})


def test_jobs_defaults_to_the_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel.jobs() == usable
    monkeypatch.setenv(parallel.JOBS_VARIABLE, " 3 ")
    assert parallel.jobs() == 3


@pytest.mark.parametrize(
    ("artefacts", "workers", "groups"),
    [
        (("notice", "ropa", "graph"), 1, [("notice", "ropa", "graph")]),
        (("notice", "ropa", "graph"), 2, [("notice", "graph"), ("ropa",)]),
        (("notice", "ropa", "graph"), 8, [("notice", "graph"), ("ropa",)]),
        (("ropa", "graph"), 2, [("graph",), ("ropa",)]),
        (("ropa",), 2, [("ropa",)]),
    ],
)
def test_outputs_that_share_work_stay_together(
    artefacts: tuple[str, ...], workers: int, groups: list[tuple[str, ...]]
) -> None:
    assert emitting._groups(artefacts, workers) == groups
