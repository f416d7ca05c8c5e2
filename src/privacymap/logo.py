"""The controller's logo: read once, safely, for the check and for the notice.

The notice inlines the logo as a `data:` image. Before it is read the file
must lie inside the map's folder, be a regular file of an image type and be
no larger than `MAX_LOGO_BYTES`; a symlink loop, a NUL byte, a missing or
unreadable file is a reason in words, which `check` reports (PM112) so that
`build` never meets a logo it cannot use.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_LOGO_BYTES = 1_000_000
"""A logo is a few kilobytes; a megabyte is already too much for a web page."""
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class Logo:
    data: bytes
    mime: str


def read_logo(root: Path, logo: str) -> Logo | str:
    """The logo's bytes and type, or why it cannot be used."""
    base = root if root.is_dir() else root.parent
    try:
        path = (base / logo).resolve()
        if path != base.resolve() and base.resolve() not in path.parents:
            return "it is outside the data map's folder"
        mime = LOGO_TYPES.get(path.suffix.lower())
        if mime is None:
            return f"it is not an image file ({', '.join(sorted(LOGO_TYPES))})"
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                return "it is not a regular file"
            if status.st_size > MAX_LOGO_BYTES:
                return f"it is {status.st_size:,} bytes; the limit is {MAX_LOGO_BYTES:,}"
            data = stream.read(MAX_LOGO_BYTES + 1)
    except FileNotFoundError:
        return "the file does not exist"
    except (OSError, ValueError, RuntimeError) as error:
        if isinstance(error, OSError):
            return f"it cannot be read: {error.strerror or error}"
        return "the path holds a NUL character" if "null" in str(error) else "it is a symlink loop"
    if len(data) > MAX_LOGO_BYTES:
        return f"it is larger than {MAX_LOGO_BYTES:,} bytes"
    return Logo(data, mime)
