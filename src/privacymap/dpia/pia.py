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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privacymap import law
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Activity,
    Category,
    Condition,
    CriminalOffenceCondition,
    LawfulBasis,
    Recipient,
)

if TYPE_CHECKING:
    from privacymap.index import FlowView, Index

EPOCH = "1970-01-01T00:00:00.000Z"


def _html(lines: Iterable[str]) -> str | None:
    """Paragraphs of escaped text, or None when there is nothing to say."""
    items = [" ".join(str(line).split()) for line in lines if line and str(line).strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in items) or None


def _timestamp(index: Index) -> str:
    """A fixed time for the file (the notice's last review), so two runs are identical."""
    updated = index.datamap.notice.last_updated
    return f"{updated.isoformat()}T00:00:00.000Z" if updated else EPOCH


@dataclass(frozen=True)
class _Facts:
    """What the answers draw on, gathered once: the activity's own entries merged with
    those of its flows (a flow can carry a category or rely on a basis the activity's
    entry does not list), keyed by id so each is named once."""

    index: Index
    activity: Activity
    flows: tuple[FlowView, ...]
    categories: dict[str, Category]
    bases: dict[str, LawfulBasis]
    conditions: dict[str, Condition]
    art10: dict[str, CriminalOffenceCondition]
    recipients: dict[str, Recipient]

    @classmethod
    def of(cls, index: Index, activity: Activity) -> _Facts:
        flows = index.flows_of(activity.id)
        categories = {c.id: c for c in index.activity_categories(activity)}
        for flow in flows:
            categories.update((c.id, c) for c in flow.categories)
        bases = {b.id: b for b in index.activity_bases(activity)}
        bases.update((b.id, b) for f in flows for b in f.bases)
        conditions = {c.id: c for c in index.activity_conditions(activity)}
        conditions.update((c.id, c) for f in flows for c in f.conditions)
        return cls(
            index=index,
            activity=activity,
            flows=flows,
            categories=categories,
            bases=bases,
            conditions=conditions,
            art10={c.id: c for f in flows for c in f.criminal_offence_conditions},
            recipients={f.recipient.id: f.recipient for f in flows if f.recipient},
        )

    @property
    def processors(self) -> list[Recipient]:
        return [r for r in self.recipients.values() if r.processor]


def _processing(facts: _Facts) -> str | None:
    """111: what the processing is."""
    activity = facts.activity
    return _html([activity.name, activity.description or "", *activity.uses])


def _responsibilities(facts: _Facts) -> str | None:
    """112: who is responsible: controller, DPO, joint controllers, processors."""
    dm = facts.index.datamap
    return _html(
        [
            f"Controller: {dm.controller.name}",
            f"Data protection officer: {dm.dpo.name}" if dm.dpo and dm.dpo.name else "",
            *(
                f"Joint controller: {r.name}"
                for r in facts.recipients.values()
                if r.role == "joint-controller"
            ),
            *(f"Processor: {r.name}" for r in facts.processors),
        ]
    )


def _standards(facts: _Facts) -> str | None:
    """113: the laws the bases rest on."""
    return _html(sorted({text for b in facts.bases.values() for text in b.law}))


def _category_line(category: Category) -> str:
    """A category with its special-category and criminal-offence marks."""
    special = (
        f" (special category: {', '.join(SPECIAL_CATEGORY_NAMES[s] for s in category.special)})"
        if category.special
        else ""
    )
    criminal = " (criminal offence data)" if category.criminal_offence else ""
    return f"{category.name}{special}{criminal}"


def _data(facts: _Facts) -> str | None:
    """121: the data, and whom it is about."""
    subjects = facts.index.resolve("subjects", facts.activity.subjects)
    return _html(
        [
            *(_category_line(c) for c in facts.categories.values()),
            *(f"About: {s.name}" for s in subjects),
        ]
    )


def _life_cycle(facts: _Facts) -> str | None:
    """122: where the data comes from and where it goes."""
    return _html(
        [
            *(
                f"Collected from {f.source.name if f.source else f.origin}"
                for f in facts.flows
                if f.direction == "collection"
            ),
            *(
                f"Disclosed to {f.recipient.name if f.recipient else f.target}"
                + (" only when: " + "; ".join(f.spec.when) if f.spec.when else "")
                for f in facts.flows
                if f.direction == "disclosure"
            ),
        ]
    )


