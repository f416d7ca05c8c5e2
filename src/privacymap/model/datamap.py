"""A whole data map: every section together, the one source of truth for the outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_origin

from pydantic import (
    ConfigDict,
    Field,
    PrivateAttr,
)

from privacymap.model.bases import Condition, CriminalOffenceCondition, LawfulBasis, Purpose
from privacymap.model.data import Category, Recipient, RecipientGroup, Source, Subject
from privacymap.model.evidence import Evidence, Statute, Waiver
from privacymap.model.notice import ChangeEntry, Notice
from privacymap.model.people import Contact, Controller, JointArrangement, JointController
from privacymap.model.processing import Activity, AutomatedDecisionMaking, Profiling
from privacymap.model.retention import Retention, RetentionPolicy, SecurityMeasure
from privacymap.model.rights import Complaints, RequirementToProvide, RightEntry, RightsRequests
from privacymap.model.transfers import Transfers
from privacymap.model.types import Model

if TYPE_CHECKING:
    from privacymap.index import Index


class DataMap(Model):
    """A whole data map: the one source of truth for notice, ROPA and graph."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        defer_build=True,
        json_schema_extra={"title": "privacymap data map"},
    )

    include: tuple[str, ...] = Field(
        default=(), description="Files to merge in, relative to this file."
    )
    notice: Notice = Field(
        description="Title, language, version, last-updated date, introduction, free text."
    )
    changes: tuple[ChangeEntry, ...] = Field(
        default=(),
        description="The notice's history: dated changes, in any order (shown newest first).",
    )
    controller: Controller = Field(description="The data controller (Art 13(1)(a)).")
    joint_controllers: tuple[JointController, ...] = Field(
        default=(), description="Other controllers deciding jointly with the controller (Art 26)."
    )
    joint_arrangement: JointArrangement | None = Field(
        default=None, description="The essence of the joint controllers' arrangement (Art 26(2))."
    )
    dpo: Contact | None = Field(
        default=None,
        description="The data protection officer (Art 13(1)(b); public authorities: Art 37).",
    )
    contacts: tuple[Contact, ...] = Field(
        default=(), description="Other contacts: further information, complaints, rights requests."
    )
    supervisory_authority: Contact | None = Field(
        default=None, description="Override; default: the ICO."
    )
    subjects: tuple[Subject, ...] = Field(
        default=(), description="Categories of data subjects (Art 30(1)(c))."
    )
    categories: tuple[Category, ...] = Field(
        default=(), description="Categories of personal data (Art 14(1)(d), 30(1)(c))."
    )
    sources: tuple[Source, ...] = Field(
        default=(), description="Where the data comes from (Art 14(2)(f))."
    )
    recipient_groups: tuple[RecipientGroup, ...] = Field(
        default=(), description="Groups of recipients (health, police...)."
    )
    recipients: tuple[Recipient, ...] = Field(
        default=(), description="Recipients or categories of recipients (Art 13(1)(e), 30(1)(d))."
    )
    purposes: tuple[Purpose, ...] = Field(
        default=(), description="Purposes of processing (Art 13(1)(c), 30(1)(b))."
    )
    lawful_bases: tuple[LawfulBasis, ...] = Field(
        default=(), description="Art 6(1) bases relied on, with the law for (c) and (e)."
    )
    conditions: tuple[Condition, ...] = Field(
        default=(), description="Art 9(2) conditions with DPA 2018 Schedule 1 paragraphs."
    )
    criminal_offence_conditions: tuple[CriminalOffenceCondition, ...] = Field(
        default=(), description="How Art 10 is met for criminal offence data."
    )
    activities: tuple[Activity, ...] = Field(
        default=(), description="Processing activities with their data flows: the ROPA's rows."
    )
    retention: tuple[Retention, ...] = Field(
        default=(), description="Retention schedule: how long each record type is kept."
    )
    retention_policy: RetentionPolicy | None = Field(
        default=None, description="The retention statement and policy document."
    )
    security: tuple[SecurityMeasure, ...] = Field(
        default=(), description="Technical and organisational security measures (Art 30(1)(g))."
    )
    transfers: Transfers | None = Field(
        default=None, description="Transfers outside the UK, or `none: true`."
    )
    rights: tuple[RightEntry, ...] = Field(
        default=(), description="The rights as the notice states them."
    )
    rights_requests: RightsRequests | None = Field(
        default=None, description="How to make a rights request."
    )
    complaints: Complaints | None = Field(
        default=None,
        description="How to complain: to the controller (DPA 2018 ss 164A-164B), the ICO "
        "(Art 77), a court (Art 79).",
    )
    automated_decision_making: AutomatedDecisionMaking | None = Field(
        default=None, description="Whether automated decision-making exists (Art 13(2)(f))."
    )
    profiling: Profiling | None = Field(
        default=None, description="Whether people are profiled (Art 4(4), 13(2)(f))."
    )
    requirement_to_provide: RequirementToProvide | None = Field(
        default=None, description="Whether providing the data is required (Art 13(2)(e))."
    )
    evidence: tuple[Evidence, ...] = Field(
        default=(), description="DPIAs, appropriate policy documents, assessments."
    )
    statutes: tuple[Statute, ...] = Field(
        default=(), description="Instruments to cite that are not in the built-in catalogue."
    )
    waivers: tuple[Waiver, ...] = Field(
        default=(), description="Reviewed findings allowed to pass the gate until they expire."
    )

    _index: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal when the content is equal, wherever each map was loaded from."""
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))

    @property
    def index(self) -> Index:
        """The resolved, read-only view of this map (locations included when loaded).

        The one upward import of the model (declared in tests/test_layers.py):
        the Python API's ``datamap.index`` on a map built in code.
        """
        if self._index is None:
            from privacymap.index import index_for

            self._index = index_for(self)
        return self._index  # type: ignore[no-any-return]

    def bind_index(self, index: Index) -> None:
        """Remember the index the resolver made from this map (with its locations)."""
        self._index = index


LIST_SECTIONS: tuple[str, ...] = tuple(
    name
    for name, field in DataMap.model_fields.items()
    if get_origin(field.annotation) is tuple and name != "include"
)
"""Sections that several files may each contribute items to."""
