"""Wording that misstates the processing: consent where consent is not the basis (PM657),
"we collect it from you" where data also comes from others (PM662).

"With your consent" under public task tells people they can refuse or
withdraw when they cannot. The phrases are listed here; "without your
consent" and "we do not need your consent" never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from privacymap.checks import Context, check
from privacymap.checks._common import Path, excerpt, finding, index_prose
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import LawfulBasis
from privacymap.sourcemap import format_path
from privacymap.text import join_words

CONSENT_WORDING = re.compile(
    r"\bwith (?:your|their|the person'?s|the family'?s|parental) "
    r"(?:consent|permission|agreement)\b"
    r"|\b(?:if|once|when) you (?:agree|consent|give (?:us )?(?:your )?(?:consent|permission))\b"
    r"|\byou (?:have )?(?:agreed|consented|given (?:us )?(?:your )?(?:consent|permission))"
    r" to\b"
    r"|\byour (?:consent|permission|agreement) (?:to|for) (?:us to )?"
    r"(?:share|use|process|collect|hold|keep|pass)\b"
    r"|\b(?:ask|asking|seek|seeking) (?:for )?your (?:consent|permission|agreement)\b",
    re.I,
)
"""Wording that presents agreement or permission as the reason for processing."""

NEGATED = re.compile(
    r"\b(?:(?:do|does|did|will|would)(?: not|n't)|don't|doesn't|won't|never|no need)"
    r"(?: \w+){0,2} (?:need|needs|require|requires|ask|asks|seek|seeks|for)\W*$"
    r"|\b(?:without|not|never)\W*$",
    re.I,
)
"""What, just before a match, turns it into the opposite: "we do not need your consent to share"."""


def _consent_claim(text: str) -> re.Match[str] | None:
    """The first consent wording in `text` that is not negated by the words before it."""
    for match in CONSENT_WORDING.finditer(text):
        if not NEGATED.search(text[max(0, match.start() - 40) : match.start()]):
            return match
    return None


CONSENT_BASES = frozenset({"consent"})
CONSENT_CONDITIONS = frozenset({"explicit-consent"})


def _consent(bases: Sequence[LawfulBasis], conditions: Sequence[str]) -> bool:
    return bool({b.basis for b in bases} & CONSENT_BASES or set(conditions) & CONSENT_CONDITIONS)


def _texts(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str) and value:
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            if isinstance(item, str) and item:
                yield (*path, i), item


def _candidates(index: Index) -> Iterator[tuple[Path, str, str]]:
    """(path, where, text) of prose describing processing that does not rely on consent."""
    dm = index.datamap
    for i, purpose in enumerate(dm.purposes):
        bases = index.resolve("lawful_bases", purpose.bases)
        conditions = [c.condition for c in index.resolve("conditions", purpose.conditions)]
        if bases and not _consent(bases, conditions):
            for key in ("name", "description"):
                for path, text in _texts(getattr(purpose, key), ("purposes", i, key)):
                    yield path, f"purpose '{purpose.id}'", text
    for i, activity in enumerate(dm.activities):
        if activity.consent is not None or activity.agreement is not None:
            continue  # consent recorded, or agreement sought as a safeguard (`agreement:`)
        flows = index.flows_of(activity.id)
        bases = index.activity_bases(activity)
        conditions = [c.condition for c in index.activity_conditions(activity)]
        if not bases or _consent(bases, conditions):
            continue
        if any(_consent(f.bases, [c.condition for c in f.conditions]) for f in flows):
            continue
        for key in ("name", "description", "uses"):
            for path, text in _texts(getattr(activity, key), ("activities", i, key)):
                yield path, f"activity '{activity.id}'", text
        for view in flows:
            if view.spec.agreement is not None:
                continue  # agreement sought for this flow, as a safeguard
            for key in ("description", "when"):
                for path, text in _texts(getattr(view.spec, key), (*view.path, key)):
                    yield path, f"the {view.direction} {view.id}", text


@check("PM657")
def consent_wording_without_consent(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, where, text in _candidates(index):
        match = _consent_claim(text)
        if match:
            yield finding(
                context,
                index,
                path,
                f"text:{format_path(path)}",
                where=where,
                words=excerpt(text, match.start(), match.end(), 0),
            )


FROM_YOU = re.compile(
    r"\bwe (?:will )?(?:only )?(?:collect|gather|get|obtain|receive)\b[^.;]{0,60}?"
    r"\b(?:only |directly )?from you(?:rself)?\b"
    r"(?!,? (?:and|or|as well as|also|but|unless|except)\b| directly and\b)",
    re.I,
)
"""Wording that says data comes from the person, not followed by other sources."""
OTHER_SOURCES = re.compile(r"\b(?:other|others|also|partners?|agencies|organisations?)\b", re.I)
THIRD_PARTY = frozenset({"third-party", "publicly-accessible"})


@check("PM662")
def collected_only_from_you(index: Index, context: Context) -> Iterator[Diagnostic]:
    others = sorted(
        {v.source.name for v in index.flows if v.source and v.source.kind in THIRD_PARTY}
    )
    if not others:
        return
    for path, text in index_prose(index):
        match = FROM_YOU.search(text)
        if not match:
            continue
        sentence_end = text.find(".", match.end())
        rest = text[match.end() : sentence_end if sentence_end >= 0 else len(text)]
        if OTHER_SOURCES.search(rest):
            continue
        shown = others[:3] + (["others"] if len(others) > 3 else [])
        yield finding(
            context,
            index,
            path,
            f"text:{format_path(path)}",
            words=excerpt(text, match.start(), match.end(), 0),
            sources=join_words(shown),
        )
