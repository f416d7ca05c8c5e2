"""Render diagnostics for people and machines. Reporters return text; the CLI prints it.

`text` is for humans (`path:line:col: severity CODE [slug] message`, grouped
by file, coloured only when asked to, with a summary line), `json` for tools
and `findings.json`, `sarif` (SARIF 2.1.0) for code scanning, `github` for
workflow annotations and `junit` for CI test viewers. Locations are printed relative to `base`, the
path from the working directory to the data map's root, so they are
clickable in terminals and CI logs; artefacts use root-relative paths so a
build is the same wherever the map lives.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING

from privacymap.diagnostics import Diagnostic, Location, Related, Severity, WaiverNote

if TYPE_CHECKING:
    from privacymap.rules import Rule

Reporter = Callable[[Sequence[Diagnostic], str], str]

_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
"""Controls (ESC, CR, BEL...), line separators, bidi and zero-width characters: none may
reach a terminal, a CI log or an XML report raw, where they could hide or fake a line."""


def visible(text: str) -> str:
    """`text` with every control, bidi or zero-width character written as an escape."""
    return _INVISIBLE.sub(_escape_character, text)


def _escape_character(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _shown(diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic with every text that came from the map made `visible`."""

    def where(location: Location | None) -> Location | None:
        return replace(location, file=visible(location.file)) if location else None

    waiver = diagnostic.waiver
    return replace(
        diagnostic,
        message=visible(diagnostic.message),
        hint=visible(diagnostic.hint) if diagnostic.hint is not None else None,
        location=where(diagnostic.location),
        path=visible(diagnostic.path) if diagnostic.path is not None else None,
        subject=visible(diagnostic.subject) if diagnostic.subject is not None else None,
        related=tuple(
            Related(
                where(r.location) or r.location,
                visible(r.message),
                visible(r.subject) if r.subject is not None else None,
            )
            for r in diagnostic.related
        ),
        waiver=replace(
            waiver,
            justification=visible(waiver.justification),
            approver=visible(waiver.approver),
            location=where(waiver.location),
        )
        if waiver
        else None,
    )


