"""PM7xx data subject rights: the rights stated match the bases relied on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import excerpt, finding, index_prose
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import RightEntry
from privacymap.sourcemap import format_path
from privacymap.text import join_words

REQUIRED = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "object",
    "object-direct-marketing",
    "object-research",
    "withdraw-consent",
)
"""Rights a notice must state where they apply (Art 13(2)(b)-(c), 14(2)(c)-(d), 21(4))."""

OBJECTION_TOPICS: dict[str, re.Pattern[str]] = {
    "object-direct-marketing": re.compile(r"\bdirect marketing\b|\bmarketing\b", re.I),
    "object-research": re.compile(r"\bresearch\b|\bstatistic", re.I),
}
"""How an `object` entry's wording states objection to direct marketing (Art 21(2)) or to
research and statistics (Art 21(6)): rights that apply whatever the basis."""

IN_WRITING = re.compile(
    r"\b(?:must|shall|should|needs? to|has to|have to|will need to|(?:is|are) required to)\b"
    r"[^.;]{0,80}?\bin writing\b"
    r"|\b(?:only|solely) (?:be )?(?:made|accepted|submitted|received) in writing\b"
    r"|\bin writing only\b"
    r"|\bwritten requests? (?:is|are) required\b",
    re.I,
)
NEGATED = re.compile(r"\b(?:not|never|no need)\b|n't\b", re.I)


def _entry_text(entry: RightEntry) -> str:
    return " ".join(t for t in (entry.wording, entry.how) if t)


def _objection_topics(entry: RightEntry) -> set[str]:
    """The objection rights (21(2), 21(6)) an `object` entry's wording states."""
    if entry.right != "object":
        return set()
    text = _entry_text(entry)
    return {right_id for right_id, words in OBJECTION_TOPICS.items() if words.search(text)}


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


@check("PM701")
def right_not_applicable(index: Index, context: Context) -> Iterator[Diagnostic]:
    in_use = index.bases_in_use
    if not in_use:
        return  # PM201 says why
    applicable = {r.id for r in index.rights_in_use}
    for i, entry in enumerate(index.datamap.rights):
        if entry.right in applicable:
            continue
        right = law.right(entry.right)
        assert right is not None
        if right.purpose_kinds or _objection_topics(entry):
            continue  # objection to direct marketing or research applies whatever the basis
        if right.id == law.AUTOMATED_DECISION_RIGHT:
            continue  # it turns on the decisions made, not the basis: PM770
        yield finding(
            context,
            index,
            ("rights", i),
            f"right:{entry.right}",
            right=_lower_first(right.name),
            article=right.article,
            bases=join_words([law.basis_label(b) for b in in_use]),
            applies=join_words(
                [law.basis_label(b) for b in right.applies_to]
                + [law.basis_label(b) for b, _ in right.qualified]
                + [law.condition_label(c) for c in right.applies_to_art9]
            )
            or "no Art 6 basis",
        )


@check("PM702")
def right_not_listed(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if not dm.rights or index.given_elsewhere("rights"):
        return  # PM606 says no rights are stated at all; or another notice gives them
    listed = {r.right for r in dm.rights}
    for entry in dm.rights:
        listed |= _objection_topics(entry)
    for right in index.rights_in_use:
        if right.id not in REQUIRED or right.id in listed:
            continue
        because = index.right_grounds(right)
        if right.purpose_kinds:
            in_use = {k for a in dm.activities for k in index.activity_kinds(a)}
            kinds = sorted(in_use & set(right.purpose_kinds))
            because = [f"purposes of kind {join_words(kinds)}"]
        separately = (
            "; it must be brought to people's attention explicitly and presented clearly and "
            "separately from other information (Art 21(4))"
            if right.presented_separately
            else ""
        )
        yield finding(
            context,
            index,
            ("rights",),
            f"right:{right.id}",
            right=_lower_first(right.name),
            article=right.article,
            bases=join_words(because),
            separately=separately,
        )


@check("PM703")
def requests_must_be_in_writing(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, text in index_prose(index):
        for match in IN_WRITING.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()] + match.group()
            if NEGATED.search(before):
                continue
            yield finding(
                context,
                index,
                path,
                f"text:{format_path(path)}",
                words=excerpt(text, match.start(), match.end()),
            )
            break


BASIS_WORDS: dict[str, str] = {
    "consent": r"consent",
    "contract": r"contract",
    "legal-obligation": r"legal obligation|required by law|law requires",
    "vital-interests": r"vital interests?|save (?:a|your|someone's) life|life or death",
    "public-task": r"public (?:task|interest|function)|official authority|statutory (?:duty|duties|"
    r"function)",
    "recognised-legitimate-interest": r"recognised legitimate interest",
    "legitimate-interests": r"legitimate interests?",
}
"""How a statement of a right says which processing it covers (by basis)."""


@check("PM704")
def right_scope_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    in_use = index.bases_in_use
    for i, entry in enumerate(index.datamap.rights):
        right = law.right(entry.right)
        if right is None or right.id == "withdraw-consent" or right.purpose_kinds:
            continue
        full = [b for b in in_use if right.applicability(b) == "applies"]
        qualified = [b for b in in_use if right.applicability(b) == "qualified"]
        excluded = [b for b in in_use if right.applicability(b) == "does-not-apply"]
        if not (full or qualified):
            continue  # PM701
        text = _entry_text(entry)
        scope = []
        hints = []
        if excluded and not _mentions(text, full + qualified):
            covered = join_words([law.basis_label(b) for b in full + qualified])
            scope.append(
                f"applies only to processing based on {covered}, "
                f"not to {join_words([law.basis_label(b) for b in excluded])}"
            )
            hints.append("which processing it covers")
        if qualified and not _mentions(text, qualified):
            scope.append(
                "is qualified for processing based on "
                + join_words([law.basis_label(b) for b in qualified])
            )
            reasons = " ".join(dict.fromkeys(right.qualification(b) or "" for b in qualified))
            hints.append(f"the qualification ({' '.join(reasons.split())})")
        if not scope:
            continue
        separately = (
            "; as Art 21(4) requires, present it clearly and separately"
            if right.presented_separately
            else ""
        )
        yield finding(
            context,
            index,
            ("rights", i),
            f"right:{entry.right}:scope",
            right=_lower_first(right.name),
            scope=", and ".join(scope),
            states=" and ".join(hints),
            separately=separately,
        )


def _mentions(text: str, bases: list[str]) -> bool:
    """Whether the wording names the processing under any of these bases."""
    pattern = "|".join(BASIS_WORDS[b] for b in bases if b in BASIS_WORDS)
    return bool(pattern and re.search(rf"\b(?:{pattern})", text, re.I))
