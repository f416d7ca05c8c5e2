"""The build never opens a network connection: sockets blocked, everything still builds.

In-process, socket.socket and socket.create_connection raise; in a subprocess, a
sitecustomize blocks them for the whole interpreter (and any Python it starts).
Graphviz runs as a subprocess either way; it reads and writes pipes only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import privacymap

REPO = Path(__file__).resolve().parents[2]
MAPS = {
    "family-support": REPO / "examples" / "family-support",
    "lancashire": REPO / "notices" / "lancashire-cfw",
}
EVERY = {
    "notice.html",
    "notice.md",
    "ropa.xlsx",
    "ropa.csv",
    "dataflow.dot",
    "dataflow.svg",
    "dataflow.mmd",
    "dataflow.graphml",
    "dataflow.json",
    "findings.json",
}

SITECUSTOMIZE = """
import socket

class _Blocked(OSError):
    pass

def _refuse(*args, **kwargs):
    raise _Blocked("network access attempted during a privacymap build")

class _NoSocket(socket.socket):
    def __init__(self, family=-1, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            _refuse()
        super().__init__(family, *args, **kwargs)

socket.socket = _NoSocket
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


class NetworkUsed(AssertionError):
    pass


@pytest.mark.parametrize("name", sorted(MAPS))
def test_in_process_build_with_sockets_blocked(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise NetworkUsed(f"network access: {args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = privacymap.build(MAPS[name], tmp_path / "out", draft=True)
    assert attempts == []
    assert set(result.written) >= EVERY


@pytest.mark.parametrize("name", sorted(MAPS))
def test_cli_build_under_a_socket_blocking_sitecustomize(name: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "network access attempted" in probe.stderr  # the block is really in place
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "privacymap",
            "build",
            str(MAPS[name]),
            "-o",
            str(tmp_path / "out"),
            "--draft",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "network access attempted" not in done.stdout + done.stderr
    written = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")}
    assert written >= EVERY
