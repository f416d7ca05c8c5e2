"""Keep every published notice: `build --archive DIR` adds `DIR/<date>-<hash>/notice.html`.

The archive is the log of historical notices that accountability asks for, as
a by-product of building: each version is kept under its date (the notice's
`last_updated`, else its newest `changes:` entry) and the first 12 hex digits
of its SHA-256, and `DIR/index.html` lists every version with its full
SHA-256, newest first. Building the same map again changes nothing, byte for
byte.

The archive only ever adds. It never deletes, and it never overwrites a file
it did not create: it keeps a manifest (`.privacymap-archive.json`) of the
versions it wrote and of the index's SHA-256, refuses a folder that holds
files but no manifest, refuses a version folder that exists but is not the
same notice, and rewrites the index only while it is exactly as it last wrote
it. Everything is checked before anything is written (`plan`), so a refusal
leaves the archive and the build folder as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from privacymap import __version__

MANIFEST = ".privacymap-archive.json"
INDEX = "index.html"
NOTICE = "notice.html"
TOOL = "privacymap"
HASH_DIGITS = 12


class ArchiveError(Exception):
    """The archive folder cannot take this version without risking files it did not write."""


@dataclass(frozen=True)
class Version:
    """One archived notice: its folder, date, version label, title and SHA-256."""

    folder: str
    date: str
    sha256: str
    title: str
    version: str | None = None

    def record(self) -> dict[str, str | None]:
        return {"folder": self.folder, "date": self.date, "sha256": self.sha256,
                "title": self.title, "version": self.version}  # fmt: skip


@dataclass
class Plan:
    """What archiving one notice will write, checked in full; `apply()` writes it."""

    root: Path
    version: Version
    notice: bytes
    versions: list[Version]
    new_version: bool
    index: bytes
    write_index: bool
    written: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        """The archived copy of the notice."""
        return self.root / self.version.folder / NOTICE

    def apply(self) -> list[str]:
        """Write the new version (if new), the index and the manifest; return what was written."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.new_version:
            folder = self.root / self.version.folder
            folder.mkdir()
            with open(folder / NOTICE, "xb") as out:  # never replaces an existing file
                out.write(self.notice)
            self.written.append(f"{self.version.folder}/{NOTICE}")
        if self.write_index:
            _replace(self.root / INDEX, self.index)
            self.written.append(INDEX)
        manifest = _manifest_bytes(self.versions, self.index)
        if _read(self.root / MANIFEST) != manifest:
            _replace(self.root / MANIFEST, manifest)
        return self.written


def version_date(last_updated: dt.date | None, changes: list[dt.date]) -> dt.date | None:
    """The date that names a version: the notice's last update, else its newest change."""
    if last_updated is not None:
        return last_updated
    return max(changes) if changes else None


def plan(
    root: Path, notice: bytes, *, date: dt.date, title: str, version: str | None = None
) -> Plan:
    """Check that `notice` can be archived in `root`; raise ArchiveError if not."""
    if root.is_symlink():
        raise ArchiveError(f"{root} is a symlink; give --archive the real folder")
    if root.exists() and not root.is_dir():
        raise ArchiveError(f"{root} exists and is not a folder")
    digest = hashlib.sha256(notice).hexdigest()
    this = Version(f"{date.isoformat()}-{digest[:HASH_DIGITS]}", date.isoformat(), digest,
                   title, version)  # fmt: skip
    recorded, index_sha = _manifest(root)
    versions = [v for v in recorded if v.folder != this.folder]
    folder = root / this.folder
    new_version = not folder.exists()
    if not new_version:
        copy = folder / NOTICE
        if folder.is_symlink() or copy.is_symlink() or _read(copy) != notice:
            raise ArchiveError(
                f"{folder} exists and does not hold this notice; privacymap "
                "does not overwrite it. Move it away to archive this version"
            )
        known = next((v for v in recorded if v.folder == this.folder), None)
        this = known or this
    versions = sorted([*versions, this], key=lambda v: (v.date, v.folder), reverse=True)
    index = index_html(versions)
    index_path = root / INDEX
    current = _read(index_path)
    foreign = current is not None and (
        index_path.is_symlink() or index_sha != hashlib.sha256(current).hexdigest()
    )
    if current != index and foreign:
        raise ArchiveError(
            f"{index_path} was not written by privacymap, or was edited "
            "since; privacymap does not overwrite it. Move it away, and "
            "the next build writes a new index"
        )
    return Plan(root, this, notice, versions, new_version, index,
                write_index=current != index)  # fmt: skip


def _manifest(root: Path) -> tuple[list[Version], str | None]:
    """The versions the manifest records and the index's SHA-256; refuse a foreign folder."""
    marker = root / MANIFEST
    if not root.exists():
        return [], None
    raw = _read(marker)
    if raw is None or marker.is_symlink():
        if any(root.iterdir()):
            raise ArchiveError(
                f"{root} holds files but is not a privacymap archive (it has no "
                f"{MANIFEST}); give --archive a new or empty folder"
            )
        return [], None
    try:
        record = json.loads(raw)
        if record.get("tool") != TOOL:
            raise ValueError("not written by privacymap")
        versions = [Version(str(v["folder"]), str(v["date"]), str(v["sha256"]), str(v["title"]),
                            v.get("version")) for v in record["versions"]]  # fmt: skip
        index_sha = record.get("index_sha256")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ArchiveError(
            f"{marker} cannot be read ({error}); privacymap will not guess "
            "which files in the archive are its own"
        ) from None
    return versions, index_sha if isinstance(index_sha, str) else None


def _manifest_bytes(versions: list[Version], index: bytes) -> bytes:
    record = {"tool": TOOL, "version": __version__,
              "index_sha256": hashlib.sha256(index).hexdigest(),
              "versions": [v.record() for v in versions]}  # fmt: skip
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def index_html(versions: list[Version]) -> bytes:
    """The archive's index page: every version, newest first, with its SHA-256."""
    e = html.escape
    rows = "\n".join(
        f'<tr><td><time datetime="{e(v.date)}">{e(v.date)}</time></td>'
        f"<td>{e(v.version or 'not stated')}</td>"
        f'<td><a href="{e(v.folder)}/{NOTICE}">{e(v.title)}</a></td>'
        f"<td><code>{e(v.sha256)}</code></td></tr>"
        for v in versions
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Published versions of the privacy notice</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.1875rem; line-height: 1.5; margin: 2rem auto; max-width: 60rem;
  padding: 0 1rem; color: #0b0c0c; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #b1b4b6; padding: .5rem .75rem .5rem 0; text-align: left;
  vertical-align: top; }}
code {{ font-size: .8em; word-break: break-all; }}
a:focus {{ outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }}
</style>
</head>
<body>
<main>
<h1>Published versions of the privacy notice</h1>
<p>Every version of the notice as it was published, newest first. The SHA-256 of each
file lets anyone check that a copy is the version published on that date.</p>
<table>
<thead><tr><th scope="col">Date</th><th scope="col">Version</th><th scope="col">Notice</th>
<th scope="col">SHA-256</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
    return page.encode("utf-8")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _replace(path: Path, content: bytes) -> None:
    """Write `content` to a temporary file beside `path`, then rename it over `path`."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