def shown(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Every diagnostic made safe to print (see `visible`); each reporter starts here."""
    return [_shown(d) for d in diagnostics]


def _uri(location: Location, base: str) -> str:
    """The location's file joined to `base` (files are relative to the map's root)."""
    return str(PurePosixPath(base) / location.file) if base else location.file


def display(location: Location | None, base: str = "") -> str:
    """`file:line:col` (or `file:Sheet!C12` for a spreadsheet cell), the file joined to `base`."""
    if location is None:
        return base or "."
    return f"{_uri(location, base)}:{location.position}"


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


def verdict(diagnostics: Sequence[Diagnostic], exit_code: int, strict: bool) -> str:
    """What the exit code means, for the end of the summary line."""
    if exit_code == 2:
        return "exit 2, the data map cannot be used until the errors are fixed"
    active = [d for d in diagnostics if not d.waived]
    if exit_code == 1:
        if strict and not any(d.severity == Severity.ERROR for d in active):
            return "exit 1, warnings fail the check with --strict"
        return "exit 1, the errors fail the check until fixed or waived"
    if not strict and any(d.severity == Severity.WARNING for d in active):
        return "exit 0, passed (warnings fail the check only with --strict)"
    return "exit 0, passed"


def should_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_STYLE = {"error": "1;31", "warning": "33", "info": "36", "dim": "2", "bold": "1", "ok": "32"}


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if colour else text


def text_line(diagnostic: Diagnostic, base: str = "", *, colour: bool = False) -> str:
    waived = " (waived)" if diagnostic.waived else ""
    severity = diagnostic.severity.value
    return (
        f"{_paint(display(diagnostic.location, base), 'bold', colour)}: "
        f"{_paint(severity, 'dim' if diagnostic.waived else severity, colour)} "
        f"{diagnostic.rule} [{diagnostic.slug}]{waived} {diagnostic.message}"
    )


def to_text(
    diagnostics: Sequence[Diagnostic],
    base: str = "",
    *,
    verbose: bool = True,
    colour: bool = False,
    verdict: str = "",
) -> str:
    """Human-readable report grouped by file (a blank line between files), then a summary.

    `verdict`, when given, ends the summary line (what the exit code means).
    """
    diagnostics, base = shown(diagnostics), visible(base)
    lines: list[str] = []
    previous: str | None = None
    for diagnostic in diagnostics:
        file = diagnostic.location.file if diagnostic.location else ""
        if previous is not None and file != previous and verbose:
            lines.append("")
        previous = file
        lines.append(text_line(diagnostic, base, colour=colour))
        if verbose:
            if diagnostic.hint:
                lines.append(_paint(f"    hint: {diagnostic.hint}", "dim", colour))
            for related in diagnostic.related:
                also = "also at " if related.subject else ""
                lines.append(f"    {also}{display(related.location, base)}: {related.message}")
            if diagnostic.waiver:
                w = diagnostic.waiver
                lines.append(
                    f"    waived by {w.approver} until {w.expires.isoformat()}: {w.justification}"
                )
    if diagnostics and verbose:
        lines.append("")
    line = summary(diagnostics) + (f": {verdict}" if verdict else "")
    if colour:
        blocking_ = any(d.severity == Severity.ERROR and not d.waived for d in diagnostics)
        line = _paint(line, "error" if blocking_ else "ok", True)
    lines.append(line)
    return "\n".join(lines) + "\n"


def as_dict(diagnostic: Diagnostic, base: str = "") -> dict[str, object]:
    """Plain-data form of a diagnostic (the JSON report's item)."""
    location = diagnostic.location

    def loc(where: Location | None) -> dict[str, object] | None:
        if where is None:
            return None
        out: dict[str, object] = {"file": _uri(where, base), "line": where.line,
                                  "column": where.column}  # fmt: skip
        if where.cell:
            out["cell"] = where.cell
        return out

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
            {"location": loc(r.location), "message": r.message}
            | ({"subject": r.subject} if r.subject else {})
            for r in diagnostic.related
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
    diagnostics, base = shown(diagnostics), visible(base)
    document = {
        "summary": summary(diagnostics),
        "counts": {
            s.value: sum(1 for d in diagnostics if d.severity == s and not d.waived)
            for s in Severity
        },
        "diagnostics": [as_dict(d, base) for d in diagnostics],
    }
    import json  # here, not at the top: a text report (the usual check) needs no json

    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- SARIF

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _physical(location: Location, base: str) -> dict[str, object]:
    region: dict[str, object] = {"startLine": location.line, "startColumn": location.column}
    if location.cell:  # a spreadsheet: the row and column number, and the address people use
        region["properties"] = {"cell": location.cell}
    uri = _uri(location, base)
    if uri.startswith("/"):  # an absolute path is a file: URI, not a relative reference
        uri = PurePosixPath(uri).as_uri()
    return {"artifactLocation": {"uri": uri}, "region": region}


def _sarif_rule(rule: Rule) -> dict[str, object]:
    refs = "; ".join(rule.references)
    help_text = f"{rule.rationale}\n\nFix: {rule.hint}" + (f"\n\nLaw: {refs}" if refs else "")
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.slug.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {
            "slug": rule.slug,
            "family": rule.family,
            "locked": rule.locked,
            "references": list(rule.references),
            "tags": ["privacy", "uk-gdpr", rule.family],
        },
    }


def _sarif_related(d: Diagnostic, base: str) -> list[dict[str, object]]:
    """The other places a finding points to (numbered from 1, as SARIF ids)."""
    return [
        {
            "id": i,
            "physicalLocation": _physical(r.location, base),
            "message": {"text": r.message},
        }
        | ({"properties": {"subject": r.subject}} if r.subject else {})
        for i, r in enumerate(d.related, start=1)
    ]


def _sarif_suppression(waiver: WaiverNote) -> dict[str, object]:
    """A waiver as an accepted in-source suppression, with who approved it until when."""
    return {
        "kind": "inSource",
        "status": "accepted",
        "justification": (
            f"{waiver.justification} (approved by {waiver.approver}, "
            f"expires {waiver.expires.isoformat()})"
        ),
    }


def _sarif_result(d: Diagnostic, position: dict[str, int], base: str) -> dict[str, object]:
    """One finding as a SARIF result: its rule (by index into the catalogue), where it
    is, a fingerprint that survives edits elsewhere, and its waiver if any."""
    result: dict[str, object] = {
        "ruleId": d.rule,
        "level": SARIF_LEVEL[d.severity],
        "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
    }
    if d.rule in position:
        result["ruleIndex"] = position[d.rule]
    if d.location is not None:
        location: dict[str, object] = {"physicalLocation": _physical(d.location, base)}
        if d.path:
            location["logicalLocations"] = [{"fullyQualifiedName": d.path, "kind": "member"}]
        result["locations"] = [location]
    related = _sarif_related(d, base)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {"privacymapKey/v1": d.key}
    if d.waiver is not None:
        result["suppressions"] = [_sarif_suppression(d.waiver)]
    result["properties"] = {
        "slug": d.slug,
        "subject": d.subject,
        "references": list(d.references),
    }
    return result


