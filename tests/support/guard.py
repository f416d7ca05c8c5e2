"""Run the CLI, or a block of code, under a memory limit and a wall-clock guard.

The guard is not a timing assertion: its limits are generous, and it only turns
a hang or a runaway allocation into a test failure instead of a stuck or killed
test run.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

MEMORY = 1 << 30
"""Address space a run may add (1 GiB)."""
SECONDS = 120


class GuardTripped(Exception):
    """The guarded code ran past its wall-clock guard."""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = "") -> Run:
    """`python -m privacymap ARGS` in `cwd` under 1 GiB and a timeout; never a traceback."""
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    environment.pop("PRIVACYMAP_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        input=stdin,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
        env=environment,
        check=False,
    )
    run = Run(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in run.output, run.output
    assert "internal error" not in run.output, run.output
    assert run.returncode in (0, 1, 2), run.output
    return run


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def bounded(memory: int = MEMORY, seconds: int = SECONDS) -> Iterator[None]:
    """Run the block with at most `memory` more bytes of address space, and a guard.

    A MemoryError or a GuardTripped inside the block fails the test that uses it.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)

    def trip(_signum: int, _frame: FrameType | None) -> None:
        raise GuardTripped(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, trip)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
