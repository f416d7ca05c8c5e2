"""The per-user cache folder, and files in it that only the user could have written.

What privacymap keeps between runs (DataMap's validator, the package data
parsed, the notice's compiled templates) is read back as code or as trusted
data, so a cache file is used only when it is a regular file owned by the
current user, in a folder only they can write; anything else is ignored.
Where the cache lives: ``$XDG_CACHE_HOME/privacymap`` (default
``~/.cache/privacymap``); ``PRIVACYMAP_NO_CACHE=1`` turns it off. A folder
that cannot be created or written means no cache, silently: never a file in
the user's project, never a message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_dir() -> Path | None:
    """The per-user cache folder, or None when caching is off or there is no home."""
    if os.environ.get("PRIVACYMAP_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "privacymap"


def private_folder(name: str) -> Path | None:
    """The cache's subfolder `name`, made if need be; None when it cannot be made, or
    could be written by another user (what is read from it is code)."""
    base = cache_dir()
    if base is None:
        return None
    folder = base / name
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if is_private(base) and is_private(folder) else None


def is_private(folder: Path) -> bool:
    """True when `folder` is a real folder of this user that nobody else can write into."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def read_private(file: Path) -> bytes | None:
    """The bytes of `file` when it can be trusted: a regular file (not a link) of this
    user that only they can write, in a private folder; else None."""
    if not is_private(file.parent):
        return None
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                return None
            if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            return stream.read()
    except OSError:
        return None


def write_private(file: Path, data: bytes, prefix: str, keep: int) -> None:
    """Store `data` as `file` atomically, then keep only the newest `keep` files named
    `prefix*.pickle` there; any failure leaves no file and says nothing."""
    import tempfile  # only when writing: it imports shutil and random

    folder = file.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(folder):
            return
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, file)
        except BaseException:
            os.unlink(temporary)
            raise
        stored = sorted(folder.glob(f"{prefix}*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in stored[:-keep]:
            old.unlink(missing_ok=True)
    except Exception:  # read-only home, full disk, a file removed meanwhile: never worth failing
        return
