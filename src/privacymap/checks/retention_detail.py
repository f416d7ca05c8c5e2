"""Retention periods a reader cannot apply: no start (PM550), open-ended (PM551), whose age (PM552).

PM501/PM502 (no period; vague criteria) are in `retention`; these look at a
period that is stated but still leaves the reader guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import excerpt, finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import Retention
from privacymap.text import join_words

OPEN_ENDED = re.compile(
    r"\bup to\b|\bor longer\b|\b(?:at least|a minimum of|no less than)\b"
    r"|\blonger (?:if|where|when) (?:needed|necessary|required|appropriate)\b"
    r"|\bindefinitely\b"
    r"|\b(?:kept|retained|held|stored|preserved) permanently\b"
    r"|\bpermanently (?:kept|retained|held|stored|preserved)\b"
    r"|\bmay be (?:kept|retained|held|stored) (?:for )?longer\b",
    re.I,
)
"""Wording that makes a stated period open-ended; with `criteria:` recorded it is not reported."""

TRIGGER_WORDS = {"date-of-birth": "date of birth", "death": "death"}

WHOSE = re.compile(
    r"\b\w+(?:'s|s'|\u2019s|s\u2019) (?:date of birth|birth|death|\d+(?:st|nd|rd|th)? birthday)\b"
    r"|\b(?:date of birth|birth|death) of (?:the )?\w+",
    re.I,
)
"""Text that says whose birth or death the period runs from ("the child's date of birth")."""


def _text(row: Retention) -> str:
    return " ; ".join([row.record, row.description or "", row.criteria or ""])


@check("PM550")
def period_without_start(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, row in enumerate(index.datamap.retention):
        if (
            row.period
            and row.trigger is None
            and not row.start_event
            and not (row.criteria or "").strip()
        ):
            yield finding(
                context,
                index,
                ("retention", i, "period"),
                f"retention:{row.id}",
                id=row.id,
                record=row.record,
                period=law.period_in_words(row.period),
            )


@check("PM551")
def open_ended(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, row in enumerate(index.datamap.retention):
        if (row.criteria or "").strip() or row.kind == "maximum":
            continue  # criteria given, or the period is recorded as a maximum
        text = " ; ".join([row.record, row.description or ""])
        match = OPEN_ENDED.search(text)
        if match:
            yield finding(
                context,
                index,
                ("retention", i),
                f"retention:{row.id}",
                id=row.id,
                record=row.record,
                words=excerpt(text, match.start(), match.end(), 0),
            )


@check("PM552")
def age_of_whom(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    subjects_of: dict[str, set[str]] = {}  # retention id -> subjects of the activities keeping it
    for a in dm.activities:
        for kept in a.retention:
            subjects_of.setdefault(kept, set()).update(a.subjects)
    for i, row in enumerate(dm.retention):
        if row.trigger not in TRIGGER_WORDS or row.subject:
            continue  # no age or death, or the map says whose (`subject:`)
        subjects = sorted(subjects_of.get(row.id, ()))
        if len(subjects) < 2:
            continue
        text = _text(row)
        named = [index.by_id.get("subjects", {}).get(s) for s in subjects]
        subject_names = [getattr(s, "name", "") for s in named]
        if WHOSE.search(text) or any(n and n.lower() in text.lower() for n in subject_names):
            continue
        yield finding(
            context,
            index,
            ("retention", i, "trigger"),
            f"retention:{row.id}",
            id=row.id,
            record=row.record,
            trigger=TRIGGER_WORDS[row.trigger],
            subjects=join_words([n or s for n, s in zip(subject_names, subjects, strict=True)]),
        )
