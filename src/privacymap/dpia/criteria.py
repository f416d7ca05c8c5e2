"""The DPIA screening criteria, read from ``data/dpia.yaml``: what each asks, where it
comes from, and how its answer weighs in the conclusion. The words are the sources'
own; those not checked against the source's page are marked ``verified: false``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from privacymap import packagedata

Family = Literal["art35-3", "ico", "wp248", "context"]


@dataclass(frozen=True)
class Criterion:
    """One screening criterion."""

    id: str
    family: Family
    title: str
    reference: str
    wording: str | None
    verified: bool
    test: str
    """The `privacymap.dpia.screening` test answering it, or ``person``."""
    question: str | None = None
    """For ``person`` criteria: what a person has to answer."""
    combined: bool = False
    """ICO list items that call for a DPIA only with a WP248 criterion met too."""


@dataclass(frozen=True)
class Source:
    """A family of criteria: its title and address."""

    id: str
    title: str
    url: str | None


@dataclass(frozen=True)
class Conclusion:
    """The wording given for a conclusion, with its source."""

    id: str
    title: str
    wording: str
    source: str
    verified: bool


@cache
def _data() -> dict[str, object]:
    data: dict[str, object] = packagedata.load("dpia.yaml")
    return data


@cache
def criteria() -> tuple[Criterion, ...]:
    """Every criterion, in the order of the data file (Art 35(3), ICO list, WP248, context)."""
    entries: list[dict[str, object]] = _data()["criteria"]  # type: ignore[assignment]
    return tuple(
        Criterion(
            id=str(e["id"]),
            family=e["family"],  # type: ignore[arg-type]
            title=str(e["title"]),
            reference=str(e["reference"]),
            wording=" ".join(str(e["wording"]).split()) if e.get("wording") else None,
            verified=bool(e["verified"]),
            test=str(e["test"]),
            question=str(e["question"]) if e.get("question") else None,
            combined=bool(e.get("combined", False)),
        )
        for e in entries
    )


@cache
def sources() -> dict[str, Source]:
    """The families of criteria by id."""
    families: dict[str, dict[str, str | None]] = _data()["families"]  # type: ignore[assignment]
    return {key: Source(key, str(v["title"]), v.get("url")) for key, v in families.items()}


@cache
def conclusions() -> dict[str, Conclusion]:
    """The wording of each conclusion by id: required, required-two-criteria,
    advisable, not-indicated."""
    items: dict[str, dict[str, object]] = _data()["conclusions"]  # type: ignore[assignment]
    return {
        key: Conclusion(
            key,
            str(v["title"]),
            " ".join(str(v["wording"]).split()),
            str(v["source"]),
            bool(v["verified"]),
        )
        for key, v in items.items()
    }
