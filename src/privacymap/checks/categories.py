"""How categories are named against what they are marked: Art 9 types and Art 10 data.

A category whose name says health but is not marked special (PM350), one
presented as special category data that names no Art 9(1) type (PM351), one
named after offences but not marked criminal (PM352), the equality
condition used for types para 8(1) does not cover (PM353) or worded as covering
fewer of them than its activities use (PM355), and police or
youth justice receiving no criminal offence category (PM354). The word lists are
here, with the phrases deliberately left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import excerpt, finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import SPECIAL_CATEGORY_NAMES, Category, Condition
from privacymap.text import join_words

SPECIAL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "health",
        re.compile(
            r"\b(?:mental |physical |sexual )?health\b(?! (?:visitors?|visiting|and safety|"
            r"& safety|services?|boards?|trusts?|authorit|centres?|professionals?|workers?|"
            r"practitioners?|partners?|colleagues|bodies|organisations?|providers?))"
            r"|\bmedical\b|\bmedication\b|\bdisabilit(?:y|ies)\b|\bdiagnos[ie]s\b|\billness"
            r"|\ballerg(?:y|ies)\b|\bpregnan(?:t|cy)\b|\bimmunisations?\b|\bvaccinations?\b",
            re.I,
        ),
    ),
    ("racial-or-ethnic-origin", re.compile(r"\bethnic(?:ity|\s+origin)?\b|\brac(?:e|ial)\b", re.I)),
    (
        "religious-or-philosophical-beliefs",
        re.compile(r"\breligio(?:n|us)\b|\bfaith\b|\bphilosophical beliefs?\b", re.I),
    ),
    ("political-opinions", re.compile(r"\bpolitical (?:opinions?|views?|beliefs?)\b", re.I)),
    ("trade-union-membership", re.compile(r"\btrade union\b", re.I)),
    ("genetic", re.compile(r"\bgenetic\b|\bDNA\b")),
    ("biometric", re.compile(r"\bbiometric|\bfingerprints?\b|\bfacial recognition\b", re.I)),
    ("sex-life", re.compile(r"\bsex life\b", re.I)),
    ("sexual-orientation", re.compile(r"\bsexual(?:ity| orientation)\b", re.I)),
)
"""Art 9(1) type -> words that name it. Left out on purpose: "health visitor", "health and
safety", "health services" (people and bodies, not data), "wellbeing", "gender", "sex"."""

PRESENTED_SPECIAL = re.compile(
    r"\bspecial[- ]categor(?:y|ies)\b|\bsensitive (?:personal )?data\b", re.I
)

CRIMINAL_WORDS = re.compile(
    r"\b(?:offen[cs]es?|offending|offenders?|convictions?|criminal|allegations?|"
    r"youth justice|youth offending|reprimands?|police (?:cautions?|records?|intelligence)|"
    r"arrests?|prosecutions?|sentences?|bail)\b",
    re.I,
)
"""Words that name criminal offence data (Art 10; DPA 2018 s 11(2) includes allegations and
proceedings). "Court orders" and "cautions" alone are left out (family courts; ordinary use)."""

JUSTICE_RECIPIENT = re.compile(
    r"\bpolice\b|\bconstabulary\b|\byouth (?:justice|offending)\b|\bprobation\b|\bprisons?\b"
    r"|\bcrown prosecution\b|\bcourts? service\b",
    re.I,
)
"""Recipients that usually receive criminal offence data (PM354), recognised by name."""

PARA8_TYPES = frozenset({
    "racial-or-ethnic-origin", "religious-or-philosophical-beliefs", "health", "sexual-orientation",
})  # fmt: skip
"""The special category data DPA 2018 Sch 1 para 8(1) covers."""


def _described(category: Category) -> str:
    return " ; ".join([category.name, category.description or "", *category.examples])


