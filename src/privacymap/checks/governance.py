"""What the map records about arrangements: a version for children (PM660), processor
contracts (PM661). Joint controllers' arrangements wait for the model to record them."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.text import join_words


@check("PM660")
def no_child_version(index: Index, context: Context) -> Iterator[Diagnostic]:
    """Satisfied by the map's own child version or by the page the build writes
    (`Index.young_people_page`): reported only where that page is turned off."""
    children = index.child_readers
    own = index.datamap.notice.child_friendly_version
    if children and own is None and not index.young_people_page:
        yield finding(
            context,
            index,
            ("notice", "young_people", "page"),
            "notice:child-version",
            subjects=join_words([s.name for s in children]),
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
