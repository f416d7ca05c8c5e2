"""What privacymap keeps between runs in the user's cache folder, never in their project.

Two things are kept: DataMap's validator (so that `privacymap check` does not
rebuild it) and the notice's compiled templates (`private_folder("templates")`,
jinja2's bytecode cache, which checks each template's source itself).

Pydantic builds a model's validator by generating the core schema of every
nested model (about forty here) and then scanning the installed packages for
pydantic plugins: on a small map that costs more than loading and checking it.
The models are declared with ``defer_build``, and `datamap_validator` returns
the validator pickled on an earlier run when one matches, else builds it once
and stores it.

Correctness first: the key hashes the source of every module that shapes the
schema (`SCHEMA_SOURCES`) with the versions of Python, pydantic, pydantic-core
and privacymap, so any change to the model gives another key and a fresh build
(tests/loader/test_usercache.py changes the model and shows this). A
cache file is used only when it is a regular file owned by the current user in
a folder only they can write; anything unreadable, foreign or corrupt is
ignored and rebuilt. Where the cache lives: ``$XDG_CACHE_HOME/privacymap``
(default ``~/.cache/privacymap``); ``PRIVACYMAP_NO_CACHE=1`` turns it off. A
folder that cannot be created or written means no cache, silently: never a
file in the user's project.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

from pydantic_core import SchemaValidator

PACKAGE = Path(__file__).resolve().parent
SCHEMA_SOURCES = (
    "model/*.py", "law/**/*.py", "yamlio.py", "__init__.py", "version.py", "data/*.yaml",
)  # fmt: skip
"""What shapes DataMap's schema, as patterns under the package: every module `import
privacymap.model` loads, and the package data it could read while doing so
(tests/loader/test_usercache.py checks both)."""
KEEP = 8
"""Cache files kept: one per model version; older ones are removed when a new one is stored."""
PREFIX = "datamap-validator-"


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
    return folder if _private_folder(base) and _private_folder(folder) else None


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


def cache_key() -> str:
    """A hash of the schema's sources and the library versions it was built with."""
    import pydantic_core

    from privacymap.version import __version__

    digest = hashlib.sha256()
    for part in (sys.version, pydantic_core.__version__, _pydantic_version(), __version__):
        digest.update(part.encode() + b"\0")
    for path in _source_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


@cache
def datamap_validator() -> SchemaValidator:
    """DataMap's validator: from the cache when its key matches, else built (and stored)."""
    folder = cache_dir()
    try:
        file = folder / f"{PREFIX}{cache_key()}.pickle" if folder else None
    except OSError:  # a source file unreadable: build, never guess
        file = None
    if file is not None:
        cached = _read(file)
        if cached is not None:
            return cached
    from privacymap.model import DataMap

    DataMap.model_rebuild()  # builds the deferred schema; a no-op when already built
    built = DataMap.__pydantic_validator__
    if file is not None and isinstance(built, SchemaValidator):
        _write(file, built)
    return built  # type: ignore[return-value]  # a plugin-wrapped validator is not cached


def _pydantic_version() -> str:
    from pydantic.version import VERSION

    return VERSION


def _source_files() -> list[Path]:
    files: list[Path] = []
    for pattern in SCHEMA_SOURCES:
        files.extend(sorted(PACKAGE.glob(pattern)))
    return files


def _private_folder(folder: Path) -> bool:
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


def _read(file: Path) -> SchemaValidator | None:
    """The pickled validator in `file`, when the file can be trusted and holds one."""
    if not _private_folder(file.parent):
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
            validator = pickle.load(stream)
    except Exception:  # corrupt, truncated, or made by code that no longer exists: rebuild
        return None
    return validator if isinstance(validator, SchemaValidator) else None


def _write(file: Path, validator: SchemaValidator) -> None:
    """Store the validator atomically; any failure leaves no cache and says nothing."""
    folder = file.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(folder):
            return
        data = pickle.dumps(validator, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, file)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder)
    except Exception:  # read-only home, full disk, a validator that cannot be pickled
        return


def _prune(folder: Path) -> None:
    """Keep the newest `KEEP` validators (one per model version seen), remove older ones."""
    stored = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in stored[:-KEEP]:
        old.unlink(missing_ok=True)
