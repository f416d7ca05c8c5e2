"""Names of provisions the Data (Use and Access) Act 2025 replaced, as notices write them.

Each entry ties the words that name a replaced provision to the commencement
(data/commencements.yaml) that replaced it: a notice judged at a later date
that still names it tells people their rights or safeguards come from law that
no longer exists (PM663). Only replacements the commencements catalogue records
are listed; the patterns are here so a reviewer can see exactly what is matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ARTICLE = r"\b(?:Article|Art\.?)\s*"
_DPA_2018 = r"(?:the\s+)?(?:Data Protection Act|DPA)\s*2018"


@dataclass(frozen=True, slots=True)
class Superseded:
    """A replaced provision: what it was, what replaced it, and the words that name it."""

    commencement: str
    provision: str
    replaced_by: str
    pattern: re.Pattern[str]
    replacement: re.Pattern[str]
    """Words naming what replaced it: text that names both tells the history ("Article 22,
    now Articles 22A-22D") and is not reported."""
    context: re.Pattern[str] | None = None
    """Words that must also appear in the text, where the number alone could name an
    article of another instrument (Article 22 of a convention)."""


SUPERSEDED = (
    Superseded(
        "automated-decisions",
        "UK GDPR Art 22",
        "Arts 22A-22D",
        re.compile(_ARTICLE + r"22(?![A-Za-z\d])", re.I),
        re.compile(r"\b22[A-D]\b"),
        re.compile(r"\bGDPR\b|General Data Protection Regulation|automated", re.I),
    ),
    Superseded(
        "research-safeguards",
        "UK GDPR Art 89(1)",
        "Art 84B",
        re.compile(_ARTICLE + r"89\s*\(1\)", re.I),
        re.compile(r"\b84B\b"),
    ),
    Superseded(
        "research-safeguards",
        "DPA 2018 s 19",
        "UK GDPR Art 84B",
        re.compile(
            r"\b(?:section|s\.?)\s*19\s+(?:of\s+)?" + _DPA_2018 + r"\b"
            r"|\b" + _DPA_2018 + r",?\s+(?:section|s\.?)\s*19(?![\dA-Za-z])",
            re.I,
        ),
        re.compile(r"\b84B\b"),
    ),
)
"""Replaced provisions, each with its commencement; see the module docstring."""
