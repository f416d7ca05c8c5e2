"""What the map records about arrangements: a version for children (PM660), processor
contracts (PM661). Joint controllers' arrangements wait for the model to record them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.text import join_words

TOO_YOUNG_TO_READ = re.compile(
    r"\bunder (?:five|four|three|two|5|4|3|2)s?\b|\bbab(?:y|ies)\b|\binfants?\b"
    r"|\bnewborns?\b|\btoddlers?\b|\bunborn\b|\bpre-?school\b|\bearly years\b",
    re.I,
)
"""Children too young to read a notice: information about them goes to their parents."""


@check("PM660")
def no_child_version(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    children = [
        (i, s)
        for i, s in enumerate(dm.subjects)
        if s.children and not TOO_YOUNG_TO_READ.search(f"{s.name} {s.description or ''}")
    ]
    if children and dm.notice.child_friendly_version is None:
        first = children[0][0]
        yield finding(
            context,
            index,
            ("subjects", first, "children"),
            "notice:child-version",
            subjects=join_words([s.name for _, s in children]),
        )


@check("PM661")
def processor_without_contract(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, recipient in enumerate(index.datamap.recipients):
        if recipient.processor and not recipient.contract:
            yield finding(
                context,
                index,
                ("recipients", i),
                f"recipient:{recipient.id}",
                id=recipient.id,
                name=recipient.name,
            )
