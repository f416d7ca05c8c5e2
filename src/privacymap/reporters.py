"""Render diagnostics for people and machines. Reporters return text; the CLI prints it.

`text` is for humans (`path:line:col: severity CODE [slug] message`), `json`
for tools and `findings.json`. Locations are printed relative to `base`, the
path from the working directory to the data map's root, so they are
clickable in terminals and CI logs; artefacts use root-relative paths so a
build is the same wherever the map lives.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from privacymap.diagnostics import Diagnostic, Location, Severity

Reporter = Callable[[Sequence[Diagnostic], str], str]


def display(location: Location | None, base: str = "") -> str:
    """`file:line:col`, with the file joined to `base`."""
    if location is None:
        return base or "."
    file = str(PurePosixPath(base) / location.file) if base else location.file
    return f"{file}:{location.line}:{location.column}"


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """One line: counts by severity, and waived findings."""
    active = [d for d in diagnostics if not d.waived]
    counts = {s: sum(1 for d in active if d.severity == s) for s in Severity}
    waived = len(diagnostics) - len(active)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        plural(counts[Severity.INFO], "note"),
    ]
    if waived:
        parts.append(f"{waived} waived")
    return ", ".join(parts)


def text_line(diagnostic: Diagnostic, base: str = "") -> str:
    waived = " (waived)" if diagnostic.waived else ""
    return (
        f"{display(diagnostic.location, base)}: {diagnostic.severity.value} "
        f"{diagnostic.rule} [{diagnostic.slug}]{waived} {diagnostic.message}"
    )


def to_text(diagnostics: Sequence[Diagnostic], base: str = "", *, verbose: bool = True) -> str:
    """Human-readable report, one finding per line with its hint underneath."""
    lines: list[str] = []
    for diagnostic in diagnostics:
        lines.append(text_line(diagnostic, base))
        if verbose:
            if diagnostic.hint:
                lines.append(f"    hint: {diagnostic.hint}")
            for related in diagnostic.related:
                lines.append(f"    {display(related.location, base)}: {related.message}")
            if diagnostic.waiver:
                w = diagnostic.waiver
                lines.append(
                    f"    waived by {w.approver} until {w.expires.isoformat()}: {w.justification}"
                )
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"


def as_dict(diagnostic: Diagnostic, base: str = "") -> dict[str, object]:
    """Plain-data form of a diagnostic (the JSON report's item)."""
    location = diagnostic.location

    def loc(where: Location | None) -> dict[str, object] | None:
        if where is None:
            return None
        file = str(PurePosixPath(base) / where.file) if base else where.file
        return {"file": file, "line": where.line, "column": where.column}

    return {
        "rule": diagnostic.rule,
        "slug": diagnostic.slug,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "references": list(diagnostic.references),
        "location": loc(location),
        "path": diagnostic.path,
        "subject": diagnostic.subject,
        "related": [
            {"location": loc(r.location), "message": r.message} for r in diagnostic.related
        ],
        "waived": diagnostic.waived,
        "waiver": (
            {
                "justification": diagnostic.waiver.justification,
                "approver": diagnostic.waiver.approver,
                "expires": diagnostic.waiver.expires.isoformat(),
            }
            if diagnostic.waiver
            else None
        ),
    }


def to_json(diagnostics: Sequence[Diagnostic], base: str = "") -> str:
    """JSON report: the findings and their counts; stable key order."""
    document = {
        "summary": summary(diagnostics),
        "counts": {
            s.value: sum(1 for d in diagnostics if d.severity == s and not d.waived)
            for s in Severity
        },
        "diagnostics": [as_dict(d, base) for d in diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Reporter] = {
    "text": to_text,
    "json": to_json,
}
