"""Small helpers shared by the rule families (not a family itself)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from privacymap import law, rules
from privacymap.diagnostics import Diagnostic, Related
from privacymap.index import Index
from privacymap.sourcemap import format_path

Path = tuple[str | int, ...]


def finding(
    rule_id: str,
    index: Index,
    path: Sequence[str | int],
    subject: str,
    *,
    related: tuple[Related, ...] = (),
    hint: str | None = None,
    fallback: Sequence[str | int] = ("notice",),
    **fields: object,
) -> Diagnostic:
    """A located finding of `rule_id` at the YAML node of `path` (else at `fallback`)."""
    location = index.location(path) if path else None
    if location is None:
        location = index.location(fallback)
    return rules.make(
        rule_id,
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


def names(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def basis_label(basis_id: str) -> str:
    found = law.art6_basis(basis_id)
    return f"{found.name} (Art 6(1)({found.point}))" if found else basis_id


def condition_label(condition_id: str) -> str:
    found = law.art9_condition(condition_id)
    return f"{found.name} (Art 9(2)({found.point}))" if found else condition_id


def grounds_in_use(index: Index, right: law.Right) -> list[str]:
    """Labels of the Art 6 bases and Art 9 conditions in use under which `right` applies."""
    return [basis_label(b) for b in index.bases_in_use if right.applies(b)] + [
        condition_label(c) for c in index.conditions_in_use if c in right.applies_to_art9
    ]


def schedule1_numbers(index: Index, entry: int | str) -> list[int]:
    """Paragraph numbers of DPA 2018 Sch 1 named by one `schedule1:` entry ([] if none)."""
    if isinstance(entry, int):
        return [entry]
    citation = index.citations.get(entry)
    if not isinstance(citation, law.Citation):
        return []
    if citation.instrument.id != "data-protection-act-2018":
        return []
    numbers = []
    for provision in citation.provisions:
        keys = dict(provision.path)
        if keys.get("schedule") == "1" and "paragraph" in keys:
            match = re.match(r"\d+", keys["paragraph"])
            if match:
                numbers.append(int(match.group()))
    return numbers


def annex1_numbers(index: Index, entry: int | str) -> list[int]:
    """Paragraph numbers of UK GDPR Annex 1 named by one `annex1:` entry ([] if none)."""
    if isinstance(entry, int):
        return [entry]
    citation = index.citations.get(entry)
    if not isinstance(citation, law.Citation) or citation.instrument.id != "uk-gdpr":
        return []
    numbers = []
    for provision in citation.provisions:
        keys = dict(provision.path)
        if keys.get("annex") == "1" and keys.get("paragraph", "").isdigit():
            numbers.append(int(keys["paragraph"]))
    return numbers


PROSE_FIELDS = frozenset({
    "wording", "description", "introduction", "body", "statement", "how", "task",
    "notes", "when", "uses", "interests", "withdrawal", "criteria", "consequences",
    "identity", "logic", "significance", "security", "reasons", "aims", "title", "name",
    "summary", "told",
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


def excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    """The matched words with a little context, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return ("..." if left else "") + snippet + ("..." if right < len(text) else "")
