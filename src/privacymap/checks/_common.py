"""Small helpers shared by the rule families (not a family itself)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pydantic import BaseModel

from privacymap import rules
from privacymap.checks import Context
from privacymap.diagnostics import Diagnostic, Related
from privacymap.index import Index
from privacymap.sourcemap import format_path

Path = tuple[str | int, ...]


def finding(
    context: Context,
    index: Index,
    path: Sequence[str | int],
    subject: str,
    *,
    related: tuple[Related, ...] = (),
    hint: str | None = None,
    fallback: Sequence[str | int] = ("notice",),
    **fields: object,
) -> Diagnostic:
    """A finding of the running check's rule (`context.rule`, bound when the check was
    registered) at the YAML node of `path` (else at `fallback`)."""
    location = index.location(path) if path else None
    if location is None:
        location = index.location(fallback)
    return rules.make(
        context.rule,
        location=location,
        path=format_path(tuple(path)) if path else None,
        subject=subject,
        related=related,
        hint=hint,
        **fields,
    )


def related(index: Index, path: Sequence[str | int], message: str) -> tuple[Related, ...]:
    location = index.location(path)
    return (Related(location, message),) if location else ()


@dataclass(frozen=True)
class Affected:
    """A place a defect shows up (a flow, an activity) other than where it is rooted."""

    path: Path
    subject: str
    label: str


def also_at(index: Index, items: Iterable[Affected]) -> tuple[Related, ...]:
    """Related locations for the places one finding affects, each with its own subject."""
    out = []
    for item in items:
        location = index.location(item.path)
        if location is not None:
            out.append(Related(location, item.label, subject=item.subject))
    return tuple(out)


def waived_apart(
    index: Index, rule_id: str, items: Sequence[Affected]
) -> tuple[list[Affected], list[Affected]]:
    """(items a waiver names on their own, the rest).

    A defect is reported once at its root; a waiver written for one affected
    place (`subject: flow:a->b`) still waives just that place, so those places
    are reported on their own, where the waiver finds them.
    """
    patterns = [w.subject for w in index.datamap.waivers if w.rule == rule_id]
    alone = [i for i in items if any(fnmatchcase(i.subject, p) for p in patterns)]
    return alone, [i for i in items if i not in alone]


PROSE_FIELDS = frozenset({
    "wording", "description", "introduction", "body", "statement", "how", "task",
    "notes", "when", "uses", "interests", "withdrawal", "criteria", "consequences",
    "identity", "logic", "significance", "security", "reasons", "aims", "title", "name",
    "summary", "told", "help", "young_people",
})  # fmt: skip
"""Fields holding published prose (scanned for drafting cues and wrong statements)."""


def prose(value: object, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every prose string in the map with its model path (YAML keys, aliases honoured)."""
    found: list[tuple[Path, str]] = []
    field_name = next((p for p in reversed(path) if isinstance(p, str)), "")
    _walk(value, path, field_name, found)
    yield from found


def index_prose(index: Index) -> tuple[tuple[Path, str], ...]:
    """`prose(index.datamap)`, walked once per index and shared by every rule that reads it."""

    def walk() -> tuple[tuple[Path, str], ...]:
        found: list[tuple[Path, str]] = []
        _walk(index.datamap, (), "", found)
        return tuple(found)

    return index.cached("prose", walk)


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    fields = _FIELDS.get(model)
    if fields is None:
        fields = tuple((name, info.alias or name) for name, info in model.model_fields.items())
        _FIELDS[model] = fields
    return fields


def _walk(value: object, path: Path, field_name: str, found: list[tuple[Path, str]]) -> None:
    """Append the prose strings under `value`; `field_name` is the nearest YAML key in `path`."""
    if isinstance(value, str):
        if field_name in PROSE_FIELDS:
            found.append((path, value))
    elif isinstance(value, BaseModel):
        for name, key in _fields(type(value)):
            _walk(getattr(value, name), (*path, key), key, found)
    elif isinstance(value, tuple):
        for position, item in enumerate(value):
            _walk(item, (*path, position), field_name, found)


def prose_findings(
    index: Index,
    context: Context,
    pattern: re.Pattern[str],
    *,
    unless: re.Pattern[str] | None = None,
    width: int = 30,
) -> Iterator[Diagnostic]:
    """A finding at each published text where `pattern` matches, unless `unless` matches
    the same text; the rules about wording left in a notice differ only in these."""
    for path, text in index_prose(index):
        match = pattern.search(text)
        if match and not (unless and unless.search(text)):
            yield finding(
                context,
                index,
                path,
                f"text:{format_path(path)}",
                words=excerpt(text, match.start(), match.end(), width),
            )


def excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    """The matched words with a little context, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return ("..." if left else "") + snippet + ("..." if right < len(text) else "")
