"""Where a ROPA came from: draft or checked, as at which date, from which commit, by
which tool. Printed on the ROPA sheet itself (a banner row, the page header and footer)
so that no page of a printed register can pass for a checked record when it is not."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from privacymap.diagnostics import Diagnostic
from privacymap.version import __version__


@dataclass(frozen=True)
class Provenance:
    """The facts the banner, header, footer and About sheet show."""

    draft: bool = False
    problems: int = 0
    """Unwaived error and warning findings."""
    as_at: str | None = None
    """The date the data map says it is current to (the notice's last update)."""
    commit: str | None = None
    """The source map's git commit, when built inside a git checkout."""
    law_as_at: str | None = None
    findings: str = "no findings"
    """The findings summary, e.g. "2 errors, 5 warnings, 1 info (1 waived)"."""
    version: str = __version__

    @property
    def banner(self) -> str | None:
        """The draft banner, or None for a checked build."""
        if not self.draft:
            return None
        if self.problems:
            return (
                f"DRAFT: built with {self.problems} unresolved error or warning finding(s) "
                "(see the Findings sheet). Not a checked record."
            )
        return "DRAFT: built as a draft (no unresolved error or warning finding)."

    @property
    def line(self) -> str:
        """As at, source commit and tool version, on one line."""
        parts = [
            f"As at {self.as_at}" if self.as_at else "As-at date not recorded",
            f"source commit {self.commit}" if self.commit else "source not in a git checkout",
            f"privacymap {self.version}",
        ]
        return "; ".join(parts)


def findings_summary(diagnostics: Iterable[Diagnostic]) -> str:
    """Counts by severity, with how many of them are waived."""
    diagnostics = tuple(diagnostics)
    if not diagnostics:
        return "no findings"
    counts = Counter(str(d.severity.value) for d in diagnostics)
    parts = [
        f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}"
        for severity in ("error", "warning", "info")
        if (n := counts[severity])
    ]
    waived = sum(1 for d in diagnostics if d.waived)
    return ", ".join(parts) + (f" ({waived} waived)" if waived else "")


def git_commit(source: Path | str | None) -> str | None:
    """The commit of the git checkout holding `source` (a file or folder), marked when the
    map has uncommitted changes; None without git, outside a checkout, or on any failure."""
    git = shutil.which("git")
    if git is None or source is None:
        return None
    path = Path(source).resolve()
    folder = path if path.is_dir() else path.parent
    head = _git(git, folder, "rev-parse", "--short=12", "HEAD")
    if not head:
        return None
    dirty = _git(git, folder, "status", "--porcelain", "--", str(path))
    return f"{head} (with uncommitted changes)" if dirty else head


def _git(git: str, folder: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            [git, "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None
