"""Progress by phase (privacymap.progress): on a terminal only, named, erased, silenced by -q.

The commands run on a pseudo-terminal (what a user's shell gives them) and
through pipes (CI, editors, `| less`). PRIVACYMAP_PROGRESS_AFTER=0 shows the
line at once instead of after a second, so a small map shows every phase.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from privacymap import progress

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "family-support"
BUILD_PHASES = ("load", "check", "notice", "ROPA", "graph", "diagrams")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TERM"}
    return {**env, "TERM": "xterm", "NO_COLOR": "1", **extra}


def on_terminal(args: list[str], **env: str) -> tuple[int, str]:
    """Run `privacymap ARGS` with stdin, stdout and stderr on a pseudo-terminal."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "privacymap", *args],
        stdin=child, stdout=child, stderr=child, cwd=REPO, env=_env(**env), close_fds=True,
    )  # fmt: skip
    os.close(child)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = process.wait(timeout=600)
    os.close(main)
    return code, b"".join(chunks).decode("utf-8", "replace")


def through_pipes(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        capture_output=True, text=True, cwd=REPO, env=_env(**env), timeout=600, check=False,
    )  # fmt: skip


def test_a_build_on_a_terminal_names_each_phase(tmp_path: Path) -> None:
    args = ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--today", "2026-06-01"]
    code, shown = on_terminal(args, PRIVACYMAP_PROGRESS_AFTER="0")
    assert code == 0, shown
    for name in BUILD_PHASES:
        assert f"privacymap: {name}" in shown, name
    assert "privacymap: check (" in shown and " activities" in shown  # with counts
    after_progress = shown.rpartition(progress.ERASE)[2]  # the line is erased, then the report
    assert not after_progress.startswith("privacymap:") and "wrote " in after_progress


def test_a_check_on_a_terminal_names_its_phases() -> None:
    code, shown = on_terminal(["check", str(EXAMPLE)], PRIVACYMAP_PROGRESS_AFTER="0")
    assert code == 0, shown
    assert "privacymap: load" in shown and "privacymap: check (" in shown


@pytest.mark.parametrize("command", ["build", "check"])
def test_quiet_silences_it(command: str, tmp_path: Path) -> None:
    args = [command, str(EXAMPLE), "--quiet"]
    if command == "build":
        args += ["-o", str(tmp_path / "out")]
    code, shown = on_terminal(args, PRIVACYMAP_PROGRESS_AFTER="0")
    assert code == 0, shown
    assert "privacymap: load" not in shown and progress.ERASE not in shown


def test_nothing_shows_in_a_pipe(tmp_path: Path) -> None:
    args = ["build", str(EXAMPLE), "-o", str(tmp_path / "out")]
    done = through_pipes(args, PRIVACYMAP_PROGRESS_AFTER="0")
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert "privacymap: load" not in stream and "\x1b[" not in stream


def test_a_dumb_terminal_gets_none() -> None:
    code, shown = on_terminal(["check", str(EXAMPLE)], PRIVACYMAP_PROGRESS_AFTER="0", TERM="dumb")
    assert code == 0 and "privacymap: load" not in shown


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_quick_command_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the delay, phases are recorded but not written: a fast check stays silent."""
    monkeypatch.delenv("PRIVACYMAP_PROGRESS_AFTER", raising=False)
    monkeypatch.setattr(progress, "DELAY", 3600.0)  # however slow this machine is today
    stream = _Terminal()
    with progress.shown(stream, enabled=True):
        progress.phase("load", "map")
        progress.phase("check", "1 activities, 2 flows")
    assert stream.getvalue() == ""


def test_after_the_delay_the_current_phase_shows_and_is_erased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRIVACYMAP_PROGRESS_AFTER", "0")
    stream = _Terminal()
    with progress.shown(stream, enabled=True):
        progress.phase("notice", "3 activities")
    text = stream.getvalue()
    assert "privacymap: notice (3 activities)..." in text
    assert text.endswith(progress.ERASE)


def test_phases_outside_a_display_are_free() -> None:
    progress.phase("load", "nothing listens")  # no display open: a no-op, no error


def test_wanted_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(_Terminal(), quiet=False)
    assert not progress.wanted(_Terminal(), quiet=True)
    assert not progress.wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(_Terminal(), quiet=False)