def _assets(facts: _Facts) -> str | None:
    """123: where the data is held."""
    location = facts.activity.location
    return _html([f"Held in: {location}" if location else ""])


def _purposes(facts: _Facts) -> str | None:
    """211: the purposes."""
    purposes = facts.index.resolve("purposes", facts.activity.purposes)
    return _html([p.name + (f": {p.description}" if p.description else "") for p in purposes])


def _basis_line(basis: LawfulBasis) -> str:
    """An Art 6 basis by article and name, with the law it rests on."""
    art6 = law.art6_basis(basis.basis)
    name = f"Art {art6.article} {art6.name}" if art6 else basis.basis
    return name + (f" ({'; '.join(basis.law)})" if basis.law else "")


def _condition_line(condition: Condition) -> str:
    """An Art 9 condition by article and name, with its Schedule 1 paragraphs."""
    art9 = law.art9_condition(condition.condition)
    name = f"Art {art9.article} {art9.name}" if art9 else condition.condition
    paras = "; ".join(str(p) for p in condition.schedule1)
    return name + (f", DPA 2018 Sch 1: {paras}" if paras else "")


def _lawful_bases(facts: _Facts) -> str | None:
    """212: the Art 6 bases, Art 9 conditions and Art 10 routes."""
    return _html(
        [
            *(_basis_line(b) for b in facts.bases.values()),
            *(_condition_line(c) for c in facts.conditions.values()),
            *(
                f"Art 10: {c.route.replace('-', ' ')}" + (f" ({'; '.join(c.law)})" if c.law else "")
                for c in facts.art10.values()
            ),
        ]
    )


def _storage(facts: _Facts) -> str | None:
    """215: how long each record is kept."""
    retention = facts.index.resolve("retention", facts.activity.retention)
    return _html(
        [
            f"{r.record}: "
            + (law.period_in_words(r.period) if r.period else "")
            + (f" from {r.trigger}" if r.trigger else "")
            + (f" {r.criteria}" if r.criteria else "")
            for r in retention
        ]
    )


def _information(facts: _Facts) -> str | None:
    """221: the privacy notice people are given."""
    notice = facts.index.datamap.notice
    updated = f", last updated {notice.last_updated.isoformat()}" if notice.last_updated else ""
    return _html([f"Privacy notice: {notice.title}{updated}"])


def _consent(facts: _Facts) -> str | None:
    """222: how consent is sought, where the activity needs it."""
    consent = facts.activity.consent
    return _html(
        [consent.how or "Consent is sought before processing."]
        if consent and consent.required
        else []
    )


def _rights(facts: _Facts, *ids: str) -> str | None:
    """223-225: the rights in use among those one question asks about."""
    rights = facts.index.activity_rights(facts.activity)
    return _html([f"{r.name} ({r.reference})" for r in rights if r.id in ids])


def _processors(facts: _Facts) -> str | None:
    """226: each processor and its contract."""
    return _html(
        [
            f"{r.name}" + (f": contract {r.contract}" if r.contract else ": no contract recorded")
            for r in facts.processors
        ]
    )


def _transfers(facts: _Facts) -> str | None:
    """227: recipients abroad, the transfers and their mechanisms, or the map's "none"."""
    transfers = facts.index.datamap.transfers
    abroad = [r for r in facts.recipients.values() if r.abroad]
    return _html(
        [
            *(f"{r.name} ({', '.join(r.abroad)})" for r in abroad),
            *(
                f"{t.recipient} ({t.where}): "
                + (" or ".join(t.mechanisms) or "no mechanism recorded")
                for t in (transfers.items if transfers else ())
                if t.recipient in facts.recipients
            ),
            "No transfer outside the UK (stated in the map)."
            if transfers and transfers.none and not abroad
            else "",
        ]
    )


def answers(index: Index, activity: Activity) -> dict[int, str | None]:
    """The tool's question number -> HTML answer, for what the map says."""
    facts = _Facts.of(index, activity)
    return {
        111: _processing(facts),
        112: _responsibilities(facts),
        113: _standards(facts),
        121: _data(facts),
        122: _life_cycle(facts),
        123: _assets(facts),
        211: _purposes(facts),
        212: _lawful_bases(facts),
        215: _storage(facts),
        221: _information(facts),
        222: _consent(facts),
        223: _rights(facts, "access", "portability"),
        224: _rights(facts, "rectification", "erasure"),
        225: _rights(facts, "restriction", "object"),
        226: _processors(facts),
        227: _transfers(facts),
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
