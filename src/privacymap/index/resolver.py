"""Resolving a loaded map into its `Index`: ids to objects, flows named, references checked.

References are found by one walk over the model led by its `Ref` marks
(`references`), so a new reference field needs no code here; an id naming
nothing is reported (PM102, PM103), as are duplicate ids and flows (PM101).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Protocol, get_args, get_origin

from pydantic import BaseModel

from privacymap import rules
from privacymap.diagnostics import Diagnostic, Related
from privacymap.index.view import (
    ID_SECTIONS,
    KIND_OF_SECTION,
    FlowView,
    Index,
    ModelPath,
)
from privacymap.model import (
    NOT_STATED,
    Activity,
    Collection,
    DataMap,
    Disclosure,
    Purpose,
    Ref,
)
from privacymap.sourcemap import SourceMap, format_path
from privacymap.yamlio import gc_paused


class Loaded(Protocol):
    """What resolving needs from a load (`privacymap.loader.LoadResult` is one)."""

    @property
    def root(self) -> Path: ...
    @property
    def files(self) -> tuple[str, ...]: ...
    @property
    def sourcemap(self) -> SourceMap: ...
    @property
    def datamap(self) -> DataMap | None: ...


@dataclass(frozen=True)
class _Parts:
    root: Path
    files: tuple[str, ...]
    sourcemap: SourceMap
    datamap: DataMap | None


def references(value: object, path: ModelPath = ()) -> Iterator[tuple[ModelPath, Ref, str]]:
    """Every id the map uses to name another item: its path (YAML keys), its `Ref`, the id.

    One walk over the model, led by the `Ref` marks on its fields (`model.CategoryId`...):
    a new reference field is resolved and checked without a line here.
    """
    if isinstance(value, BaseModel):
        for name, key, ref in _fields_of(type(value)):
            child = getattr(value, name)
            if ref is None:
                yield from references(child, (*path, key))
            elif isinstance(child, str) and child != NOT_STATED:
                yield (*path, key), ref, child
            elif isinstance(child, tuple):
                yield from (((*path, key, i), ref, item) for i, item in enumerate(child))
    elif isinstance(value, tuple):
        for position, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from references(item, (*path, position))


@functools.cache
def _fields_of(model: type[BaseModel]) -> tuple[tuple[str, str, Ref | None], ...]:
    """(name, YAML key, its Ref) of each field that is a reference or may hold models."""
    out = []
    for name, info in model.model_fields.items():
        ref = _ref(info.metadata) or _ref_in(info.annotation)
        if ref is not None or _holds_models(info.annotation):
            out.append((name, info.alias or name, ref))
    return tuple(out)


def field_refs(model: type[BaseModel]) -> dict[str, Ref]:
    """The fields of `model` that name items of other sections, by field name, with their
    `Ref` (`Disclosure.recipient` -> `Ref("recipients")`)."""
    return {name: ref for name, _, ref in _fields_of(model) if ref is not None}


def held_models(model: type[BaseModel]) -> tuple[type[BaseModel], ...]:
    """The model types the fields of `model` may hold (a tuple of flows, an optional part)."""
    found: list[type[BaseModel]] = []
    for info in model.model_fields.values():
        found += [t for t in _types_in(info.annotation) if t not in found]
    return tuple(found)


def _types_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type):
        return [annotation] if issubclass(annotation, BaseModel) else []
    return [t for a in get_args(annotation) for t in _types_in(a)]


def _ref(metadata: Iterable[object]) -> Ref | None:
    return next((m for m in metadata if isinstance(m, Ref)), None)


def _ref_in(annotation: object) -> Ref | None:
    """The Ref of an `Annotated[Id, Ref(...)]` anywhere inside a type (tuple, optional)."""
    if get_origin(annotation) is Annotated:
        inner, *metadata = get_args(annotation)
        return _ref(metadata) or _ref_in(inner)
    return next((r for a in get_args(annotation) if (r := _ref_in(a))), None)


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_holds_models(a) for a in get_args(annotation))


def build_index(loaded: Loaded) -> tuple[Index, list[Diagnostic]]:
    """Resolve a successfully loaded map; returns the index and reference problems."""
    assert loaded.datamap is not None, "build_index needs a loaded data map"
    with gc_paused():
        index, diagnostics = _Resolver(loaded).run()
    loaded.datamap.bind_index(index)
    return index, diagnostics


def index_for(datamap: DataMap) -> Index:
    """Index a map built in code (no files, so no locations); references must resolve."""
    index, diagnostics = _Resolver(_Parts(Path("."), (), SourceMap(), datamap)).run()
    fatal = [d for d in diagnostics if d.fatal]
    if fatal:
        raise ValueError("; ".join(d.message for d in fatal))
    return index


class _Resolver:
    def __init__(self, loaded: Loaded) -> None:
        assert loaded.datamap is not None
        self.datamap = loaded.datamap
        self.index = Index(loaded.datamap, loaded.sourcemap, loaded.root, loaded.files)
        self.diagnostics: list[Diagnostic] = []

    def run(self) -> tuple[Index, list[Diagnostic]]:
        self._collect_ids()
        self._check_references()
        self.index.flows = tuple(self._flows())
        return self.index, self.diagnostics

    def _collect_ids(self) -> None:
        smap = self.index.sourcemap
        for section, kind in ID_SECTIONS:
            table: dict[str, object] = {}
            for position, item in enumerate(getattr(self.datamap, section)):
                item_id = getattr(item, "id", None)
                if item_id is None:
                    continue
                path = (section, position)
                if item_id in table:
                    first = self.index.paths[(section, item_id)]
                    first_loc = smap.value((*first, "id"))
                    self.diagnostics.append(
                        rules.make(
                            "PM101",
                            location=smap.value((*path, "id")),
                            path=format_path(path),
                            subject=f"{section}:{item_id}",
                            related=(Related(first_loc, "first defined here"),)
                            if first_loc
                            else (),
                            kind=kind,
                            id=item_id,
                        )
                    )
                    continue
                table[item_id] = item
                self.index.paths[(section, item_id)] = path
            self.index.by_id[section] = table

    def _ref(self, section: str, ref: str, path: ModelPath, rule_id: str = "PM102") -> None:
        table = self.index.by_id.get(section, {})
        if ref in table:
            return
        import difflib  # only for a dangling reference: a clean map's check does not load it

        close = difflib.get_close_matches(ref, list(table), n=1, cutoff=0.6)
        suggestion = f"; did you mean '{close[0]}'?" if close else ""
        known = sorted(table)
        hint = (
            f"define it under `{section}:` or use a known id: {', '.join(known[:8])}"
            + (" ..." if len(known) > 8 else "")
            if known
            else f"define it under `{section}:`"
        )
        self.diagnostics.append(
            rules.make(
                rule_id,
                location=self.index.sourcemap.value(path),
                path=format_path(path),
                subject=f"ref:{format_path(path)}",
                kind=KIND_OF_SECTION.get(section, section),
                id=ref,
                suggestion=suggestion,
                hint=hint,
            )
        )

    def _check_references(self) -> None:
        for path, ref, item_id in references(self.datamap):
            section, target = ref.target(item_id)
            self._ref(section, target, path, ref.rule)

    def _flows(self) -> Iterable[FlowView]:
        index = self.index
        seen: dict[str, ModelPath] = {}
        for i, activity in enumerate(self.datamap.activities):
            specs: list[tuple[str, Collection | Disclosure, ModelPath]] = [
                ("collection", c, ("activities", i, "collects", j))
                for j, c in enumerate(activity.collects)
            ] + [
                ("disclosure", d, ("activities", i, "discloses", j))
                for j, d in enumerate(activity.discloses)
            ]
            for direction, spec, path in specs:
                if isinstance(spec, Collection):
                    flow_id = spec.id or f"{activity.id}<-{spec.source}"
                else:
                    flow_id = spec.id or f"{activity.id}->{spec.recipient}"
                if flow_id in seen:
                    first = index.sourcemap.value(seen[flow_id])
                    self.diagnostics.append(
                        rules.make(
                            "PM101",
                            location=index.sourcemap.value(path),
                            path=format_path(path),
                            subject=f"flow:{flow_id}",
                            related=(Related(first, "first defined here"),) if first else (),
                            kind="flow",
                            id=flow_id,
                            hint="give one of the two flows its own `id:`",
                        )
                    )
                    continue
                seen[flow_id] = path
                yield self._flow_view(flow_id, direction, activity, spec, path)  # type: ignore[arg-type]

    def _flow_view(
        self,
        flow_id: str,
        direction: Literal["collection", "disclosure"],
        activity: Activity,
        spec: Collection | Disclosure,
        path: ModelPath,
    ) -> FlowView:
        index = self.index
        purposes = index.resolve("purposes", spec.purposes or activity.purposes)
        unbased: tuple[Purpose, ...] = ()
        if spec.bases:
            bases, origin = index.resolve("lawful_bases", spec.bases), "flow"
        elif activity.bases:
            bases, origin = index.resolve("lawful_bases", activity.bases), "activity"
        else:
            bases = index.purposes_bases(purposes)
            origin = "purpose" if bases else "none"
            unbased = tuple(p for p in purposes if not p.bases)
        conditions = (
            index.resolve("conditions", spec.conditions)
            if spec.conditions
            else index.activity_conditions(activity)
        )
        criminal = index.resolve(
            "criminal_offence_conditions",
            spec.criminal_offence_conditions or activity.criminal_offence_conditions,
        )
        categories = (
            index.resolve("categories", spec.category_ids or activity.categories)
            if spec.categories_stated
            else ()
        )
        return FlowView(
            id=flow_id,
            direction=direction,
            activity=activity,
            spec=spec,
            path=path,
            source=index.sources.get(spec.source) if isinstance(spec, Collection) else None,
            from_activity=(
                index.get("activities", spec.from_activity)  # type: ignore[arg-type]
                if isinstance(spec, Collection) and spec.from_activity
                else None
            ),
            recipient=(
                index.recipients.get(spec.recipient) if isinstance(spec, Disclosure) else None
            ),
            categories=categories,
            categories_stated=spec.categories_stated,
            purposes=purposes,
            unbased_purposes=unbased,
            bases=bases,
            bases_from=origin,  # type: ignore[arg-type]
            conditions=conditions,
            criminal_offence_conditions=criminal,
        )
