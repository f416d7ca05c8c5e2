"""PM6xx transparency (Arts 12-14) and ROPA completeness."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding, prose_findings
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.text import join_words

THIRD_PARTY = frozenset({"third-party", "publicly-accessible"})

DRAFTING_CUES = re.compile(
    r"\byou must (?:reference|identify|document|record|cite|name|explain|include|be able to)\b"
    r"|\bif you (?:wish|want|intend|plan) to rely on\b"
    r"|\bfor you to (?:process|rely on|perform|comply)\b"
    r"|\byou (?:can|may|will) (?:only )?(?:need to )?rely on (?:this|these|the) "
    r"(?:basis|bases|condition|conditions|lawful basis)\b"
    r"|\byou (?:will )?need (?:an?|your) (?:appropriate policy document|legitimate interests "
    r"assessment|DPIA|data protection impact assessment)\b"
    r"|\byour (?:lawful basis|appropriate policy document|legitimate interests assessment|"
    r"record of processing)\b",
    re.I,
)
"""Second-person wording addressed to the controller (drafting guidance), not to the public."""


def _has(*values: object) -> bool:
    return any(isinstance(v, str) and v.strip() for v in values)


@check("PM601")
def controller_contact_missing(index: Index, context: Context) -> Iterator[Diagnostic]:
    c = index.datamap.controller
    if index.given_elsewhere("controller-contact"):
        return
    if not _has(c.address, c.email, c.telephone, c.contact_form):
        yield finding(context, index, ("controller",), "controller", name=c.name)


@check("PM602")
def dpo_missing(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if not dm.controller.public_authority or index.given_elsewhere("dpo"):
        return
    if dm.dpo is None:
        yield finding(
            context,
            index,
            ("controller", "public_authority"),
            "dpo",
            problem="names no data protection officer",
        )
    elif not _has(dm.dpo.email, dm.dpo.telephone, dm.dpo.address, dm.dpo.url):
        yield finding(
            context,
            index,
            ("dpo",),
            "dpo",
            problem="gives no contact details for its data protection officer",
        )


@check("PM603")
def no_purposes(index: Index, context: Context) -> Iterator[Diagnostic]:
    if not index.datamap.purposes and not index.given_elsewhere("purposes"):
        yield finding(context, index, ("purposes",), "purposes")


@check("PM604")
def no_recipients(index: Index, context: Context) -> Iterator[Diagnostic]:
    if not index.datamap.recipients and not index.given_elsewhere("recipients"):
        yield finding(context, index, ("recipients",), "recipients")


@check("PM605")
def no_retention(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    statement = dm.retention_policy.statement if dm.retention_policy else None
    if not dm.retention and not _has(statement) and not index.given_elsewhere("retention"):
        yield finding(context, index, ("retention",), "retention")


@check("PM606")
def no_rights(index: Index, context: Context) -> Iterator[Diagnostic]:
    if not index.datamap.rights and not index.given_elsewhere("rights"):
        yield finding(context, index, ("rights",), "rights")


@check("PM607")
def supervisory_authority_without_contact(index: Index, context: Context) -> Iterator[Diagnostic]:
    sa = index.datamap.supervisory_authority
    if sa is not None and not _has(sa.address, sa.email, sa.telephone, sa.url):
        yield finding(
            context,
            index,
            ("supervisory_authority",),
            "supervisory_authority",
            name=sa.organisation or sa.name or "the supervisory authority",
        )


@check("PM608")
def source_without_categories(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, source in enumerate(index.datamap.sources):
        if source.kind in THIRD_PARTY and not source.provides:
            yield finding(
                context,
                index,
                ("sources", i),
                f"source:{source.id}",
                id=source.id,
                name=source.name,
            )


@check("PM609")
def activity_without_source(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        if not activity.collects:
            yield finding(
                context, index, ("activities", i), f"activity:{activity.id}", id=activity.id
            )


def _adm_stated(index: Index) -> bool:
    dm = index.datamap
    if dm.automated_decision_making is not None or index.given_elsewhere("automated-decisions"):
        return True
    return bool(dm.activities) and all(a.automated_decision_making for a in dm.activities)


@check("PM610")
def no_automated_decision_statement(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if _adm_stated(index):
        return
    listed = next(
        (i for i, r in enumerate(dm.rights) if r.right == "automated-decision-making"), None
    )
    if listed is not None:
        yield finding(
            context,
            index,
            ("rights", listed),
            "automated_decision_making",
            fallback=("automated_decision_making",),
        )


@check("PM614")
def automated_decisions_not_ruled_out(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if _adm_stated(index) or any(r.right == "automated-decision-making" for r in dm.rights):
        return  # stated, or PM610 reports it as an error
    yield finding(context, index, ("automated_decision_making",), "automated_decision_making")


@check("PM611")
def no_requirement_statement(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    from_subject = any(
        (source := index.sources.get(c.source)) is not None and source.kind == "data-subject"
        for a in dm.activities
        for c in a.collects
    )
    if not from_subject or index.given_elsewhere("requirement"):
        return
    requirement = dm.requirement_to_provide
    missing = []
    if requirement is None or (
        requirement.statutory is None
        and requirement.contractual is None
        and not _has(requirement.statement)
    ):
        missing.append("whether providing it is a statutory or contractual requirement")
    if requirement is None or requirement.obliged is None:
        missing.append("whether people are obliged to provide it")
    if requirement is None or not _has(requirement.consequences):
        missing.append("the possible consequences of not providing it")
    if missing:
        yield finding(
            context,
            index,
            ("requirement_to_provide",),
            "requirement_to_provide",
            missing=join_words(missing),
        )


@check("PM612")
def no_last_updated(index: Index, context: Context) -> Iterator[Diagnostic]:
    if index.datamap.notice.last_updated is None:
        yield finding(context, index, ("notice",), "notice:last_updated")


@check("PM613")
def drafting_guidance_left_in_text(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from prose_findings(index, context, DRAFTING_CUES)
