"""Which paragraphs of DPA 2018 Schedule 1 (or UK GDPR Annex 1) an entry names.

The one reading of an entry that every rule and output shares: a number is a
paragraph of Schedule 1; a citation names Schedule 1 paragraphs only when it
cites Schedule 1 of the Data Protection Act 2018. Anything else (another
schedule, another Act: "DPA 2018 Sch 2 para 5") names none, and rule PM310
reports it. `annex1:` entries are read the same way against UK GDPR Annex 1.
"""

from __future__ import annotations

import re

from privacymap.law.citations import Citation, CitationError

DPA_2018 = "data-protection-act-2018"

NOT_SCHEDULE1 = "not a recognised Schedule 1 paragraph"
"""How every output marks an entry that names no paragraph of Schedule 1."""

_LEADING_NUMBER = re.compile(r"\d+")


def schedule1_numbers(
    entry: int | str, citation: Citation | CitationError | None
) -> tuple[int, ...]:
    """The Sch 1 paragraph numbers one entry names; `citation` is the entry parsed (if text)."""
    if isinstance(entry, int):
        return (entry,)
    if not isinstance(citation, Citation) or citation.instrument.id != DPA_2018:
        return ()
    numbers: list[int] = []
    for provision in citation.provisions:
        keys = dict(provision.path)
        if keys.get("schedule") == "1" and "paragraph" in keys:
            match = _LEADING_NUMBER.match(keys["paragraph"])
            if match:
                numbers.append(int(match.group()))
    return tuple(numbers)


def annex1_numbers(entry: int | str, citation: Citation | CitationError | None) -> tuple[int, ...]:
    """The UK GDPR Annex 1 paragraph numbers one `annex1:` entry names (recognised
    legitimate interests, Art 6(1)(ea))."""
    if isinstance(entry, int):
        return (entry,)
    if not isinstance(citation, Citation) or citation.instrument.id != "uk-gdpr":
        return ()
    numbers = []
    for provision in citation.provisions:
        keys = dict(provision.path)
        if keys.get("annex") == "1" and keys.get("paragraph", "").isdigit():
            numbers.append(int(keys["paragraph"]))
    return tuple(numbers)
