"""Hand-off to the CNIL's open-source PIA tool (github.com/LINCnil/pia): one activity as
the JSON file the tool's "Import" reads, with the answers the map can give prefilled.

The file has the shape of the tool's own export (``pia``, ``answers``, ``measures``,
``evaluations``, ``comments``; tests/dpia/data/pia-export-example.json is the tool's
fixture, vendored with its licence). Answers are keyed by the tool's question
numbers (``reference_to``): 111 processing, 112 responsibilities, 113 standards,
121 data, 122 life cycle, 123 supporting assets, 211 purposes, 212 lawful bases,
215 storage, 221 information, 222 consent, 223-225 rights, 226 processors, 227
transfers. Questions the map cannot answer (data minimisation, accuracy, the risk
sections 3 and 4) are left for the assessor. Answers are HTML, as the tool's rich
text editor stores them; every text from the map is escaped. The format has no
place for a picture, so the activity's diagram is not attached: it is written by
``privacymap build`` (``dataflow/<activity>.png``) to add to the assessment.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from privacymap import law
from privacymap.model import SPECIAL_CATEGORY_NAMES, Activity

if TYPE_CHECKING:
    from privacymap.index import Index

EPOCH = "1970-01-01T00:00:00.000Z"


def _html(lines: Iterable[str]) -> str | None:
    """Paragraphs of escaped text, or None when there is nothing to say."""
    items = [" ".join(str(line).split()) for line in lines if line and str(line).strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in items) or None


def _timestamp(index: Index) -> str:
    """A fixed time for the file (the notice's last review), so two runs are identical."""
    updated = index.datamap.notice.last_updated
    return f"{updated.isoformat()}T00:00:00.000Z" if updated else EPOCH


def answers(index: Index, activity: Activity) -> dict[int, str | None]:
    """The tool's question number -> HTML answer, for what the map says."""
    dm = index.datamap
    flows = index.flows_of(activity.id)
    categories = {c.id: c for c in index.activity_categories(activity)}
    for flow in flows:
        categories.update((c.id, c) for c in flow.categories)
    purposes = index.resolve("purposes", activity.purposes)
    bases = {b.id: b for b in index.activity_bases(activity)}
    bases.update((b.id, b) for f in flows for b in f.bases)
    conditions = {c.id: c for c in index.activity_conditions(activity)}
    conditions.update((c.id, c) for f in flows for c in f.conditions)
    art10 = {c.id: c for f in flows for c in f.criminal_offence_conditions}
    recipients = {f.recipient.id: f.recipient for f in flows if f.recipient}
    processors = [r for r in recipients.values() if r.processor]
    rights = index.activity_rights(activity)

    def basis_line(b: Any) -> str:
        art6 = law.art6_basis(b.basis)
        name = f"Art {art6.article} {art6.name}" if art6 else b.basis
        return name + (f" ({'; '.join(b.law)})" if b.law else "")

    def condition_line(c: Any) -> str:
        art9 = law.art9_condition(c.condition)
        name = f"Art {art9.article} {art9.name}" if art9 else c.condition
        paras = "; ".join(str(p) for p in c.schedule1)
        return name + (f", DPA 2018 Sch 1: {paras}" if paras else "")

    retention = index.resolve("retention", activity.retention)
    transfers = dm.transfers
    abroad = [r for r in recipients.values() if r.abroad]
    return {
        111: _html([activity.name, activity.description or "", *activity.uses]),
        112: _html(
            [
                f"Controller: {dm.controller.name}",
                f"Data protection officer: {dm.dpo.name}" if dm.dpo and dm.dpo.name else "",
                *(
                    f"Joint controller: {r.name}"
                    for r in recipients.values()
                    if r.role == "joint-controller"
                ),
                *(f"Processor: {r.name}" for r in processors),
            ]
        ),
        113: _html(sorted({text for b in bases.values() for text in b.law})),
        121: _html(
            [
                *(
                    f"{c.name}"
                    + (
                        f" (special category: "
                        f"{', '.join(SPECIAL_CATEGORY_NAMES[s] for s in c.special)})"
                        if c.special
                        else ""
                    )
                    + (" (criminal offence data)" if c.criminal_offence else "")
                    for c in categories.values()
                ),
                *(f"About: {s.name}" for s in index.resolve("subjects", activity.subjects)),
            ]
        ),
        122: _html(
            [
                *(
                    f"Collected from {f.source.name if f.source else f.origin}"
                    for f in flows
                    if f.direction == "collection"
                ),
                *(
                    f"Disclosed to {f.recipient.name if f.recipient else f.target}"
                    + (" only when: " + "; ".join(f.spec.when) if f.spec.when else "")
                    for f in flows
                    if f.direction == "disclosure"
                ),
            ]
        ),
        123: _html([f"Held in: {activity.location}" if activity.location else ""]),
        211: _html([p.name + (f": {p.description}" if p.description else "") for p in purposes]),
        212: _html(
            [
                *(basis_line(b) for b in bases.values()),
                *(condition_line(c) for c in conditions.values()),
                *(
                    f"Art 10: {c.route.replace('-', ' ')}"
                    + (f" ({'; '.join(c.law)})" if c.law else "")
                    for c in art10.values()
                ),
            ]
        ),
        215: _html(
            [
                f"{r.record}: "
                + (law.period_in_words(r.period) if r.period else "")
                + (f" from {r.trigger}" if r.trigger else "")
                + (f" {r.criteria}" if r.criteria else "")
                for r in retention
            ]
        ),
        221: _html(
            [
                f"Privacy notice: {dm.notice.title}"
                + (
                    f", last updated {dm.notice.last_updated.isoformat()}"
                    if dm.notice.last_updated
                    else ""
                )
            ]
        ),
        222: _html(
            [activity.consent.how or "Consent is sought before processing."]
            if activity.consent and activity.consent.required
            else []
        ),
        223: _html(
            [f"{r.name} ({r.reference})" for r in rights if r.id in ("access", "portability")]
        ),
        224: _html(
            [f"{r.name} ({r.reference})" for r in rights if r.id in ("rectification", "erasure")]
        ),
        225: _html(
            [f"{r.name} ({r.reference})" for r in rights if r.id in ("restriction", "object")]
        ),
        226: _html(
            [
                f"{r.name}"
                + (f": contract {r.contract}" if r.contract else ": no contract recorded")
                for r in processors
            ]
        ),
        227: _html(
            [
                *(f"{r.name} ({', '.join(r.abroad)})" for r in abroad),
                *(
                    f"{t.recipient} ({t.where}): "
                    + (" or ".join(t.mechanisms) or "no mechanism recorded")
                    for t in (transfers.items if transfers else ())
                    if t.recipient in recipients
                ),
                "No transfer outside the UK (stated in the map)."
                if transfers and transfers.none and not abroad
                else "",
            ]
        ),
    }


def export(index: Index, activity: Activity) -> dict[str, Any]:
    """The PIA tool's import file for one activity."""
    when = _timestamp(index)
    dm = index.datamap
    given = [(ref, text) for ref, text in answers(index, activity).items() if text]
    return {
        "pia": {
            "id": 1,
            "status": 0,
            "name": activity.name,
            "author_name": "",
            "evaluator_name": "",
            "validator_name": "",
            "dpo_status": 0,
            "dpo_opinion": "",
            "dpos_names": (dm.dpo.name or "") if dm.dpo else "",
            "people_names": "",
            "concerned_people_opinion": "",
            "concerned_people_status": 0,
            "rejection_reason": "",
            "applied_adjustments": "",
            "is_example": 0,
            "created_at": when,
            "updated_at": when,
            "concerned_people_searched_opinion": False,
            "concerned_people_searched_content": "",
            "structure_id": None,
            "structure_name": "",
            "structure_sector_name": "",
            "structure_data": None,
            "category": dm.notice.service or dm.controller.name,
            "progress": 0,
            "lock_version": 0,
            "is_archive": 0,
        },
        "answers": [
            {
                "pia_id": 1,
                "reference_to": ref,
                "data": {"text": text, "gauge": None, "list": []},
                "created_at": when,
                "id": i,
            }
            for i, (ref, text) in enumerate(given, 1)
        ],
        "measures": [],
        "evaluations": [],
        "comments": [],
    }


def render(index: Index, activity: Activity) -> str:
    """The import file as JSON text."""
    return json.dumps(export(index, activity), indent=2, ensure_ascii=False) + "\n"
