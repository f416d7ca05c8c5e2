"""Work on several cores: how many, subprocesses in a bounded pool, and forked workers.

A build's slow parts are independent: Graphviz drawing each diagram (a
subprocess each) and the outputs (notice, ROPA, graph), which read the same
checked index and write nothing until all are done. Both run side by side when
the machine has more than one core, and give the same bytes in the same order
as one after the other: results are collected in the order the work was
given, never in the order it finished.

``PRIVACYMAP_JOBS`` sets how many run at once (1: one after the other);
the default is the number of cores this process may use.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # imported on first use: `privacymap check` needs neither
    from concurrent.futures import Future
    from multiprocessing.connection import Connection

JOBS_VARIABLE = "PRIVACYMAP_JOBS"

T = TypeVar("T")


class JobsError(ValueError):
    """``PRIVACYMAP_JOBS`` is not a whole number of at least 1."""


def jobs() -> int:
    """How many pieces of work may run at once: ``PRIVACYMAP_JOBS``, else the usable cores."""
    given = os.environ.get(JOBS_VARIABLE, "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            raise JobsError(f"{JOBS_VARIABLE} must be a whole number of at least 1, not {given!r}")
        return int(given)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def in_order(tasks: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """Run `tasks` (each waiting on a subprocess, so threads suffice: the waiting releases
    the interpreter) at most `workers` at a time; their results in the order given.

    The first failure in that order is raised, and the tasks not yet started are
    dropped. With one worker or one task, they run here, one after the other.
    """
    if workers <= 1 or len(tasks) <= 1:
        return [task() for task in tasks]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
        futures: list[Future[T]] = [pool.submit(task) for task in tasks]
        try:
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def can_fork() -> bool:
    """Whether a forked worker can share this process's memory: Linux and the BSDs (on
    macOS system libraries may not survive a fork; Windows has none)."""
    import multiprocessing

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


class WorkerDied(RuntimeError):
    """A forked worker ended without a result (killed, or out of memory)."""


class RemoteError(Exception):
    """An unexpected error in a forked worker; its traceback is the message."""


class Forked(Generic[T]):
    """`work()` running in a forked copy of this process; `result()` waits for it.

    The copy shares the parent's memory as it was at the fork (the checked index
    is not copied or pickled); only the result travels back, pickled. An
    exception in the copy is raised again by `result()`, caused by a `RemoteError`
    holding the copy's traceback (one that cannot be pickled, as that `RemoteError`).
    """

    def __init__(self, work: Callable[[], T], name: str) -> None:
        import multiprocessing

        self.name = name
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self._pipe = receiving
        self._process = context.Process(
            target=_run_and_send, args=(work, sending), name=f"privacymap {name}", daemon=True
        )
        self._process.start()
        sending.close()

    def result(self) -> T:
        try:
            status, value = pickle.loads(self._pipe.recv_bytes())
        except EOFError:
            self._process.join()
            raise WorkerDied(
                f"the {self.name} worker ended without a result (exit {self._process.exitcode})"
            ) from None
        finally:
            self._pipe.close()
        self._process.join()
        if status == "error":
            error, remote = value
            raise error from RemoteError(remote)
        result: T = value
        return result

    def stop(self) -> None:
        """End the worker if it is still running (the build failed elsewhere)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._pipe.close()


def _run_and_send(work: Callable[[], object], pipe: Connection) -> None:
    try:
        message = pickle.dumps(("done", work()), pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # sent to the parent, which raises it
        remote = traceback.format_exc()
        try:
            message = pickle.dumps(("error", (error, remote)), pickle.HIGHEST_PROTOCOL)
            pickle.loads(message)
        except Exception:
            message = pickle.dumps(("error", (RemoteError(remote), remote)))
    pipe.send_bytes(message)
    pipe.close()
