"""Schema problems in words: a pydantic validation error becomes a located finding
(PM003 unknown field, PM004 wrong type, PM005 missing field, PM006 bad value) with a
hint a person can act on: the close field name, the fields allowed here, the pattern
in words, the date format.

Pydantic locates an error by its own path through the model, with tags for union
members; `data_path` turns that into the path through the user's data, which the
source map knows the file, line and column of.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from privacymap import rules
from privacymap.diagnostics import Diagnostic, Location
from privacymap.model import COUNTRY_PATTERN, HANDOFF_PATTERN, ID_PATTERN, DataMap
from privacymap.sourcemap import SourceMap, format_path


def schema_problem(
    merged: dict[str, Any], item: Any, sourcemap: SourceMap, first_file: str
) -> Diagnostic:
    """One pydantic error `item` as a finding, located in the user's files (at the
    owning object, else the first file, for a missing field)."""
    loc: tuple[str | int, ...] = tuple(item["loc"])
    kind: str = item["type"]
    if kind == "extra_forbidden":
        path = data_path(merged, loc)
        owner = path[:-1]
        field_name = str(loc[-1])
        known = _field_names(_model_at(DataMap, owner))
        import difflib  # only for a map with problems: a clean load does not import it

        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"fields here: {', '.join(known)}"
            if known
            else "remove it"
        )
        return rules.make(
            "PM003",
            location=sourcemap.key(path),
            path=format_path(path),
            field=field_name,
            where=_describe(owner),
            hint=hint,
        )
    if kind == "missing":
        owner = data_path(merged, loc[:-1])
        location = sourcemap.value(owner) or Location(first_file, 1, 1)
        return rules.make(
            "PM005",
            location=location,
            path=format_path((*owner, loc[-1])),
            field=str(loc[-1]),
            where=_describe(owner),
        )
    path = data_path(merged, loc)
    message = str(item["msg"]).removeprefix("Value error, ")
    value = item.get("input")
    shown = f" (got {_show(value)})" if not isinstance(value, dict | list) else ""
    if kind.endswith("_type") or (kind.endswith("_parsing") and "date" not in kind):
        rule, hint = "PM004", "see `privacymap schema` or docs/format.md for the expected type"
    else:
        rule, hint = "PM006", _value_hint(item)
    return rules.make(
        rule,
        location=sourcemap.value(path),
        path=format_path(path),
        where=format_path(path),
        detail=f"{message}{shown}",
        hint=hint,
    )


def data_path(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The part of a pydantic error location that exists in the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:  # noqa: SIM114 (narrows for mypy)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not path_is_tag(part):
            path.append(part)
            break
        elif isinstance(current, list) and isinstance(part, str):
            continue  # a union's tag (a flow's `categories:` list or word): the items follow
        else:
            break
        path.append(part)
    return tuple(path)


def path_is_tag(part: str) -> bool:
    """Pydantic adds tags such as `int` or `function-after[...]` for union members."""
    return part in {"int", "str", "bool", "float"} or "[" in part


def _model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class describing the object at `path`, following field annotations."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = _fields_by_name(current)
        if part not in fields:
            return None
        current = _model_in(fields[part].annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (tuple, list, Union, UnionType):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _fields_by_name(model: Any) -> dict[str, Any]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return {}
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def _field_names(model: type[BaseModel] | None) -> list[str]:
    return sorted(_fields_by_name(model))


def _describe(path: Sequence[str | int]) -> str:
    return format_path(path) or "the top level"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


PATTERN_HINTS = {
    ID_PATTERN: "ids are kebab-case: lowercase letters, digits and single hyphens",
    HANDOFF_PATTERN: "a source id (kebab-case), or `activity:` and an activity id for data "
    "another activity already holds",
    r"^PM\d{3}$": "a rule id: PM and three digits, e.g. PM201",
    COUNTRY_PATTERN: "write an ISO 3166-1 alpha-2 country code in capitals (GB, US, IE), "
    "or `unknown`; where only a region is known, use `region:` instead",
}
"""Hints for text that does not match a field's pattern, by the pattern."""


def _value_hint(item: Any) -> str:
    expected = (item.get("ctx") or {}).get("expected")
    value = item.get("input")
    if expected and isinstance(value, str):
        options = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        import difflib

        close = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
        if close:
            return f"did you mean '{close[0]}'?"
    if item["type"] == "string_pattern_mismatch":
        pattern = str((item.get("ctx") or {}).get("pattern"))
        hint = PATTERN_HINTS.get(pattern, f"expected text matching the pattern {pattern}")
        return f"an empty value: {hint}, or remove the field" if value == "" else hint
    if "date" in item["type"]:
        return "write dates as YYYY-MM-DD"
    return "see `privacymap schema` or docs/format.md for the allowed values"
