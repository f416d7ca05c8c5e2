"""Replace a build output folder without ever destroying a file a build did not write.

`build -o OUT` swaps in a whole new OUT. That is safe only when OUT holds
nothing but an earlier build, so every build folder carries a manifest
(`.privacymap-build.json`: the tool, its version and every file written), and:

- OUT is replaced only when it does not exist, is empty, or carries the
  manifest and holds no file the manifest does not list;
- OUT may not be a file or a symlink, the home folder, the filesystem root,
  the current folder, nor be, contain or lie inside the data map's files or
  contain its project root (symlinks and `..` resolved first);
- the staging and retired folders beside OUT (`.OUT.privacymap-new-*`,
  `.OUT.privacymap-old-*`) are removed by the next build, but only the files
  their manifest lists: a crash (even `kill -9`) leaves no lasting debris;
- an exclusive `flock` on OUT's parent folder serialises concurrent builds to
  it (a lock on the folder itself, so no lock file is left behind).

Like Sphinx's `.buildinfo`, the marker is a plain file in the output.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from privacymap.version import __version__

MANIFEST = ".privacymap-build.json"
TOOL = "privacymap"
STAGING = "privacymap-new"
RETIRED = "privacymap-old"
SHOWN = 5
"""How many unexpected files a refusal names."""


class OutputError(Exception):
    """OUT cannot be written without risking files privacymap did not write."""


def manifest_bytes(files: Iterable[str]) -> bytes:
    """The marker written into every build folder: tool, version and the files written."""
    listed = sorted({*files, MANIFEST})
    record = {"tool": TOOL, "version": __version__, "files": listed}
    return (json.dumps(record, indent=2) + "\n").encode("utf-8")


def listed_files(folder: Path) -> set[str] | None:
    """The files the manifest in `folder` says a build wrote; None when it carries none."""
    marker = folder / MANIFEST
    try:
        if marker.is_symlink() or not marker.is_file() or marker.stat().st_size > 10_000_000:
            return None
        record = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("tool") != TOOL:
        return None
    files = record.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return {f for f in files if _plain_relative(f)}


def _plain_relative(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _contents(folder: Path) -> Iterator[str]:
    """Every file, symlink or other non-folder under `folder`, as a relative POSIX path."""
    for current, folders, names in os.walk(folder, followlinks=False):
        base = Path(current).relative_to(folder)
        for name in names:
            yield (base / name).as_posix()
        for name in folders:
            if (Path(current) / name).is_symlink():
                yield (base / name).as_posix()


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _protected_reason(
    out: Path, protected: list[Path], contains: list[Path], cwd: Path, home: Path
) -> str | None:
    """Why the resolved folder `out` must never be replaced, or None."""
    if out == Path(out.anchor):
        return "it is the root of the file system"
    if _within(cwd, out):
        return "it is (or contains) the current folder"
    if _within(home, out):
        return "it is (or contains) your home folder"
    for path in contains:
        if _within(path, out):
            return f"it is (or contains) the data map's project root {path}"
    for path in protected:
        if _within(path, out):
            return f"it is (or contains) the data map's {path}"
        if _within(out, path):
            return f"it lies inside the data map's {path}"
    return None


def check_target(
    out: Path, *, protected: Iterable[Path] = (), contains: Iterable[Path] = ()
) -> Path:
    """Refuse an OUT that a build may not replace; return it resolved.

    `protected` are paths OUT may be neither, contain, nor lie inside (the
    map's files, or its folder); `contains` are paths OUT may neither be nor
    contain (the project root).
    """
    resolved = check_place(out, "-o", protected=protected, contains=contains, verb="build")
    if resolved.is_dir():
        _check_own(resolved, os.fspath(out))
    return resolved


def check_place(
    folder: Path,
    option: str,
    *,
    protected: Iterable[Path] = (),
    contains: Iterable[Path] = (),
    verb: str = "write",
) -> Path:
    """Refuse a `folder` no output may write into: empty text, a symlink, a file, or a
    protected place (the map, its files, the project root, cwd, home). Return it resolved.
    `check_target` adds, for a folder it replaces whole, that it holds only its own files;
    `--archive`, which only adds files, needs no more than this."""
    shown = os.fspath(folder)
    if not shown.strip():
        raise OutputError(f"the folder is empty text; give {option} a folder name")
    if folder.is_symlink():
        raise OutputError(
            f"{shown} is a symlink; privacymap does not replace links. "
            f"Give {option} the real folder, or a new name"
        )
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{shown} exists and is not a folder; give {option} a folder name")
    resolved = folder.resolve()
    reason = _protected_reason(
        resolved,
        [p.resolve() for p in protected],
        [p.resolve() for p in contains],
        Path.cwd().resolve(),
        Path(os.path.expanduser("~")).resolve(),
    )
    if reason:
        raise OutputError(
            f"refusing to {verb} into {shown}: {reason}. Give {option} a folder of its own"
        )
    return resolved


def _check_own(folder: Path, shown: str) -> None:
    """OUT exists: it must be empty, or hold only what its manifest lists."""
    present = sorted(_contents(folder))
    if not present:
        return
    listed = listed_files(folder)
    if listed is None:
        raise OutputError(
            f"{shown} is not empty and was not written by privacymap (it has no {MANIFEST}); "
            "a build replaces its output folder whole, so it will not touch this one. "
            "Give -o a new or empty folder, or move these files away: " + _names(present)
        )
    unknown = [name for name in present if name not in listed]
    if unknown:
        raise OutputError(
            f"{shown} holds files the last build did not write: {_names(unknown)}; "
            "a build replaces the folder whole, so move them out first"
        )


def _names(names: list[str]) -> str:
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` itself, held while its build folders change."""
    import fcntl  # POSIX only; imported here so that `check` runs anywhere

    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _debris(parent: Path, name: str) -> list[Path]:
    prefixes = (f".{name}.{STAGING}-", f".{name}.{RETIRED}-")
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefixes) and not p.is_symlink())


