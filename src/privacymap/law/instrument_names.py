"""Instrument names in a citation: which catalogue (or data map) instrument a piece of
text names, whatever its case, apostrophes, leading "the" or year.

Names are looked up word by word in one dictionary built on first use, so finding an
instrument costs a few dictionary probes per word of the citation, however large the
catalogue: no regular expression per name. `citations` judges what is found (the year,
the edition, the provisions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from privacymap.law.catalogue import instrument_from_mapping, instruments
from privacymap.law.types import Instrument

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|"
           "november|december")  # fmt: skip

_WORD = re.compile(r"[^\s()\[\],;:]+")
_YEAR_AFTER = re.compile(
    rf"\s*[(\[]?\s*(?:(?P<month>{_MONTHS})\s+)?(?P<year>\d{{4}})\s*[)\]]?", re.I
)


def _fold(word: str) -> str:
    """A word as names are compared: lower case, no apostrophes or final full stop."""
    w = word.lower().replace("'", "").replace("\u2019", "").replace("\u2018", "").rstrip(".")
    return "and" if w == "&" else w


@dataclass(frozen=True, slots=True)
class Name:
    """One way of naming an instrument: its title or an alias, with the year it carries."""

    instrument: Instrument
    year: int | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found in a citation, where it stands and the year written after it."""

    name: Name
    start: int  # including a leading "the"
    end: int  # after the year, if one follows
    base: str  # the name as written, without its year
    given: int | None  # the year written after the name


class Names:
    """Instrument names keyed by their folded words (year and leading "the" removed)."""

    def __init__(self, items: Iterable[Instrument]) -> None:
        self.by_words: dict[tuple[str, ...], list[Name]] = {}
        self.longest = 0
        for inst in items:
            for name in dict.fromkeys((inst.title, *inst.aliases)):
                words = [_fold(w) for w in _WORD.findall(name)]
                words = [w for w in words if w]
                year = None
                if len(words) > 1 and re.fullmatch(r"\d{4}", words[-1]):
                    year = int(words.pop())
                if words and words[0] == "the":
                    words.pop(0)
                if not words:
                    continue
                entry = Name(inst, year)
                bucket = self.by_words.setdefault(tuple(words), [])
                if entry not in bucket:
                    bucket.append(entry)
                self.longest = max(self.longest, len(words))


@cache
def catalogue_names() -> Names:
    """The catalogue's names, indexed once per process."""
    return Names(instruments())


def named_in(text: str, tables: list[Names]) -> list[Hit]:
    """Every reading of the longest instrument name in `text` (the first, if two are as long)."""
    words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    folded = [w if w != "acts" else "act" for _, _, w in words]
    longest = max(t.longest for t in tables)
    best: tuple[int, int, int, list[Name]] | None = None
    for i in range(len(words)):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(folded[i : i + size])
            names = [n for t in tables for n in t.by_words.get(key, ())]
            if names:
                length = words[i + size - 1][1] - words[i][0]
                if best is None or length > best[0]:
                    best = (length, i, size, names)
                break
    if best is None:
        return []
    _, i, size, names = best
    start, base_end = words[i][0], words[i + size - 1][1]
    if i and words[i - 1][2] == "the":
        start = words[i - 1][0]
    year = _YEAR_AFTER.match(text, base_end)
    given = int(year["year"]) if year else None
    end = year.end() if year else base_end
    base = " ".join(text[words[i][0] : base_end].split())
    return [Hit(n, start, end, base, given) for n in names]


def name_tables(extra: Iterable[Instrument | Mapping[str, Any]] | None) -> list[Names]:
    """The data map's own instruments (looked up first), then the catalogue."""
    own = tuple(
        item if isinstance(item, Instrument) else instrument_from_mapping(dict(item))
        for item in extra or ()
    )
    return [_own_names(own), catalogue_names()] if own else [catalogue_names()]


@lru_cache(maxsize=16)
def _own_names(items: tuple[Instrument, ...]) -> Names:
    """A map's own instruments, indexed once per map rather than once per citation."""
    return Names(items)
