"""Rule implementations, one module per family; each rule is a pure function of the index.

A check is registered once with `@check("PM201")`; `run_checks` calls every
registered check. The catalogue (data/rules.yaml) and this registry must agree
(a test asserts it).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.yamlio import gc_paused

FAMILIES: tuple[str, ...] = (
    "integrity",
    "links",
    "lawfulness",
    "special",
    "transfers",
    "retention",
    "transparency",
    "rights",
)
"""Modules of this package holding checks; each registers its rules on import."""


@dataclass(frozen=True)
class Context:
    """What checks may know besides the index: the date the law is judged at."""

    today: dt.date


Check = Callable[[Index, Context], Iterable[Diagnostic]]
REGISTRY: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    """Register `function` as the implementation of `rule_id`."""

    def register(function: Check) -> Check:
        if rule_id in REGISTRY:
            raise RuntimeError(f"{rule_id} is registered twice")
        REGISTRY[rule_id] = function
        return function

    return register


def load_families() -> dict[str, Check]:
    for family in FAMILIES:
        importlib.import_module(f"privacymap.checks.{family}")
    return REGISTRY


def run_checks(index: Index, context: Context) -> list[Diagnostic]:
    """Every registered rule's findings, in catalogue-independent, stable order.

    The cyclic garbage collector is paused meanwhile (as while loading): the
    rules fill the index's caches (citations, prose) with many objects, and
    each collection they trigger rescans the whole model, which at 10,000
    activities was half of the check's time.
    """
    found: list[Diagnostic] = []
    with gc_paused():
        for _rule_id, function in sorted(load_families().items()):
            found.extend(function(index, context))
    return found
