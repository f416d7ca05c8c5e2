"""`build` swaps a complete new OUT in, or leaves the previous OUT exactly as it was.

Failures tried: gate findings (no --draft), an emitter raising half way, an
exception and a Ctrl-C (KeyboardInterrupt) while files are being written. After
each, the previous OUT is byte-for-byte unchanged and no staging folder is left.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import privacymap
from privacymap.outfolder import MANIFEST, OutputError
from privacymap.pipeline import emitting

REPO = Path(__file__).resolve().parents[2]
FAMILY = REPO / "examples" / "family-support"
LANCASHIRE = REPO / "notices" / "lancashire-cfw"


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A good OUT from an earlier build, plus a file the user put there."""
    out = tmp_path / "site" / "out"
    assert privacymap.build(FAMILY, out).written
    return out


def assert_untouched(out: Path, before: str) -> None:
    assert tree_hash(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"], "staging left behind"


def _raised(error: BaseException) -> type[BaseException]:
    """An OS error while writing is reported as an OutputError (exit 2); Ctrl-C passes through."""
    return OutputError if isinstance(error, OSError) else type(error)


def test_gate_findings_leave_out_untouched(previous: Path) -> None:
    before = tree_hash(previous)
    result = privacymap.build(LANCASHIRE, previous)
    assert result.exit_code == 1 and not result.written
    assert_untouched(previous, before)


def test_an_emitter_crashing_half_way_leaves_out_untouched(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_hash(previous)
    real = emitting.emitter

    def flaky(name: str):  # type: ignore[no-untyped-def]
        if name == "graph":  # after the notice and the ROPA were emitted

            def boom(context):  # type: ignore[no-untyped-def]
                raise RuntimeError("graph emitter failed")

            return boom
        return real(name)

    monkeypatch.setattr(emitting, "emitter", flaky)
    with pytest.raises(RuntimeError, match="graph emitter failed"):
        privacymap.build(FAMILY, previous, draft=True)
    assert_untouched(previous, before)


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
@pytest.mark.parametrize("after", [0, 3, 10])
def test_crash_while_writing_leaves_out_untouched(
    previous: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, after: int
) -> None:
    before = tree_hash(previous)
    real = Path.write_bytes
    written: list[Path] = []

    def write_bytes(self: Path, data: bytes) -> int:
        if len(written) >= after:
            raise error
        written.append(self)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(_raised(error)):
        privacymap.build(FAMILY, previous, draft=True)
    monkeypatch.undo()
    assert len(written) == after
    assert_untouched(previous, before)


@pytest.mark.parametrize("error", [OSError("rename failed"), KeyboardInterrupt()])
def test_interrupted_swap_puts_the_previous_out_back(
    previous: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    """Ctrl-C between moving OUT aside and moving the new one in."""
    before = tree_hash(previous)
    real = Path.rename
    calls: list[Path] = []

    def rename(self: Path, target):  # type: ignore[no-untyped-def]
        calls.append(self)
        if len(calls) == 2:  # the first moved OUT aside; the second would move the new one in
            raise error
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(_raised(error)):
        privacymap.build(FAMILY, previous, draft=True)
    monkeypatch.undo()
    assert len(calls) >= 2
    assert_untouched(previous, before)


def test_a_good_build_replaces_out_whole(previous: Path) -> None:
    (previous / "notice.md").write_text("edited by hand after the build")
    result = privacymap.build(LANCASHIRE, previous, draft=True)
    assert result.written
    assert sorted(
        p.relative_to(previous).as_posix() for p in previous.rglob("*") if p.is_file()
    ) == sorted(result.written)
    assert MANIFEST in result.written
    assert "edited by hand" not in (previous / "notice.md").read_text()
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out"]


def test_a_file_the_build_did_not_write_stops_the_build(previous: Path) -> None:
    """A marked OUT holding a file no build wrote is refused, not swept away."""
    (previous / "stale.txt").write_text("put here by a person")
    before = tree_hash(previous)
    with pytest.raises(OutputError, match=r"stale\.txt"):
        privacymap.build(LANCASHIRE, previous, draft=True)
    assert_untouched(previous, before)


def test_first_build_that_fails_creates_nothing(tmp_path: Path) -> None:
    result = privacymap.build(LANCASHIRE, tmp_path / "out")
    assert not result.written
    assert list(tmp_path.iterdir()) == []
