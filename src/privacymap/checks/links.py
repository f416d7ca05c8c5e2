"""PM110-PM112: links the outputs would refuse to publish, and a logo they cannot use.

The notice and the ROPA drop any address `privacymap.law.urls` refuses (a
`javascript:` link, a host reached through `//` or `/\\`, control characters
a browser strips); this check says so at the address's line, so the refusal
is a finding rather than a silently missing link.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.urls import url_problem
from privacymap.logo import read_logo
from privacymap.model import DataMap, Url
from privacymap.sourcemap import format_path

Path = tuple[str | int, ...]
SHOWN = 120
"""Characters of a refused address quoted in a message."""
_URL_METADATA = typing.get_args(Url)[1:]


def _mentions(
    hint: Any, wanted: type[BaseModel] | None = None
) -> tuple[bool, list[type[BaseModel]]]:
    """Whether a type hint is (or holds) `Url`, and the models it may hold."""
    models: list[type[BaseModel]] = []
    is_url = False
    stack = [hint]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is Annotated:
            if any(m is u for m in current.__metadata__ for u in _URL_METADATA):
                is_url = True
            stack.append(typing.get_args(current)[0])
        elif isinstance(current, type) and issubclass(current, BaseModel):
            models.append(current)
        else:
            stack.extend(typing.get_args(current))
    return is_url, models


@functools.cache
def _link_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Fields of `model` that are links (True) or may hold models with links (False)."""
    hints = typing.get_type_hints(model, include_extras=True)
    fields: list[tuple[str, bool]] = []
    for name in model.model_fields:
        is_url, models = _mentions(hints.get(name))
        if is_url:
            fields.append((name, True))
        elif any(_link_fields(m) for m in models if m is not model):
            fields.append((name, False))
    return tuple(fields)


def _links(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, BaseModel):
        for name, is_url in _link_fields(type(value)):
            field = getattr(value, name)
            if is_url and isinstance(field, str):
                yield (*path, name), field
            elif is_url and isinstance(field, list):
                yield from (
                    ((*path, name, i), v) for i, v in enumerate(field) if isinstance(v, str)
                )
            else:
                yield from _links(field, (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _links(item, (*path, i))


def links(datamap: DataMap) -> Iterator[tuple[Path, str]]:
    """Every link address in the map, with its path."""
    return _links(datamap, ())


@check("PM110")
def unsafe_link(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, url in links(index.datamap):
        problem = url_problem(url)
        if problem is not None and not problem.without_scheme:
            yield _finding(context, index, path, url, problem.reason, problem.hint)


@check("PM111")
def link_without_scheme(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, url in links(index.datamap):
        problem = url_problem(url)
        if problem is not None and problem.without_scheme:
            yield _finding(context, index, path, url, problem.reason, problem.hint)


def _finding(
    context: Context, index: Index, path: Path, url: str, reason: str, hint: str
) -> Diagnostic:
    shown = url if len(url) <= SHOWN else url[: SHOWN - 1] + "…"
    return finding(
        context, index, path, f"link:{format_path(path)}", hint=hint, url=shown, reason=reason
    )


@check("PM112")
def unusable_logo(index: Index, context: Context) -> Iterator[Diagnostic]:
    logo = index.datamap.controller.logo
    if not logo:
        return
    found = read_logo(index.root, logo)
    if isinstance(found, str):
        yield finding(
            context, index, ("controller", "logo"), "controller:logo", logo=logo[:120], reason=found
        )