def to_sarif(diagnostics: Sequence[Diagnostic], base: str = "") -> str:
    """SARIF 2.1.0 log: the whole rule catalogue as metadata, one result per finding.

    Locations are relative to `base` (the repository root when run from it), as
    GitHub code scanning expects. Waived findings carry an accepted in-source
    suppression with the waiver's justification.
    """
    diagnostics, base = shown(diagnostics), visible(base)
    from privacymap.rules import catalogue
    from privacymap.version import __version__

    rules = list(catalogue().values())
    position = {rule.id: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "privacymap",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(d, position, base) for d in diagnostics],
            }
        ],
    }
    import json

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- GitHub

GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(diagnostics: Sequence[Diagnostic], base: str = "") -> str:
    """GitHub Actions workflow commands: one annotation per finding, then the summary.

    Waived findings become `notice` annotations that say who waived them and why.
    """
    diagnostics, base = shown(diagnostics), visible(base)
    lines = []
    for d in diagnostics:
        command = "notice" if d.waived else GITHUB_COMMAND[d.severity]
        props = []
        if d.location is not None:
            props += [
                f"file={_gh_property(_uri(d.location, base))}",
                f"line={d.location.line}",
                f"col={d.location.column}",
            ]
        props.append(f"title={_gh_property(f'{d.rule} [{d.slug}]')}")
        message = d.message
        if d.hint:
            message += f"\nhint: {d.hint}"
        if d.waiver is not None:
            message += (
                f"\nwaived by {d.waiver.approver} until {d.waiver.expires.isoformat()}: "
                f"{d.waiver.justification}"
            )
        lines.append(f"::{command} {','.join(props)}::{_gh_data(message)}")
    lines.append(f"privacymap: {summary(diagnostics)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JUnit


def to_junit(diagnostics: Sequence[Diagnostic], base: str = "") -> str:
    """JUnit XML: one test case per catalogued rule (classname = its family).

    A rule fails when it has an unwaived error finding; its findings (warnings,
    notes and waived ones too) are listed in the case's output, so CI test
    viewers show every finding under the rule that raised it.
    """
    diagnostics, base = shown(diagnostics), visible(base)
    from xml.sax.saxutils import escape, quoteattr  # pulls in urllib: only for JUnit

    from privacymap.rules import catalogue

    by_rule: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_rule.setdefault(d.rule, []).append(d)
    rules = catalogue()
    ids = list(rules) + sorted(set(by_rule) - set(rules))
    cases = []
    failures = 0
    for rule_id in ids:
        found = by_rule.get(rule_id, [])
        rule = rules.get(rule_id)
        slug = rule.slug if rule else (found[0].slug if found else "")
        family = rule.family if rule else rule_id[:3] + "xx"
        name = f"{rule_id} {slug}"
        body = "\n".join(
            text_line(d, base) + (f"\n    hint: {d.hint}" if d.hint else "") for d in found
        )
        errors = [d for d in found if d.severity == Severity.ERROR and not d.waived]
        parts = [
            f"  <testcase classname={quoteattr('privacymap.' + family)} name={quoteattr(name)}"
            f' time="0">'
        ]
        if errors:
            failures += 1
            message = f"{len(errors)} error{'s' if len(errors) != 1 else ''}: {errors[0].message}"
            parts.append(
                f"    <failure message={quoteattr(message)} type={quoteattr(rule_id)}>"
                f"{escape(body)}</failure>"
            )
        elif found:
            parts.append(f"    <system-out>{escape(body)}</system-out>")
        parts.append("  </testcase>")
        cases.append("\n".join(parts))
    header = (
        f'<testsuite name="privacymap" tests="{len(ids)}" failures="{failures}" '
        f'errors="0" skipped="0" time="0">'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="privacymap check">\n'
        + header
        + "\n"
        + "\n".join(cases)
        + "\n</testsuite>\n</testsuites>\n"
    )


REPORTERS: dict[str, Reporter] = {
    "text": to_text,
    "json": to_json,
    "sarif": to_sarif,
    "github": to_github,
    "junit": to_junit,
}
