"""Pair the objects of two versions of a data map, detecting renamed ids by content.

An id is how the map's files refer to an object; it is never published. A
renamed id therefore changes nothing people are told, and every reference to
it changes with it. Objects are paired by id, then (among the unpaired) by
identical content once the old version's references are translated to the
new ids, then by an identical, unique name. Sections are matched in an order
where the sections an object refers to come first, so that a renamed
category does not make every activity using it look changed.
"""

from __future__ import annotations

import graphlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import get_args

from pydantic import BaseModel

from privacymap.index import ID_SECTIONS, field_refs, held_models
from privacymap.model import DataMap, Ref


def _sections_referred(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """The sections whose ids `model` (and the models it holds) refer to, by their `Ref`s."""
    seen.add(model)
    found = {ref.section for ref in field_refs(model).values()}
    found |= {section for ref in field_refs(model).values() for _, section in ref.prefixed}
    for held in held_models(model):
        if held not in seen:
            found |= _sections_referred(held, seen)
    return found


def _matching_order() -> tuple[tuple[str, str], ...]:
    """The id sections, each after the sections its items refer to (then in the index's
    order), so that a renamed category is known before the activities using it."""
    words = dict(ID_SECTIONS)
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for section, _ in ID_SECTIONS:
        (item,) = (t for t in get_args(DataMap.model_fields[section].annotation) if t is not ...)
        sorter.add(section, *sorted(_sections_referred(item, set()) & words.keys() - {section}))
    sorter.prepare()
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=list(words).index)
        order += ready
        sorter.done(*ready)
    return tuple((section, words[section]) for section in order)


SECTIONS: tuple[tuple[str, str], ...] = _matching_order()
"""Id sections in matching order (referred-to first), with the word for their objects."""

OBJECT_KIND = dict(SECTIONS)

NAME_FIELDS = ("name", "record", "title", "description")
"""The field that names an object, first found (retention rules have a `record`)."""


def object_name(item: object) -> str:
    """The published name of an object, else its id."""
    for name in NAME_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return str(getattr(item, "id", ""))


@dataclass(frozen=True)
class Pair:
    """An object in both versions (or one), with its position in each section."""

    old: BaseModel | None
    new: BaseModel | None
    old_position: int | None
    new_position: int | None

    @property
    def id(self) -> str:
        item = self.new if self.new is not None else self.old
        return str(getattr(item, "id", ""))

    @property
    def old_id(self) -> str | None:
        return None if self.old is None else str(getattr(self.old, "id", ""))

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and self.old_id != self.id


@dataclass
class Matching:
    """The pairs of every id section, and the renamed ids (old -> new) by section."""

    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    renames: dict[str, dict[str, str]] = field(default_factory=dict)

    def new_id(self, section: str, old_id: str) -> str:
        """The id an old reference has in the new version."""
        return self.renames.get(section, {}).get(old_id, old_id)

    def translate(self, section: str, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.new_id(section, i) for i in ids)

    def renamed(self, ref: Ref, written: str) -> str:
        """A reference as written in the old version, in the new version's ids (a
        prefixed reference, `activity:x`, keeps its prefix)."""
        section, item_id = ref.target(written)
        return written.removesuffix(item_id) + self.new_id(section, item_id)

    def canonical(self, value: object, *, drop_id: bool = False) -> object:
        """`value` of the OLD version as plain data with references in new ids."""
        return _plain(value, self, drop_id)

    def plain(self, value: object, *, drop_id: bool = False) -> object:
        """`value` of the NEW version as plain data (references unchanged)."""
        return _plain(value, None, drop_id)


def match(old: DataMap, new: DataMap) -> Matching:
    """Pair every id section's objects; renames found in one section apply to the next."""
    matching = Matching()
    for section, _ in SECTIONS:
        matching.pairs[section] = _match_section(
            section, getattr(old, section), getattr(new, section), matching
        )
        matching.renames[section] = {
            str(p.old_id): p.id for p in matching.pairs[section] if p.renamed
        }
    return matching


def _match_section(
    section: str,
    old_items: tuple[BaseModel, ...],
    new_items: tuple[BaseModel, ...],
    matching: Matching,
) -> list[Pair]:
    old_ids = {getattr(o, "id", None): i for i, o in enumerate(old_items)}
    new_ids = {getattr(n, "id", None): i for i, n in enumerate(new_items)}
    pairs: list[Pair] = []
    left = [i for i, o in enumerate(old_items) if getattr(o, "id", None) not in new_ids]
    right = [i for i, n in enumerate(new_items) if getattr(n, "id", None) not in old_ids]

    def content(item: BaseModel, old: bool) -> object:
        return (matching.canonical if old else matching.plain)(item, drop_id=True)

    def name(item: BaseModel, old: bool) -> object:
        return object_name(item).casefold()

    for key in (content, name):
        found = _unique_pairs(
            {i: key(old_items[i], True) for i in left},
            {j: key(new_items[j], False) for j in right},
        )
        for i, j in found:
            pairs.append(Pair(old_items[i], new_items[j], i, j))
        left = [i for i in left if i not in dict(found)]
        right = [j for j in right if j not in {b for _, b in found}]
    for i, item in enumerate(old_items):
        same = new_ids.get(getattr(item, "id", None))
        if same is not None:
            pairs.append(Pair(item, new_items[same], i, same))
    pairs.extend(Pair(old_items[i], None, i, None) for i in left)
    pairs.extend(Pair(None, new_items[j], None, j) for j in right)
    return sorted(
        pairs, key=lambda p: (p.new_position is None, p.new_position or 0, p.old_position or 0)
    )


def _unique_pairs(old: dict[int, object], new: dict[int, object]) -> list[tuple[int, int]]:
    """Pairs whose key is equal and occurs once on each side."""

    def once(keys: dict[int, object]) -> dict[object, int]:
        counts: dict[object, list[int]] = {}
        for position, key in keys.items():
            counts.setdefault(_hashable(key), []).append(position)
        return {key: found[0] for key, found in counts.items() if len(found) == 1}

    old_once, new_once = once(old), once(new)
    return sorted((i, new_once[key]) for key, i in old_once.items() if key in new_once)


def _hashable(value: object) -> object:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    return value


def _plain(value: object, matching: Matching | None, drop_id: bool) -> object:
    if isinstance(value, BaseModel):
        references = field_refs(type(value))
        out: dict[str, object] = {}
        for name in type(value).model_fields:
            if drop_id and name == "id":
                continue
            item = getattr(value, name)
            ref = references.get(name)
            if ref is not None and matching is not None:
                if isinstance(item, tuple):
                    item = tuple(matching.renamed(ref, i) for i in item)
                elif isinstance(item, str):
                    item = matching.renamed(ref, item)
            out[name] = _plain(item, matching, False)
        return out
    if isinstance(value, tuple):
        return tuple(_plain(v, matching, False) for v in value)
    return value
