"""Findings and load errors, their locations, and the exit-code policy.

Every problem privacymap reports, from a YAML syntax error to a flow with no
lawful basis, is one `Diagnostic`. Reporters render them; nothing else prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; the gate compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based line and column.

    A cell of a spreadsheet keeps its row as `line`, its column number as
    `column` and its address as `cell` (``Sheet!C12``), shown as ``FILE:Sheet!C12``
    because that is how a spreadsheet user finds it.
    """

    file: str
    line: int
    column: int
    cell: str = ""

    def under(self, base: str) -> Location:
        """The same place, its file named from `base` (the folder it is relative to)."""
        return replace(self, file=f"{base.rstrip('/')}/{self.file}") if base else self

    @property
    def position(self) -> str:
        """What follows the file name: ``line:col``, or a spreadsheet cell's address."""
        return self.cell or f"{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.file}:{self.position}"


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (e.g. the first of two duplicate ids).

    `subject` is set when the place is one the defect affects (a flow of an
    activity with no lawful basis): the finding is reported once, at its root,
    and each affected place is listed "also at" with its own subject id.
    """

    location: Location
    message: str
    subject: str | None = None


@dataclass(frozen=True)
class WaiverNote:
    """Why a finding was allowed to pass the gate."""

    justification: str
    approver: str
    expires: dt.date
    location: Location | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One problem: a rule, where it is, what is wrong and how to fix it."""

    rule: str
    slug: str
    severity: Severity
    message: str
    hint: str | None = None
    references: tuple[str, ...] = ()
    location: Location | None = None
    path: str | None = None
    related: tuple[Related, ...] = ()
    subject: str | None = None
    fatal: bool = False
    waiver: WaiverNote | None = field(default=None, compare=False)

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def key(self) -> str:
        """Stable identity of the finding, used by waivers and baselines."""
        return f"{self.rule}@{self.subject}" if self.subject else self.rule

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        loc = self.location
        return (
            loc.file if loc else "",
            loc.line if loc else 0,
            loc.column if loc else 0,
            self.rule,
            self.subject or "",
            self.message,
        )

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def with_waiver(self, waiver: WaiverNote) -> Diagnostic:
        return replace(self, waiver=waiver)

    def under(self, base: str) -> Diagnostic:
        """The finding with its files (and its related places') named from `base`, the
        folder they are relative to: several maps' findings in one report."""
        if not base:
            return self
        related = tuple(replace(r, location=r.location.under(base)) for r in self.related)
        location = self.location.under(base) if self.location else None
        return replace(self, location=location, related=related)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file, line, column, rule: the same order whatever order they were found in."""
    return sorted(diagnostics, key=Diagnostic.sort_key)
