"""Rule implementations, one module per family; each rule is a pure function of the index.

A check is registered once with `@check("PM201")`: the only place its rule id
is written in code. `run_checks` calls every registered check with a `Context`
naming that rule, and `finding(context, ...)` takes the id from there.
Registering an id the catalogue (data/rules.yaml) does not have fails when the
family is imported; a test asserts every catalogued rule is implemented.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from privacymap import progress, rules
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
    "controllers",
    "rights",
    "accountability",
    "duaa",
    "drafting",
    "law_naming",
    "wording",
    "changes",
    "categories",
    "retention_detail",
    "governance",
    "transfers_adequacy",
    "stated",
    "further",
)
"""Modules of this package holding checks; each registers its rules on import."""


@dataclass(frozen=True)
class Context:
    """What checks may know besides the index.

    `today` is the day the check runs (waiver expiry, stale dates);
    `law_as_at` the day whose law the map is judged against (by default the
    notice's `last_updated`): a rule whose law had not commenced then is not
    run, and rules about commencement compare with it.
    """

    today: dt.date
    law_as_at: dt.date
    stale_after_months: int = 24
    rule: str = ""
    """The rule being checked (set by `run_checks` from the registration)."""


Check = Callable[[Index, Context], Iterable[Diagnostic]]
REGISTRY: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    """Register `function` as the implementation of `rule_id` (a catalogued rule)."""
    rules.get(rule_id)  # a KeyError here: the catalogue has no such rule

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
    from privacymap.law.commencement import in_force_for
    from privacymap.rules import catalogue

    found: list[Diagnostic] = []
    in_force = {
        r.id for r in catalogue().values() if in_force_for(r.applies_from, context.law_as_at)
    }
    datamap = index.datamap
    progress.phase("check", f"{len(datamap.activities):,} activities, {len(index.flows):,} flows")
    with gc_paused():
        for rule_id, function in sorted(load_families().items()):
            if rule_id in in_force:
                found.extend(function(index, replace(context, rule=rule_id)))
    return found
