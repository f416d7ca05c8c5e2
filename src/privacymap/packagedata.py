"""The package's own YAML data (privacymap/data), parsed once per version of each file.

The law catalogue, the rule catalogue and the other data files are about 300 KB
of YAML; PyYAML builds Python objects from it in Python, which took a tenth of
a `privacymap check` of a small map. `load(name)` returns what parsing
`data/<name>` gives, from the per-user cache when it holds a copy parsed from
the same bytes by the same PyYAML, Python and `privacymap.yamlio`, else parsed
and stored (`privacymap.cachefiles` decides which files are trusted; a cache
that cannot be used costs nothing but the parse).

The stored copy is plain data (dicts, lists, strings, numbers, dates), pickled
and read back by an unpickler that refuses anything else, so a damaged or
planted file can give no object the parse could not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

from privacymap import yamlio
from privacymap.cachefiles import cache_dir, read_private, write_private

DATA = Path(__file__).resolve().parent / "data"
PREFIX = "data-"
KEEP = 4
"""Parsed copies kept per data file (one per version of it seen)."""
ALLOWED = {("datetime", "date"): dt.date}
"""The only classes a stored copy may name: YAML's plain values are builtins, and its
timestamps (`2026-02-05`) dates."""


def load(name: str) -> Any:
    """`data/<name>` parsed as YAML (`yamlio.load_yaml_text`), from the cache when it can be."""
    raw = (DATA / name).read_bytes()
    folder = cache_dir()
    file = folder / f"{PREFIX}{Path(name).stem}-{_key(name, raw)}.pickle" if folder else None
    if file is not None:
        found = _read(file, name)
        if found is not None:
            return found[1]
    data = yamlio.load_yaml_text(raw.decode("utf-8"))
    if file is not None:
        _write(file, name, data)
    return data


def _key(name: str, raw: bytes) -> str:
    """A hash of the file's bytes, its name and what parses it."""
    digest = hashlib.sha256(_parser())
    digest.update(name.encode() + b"\0")
    digest.update(raw)
    return digest.hexdigest()[:32]


@cache
def _parser() -> bytes:
    """What parses the data (Python, PyYAML with or without LibYAML, `yamlio`'s source):
    read once per run, not once per data file."""
    import yaml

    parts = (sys.version, yaml.__version__, str(yaml.__with_libyaml__))
    return b"".join(p.encode() + b"\0" for p in parts) + Path(yamlio.__file__).read_bytes()


class _PlainData(pickle.Unpickler):
    """An unpickler of plain data: builtins, and `datetime.date`."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED:
            return ALLOWED[module, name]
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read(file: Path, name: str) -> tuple[str, Any] | None:
    """The stored `(name, data)` in `file`, when the file can be trusted and holds it."""
    stored = read_private(file)
    if stored is None:
        return None
    try:
        found = _PlainData(io.BytesIO(stored)).load()
    except Exception:  # corrupt, truncated, or naming a class: parse again
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == name):
        return None
    return found


def _write(file: Path, name: str, data: Any) -> None:
    stored = pickle.dumps((name, data), protocol=pickle.HIGHEST_PROTOCOL)
    write_private(file, stored, f"{PREFIX}{Path(name).stem}-", KEEP)
