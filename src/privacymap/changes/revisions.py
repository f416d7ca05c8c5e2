"""Name the two versions `privacymap diff` compares: folders, files or git revisions.

Each side is a data-map path, `REV:PATH` (the map at a git revision), or a
bare revision that takes the other side's path (`privacymap diff HEAD~1
notices/x` compares the map at HEAD~1 with the working tree). A revision is
read with the `git` program: `git archive` writes the map's project folder
(the nearest folder holding privacymap.toml, else the map's own folder) into
a temporary folder, which the caller removes. No git library is needed.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from privacymap.config import CONFIG_FILE

GIT_TIMEOUT = 120


class RevisionError(Exception):
    """A side names no data map and no readable git revision (exit 2)."""


@dataclass(frozen=True)
class Version:
    """Where to load one side from, how to name it, and the prefix of its locations."""

    label: str
    path: Path
    revision: str | None = None
    extracted: Path | None = None
    """The temporary folder a revision was written to (None for the working tree)."""

    def base(self, root: Path) -> str:
        """The map root `root` as shown before file names: `REV:dir` or a path from here."""
        if self.extracted is not None:
            relative = root.resolve().relative_to(self.extracted.resolve()).as_posix()
            return f"{self.revision}:{'' if relative == '.' else relative}"
        try:
            return root.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return root.resolve().as_posix()


def versions(old: str, new: str, stack: ExitStack) -> tuple[Version, Version]:
    """The two sides; temporary folders are removed when `stack` closes."""
    old_spec, new_spec = _split(old), _split(new)
    if old_spec[1] is None and new_spec[1] is None:
        raise RevisionError(
            f"give the data map's path: '{old}' and '{new}' are both revisions "
            "(write REV:PATH, e.g. HEAD~1:notices/my-service)"
        )
    if old_spec[1] is None:
        old_spec = (old_spec[0], new_spec[1])
    if new_spec[1] is None:
        new_spec = (new_spec[0], old_spec[1])
    return _version(old, *old_spec, stack), _version(new, *new_spec, stack)


def _split(argument: str) -> tuple[str | None, str | None]:
    """(revision, path): a path that exists, `REV:PATH`, or a bare revision."""
    if Path(argument).exists():
        return None, argument
    revision, colon, path = argument.partition(":")
    if colon and revision and path:
        return revision, path
    if colon:
        raise RevisionError(f"'{argument}' is not REV:PATH")
    return argument, None


def _version(label: str, revision: str | None, path: str | None, stack: ExitStack) -> Version:
    assert path is not None
    if revision is None:
        return Version(label if ":" not in label else path, Path(path))
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is not a git revision")
    top = _toplevel()
    if _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        if ":" not in label:  # a bare argument: most likely a path mistyped
            raise RevisionError(f"no such file or folder, and no git revision: '{label}'")
        raise RevisionError(f"'{revision}' is not a git revision of {top}")
    wanted = _inside(top, Path(path))
    kind = _git(top, "cat-file", "-t", f"{revision}:{wanted}")
    if kind is None:
        raise RevisionError(f"'{wanted}' does not exist at revision {revision}")
    folder = wanted if kind.strip() == "tree" else wanted.parent
    project = _project_folder(top, revision, folder)
    target = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="privacymap-diff-")))
    archive = _archive(top, revision, project)
    _extract(archive, target)
    shown = f"{revision}:{wanted.as_posix()}"
    return Version(shown, target / wanted, revision=revision, extracted=target)


def _toplevel() -> Path:
    top = _git(Path.cwd(), "rev-parse", "--show-toplevel")
    if top is None:
        raise RevisionError(
            "reading a revision needs a git repository: the current folder is "
            "not in one (or git is not installed)"
        )
    return Path(top.strip())


def _inside(top: Path, path: Path) -> PurePosixPath:
    """`path` (relative to the current folder) as a path inside the repository."""
    absolute = (Path.cwd() / path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(top.resolve()).as_posix())
    except ValueError:
        raise RevisionError(f"'{path}' is outside the git repository {top}") from None


def _project_folder(top: Path, revision: str, folder: PurePosixPath) -> PurePosixPath:
    """The nearest folder at `revision` holding privacymap.toml, else `folder` itself."""
    for candidate in (folder, *folder.parents):
        config = (candidate / CONFIG_FILE).as_posix() if str(candidate) != "." else CONFIG_FILE
        if _git(top, "cat-file", "-e", f"{revision}:{config}") is not None:
            return candidate
    return folder


def _archive(top: Path, revision: str, folder: PurePosixPath) -> bytes:
    args = ["git", "archive", "--format=tar", revision]
    if str(folder) != ".":
        args += ["--", folder.as_posix()]
    try:
        done = subprocess.run(args, cwd=top, capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"git archive failed: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"git archive {revision} failed: {message}")
    return done.stdout


def _extract(archive: bytes, target: Path) -> None:
    """Regular files and folders only, each kept inside `target` (no links, no `..`)."""
    root = target.resolve()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            destination = (root / member.name).resolve()
            if not destination.is_relative_to(root):
                continue
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                source = tar.extractfile(member)
                if source is None:
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(source.read())


def _git(cwd: Path, *args: str) -> str | None:
    """The output of a git command, or None when it fails or git cannot be run."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
