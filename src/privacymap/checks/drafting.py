"""Drafting residue in published text: template instructions, markers, unfilled slots.

Every pattern is listed here, with what it catches, so reviewers can see why
a sentence was reported and what is never matched (a Markdown link's
brackets, a footnote number, an HTML tag, an e-mail address in angle
brackets). PM613 (guidance addressed to the controller) is the sibling rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import excerpt, finding, index_prose, prose_findings
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.sourcemap import format_path

SLOT_WORDS = (
    r"insert|enter|add|delete|remove|include|name of|details of|link to|date|name|service|"
    r"team|organisation|organization|council|address|telephone|phone|e-?mail|number|"
    r"period|x{2,}|\.{3}|\u2026"
)

RESIDUE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a marker", re.compile(r"\b(?:TBC|TBD|TODO|FIXME|XXX+)\b|\?\?\?")),
    (
        "an instruction to the editor",
        re.compile(
            r"\b(?:delete|remove) (?:as appropriate|as applicable|as necessary|if not applicable|"
            r"where not applicable|if not needed|this (?:section|paragraph|sentence|text|line)\b)"
            r"|\b(?:insert|enter) (?:the |your |a |an )?(?:name|details|date|link|address|"
            r"telephone|phone|e-?mail|contact|service|team|organisation)s? (?:of|here|for)\b"
            r"|\b(?:delete|remove) (?:all |any |those |the ones )?(?:that|which|where) "
            r"(?:do|does|are) not apply\b"
            r"|\bamend (?:as|where) (?:appropriate|necessary|applicable)\b",
            re.I,
        ),
    ),
    (
        "a note to the editor",
        re.compile(
            r"\b(?:note to (?:self|editors?|authors?|drafters?)|editor'?s note|drafting note|"
            r"internal note|comment for (?:editors?|reviewers?))\b",
            re.I,
        ),
    ),
    (
        "an unfilled slot",
        re.compile(
            r"\[(?=[^\]\n]{0,60}\b(?:" + SLOT_WORDS + r"))[^\]\n]{1,60}\](?![(\[:])"
            r"|\[[A-Z][A-Z /&-]{2,58}\](?![(\[:])"
            r"|\{\{?[^{}\n]{1,60}\}\}?"
            r"|<(?!/?(?:a|b|i|p|br|em|strong|span|div|ul|ol|li|sup|sub|abbr|small|h[1-6])\b)"
            r"(?![a-z][a-z0-9+.-]*:)(?![^<>\n@]*@)[A-Za-z][A-Za-z0-9 _'-]{0,58}>",
            re.I,
        ),
    ),
    ("a date placeholder", re.compile(r"\b(?:dd|xx)/(?:mm|xx)/(?:yy|xx){1,2}\b", re.I)),
)
"""(kind, pattern): what PM652 reports. Brackets count only when they hold a template's
words (insert, name of, date, service...) or are in capitals ("[SERVICE NAME]"); a
Markdown link or reference ("[text](url)", "[text][1]", "[1]: url") never matches."""

ALTERNATIVES = re.compile(
    r"\b[A-Za-z]{2,}\((?:s|es|ren|ies)\)"
    r"|\b(?:he/she|she/he|s/he|his/her|her/his|him/her|his/hers|is/are|was/were|has/have)\b",
    re.I,
)
"""PM653: a template's either/or left in ("parent(s)", "child(ren)", "his/her")."""


@check("PM652")
def drafting_residue(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, text in index_prose(index):
        for kind, pattern in RESIDUE:
            match = pattern.search(text)
            if match:
                yield finding(
                    context,
                    index,
                    path,
                    f"text:{format_path(path)}",
                    kind=kind,
                    words=excerpt(text, match.start(), match.end()),
                )
                break


@check("PM653")
def unresolved_alternative(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from prose_findings(index, context, ALTERNATIVES, width=20)
