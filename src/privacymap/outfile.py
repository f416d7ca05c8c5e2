"""Write one output file (a report, a diagram) without clobbering a file privacymap did not write.

A single file carries no marker saying who wrote it, so an existing file is
replaced only when the user says so (`--force`); even then never a folder, a
symlink, or one of the data map's own files. The file is written beside its
target and moved into place, so a crash never leaves half a report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from privacymap.outfolder import OutputError


def write_file(
    path: Path,
    data: bytes,
    *,
    overwrite: bool = False,
    protected: Iterable[Path] = (),
    force_option: bool = True,
) -> None:
    """Write `data` to `path`; refuse (OutputError) an existing file unless `overwrite`.

    `force_option` says whether the command offers `--force`, for the message.
    """
    shown = os.fspath(path)
    if not shown.strip():
        raise OutputError("the output file name is empty")
    if path.is_symlink():
        raise OutputError(f"{shown} is a symlink; privacymap does not write through links")
    if path.is_dir():
        raise OutputError(f"{shown} is a folder; give a file name")
    resolved = path.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise OutputError(f"{shown} is one of the data map's own files; choose another name")
    if path.exists():
        if not path.is_file():
            raise OutputError(f"{shown} exists and is not a regular file")
        if not overwrite:
            force = ", or pass --force to replace it" if force_option else ""
            raise OutputError(
                f"{shown} exists; privacymap does not overwrite a file it may not have written. "
                f"Remove it or choose another name{force}"
            )
    parent = resolved.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {shown}: the folder {path.parent} does not exist")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{resolved.name}.", dir=parent)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        if overwrite:
            os.replace(temporary, resolved)
        else:
            _link(temporary, resolved)
    except FileExistsError:
        raise OutputError(f"{shown} appeared while writing; nothing was replaced") from None
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror or error}") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _link(temporary: str, target: Path) -> None:
    """Move `temporary` to `target` only if `target` does not exist (no race, where possible)."""
    try:
        os.link(temporary, target)  # fails with FileExistsError if the file appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(temporary, target)
