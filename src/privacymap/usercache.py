"""DataMap's validator, kept between runs in the user's cache folder (never in their
project), so that `privacymap check` does not rebuild it. (The folder, and what else
is kept there: `privacymap.cachefiles`.)

Pydantic builds a model's validator by generating the core schema of every
nested model (about forty here) and then scanning the installed packages for
pydantic plugins: on a small map that costs more than loading and checking it.
The models are declared with ``defer_build``, and `datamap_validator` returns
the validator pickled on an earlier run when one matches, else builds it once
and stores it.

Correctness first: the key hashes the source of every module that shapes the
schema (`SCHEMA_SOURCES`) with the versions of Python, pydantic, pydantic-core
and privacymap, so any change to the model gives another key and a fresh build
(tests/loader/test_usercache.py changes the model and shows this). Where the
cache lives, and which of its files are trusted: `privacymap.cachefiles`
(anything unreadable, foreign or corrupt is ignored and rebuilt; a folder that
cannot be written means no cache, silently).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import cache
from pathlib import Path

from pydantic_core import SchemaValidator

from privacymap.cachefiles import cache_dir, read_private, write_private

PACKAGE = Path(__file__).resolve().parent
SCHEMA_SOURCES = (
    "model/*.py", "law/**/*.py", "yamlio.py", "__init__.py", "version.py", "data/*.yaml",
    "packagedata.py", "cachefiles.py", "lazy.py",
)  # fmt: skip
"""What shapes DataMap's schema, as patterns under the package: every module `import
privacymap.model` loads, and the package data it could read while doing so
(tests/loader/test_usercache.py checks both)."""
KEEP = 8
"""Cache files kept: one per model version; older ones are removed when a new one is stored."""
PREFIX = "datamap-validator-"


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


def _read(file: Path) -> SchemaValidator | None:
    """The pickled validator in `file`, when the file can be trusted and holds one."""
    data = read_private(file)
    if data is None:
        return None
    try:
        validator = pickle.loads(data)
    except Exception:  # corrupt, truncated, or made by code that no longer exists: rebuild
        return None
    return validator if isinstance(validator, SchemaValidator) else None


def _write(file: Path, validator: SchemaValidator) -> None:
    """Store the validator; any failure leaves no cache and says nothing."""
    try:
        data = pickle.dumps(validator, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a validator that cannot be pickled
        return
    write_private(file, data, PREFIX, KEEP)
