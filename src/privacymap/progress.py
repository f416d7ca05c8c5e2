"""Progress by phase on a terminal: what a long check or build is doing, with counts.

The pipeline names each phase as it starts (`phase("notice", "10,000 activities")`);
nothing is shown unless a command opened a display with `shown`, which it does
only when stderr is a terminal and --quiet was not given. Even then the line
appears only once the command has run for `DELAY` seconds, so a quick check
stays silent, and it is erased when the command ends, leaving the report as it
was. Plain ANSI control sequences (carriage return, erase line): no library,
so `privacymap check` imports nothing for it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

DELAY = 1.0
"""Seconds a command runs before its progress shows (PRIVACYMAP_PROGRESS_AFTER overrides)."""
ERASE = "\r\x1b[2K"
"""Back to the start of the line and erase it."""


class _Display:
    """One status line on `stream`, shown from `after` seconds on, updated at each phase."""

    def __init__(self, stream: TextIO, after: float) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.after = after
        self.text = ""
        self.visible = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(after, self._show)
        self.timer.daemon = True
        self.timer.start()

    def update(self, name: str, detail: str) -> None:
        with self.lock:
            self.text = f"privacymap: {name}" + (f" ({detail})" if detail else "") + "..."
            if not self.visible and time.monotonic() - self.started >= self.after:
                self.visible = True
            if self.visible:
                self._write(self.text)

    def _show(self) -> None:
        with self.lock:
            if self.text and not self.visible:
                self.visible = True
                self._write(self.text)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(f"{ERASE}{text}")
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth an error
            pass

    def close(self) -> None:
        self.timer.cancel()
        with self.lock:
            if self.visible:
                self._write("")
            self.visible = False


_current: ContextVar[_Display | None] = ContextVar("privacymap_progress", default=None)


def phase(name: str, detail: str = "") -> None:
    """Say that phase `name` has started (`detail`: what it works on, with counts)."""
    display = _current.get()
    if display is not None:
        display.update(name, detail)


@contextmanager
def held() -> Iterator[None]:
    """Keep the line from being written inside this block (around a fork, so that the
    copy never starts with the terminal's lock taken by the timer thread)."""
    display = _current.get()
    if display is None:
        yield
        return
    with display.lock:
        yield


def detach() -> None:
    """Show nothing from here on in this context: a forked worker leaves the line to its parent."""
    _current.set(None)


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether to show progress on `stream`: a terminal that can erase a line, not --quiet."""
    if quiet or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def shown(stream: TextIO, enabled: bool) -> Iterator[None]:
    """Show the phases named inside this block on `stream` (when `enabled`); erase at the end."""
    if not enabled:
        yield
        return
    try:
        after = float(os.environ.get("PRIVACYMAP_PROGRESS_AFTER", DELAY))
    except ValueError:
        after = DELAY
    display = _Display(stream, max(after, 0.0))
    token = _current.set(display)
    try:
        yield
    finally:
        _current.reset(token)
        display.close()
