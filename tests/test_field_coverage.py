"""Every field of the model reaches an output, or is listed here as internal with why.

A field added to the model and shown nowhere would be a published fact
silently dropped. "Reaches" is read from the code: the outputs (notice, ROPA,
graph) or the index they are built from read the field by name (an attribute,
a `getattr`, or a section id such as ``index.resolve("evidence", ...)``).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from pydantic import BaseModel

from privacymap import model

SRC = Path(__file__).resolve().parents[1] / "src" / "privacymap"
READERS = ("notice", "ropa", "graph", "index")
"""Where a field must be read to reach an output: the output packages and the index."""
LOOKUPS = frozenset({"resolve", "get", "path_of", "location_of", "cached"})

INTERNAL_ONLY: dict[str, str] = {
    "Controller.public_authority": "read by the rules (PM205, PM209, PM601): it decides "
    "which bases a controller may use, not what the outputs say",
    "DataMap.include": "a loader directive: the included files are merged into the map",
    "DataMap.waivers": "reach the outputs through the findings each one passes (waiver, "
    "justification and expiry in findings.json and the ROPA's Findings sheet)",
    "Statute.chapter": "read by the citation parser (law.instrument_from_statute) to link "
    "citations of the statute",
    "Statute.aliases": "read by the citation parser to recognise other names of the statute",
    "Condition.apd_exception": "read by PM305 (no appropriate policy document needed)",
    "CriminalOffenceCondition.apd_exception": "read by PM305",
    "Consent.freely_given": "read by PM208 (why consent is freely given); not yet shown",
    "Condition.without_consent": "read by PM309 (why processing is without consent); "
    "not yet shown in the notice or the ROPA",
    "CriminalOffenceCondition.without_consent": "read by PM309; not yet shown",
    "WithoutConsent.reason": "read by PM309; not yet shown",
    "WithoutConsent.explanation": "read by PM309; not yet shown",
    "Transfer.mechanism": "read through `Transfer.mechanisms` (one or several alternatives), "
    "which the notice, the ROPA and the DPIA show",
}
"""Model fields no output shows, with the reason."""


def names_read() -> set[str]:
    """Attribute names and section ids the outputs and the index read."""
    found: set[str] = set()
    files = [path for reader in READERS for path in (SRC / reader).rglob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute):
                found.add(node.attr)
            elif isinstance(node, ast.Call) and node.args:
                name = (
                    node.func.attr
                    if isinstance(node.func, ast.Attribute)
                    else getattr(node.func, "id", "")
                )
                argument = (
                    node.args[1]
                    if name == "getattr" and len(node.args) > 1
                    else (node.args[0] if name in LOOKUPS else None)
                )
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
    return found


def model_fields() -> list[str]:
    return [
        f"{name}.{field}"
        for name, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, BaseModel) and cls.__module__.startswith(f"{model.__name__}.")
        for field in cls.model_fields
    ]


def test_every_model_field_reaches_an_output_or_is_internal() -> None:
    read = names_read()
    fields = model_fields()
    assert len(fields) > 100 and len(read) > 100  # the walks do see the code
    unreached = [
        f
        for f in fields
        if f.split(".")[1] not in read and f not in INTERNAL_ONLY and not _internal_notes(f)
    ]
    assert unreached == [], "show these in the notice and the ROPA, or list them in INTERNAL_ONLY"


def _internal_notes(field: str) -> bool:
    """Every model's `internal_notes`: never shown, by design (tests/test_what.py builds
    every output and finds none of them)."""
    return field.endswith(".internal_notes")


def test_internal_notes_are_read_by_no_output() -> None:
    assert "internal_notes" not in names_read()


def test_the_internal_list_holds_only_real_unreached_fields() -> None:
    read = names_read()
    fields = set(model_fields())
    assert sorted(set(INTERNAL_ONLY) - fields) == []
    assert sorted(f for f in INTERNAL_ONLY if f.split(".")[1] in read) == []
