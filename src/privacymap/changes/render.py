"""A `Diff` as text (for people), Markdown (for a pull-request comment) or JSON (for tools).

Changes are grouped by classification, most serious first, and within it by
kind, so each legal reason is stated once above the changes it explains.
Locations print as `file:line:col` joined to each version's `base` (the path
of the map's root, or `REV:path` for a git revision). Text from the map is
escaped for the output: control characters for terminals, Markdown syntax
for Markdown; JSON is escaped by the encoder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from privacymap.changes.records import Change, Diff
from privacymap.diagnostics import Location
from privacymap.law.changes import Classification, Kind
from privacymap.reporters import display, text_line, visible

FORMATS = ("text", "markdown", "json")

_MARKDOWN = re.compile(r"([\\`*_\[\]|<>~&!])")


@dataclass(frozen=True)
class Sides:
    """How each version is named and where its files are (for locations)."""

    old_label: str
    new_label: str
    old_base: str = ""
    new_base: str = ""

    def old(self, location: Location | None) -> str | None:
        return display(location, self.old_base) if location else None

    def new(self, location: Location | None) -> str | None:
        return display(location, self.new_base) if location else None


def render(diff: Diff, sides: Sides, fmt: str) -> str:
    """The diff in `fmt` (text, markdown or json)."""
    renderers: dict[str, Callable[[Diff, Sides], str]] = {
        "text": to_text,
        "markdown": to_markdown,
        "json": to_json,
    }
    return renderers[fmt](diff, sides)


def summary(diff: Diff) -> str:
    """One line: how many changes of each class."""
    first, tell, editorial = (len(diff.of(c)) for c in Classification)
    material = first + tell
    if not diff.changes:
        return "no changes"
    parts = [f"{material} material change{'' if material == 1 else 's'}"]
    if first:
        parts[0] += f" ({first} to tell people about before the processing starts)"
    parts.append(f"{editorial} editorial")
    return ", ".join(parts)


def _groups(diff: Diff) -> Iterator[tuple[Classification, list[tuple[Kind, list[Change]]]]]:
    for classification in Classification:
        changes = diff.of(classification)
        if not changes:
            continue
        kinds: dict[str, tuple[Kind, list[Change]]] = {}
        for change in changes:
            kinds.setdefault(change.kind.id, (change.kind, []))[1].append(change)
        yield classification, list(kinds.values())


# ---------------------------------------------------------------------- text


def terminal_safe(text: str) -> str:
    """Text safe for a terminal (`reporters.visible`), line breaks kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


def to_text(diff: Diff, sides: Sides) -> str:
    lines = [
        terminal_safe(f"privacymap diff {sides.old_label} -> {sides.new_label}: {summary(diff)}")
    ]
    for classification, kinds in _groups(diff):
        count = sum(len(changes) for _, changes in kinds)
        lines += ["", f"{classification.heading} ({count})"]
        for kind, changes in kinds:
            refs = f" [{'; '.join(kind.references)}]" if kind.references else ""
            lines += ["", f"  {kind.title}: {kind.reason}{refs}"]
            for change in changes:
                lines.append(terminal_safe(f"    - {change.label}: {change.what}"))
                if change.old is not None or change.new is not None:
                    lines.append(
                        terminal_safe(f"        was: {change.old or '-'}; now: {change.new or '-'}")
                    )
                where = [f"old {w}" for w in [sides.old(change.old_location)] if w] + [
                    f"new {w}" for w in [sides.new(change.new_location)] if w
                ]
                if where:
                    lines.append(terminal_safe(f"        at {', '.join(where)}"))
    if diff.findings:
        lines.append("")
        for finding in diff.findings:
            lines.append(terminal_safe(text_line(finding, sides.new_base)))
            if finding.hint:
                lines.append(terminal_safe(f"    hint: {finding.hint}"))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- markdown


def md(text: str) -> str:
    """Text from the map as literal Markdown inline text (one line, syntax escaped)."""
    flat = " ".join(terminal_safe(text).split())
    return _MARKDOWN.sub(r"\\\1", flat)


def _code(text: str) -> str:
    """Inline code that no backtick in `text` can close early."""
    flat = " ".join(terminal_safe(text).split())
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def _fence(text: str, lang: str) -> str:
    ticks = "`" * max(3, max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}{lang}\n{terminal_safe(text)}\n{ticks}"


def to_markdown(diff: Diff, sides: Sides) -> str:
    parts = [
        f"## privacymap diff: {_code(sides.old_label)} → {_code(sides.new_label)}",
        "",
        f"**{md(summary(diff))}**",
    ]
    for classification, kinds in _groups(diff):
        folded = not classification.material  # editorial changes stay out of the way
        if folded:
            count = sum(len(changes) for _, changes in kinds)
            parts += ["", "<details>", f"<summary>{classification.heading} ({count})</summary>"]
        else:
            parts += ["", f"### {classification.heading}"]
        for kind, changes in kinds:
            refs = f" ({md('; '.join(kind.references))})" if kind.references else ""
            parts += [
                "",
                f"**{md(kind.title)}.** {md(kind.reason)}{refs}",
                "",
                "| Object | What changed | Was | Now | Where |",
                "|---|---|---|---|---|",
            ]
            for change in changes:
                where = "<br>".join(
                    f"{side} {_code(w)}"
                    for side, w in (
                        ("old", sides.old(change.old_location)),
                        ("new", sides.new(change.new_location)),
                    )
                    if w
                )
                parts.append(
                    f"| {md(change.label)} | {md(change.what)} | {md(change.old or '')} | "
                    f"{md(change.new or '')} | {where} |"
                )
        if folded:
            parts += ["", "</details>"]
    if diff.findings:
        parts += ["", "### Changelog"]
        for finding in diff.findings:
            parts += [
                "",
                f"**{finding.rule} [{finding.slug}]** "
                f"{md(finding.message)} ({_code(sides.new(finding.location) or '')})",
            ]
        if diff.suggested_entry:
            parts += [
                "",
                "Suggested entry for `changes:` (edit the summary, say how people were told):",
                "",
                _fence(diff.suggested_entry, "yaml"),
            ]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------------- json


def _change(change: Change, sides: Sides) -> dict[str, object]:
    return {
        "classification": change.classification.value,
        "kind": change.kind.id,
        "title": change.kind.title,
        "section": change.section,
        "object": change.object_kind,
        "id": change.id,
        "old_id": change.old_id,
        "name": change.name,
        "what": change.what,
        "old": change.old,
        "new": change.new,
        "sensitive": change.sensitive,
        "old_location": sides.old(change.old_location),
        "new_location": sides.new(change.new_location),
        "old_path": change.old_path,
        "new_path": change.new_path,
        "reason": change.reason,
        "references": list(change.references),
    }


def to_json(diff: Diff, sides: Sides) -> str:
    document = {
        "old": sides.old_label,
        "new": sides.new_label,
        "summary": {c.value: len(diff.of(c)) for c in Classification},
        "material": bool(diff.material),
        "changes": [_change(c, sides) for c in diff.changes],
        "findings": [
            {
                "rule": f.rule,
                "slug": f.slug,
                "severity": f.severity.value,
                "message": f.message,
                "location": sides.new(f.location),
                "references": list(f.references),
            }
            for f in diff.findings
        ],
        "suggested_entry": diff.suggested_entry,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
