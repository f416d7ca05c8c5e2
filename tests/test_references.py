"""Typed references: every id field naming another item is marked, and one walk checks them."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

from pydantic import BaseModel

from privacymap import model
from privacymap.index import references
from privacymap.pipeline import resolve

FAMILY = Path(__file__).resolve().parents[1] / "examples" / "family-support"


def _id_fields() -> list[tuple[str, bool]]:
    """(Model.field, whether it carries a Ref) for every field typed as an `Id`."""

    def has_id(annotation: object) -> bool:
        metadata = getattr(annotation, "__metadata__", ())
        if any(getattr(m, "pattern", None) == model.ID_PATTERN for m in metadata):
            return True
        return any(has_id(a) for a in typing.get_args(annotation))

    def has_ref(annotation: object, metadata: list[object]) -> bool:
        found = [*metadata, *getattr(annotation, "__metadata__", ())]
        return any(isinstance(m, model.Ref) for m in found) or any(
            has_ref(a, []) for a in typing.get_args(annotation)
        )

    out = []
    for name, cls in inspect.getmembers(model, inspect.isclass):
        if issubclass(cls, BaseModel) and cls.__module__.startswith(f"{model.__name__}."):
            for field, info in cls.model_fields.items():
                is_id = has_id(info.annotation) or any(
                    getattr(m, "pattern", None) == model.ID_PATTERN for m in info.metadata
                )
                if is_id and field != "id":
                    out.append((f"{name}.{field}", has_ref(info.annotation, info.metadata)))
    return out


def test_every_id_naming_another_item_is_a_typed_reference() -> None:
    fields = _id_fields()
    assert len(fields) >= 20  # the walk does see the reference fields
    assert [name for name, marked in fields if not marked] == []


def test_the_walk_finds_each_reference_with_its_yaml_path() -> None:
    _loaded, index, _ = resolve(FAMILY)
    assert index is not None
    found = list(references(index.datamap))
    sections = {ref.section for _path, ref, _id in found}
    assert {"categories", "recipients", "sources", "lawful_bases", "purposes"} <= sections
    disclosures = [(p, r, i) for p, r, i in found if p[-1] == "to"]
    assert disclosures and all(r.rule == "PM103" for _p, r, _i in disclosures)
    assert all(i in index.by_id[r.section] for _p, r, i in found)  # a clean map resolves
