"""Keep every published notice: `build --archive DIR` adds `DIR/<date>-<hash>/notice.html`.

The archive is the log of historical notices that accountability asks for, as
a by-product of building: each version is kept under its date (the notice's
`last_updated`, else its newest `changes:` entry) and the first 12 hex digits
of its SHA-256, and `DIR/index.html` lists every version with its full
SHA-256, newest first. Building the same map again changes nothing, byte for
byte.

The archive only ever adds. It never deletes, and it never overwrites a file
it did not write: a manifest (`.privacymap-archive.json`) records the versions
it wrote and the SHA-256 of the index; a folder holding files but no manifest
is refused, so is a version folder that exists but holds another notice, and
the index is rewritten only while it is exactly as last written. Everything
is checked before anything is written (`plan`), and every file goes through
`privacymap.outfile`, so a refusal leaves the archive and the build as they were.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from privacymap.outfile import write_file
from privacymap.outfolder import OutputError, check_place
from privacymap.version import __version__

MANIFEST = ".privacymap-archive.json"
INDEX = "index.html"
NOTICE = "notice.html"
TOOL = "privacymap"
HASH_DIGITS = 12
OPTION = "--archive"


@dataclass(frozen=True)
class Version:
    """One archived notice: its folder, date (ISO 8601), SHA-256, title and version label."""

    folder: str
    date: str
    sha256: str
    title: str
    version: str | None = None

    def record(self) -> dict[str, str | None]:
        return {"folder": self.folder, "date": self.date, "sha256": self.sha256,
                "title": self.title, "version": self.version}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """What archiving one notice will write, checked in full; `apply()` writes it."""

    root: Path
    version: Version
    notice: bytes
    versions: tuple[Version, ...]
    new_version: bool
    index: bytes
    index_exists: bool
    manifest: bytes
    manifest_exists: bool

    @property
    def path(self) -> Path:
        """The archived copy of the notice."""
        return self.root / self.version.folder / NOTICE

    def apply(self) -> tuple[str, ...]:
        """Write the new version (if new), the index and the manifest where they changed;
        return the files written, relative to the archive folder."""
        written: list[str] = []
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if self.new_version:
                self.path.parent.mkdir()
        except OSError as error:
            raise OutputError(f"cannot write {self.path.parent}: {error.strerror}") from None
        if self.new_version:
            write_file(self.path, self.notice)  # never replaces a file
            written.append(f"{self.version.folder}/{NOTICE}")
        if _read(self.root / INDEX) != self.index:
            write_file(self.root / INDEX, self.index, overwrite=self.index_exists)
            written.append(INDEX)
        if _read(self.root / MANIFEST) != self.manifest:
            write_file(self.root / MANIFEST, self.manifest, overwrite=self.manifest_exists)
        return tuple(written)


def plan(
    folder: Path,
    notice: bytes,
    *,
    date: str,
    title: str,
    version: str | None = None,
    protected: Iterable[Path] = (),
    contains: Iterable[Path] = (),
) -> Plan:
    """Check that `notice`, dated `date` (ISO 8601), can be archived in `folder`; raise
    `OutputError` if not. `protected` and `contains` are as for `outfolder.check_place`."""
    root = check_place(folder, OPTION, protected=protected, contains=contains)
    digest = hashlib.sha256(notice).hexdigest()
    this = Version(f"{date}-{digest[:HASH_DIGITS]}", date, digest, title, version)
    recorded, index_sha = _manifest(root, folder)
    copy = root / this.folder / NOTICE
    new_version = not (root / this.folder).exists()
    if not new_version:
        if (root / this.folder).is_symlink() or copy.is_symlink() or _read(copy) != notice:
            raise OutputError(
                f"{folder / this.folder} exists and does not hold this notice; privacymap "
                "does not overwrite it. Move it away to archive this version"
            )
        this = next((v for v in recorded if v.folder == this.folder), this)
    others = [v for v in recorded if v.folder != this.folder]
    versions = tuple(sorted([*others, this], key=lambda v: (v.date, v.folder), reverse=True))
    index = index_html(versions)
    current = _read(root / INDEX)
    if current not in (None, index) and (
        (root / INDEX).is_symlink() or index_sha != hashlib.sha256(current).hexdigest()
    ):
        raise OutputError(
            f"{folder / INDEX} was not written by privacymap, or was edited since; privacymap "
            "does not overwrite it. Move it away, and the next build writes a new index"
        )
    return Plan(
        root, this, notice, versions, new_version, index, current is not None,
        _manifest_bytes(versions, index), (root / MANIFEST).is_file(),
    )  # fmt: skip


def _manifest(root: Path, shown: Path) -> tuple[list[Version], str | None]:
    """The versions the manifest records and the index's SHA-256; refuse a foreign folder
    (named `shown`, as the user gave it)."""
    marker = root / MANIFEST
    if not root.exists():
        return [], None
    raw = None if marker.is_symlink() else _read(marker)
    if raw is None:
        if any(root.iterdir()):
            raise OutputError(
                f"{shown} holds files but is not a privacymap archive (it has no {MANIFEST}); "
                f"give {OPTION} a new or empty folder"
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
        raise OutputError(
            f"{shown / MANIFEST} cannot be read ({error}); privacymap will not guess which "
            "files in the archive are its own"
        ) from None
    return versions, index_sha if isinstance(index_sha, str) else None


def _manifest_bytes(versions: tuple[Version, ...], index: bytes) -> bytes:
    record = {"tool": TOOL, "version": __version__,
              "index_sha256": hashlib.sha256(index).hexdigest(),
              "versions": [v.record() for v in versions]}  # fmt: skip
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def index_html(versions: tuple[Version, ...]) -> bytes:
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
