"""Making the outputs: each artefact's `emit`, run one after another or side by side in
forked workers, with the same files, notes and errors either way."""

from __future__ import annotations

import functools
import importlib

from privacymap import parallel, progress
from privacymap.output import BuildError, EmitContext, Emitter, Output
from privacymap.yamlio import gc_paused

ARTEFACTS: tuple[str, ...] = ("notice", "ropa", "graph")
"""The output packages, in build order: `privacymap.<name>.emit(context) -> Output`."""
PHASE_NAMES = {"ropa": "ROPA"}
"""How progress names an artefact's phase, where it is not its own name."""


def emitter(name: str) -> Emitter:
    """The `emit` function of output `name` (one of `ARTEFACTS`), imported on first use.

    It runs with the cyclic garbage collector paused: an output allocates
    hundreds of thousands of short-lived strings and cells, and each
    collection rescans the whole index (every model object of the map), which
    at 10,000 activities took as long as the emitting itself. Reference
    counting still frees the output's garbage; the collector resumes after.
    """
    if name not in ARTEFACTS:
        raise ValueError(f"unknown artefact {name!r}: expected one of {', '.join(ARTEFACTS)}")
    emit: Emitter = importlib.import_module(f"privacymap.{name}").emit

    def run(context: EmitContext) -> Output:
        with gc_paused():
            return emit(context)

    return run


SHARING: tuple[tuple[str, ...], ...] = (("notice", "graph"), ("ropa",))
"""Outputs that share work run in one process: the notice builds the data-flow graph
(memoised on the index) that the graph output then reuses."""


def emit_all(
    artefacts: tuple[str, ...], context: EmitContext, notes: list[str]
) -> dict[str, bytes]:
    """Every artefact's files (their notes added to `notes`); the failures a user can act
    on become a `BuildError` (a broken template is one already, raised by the notice).

    With more than one core (`privacymap.parallel.jobs()`), the groups of `SHARING`
    run side by side: the first here, the others in forked copies of this process
    (sharing the checked index, not copying it). Files, notes and the error raised
    are the same as one after the other: outputs are merged, and the first failure
    raised, in the order of `artefacts`.
    """
    from privacymap.graph.render import GraphvizError

    try:
        workers = parallel.jobs()
    except parallel.JobsError as error:
        raise BuildError(str(error)) from None
    activities = f"{len(context.index.datamap.activities):,} activities"
    groups = _groups(artefacts, workers if parallel.can_fork() else 1)
    outcomes: dict[str, Output | BaseException] = {}
    try:
        with progress.held():  # no thread of ours is writing while the process forks
            forked = [
                parallel.Forked(functools.partial(_emit_group, group, context, None), _named(group))
                for group in groups[1:]
            ]
        try:
            for group in groups[1:]:
                progress.phase(_named(group), f"{activities}, alongside")
            outcomes.update(_emit_group(groups[0], context, activities))
            for group, worker in zip(groups[1:], forked, strict=True):
                progress.phase(_named(group), f"{activities}, finishing")
                outcomes.update(worker.result())
        finally:
            for worker in forked:
                worker.stop()
        for name in artefacts:
            outcome = outcomes.get(name)
            if isinstance(outcome, BaseException):
                raise outcome
    except UnicodeDecodeError as error:
        if context.templates is None:
            raise
        raise BuildError(f"a template in {context.templates} is not UTF-8 text: {error}") from None
    except GraphvizError as error:
        raise BuildError(f"the diagram could not be drawn: {error}") from None
    except parallel.WorkerDied as error:
        raise BuildError(
            f"{error}: was it out of memory? Build with PRIVACYMAP_JOBS=1 to make one output "
            "at a time, or with --no-per-activity-diagrams"
        ) from None
    except MemoryError:
        raise BuildError(
            "out of memory while writing the outputs; split the data map, or build with "
            "--no-per-activity-diagrams"
        ) from None
    files: dict[str, bytes] = {}
    for name in artefacts:
        made = outcomes[name]
        assert isinstance(made, Output)
        files.update(made.files)
        notes.extend(made.notes)
    return files


def _groups(artefacts: tuple[str, ...], workers: int) -> list[tuple[str, ...]]:
    """`artefacts` in at most `workers` groups, keeping together those of `SHARING`."""
    if workers <= 1:
        return [artefacts]
    groups = [g for g in (tuple(a for a in s if a in artefacts) for s in SHARING) if g]
    groups += [(a,) for a in artefacts if not any(a in g for g in groups)]
    while len(groups) > workers:
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def _named(group: tuple[str, ...]) -> str:
    return ", ".join(PHASE_NAMES.get(name, name) for name in group)


def _emit_group(
    group: tuple[str, ...], context: EmitContext, activities: str | None
) -> dict[str, Output | BaseException]:
    """Each output of `group` in turn, up to the first failure (kept as its outcome).

    `activities` is the count progress shows; None in a forked worker, which leaves
    progress to its parent.
    """
    if activities is None:
        progress.detach()
    made: dict[str, Output | BaseException] = {}
    for name in group:
        if activities is not None:
            progress.phase(PHASE_NAMES.get(name, name), activities)
        try:
            made[name] = emitter(name)(context)
        except Exception as error:  # raised by `emit_all` in the order of the artefacts
            made[name] = error
            break
    return made