def remove_build(folder: Path) -> bool:
    """Remove what the manifest in `folder` lists, then the folders left empty.

    Returns True when `folder` is gone; anything a build did not write stays.
    """
    listed = listed_files(folder) or set()
    real = folder.resolve()
    for name in sorted(listed - {MANIFEST}):
        path = folder / name
        if path.parent.resolve() == real / Path(name).parent:  # no symlinked folder on the way
            _unlink(path)
    _unlink(folder / MANIFEST)
    for current, _folders, _files in sorted(os.walk(folder), key=lambda w: -len(w[0])):
        with suppress(OSError):  # not empty: holds something a build did not write
            os.rmdir(current)
    return not folder.exists()


def _unlink(path: Path) -> None:
    with suppress(OSError):
        if path.is_symlink() or path.is_file():
            path.unlink()


def check_output(
    out: Path, *, protected: Iterable[Path] = (), contains: Iterable[Path] = ()
) -> None:
    """`check_target`, holding the lock so that no concurrent build is half way through a swap."""
    parent = out.parent if out.parent.is_dir() else None
    if parent is None:
        check_target(out, protected=protected, contains=contains)
        return
    try:
        with _locked(parent):
            check_target(out, protected=protected, contains=contains)
    except OSError as error:
        raise OutputError(f"cannot use {out}: {error.strerror or error}") from None


def replace_folder(
    out: Path,
    files: dict[str, bytes],
    *,
    protected: Iterable[Path] = (),
    contains: Iterable[Path] = (),
) -> None:
    """Write `files` into a fresh folder beside `out`, then swap it in for `out`.

    Refuses (OutputError) an `out` that `check_target` refuses. A crash or
    Ctrl-C before the swap leaves the previous `out` untouched; the folders it
    leaves behind are removed by the next build.
    """
    protected = tuple(protected)
    contains = tuple(contains)
    check_output(out, protected=protected, contains=contains)  # before creating any folder
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {parent}: {error.strerror or error}") from None
    try:
        with _locked(parent):
            for leftover in _debris(parent, out.name):
                remove_build(leftover)
            check_target(out, protected=protected, contains=contains)  # may have changed
            _swap(out, files)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"cannot write {out}{where}: {error.strerror or error}") from None


def _fresh(parent: Path, name: str, kind: str) -> Path:
    while True:
        candidate = parent / f".{name}.{kind}-{secrets.token_hex(4)}"
        try:
            candidate.mkdir(mode=0o755)
        except FileExistsError:
            continue
        return candidate


def _swap(out: Path, files: dict[str, bytes]) -> None:
    staging = _fresh(out.parent, out.name, STAGING)
    try:
        (staging / MANIFEST).write_bytes(manifest_bytes(files))
        for name, content in sorted(files.items()):
            file = staging / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(content)
        if not out.exists():
            staging.rename(out)
            return
        retired = _fresh(out.parent, out.name, RETIRED)  # empty: the rename replaces it
        out.rename(retired)
        try:
            staging.rename(out)
        except BaseException:
            # Interrupted between the two renames: put the previous output back.
            retired.rename(out)
            raise
        remove_build(retired)
    except BaseException:
        if staging.exists():
            remove_build(staging)
        raise
