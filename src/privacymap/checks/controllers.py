"""PM63x who answers for the data: joint controllers (Art 26) and layered notices."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.urls import is_https


def _has(*values: object) -> bool:
    return any(isinstance(v, str) and v.strip() for v in values)


@check("PM630")
def joint_controller_without_contact(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, joint in enumerate(index.datamap.joint_controllers):
        if joint.kind == "category":
            continue  # "the local authority your request is about": no one address
        if not _has(joint.address, joint.email, joint.telephone, joint.contact_form):
            yield finding(
                context,
                index,
                ("joint_controllers", i),
                f"joint-controller:{joint.id}",
                id=joint.id,
                name=joint.name,
            )


@check("PM631")
def joint_arrangement_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if not dm.joint_controllers or index.given_elsewhere("joint-controllers"):
        return
    arrangement = dm.joint_arrangement
    if arrangement is None or not _has(arrangement.essence, arrangement.document):
        yield finding(
            context,
            index,
            ("joint_arrangement",),
            "joint-arrangement",
            fallback=("joint_controllers",),
            names=", ".join(j.name for j in dm.joint_controllers),
        )


@check("PM632")
def given_elsewhere_not_https(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, entry in enumerate(index.datamap.notice.given_elsewhere):
        if not is_https(entry.url):
            yield finding(
                context,
                index,
                ("notice", "given_elsewhere", i, "url"),
                f"notice:given-elsewhere:{i}",
                url=entry.url,
                parts=", ".join(entry.parts),
            )
