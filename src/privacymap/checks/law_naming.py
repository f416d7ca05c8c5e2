"""The law named wrongly or vaguely in published text.

The EU GDPR named where the UK GDPR applies (PM654), the repealed Data
Protection Act 1998 (PM655), a provision the DUAA 2025 replaced named after
its replacement (PM663), "as required by law" with no law (PM656) and a
legal obligation or public task citing whole Acts only (PM253).
The phrase lists are here so a reviewer can see exactly what is matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import Path, excerpt, finding, index_prose, prose_findings
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.commencement import commencement
from privacymap.law.superseded import SUPERSEDED
from privacymap.sourcemap import format_path
from privacymap.text import join_words

EU_GDPR = re.compile(
    r"\bEU GDPR\b|\bEU General Data Protection Regulation\b"
    r"|\bRegulation \(EU\) 2016/679\b(?!,? as (?:it forms part|retained|amended))"
    r"|(?<!UK )(?<!United Kingdom )(?<!U\.K\. )\bGeneral Data Protection Regulation\b"
    r"(?! \(UK GDPR\))(?!,? as (?:it forms part|retained|amended|applied))",
)
"""Names of the EU Regulation. "the General Data Protection Regulation (UK GDPR)" and
"Regulation (EU) 2016/679 as it forms part of domestic law" are the UK GDPR and pass."""

DPA_1998 = re.compile(r"\bData Protection Act,? 1998\b|\bDPA,? 1998\b", re.I)
HISTORY = re.compile(r"\b(?:repeal|replac|supersed|former|previous|predecessor|until 2018)", re.I)
"""A 1998 Act mentioned as history ("replaced the Data Protection Act 1998") is not reported."""

VAGUE_LAW = re.compile(
    r"\b(?:as|where|when|if) (?:required|permitted|allowed) (?:by|under) (?:the )?"
    r"(?:law|legislation|statute)\b"
    r"|\b(?:where|when|if|unless) (?:the )?law (?:requires|allows|permits)\b"
    r"|\bgoverned by (?:the )?(?:relevant )?(?:legislation|law|statute)\b"
    r"|\b(?:relevant|applicable) (?:legislation|law)\b"
    r"|\bstatutory (?:duties|requirements|obligations)\b"
    r"|\blegal (?:requirements?|obligations?) (?:placed )?(?:on|upon) us\b",
    re.I,
)
"""Wording that says the law requires something without naming it."""

NAMED_LAW = re.compile(
    r"\b(?:Act|Regulations|Order|Rules) \d{4}\b|\b(?:section|s|reg|regulation|art|article)\.? "
    r"\d+|\bGDPR\b|\bSch(?:edule)? \d",
    re.I,
)


def _named_here(text: str) -> bool:
    return bool(NAMED_LAW.search(text))


@check("PM654")
def eu_gdpr_named(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from prose_findings(index, context, EU_GDPR, width=20)


@check("PM655")
def repealed_act_named(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from prose_findings(index, context, DPA_1998, unless=HISTORY, width=20)


def _cited_texts(index: Index) -> Iterator[tuple[Path, str]]:
    """Published prose and the `law:` citations of bases and conditions, with their paths."""
    yield from index_prose(index)
    dm = index.datamap
    cited: list[tuple[str, list[tuple[str, ...]]]] = [
        ("lawful_bases", [b.law for b in dm.lawful_bases]),
        ("conditions", [c.law for c in dm.conditions]),
        ("criminal_offence_conditions", [c.law for c in dm.criminal_offence_conditions]),
    ]
    for key, laws in cited:
        for i, texts in enumerate(laws):
            for j, text in enumerate(texts):
                yield (key, i, "law", j), text


@check("PM663")
def superseded_provision_named(index: Index, context: Context) -> Iterator[Diagnostic]:
    replaced = [
        (s, commencement(s.commencement).in_force_from)
        for s in SUPERSEDED
        if commencement(s.commencement).in_force(context.law_as_at)
    ]
    if not replaced:
        return
    for path, text in _cited_texts(index):
        for superseded, since in replaced:
            match = superseded.pattern.search(text)
            if match is None or superseded.replacement.search(text):
                continue
            if superseded.context and not superseded.context.search(text):
                continue
            yield finding(
                context,
                index,
                path,
                f"text:{format_path(path)}:{superseded.provision}",
                words=excerpt(text, match.start(), match.end(), 20),
                provision=superseded.provision,
                replaced_by=superseded.replaced_by,
                since=f"{since.day} {since:%B %Y}",
            )


def _places(index: Index) -> Iterator[tuple[Path, str, str]]:
    """(path, where, text) of the texts that must name a law if they invoke one."""
    dm = index.datamap
    for i, basis in enumerate(dm.lawful_bases):
        if basis.law:
            continue
        for key in ("task", "wording"):
            text = getattr(basis, key)
            if text:
                yield ("lawful_bases", i, key), f"lawful basis '{basis.id}'", text
    for a in range(len(dm.activities)):
        yield from _disclosure_texts(index, a)
    for r, recipient in enumerate(dm.recipients):
        if recipient.description:
            yield (
                ("recipients", r, "description"),
                f"recipient '{recipient.id}'",
                (recipient.description),
            )


def _disclosure_texts(index: Index, a: int) -> Iterator[tuple[Path, str, str]]:
    """(path, where, text) of an activity's disclosure texts, each distinct text once.

    A disclosure with its own basis citing a law is skipped: the law is named
    beside it. An inherited basis does not count: the law of the activity's
    task is not the law that "requires" this disclosure. One text shared by
    several disclosures (a YAML anchor, "when the law requires it" on each)
    is one finding naming them all.
    """
    activity = index.datamap.activities[a]
    views = {id(v.spec): v for v in index.flows_of(activity.id)}
    recipients: dict[str, list[str]] = {}
    first: dict[str, Path] = {}
    for d, flow in enumerate(activity.discloses):
        view = views.get(id(flow))
        if view is not None and view.bases_from == "flow" and any(b.law for b in view.bases):
            continue
        texts: list[tuple[Path, str]] = [
            (("activities", a, "discloses", d, "when", w), when) for w, when in enumerate(flow.when)
        ]
        if flow.description:
            texts.insert(0, (("activities", a, "discloses", d, "description"), flow.description))
        for path, text in texts:
            recipients.setdefault(text, []).append(flow.recipient)
            first.setdefault(text, path)
    for text, names in recipients.items():
        shown = [f"'{n}'" for n in dict.fromkeys(names)]
        if len(shown) > 3:
            shown = [*shown[:2], f"{len(shown) - 2} others"]
        what = "the wording shared by the disclosures" if len(names) > 1 else "the disclosure"
        where = f"{what} to {join_words(shown)} in activity '{activity.id}'"
        yield first[text], where, text


@check("PM656")
def law_not_named(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, where, text in _places(index):
        match = VAGUE_LAW.search(text)
        if match and not _named_here(text):
            yield finding(
                context,
                index,
                path,
                f"text:{format_path(path)}",
                where=where,
                words=excerpt(text, match.start(), match.end(), 0),
            )


SECTION_NEEDED = frozenset({"legal-obligation", "public-task"})


@check("PM253")
def law_cited_without_section(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, basis in enumerate(index.datamap.lawful_bases):
        if law.art6_basis(basis.basis) is None or basis.basis not in SECTION_NEEDED:
            continue
        cited = [index.citations.get(text) for text in basis.law]
        parsed = [c for c in cited if isinstance(c, law.Citation)]
        if not parsed or len(parsed) != len(cited):
            continue  # nothing cited (PM202) or a citation not understood (PM204)
        legislation = [c for c in parsed if c.instrument.is_legislation]
        if legislation and not any(c.provisions for c in legislation):
            acts = sorted({c.instrument.title for c in legislation})
            yield finding(
                context,
                index,
                ("lawful_bases", i, "law"),
                f"basis:{basis.id}",
                id=basis.id,
                acts=" and ".join(acts),
            )
