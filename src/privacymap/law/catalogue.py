"""Load the legal catalogues (package YAML) once, into frozen values.

The law lives in data so lawyers can review it without reading Python; this
module only turns it into typed, cached values and offers lookups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any, TypeVar

from privacymap import packagedata
from privacymap.law.types import (
    Annex1Paragraph,
    Art6Basis,
    Art9Condition,
    Art10Route,
    Edition,
    Instrument,
    ProvisionNote,
    Right,
    Schedule1Paragraph,
    SupervisoryAuthority,
)

T = TypeVar("T")


@cache
def _load(name: str) -> Any:
    return packagedata.load(name)


def _entry(cls: type[T], data: Mapping[str, Any]) -> T:
    """A catalogue entry as `cls`: YAML lists become tuples, mappings tuples of pairs."""
    return cls(**{
        key: tuple(value.items()) if isinstance(value, dict)
        else tuple(value) if isinstance(value, list) else value
        for key, value in data.items()
    })  # fmt: skip


@lru_cache(maxsize=1024)
def normalise_key(key: str) -> str:
    """Fold a basis key so "Art 6(1)(a)", "6.1.a" and "A6-1-a" compare equal.

    Article forms become dotted tokens ("6.1.a"); names become kebab slugs
    ("public task" -> "public-task"). Remembered: a large map looks up the same few
    keys for every activity and flow.
    """
    s = key.strip().lower()
    s = re.sub(r"^(?:uk\s+)?gdpr\s*", "", s)
    s = re.sub(r"^(?:article|arts?\.?)\s*", "", s)
    s = re.sub(r"^a(?=\d)", "", s)  # DPV term "A6-1-a"
    tokens = re.findall(r"[0-9]+|[a-z]+", s)
    if tokens and tokens[0].isdigit():
        return ".".join(tokens)
    return "-".join(tokens)


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


@cache
def art6_bases() -> tuple[Art6Basis, ...]:
    """Art 6(1) bases in article order: a, b, c, d, e, ea, f."""
    return tuple(_entry(Art6Basis, d) for d in _load("art6.yaml")["bases"])


@cache
def art9_conditions() -> tuple[Art9Condition, ...]:
    """Art 9(2) conditions in article order, a to j."""
    return tuple(_entry(Art9Condition, d) for d in _load("art9.yaml")["conditions"])


def _index(items: Iterable[Any]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        for key in (item.id, item.article, *item.aliases):
            index.setdefault(normalise_key(key), item)
    return index


@cache
def _art6_index() -> dict[str, Art6Basis]:
    return _index(art6_bases())


@cache
def _art9_index() -> dict[str, Art9Condition]:
    return _index(art9_conditions())


def art6_basis(key: str) -> Art6Basis | None:
    """Look up an Art 6 basis by id, name, article or alias; None if unknown."""
    return _art6_index().get(normalise_key(key)) if isinstance(key, str) else None


def art9_condition(key: str) -> Art9Condition | None:
    """Look up an Art 9(2) condition by id, name, article or alias; None if unknown."""
    return _art9_index().get(normalise_key(key)) if isinstance(key, str) else None


@cache
def _schedule1_all() -> tuple[Schedule1Paragraph, ...]:
    return tuple(_entry(Schedule1Paragraph, d) for d in _load("schedule1.yaml")["paragraphs"])


def schedule1_paragraphs(*, include_informational: bool = False) -> tuple[Schedule1Paragraph, ...]:
    """Sch 1 conditions (paras 1-4 and 6-37); with the flag, also paras 5 and 38-41."""
    return tuple(p for p in _schedule1_all() if include_informational or p.condition)


def schedule1_paragraph(n: int) -> Schedule1Paragraph | None:
    """Any Sch 1 paragraph (1-41) by number, or None."""
    return next((p for p in _schedule1_all() if p.number == n), None)


@cache
def annex1_paragraphs() -> tuple[Annex1Paragraph, ...]:
    """UK GDPR Annex 1 (recognised legitimate interests, Art 6(5)), conditions and definitions."""
    data = _load("annex1.yaml")
    return tuple(Annex1Paragraph(url=data["url"], **d) for d in data["paragraphs"])


def annex1_paragraph(n: int) -> Annex1Paragraph | None:
    """A paragraph of UK GDPR Annex 1 by number, or None."""
    return next((p for p in annex1_paragraphs() if p.number == n), None)


@cache
def art10_routes() -> tuple[Art10Route, ...]:
    """Art 10 routes: official authority, or a DPA Sch 1 condition (s 10(5))."""
    return tuple(_entry(Art10Route, d) for d in _load("art10.yaml")["routes"])


@cache
def rights() -> tuple[Right, ...]:
    """Data subject rights in catalogue order."""
    return tuple(_entry(Right, d) for d in _load("rights.yaml")["rights"])


def right(id: str) -> Right | None:
    """A right by id (e.g. "object"), or None."""
    return next((r for r in rights() if r.id == id), None)


AUTOMATED_DECISION_RIGHT = "automated-decision-making"
"""The right (Arts 22A-22D) that applies only where significant decisions are based solely
on automated processing: the index offers it only when the map records such decisions."""


def rights_for_bases(
    basis_ids: Iterable[str], conditions: Iterable[str] = (), purpose_kinds: Iterable[str] = ()
) -> tuple[Right, ...]:
    """Union of the rights applying under the given bases, in catalogue order.

    `basis_ids` are Art 6 ids or aliases (an Art 9 condition id is accepted
    there too when no Art 6 basis has that id); `conditions` are Art 9
    condition ids or aliases, matched only against a right's Art 9 triggers
    (explicit consent, Art 9(2)(a), carries the rights to withdraw it and to
    portability: Art 13(2)(c), 14(2)(d), 20(1)(a)). A right tied to purpose
    kinds (objection to direct marketing or research) is included only when
    one of `purpose_kinds` is among them. Rights that apply with a
    qualification are included. Unknown keys raise ValueError: they are a
    programming error, the model is validated before this is called.
    """
    bases: set[str] = set()
    art9: set[str] = set()
    unknown = []
    for key in basis_ids:
        found = art6_basis(key) or art9_condition(key)
        if found is None:
            unknown.append(key)
        else:
            bases.add(found.id)
    for key in conditions:
        condition = art9_condition(key)
        if condition is None:
            unknown.append(key)
        else:
            art9.add(condition.id)
    if unknown:
        raise ValueError(f"unknown lawful basis or condition: {', '.join(map(repr, unknown))}")
    kinds = set(purpose_kinds)
    return tuple(
        r
        for r in rights()
        if (any(r.applies(b) for b in bases) or any(c in r.applies_to_art9 for c in art9))
        and (not r.purpose_kinds or bool(kinds & set(r.purpose_kinds)))
    )


def instrument_from_mapping(d: Mapping[str, Any]) -> Instrument:
    """Build an Instrument from a catalogue (or data map) mapping."""
    editions = tuple(
        Edition(
            year=int(e["year"]),
            month=e.get("month"),
            url=e.get("url"),
            superseded_by=e.get("superseded_by"),
            chapters=tuple((str(k), v) for k, v in (e.get("chapters") or {}).items()),
        )
        for e in d.get("editions") or ()
    )
    provisions = tuple(
        ProvisionNote(path=str(path), **(note or {}))
        for path, note in (d.get("provisions") or {}).items()
    )
    fields = {k: v for k, v in d.items() if k not in ("editions", "provisions", "aliases")}
    inst = Instrument(
        **fields, aliases=_tuple(d.get("aliases")), editions=editions, provisions=provisions
    )
    if "url" not in d and inst.legislation_path:
        inst = replace(inst, url=f"https://www.legislation.gov.uk/{inst.legislation_path}")
    return inst


def instrument_from_statute(statute: Any) -> Instrument:
    """Build an Instrument from a data map's `statutes` entry (duck-typed).

    Reads id, title, year, chapter, kind, url and aliases. A title without its
    year gets it appended, so displays match catalogue titles ("X Act 1999").
    """
    title = str(statute.title).strip()
    year = getattr(statute, "year", None)
    kind = getattr(statute, "kind", None) or "act"
    if year and kind != "statutory-guidance" and not title.endswith(str(year)):
        title = f"{title} {year}"
    chapter = getattr(statute, "chapter", None)
    number = int(chapter) if chapter is not None and str(chapter).isdigit() else None
    url = getattr(statute, "url", None)
    return Instrument(
        id=str(statute.id),
        title=title,
        kind=kind,
        year=year,
        number=number,
        url=str(url).rstrip("/") if url else None,
        aliases=tuple(getattr(statute, "aliases", ()) or ()),
        verified=False,
    )


@cache
def instruments() -> tuple[Instrument, ...]:
    """The statute and guidance catalogue."""
    return tuple(instrument_from_mapping(d) for d in _load("instruments.yaml")["instruments"])


def _fold_title(text: str) -> str:
    s = text.lower().replace("(", " ").replace(")", " ")
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


@cache
def _instrument_index() -> dict[str, Instrument]:
    index: dict[str, Instrument] = {}
    for inst in instruments():
        for name in (inst.id, inst.title, *inst.aliases):
            index.setdefault(_fold_title(name), inst)
    return index


def instrument(id_or_alias: str) -> Instrument | None:
    """An instrument by id, title or alias (case-insensitive), or None."""
    if not isinstance(id_or_alias, str):
        return None
    return _instrument_index().get(_fold_title(id_or_alias))


@cache
def ico() -> SupervisoryAuthority:
    """The Information Commissioner's Office."""
    return _entry(SupervisoryAuthority, _load("authorities.yaml")["ico"])