@check("PM350")
def special_category_not_marked(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, category in enumerate(index.datamap.categories):
        if category.special:
            continue
        text = _described(category)
        for kind, pattern in SPECIAL_WORDS:
            match = pattern.search(text)
            if match:
                yield finding(
                    context,
                    index,
                    ("categories", i),
                    f"category:{category.id}",
                    id=category.id,
                    type=kind,
                    kind=SPECIAL_CATEGORY_NAMES[kind],
                    words=excerpt(text, match.start(), match.end(), 0),
                )
                break


def _worded_as(
    index: Index,
    context: Context,
    pattern: re.Pattern[str],
    marked: Callable[[Category], object],
    text_of: Callable[[Category], str],
) -> Iterator[Diagnostic]:
    """A finding per category not `marked` whose text (`text_of`) matches `pattern`."""
    for i, category in enumerate(index.datamap.categories):
        if marked(category):
            continue
        text = text_of(category)
        match = pattern.search(text)
        if match:
            yield finding(
                context,
                index,
                ("categories", i),
                f"category:{category.id}",
                id=category.id,
                words=excerpt(text, match.start(), match.end(), 0),
            )


def _presented(category: Category) -> str:
    return " ; ".join([category.group or "", category.name, category.description or ""])


@check("PM351")
def presented_as_special(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from _worded_as(index, context, PRESENTED_SPECIAL, lambda c: c.special, _presented)


@check("PM352")
def criminal_data_not_marked(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from _worded_as(index, context, CRIMINAL_WORDS, lambda c: c.criminal_offence, _described)


@check("PM353")
def equality_condition_wrong_type(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        flows = index.flows_of(activity.id)
        conditions = [
            *index.activity_conditions(activity),
            *(c for f in flows for c in f.conditions),
        ]
        if not conditions:
            continue
        paragraphs = {
            n for c in conditions for e in c.schedule1 for n in index.schedule1_numbers(e)
        }
        only_para8 = paragraphs == {8} and all(
            c.condition == "substantial-public-interest" for c in conditions
        )
        if not only_para8:
            continue
        special: set[str] = {s for c in index.activity_categories(activity) for s in c.special}
        special |= {s for f in flows for s in f.special}
        outside = sorted(special - PARA8_TYPES)
        if outside:
            yield finding(
                context,
                index,
                ("activities", i),
                f"activity:{activity.id}",
                id=activity.id,
                types=join_words([SPECIAL_CATEGORY_NAMES[s].lower() for s in outside]),
            )


@check("PM355")
def equality_condition_wording_incomplete(index: Index, context: Context) -> Iterator[Diagnostic]:
    used: dict[str, set[str]] = {}
    for activity in index.datamap.activities:
        flows = index.flows_of(activity.id)
        special: set[str] = {s for c in index.activity_categories(activity) for s in c.special}
        special |= {s for f in flows for s in f.special}
        conditions = [
            *index.activity_conditions(activity),
            *(c for f in flows for c in f.conditions),
        ]
        if not all(8 in _paragraphs(index, c) for c in conditions):
            continue  # another condition may be what the other types rest on
        for condition in conditions:
            used.setdefault(condition.id, set()).update(special & PARA8_TYPES)
    for i, condition in enumerate(index.datamap.conditions):
        if 8 not in _paragraphs(index, condition) or not condition.wording:
            continue
        named = {
            t for t, words in SPECIAL_WORDS if t in PARA8_TYPES and words.search(condition.wording)
        }
        missing = sorted(used.get(condition.id, set()) - named)
        if named and missing:
            yield finding(
                context,
                index,
                ("conditions", i, "wording"),
                f"condition:{condition.id}",
                id=condition.id,
                named=_type_names(named),
                missing=_type_names(missing),
            )


def _paragraphs(index: Index, condition: Condition) -> set[int]:
    return {n for e in condition.schedule1 for n in index.schedule1_numbers(e)}


def _type_names(types: Iterable[str]) -> str:
    return join_words([SPECIAL_CATEGORY_NAMES[t].lower() for t in sorted(types)])


@check("PM354")
def justice_recipient_without_criminal_data(index: Index, context: Context) -> Iterator[Diagnostic]:
    by_recipient: dict[str, bool] = {}
    for view in index.flows:
        if view.recipient is None:
            continue
        carried = by_recipient.get(view.recipient.id, False)
        by_recipient[view.recipient.id] = carried or view.criminal_offence
    for i, recipient in enumerate(index.datamap.recipients):
        if recipient.id not in by_recipient or by_recipient[recipient.id]:
            continue
        if JUSTICE_RECIPIENT.search(f"{recipient.name} {recipient.description or ''}"):
            yield finding(
                context,
                index,
                ("recipients", i),
                f"recipient:{recipient.id}",
                id=recipient.id,
                name=recipient.name,
            )
