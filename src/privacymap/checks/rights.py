"""PM7xx data subject rights: the rights stated match the bases relied on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import (
    basis_label,
    condition_label,
    excerpt,
    finding,
    grounds_in_use,
    index_prose,
    names,
)
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.sourcemap import format_path

REQUIRED = ("access", "rectification", "erasure", "restriction", "portability", "object",
            "withdraw-consent")
"""Rights a notice must state where they apply (Art 13(2)(b)-(c), 14(2)(c)-(d))."""

IN_WRITING = re.compile(
    r"\b(?:must|shall|should|needs? to|has to|have to|will need to|(?:is|are) required to)\b"
    r"[^.;]{0,80}?\bin writing\b"
    r"|\b(?:only|solely) (?:be )?(?:made|accepted|submitted|received) in writing\b"
    r"|\bin writing only\b"
    r"|\bwritten requests? (?:is|are) required\b",
    re.I,
)
NEGATED = re.compile(r"\b(?:not|never|no need)\b|n't\b", re.I)


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
        yield finding(
            "PM701", index, ("rights", i), f"right:{entry.right}",
            right=right.name[0].lower() + right.name[1:], article=right.article,
            bases=names([basis_label(b) for b in in_use]),
            applies=names(
                [basis_label(b) for b in right.applies_to]
                + [condition_label(c) for c in right.applies_to_art9]
            ) or "no Art 6 basis",
        )


@check("PM702")
def right_not_listed(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if not dm.rights:
        return  # PM606 says no rights are stated at all
    listed = {r.right for r in dm.rights}
    for right in index.rights_in_use:
        if right.id not in REQUIRED or right.id in listed:
            continue
        because = grounds_in_use(index, right)
        separately = (
            "; it must be brought to people's attention explicitly and presented clearly and "
            "separately from other information (Art 21(4))" if right.presented_separately else ""
        )
        yield finding("PM702", index, ("rights",), f"right:{right.id}",
                      right=right.name[0].lower() + right.name[1:], article=right.article,
                      bases=names(because), separately=separately)


@check("PM703")
def requests_must_be_in_writing(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, text in index_prose(index):
        for match in IN_WRITING.finditer(text):
            before = text[max(0, match.start() - 25):match.start()] + match.group()
            if NEGATED.search(before):
                continue
            yield finding("PM703", index, path, f"text:{format_path(path)}",
                          words=excerpt(text, match.start(), match.end()))
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
        if right is None or right.id == "withdraw-consent":
            continue
        applies = [b for b in in_use if right.applies(b)]
        if not applies or len(applies) == len(in_use):
            continue  # PM701, or it applies to everything
        text = " ".join(t for t in (entry.wording, entry.how) if t)
        pattern = "|".join(BASIS_WORDS[b] for b in applies if b in BASIS_WORDS)
        if pattern and re.search(rf"\b(?:{pattern})", text, re.I):
            continue
        excluded = [b for b in in_use if b not in applies]
        separately = (
            " (and, as Art 21(4) requires, present it clearly and separately)"
            if right.presented_separately else ""
        )
        yield finding(
            "PM704", index, ("rights", i), f"right:{entry.right}:scope",
            right=right.name[0].lower() + right.name[1:],
            applies=names([basis_label(b) for b in applies]),
            excluded=names([basis_label(b) for b in excluded]), separately=separately,
        )
