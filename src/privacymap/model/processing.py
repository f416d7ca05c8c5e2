"""The processing activities: flows in and out, consent, automated decisions, DPIAs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Discriminator,
    Field,
    Tag,
)

from privacymap.model.data import RecipientRole
from privacymap.model.types import (
    HANDOFF,
    BasisId,
    CategoryId,
    ConditionId,
    CriminalConditionId,
    Id,
    Markdown,
    Model,
    PublishedDateField,
    PurposeId,
    RecipientId,
    Ref,
    RetentionId,
    SecurityId,
    SourceOrHandoff,
    SubjectId,
    Url,
)
from privacymap.model.young import YoungPeopleWording


class Consent(Model):
    """Whether and how consent is sought for an activity."""

    required: bool = Field(
        default=False, description="Processing happens only once consent is given."
    )
    how: Markdown | None = None
    record: Url | None = Field(default=None, description="Link to the record of consent.")
    withdrawal: Markdown | None = None
    freely_given: Markdown | None = Field(
        default=None,
        description="Why consent is freely given although a public authority asks for it "
        "(Recital 43, Art 4(11), 7(4)): e.g. the service is voluntary and saying no has no "
        "detriment.",
    )


class Agreement(Model):
    """Agreement asked for as a safeguard, not as the lawful basis.

    Many notices say "with your permission" or "where you agree" while relying
    on public task: the person's agreement is sought as good practice, but the
    processing does not rest on Art 6(1)(a) or 9(2)(a) consent, and may go
    ahead without it where the law allows (e.g. a risk of harm).
    """

    how: Markdown | None = Field(default=None, description="How agreement is asked for.")
    unless: Markdown | None = Field(
        default=None,
        description="When the processing may go ahead without agreement, e.g. "
        "`where a child is at risk of harm`.",
    )


NOT_STATED = "not-stated"
"""A flow's `categories: not-stated`: the notice does not say what this flow carries."""


def _categories_kind(value: object) -> str:
    """Which alternative a flow's `categories:` is (a named function: the validator is
    pickled by `privacymap.usercache`, and a lambda cannot be)."""
    return "word" if value == NOT_STATED else "list"


FlowCategories = Annotated[
    Annotated[tuple[CategoryId, ...], Tag("list")] | Annotated[Literal["not-stated"], Tag("word")],
    Discriminator(_categories_kind),
]
"""A flow's categories: a list of ids, or `not-stated` (any other word is reported as
a wrong type, once, not as two failed alternatives)."""


class Flow(Model):
    """Fields shared by collections and disclosures."""

    id: Id | None = Field(default=None, description="Defaults to `activity<-source` / `->`.")
    categories: FlowCategories = Field(
        default=(),
        description="Categories carried; default: the activity's categories. `not-stated` "
        "when the notice does not say what this flow carries (shown as such, and a finding).",
    )
    purposes: tuple[PurposeId, ...] = Field(
        default=(),
        description="The activity's purposes this flow serves; default: all of them. Its "
        "inherited bases are those of these purposes.",
    )
    bases: tuple[BasisId, ...] = Field(default=(), description="Own bases; default: inherited.")
    conditions: tuple[ConditionId, ...] = ()
    criminal_offence_conditions: tuple[CriminalConditionId, ...] = ()
    when: tuple[Markdown, ...] = Field(
        default=(), description="Conditions under which the flow happens."
    )
    agreement: Agreement | None = Field(
        default=None,
        description="Agreement is asked for before this flow, as a safeguard (not consent as "
        "the lawful basis).",
    )
    description: Markdown | None = None

    @property
    def categories_stated(self) -> bool:
        """False when the map says the notice does not state what this flow carries."""
        return self.categories != NOT_STATED

    @property
    def category_ids(self) -> tuple[str, ...]:
        """The category ids written on the flow (none when not stated or inherited)."""
        return () if isinstance(self.categories, str) else self.categories


class Collection(Flow):
    """Data flowing into an activity from a source, or from another activity that holds it."""

    source: SourceOrHandoff = Field(
        alias="from",
        description="A source id, or `activity:<id>` for data another activity already holds "
        "(an internal hand-off: reuse, not a new collection from outside).",
    )

    @property
    def from_activity(self) -> str | None:
        """The id of the activity handing the data over, for an internal hand-off."""
        return self.source.removeprefix(HANDOFF) if self.source.startswith(HANDOFF) else None


class Disclosure(Flow):
    """Data flowing out of an activity to a recipient."""

    recipient: Annotated[Id, Ref("recipients", rule="PM103")] = Field(alias="to")
    role: RecipientRole | None = Field(
        default=None,
        description="The recipient's role for this flow when it differs from its usual "
        "`role` (e.g. `controller`: it uses this data for its own purposes).",
    )


class AutomatedDecisionSafeguards(Model):
    """The safeguards of UK GDPR Art 22C for significant decisions based solely on
    automated processing (from 5 February 2026): how each is provided."""

    information: Markdown | None = Field(
        default=None, description="How the person is told about decisions taken about them."
    )
    representations: Markdown | None = Field(
        default=None, description="How the person can make representations about a decision."
    )
    human_intervention: Markdown | None = Field(
        default=None, description="How the person can obtain human intervention."
    )
    contest: Markdown | None = Field(
        default=None, description="How the person can contest a decision."
    )


class AutomatedDecisionMaking(Model):
    """Art 13(2)(f) / 14(2)(g), 22A-22D: whether significant decisions are based solely on
    automated processing. `exists: false` says there are none (not applicable)."""

    exists: bool
    description: Markdown | None = None
    logic: Markdown | None = Field(
        default=None, description="Meaningful information about the logic involved."
    )
    significance: Markdown | None = Field(
        default=None, description="The significance of the processing for the person."
    )
    consequences: Markdown | None = Field(
        default=None, description="The envisaged consequences for the person."
    )
    safeguards: AutomatedDecisionSafeguards | None = Field(
        default=None,
        description="The Art 22C safeguards (information, representations, "
        "human intervention, contest).",
    )


class Profiling(Model):
    """Profiling (Art 4(4)), a separate fact from solely automated decisions: data may be
    used to profile people with a person taking every decision. `exists: false` says there
    is none (not applicable)."""

    exists: bool
    description: Markdown | None = Field(
        default=None, description="What is profiled, and how the results are used."
    )


DpiaOutcome = Literal["approved", "approved-with-measures", "prior-consultation", "not-approved"]


class Dpia(Model):
    """The data protection impact assessment (Art 35) of an activity: whether one is
    required, and the one carried out (reference, date, outcome). `privacymap dpia`
    screens each activity; a rule reports one that needs a DPIA and records none."""

    required: Literal["yes", "no", "screening"] | None = None
    status: str | None = None
    link: Url | None = None
    reference: str | None = Field(
        default=None, description="The DPIA's reference, e.g. its number in the DPIA register."
    )
    date: dt.date | None = Field(default=None, description="Date the DPIA was signed off.")
    outcome: DpiaOutcome | None = Field(
        default=None,
        description="The DPIA's outcome: approved, approved with measures, prior consultation "
        "of the ICO (Art 36: high risk that cannot be reduced) or not approved.",
    )

    @property
    def recorded(self) -> bool:
        """True when the map records a DPIA carried out (a reference, link, date or outcome)."""
        return any((self.reference, self.link, self.date, self.outcome))


class Breach(Model):
    """Personal data breach record for the ROPA."""

    occurred: bool | None = None
    link: Url | None = None


FurtherCompatibility = Literal["consent", "research", "law", "assessment", "annex-2"]


class FurtherProcessing(Model):
    """Data collected for other purposes, used for this activity's purposes (a new purpose).

    `compatibility` says why the new use is compatible with the purposes the data was
    collected for (Art 5(1)(b)): `consent` (the person consents to the new purpose),
    `research` (research, archiving or statistics), `law` (a law safeguarding an objective
    of Art 23(1) requires or authorises it), `assessment` (a compatibility assessment:
    Art 6(4), from 5 February 2026 Art 8A(2)) or `annex-2` (a condition of Annex 2 to the
    UK GDPR, from 5 February 2026, Art 8A(3)).
    """

    of: tuple[PurposeId, ...] = Field(
        min_length=1, description="The purposes the data was collected for."
    )
    compatibility: FurtherCompatibility = Field(
        description="Why the new use is compatible (see above)."
    )
    annex2: Markdown | None = Field(
        default=None, description="The Annex 2 condition met, for `compatibility: annex-2`."
    )
    assessment: Url | None = Field(
        default=None, description="Where the compatibility assessment is recorded."
    )
    told: Markdown | None = Field(
        default=None,
        description="How and when people are told of the new purpose before it starts "
        "(Art 13(3), 14(4)).",
    )
    research_exemption: Url | None = Field(
        default=None,
        description="For research, archiving or statistics where telling each person is "
        "impossible or would involve disproportionate effort: where the information is "
        "published instead (Art 14(5)(b); Art 13(5)-(6) from DUAA 2025 s 77).",
    )


class Activity(Model):
    """A processing activity: one row of the ROPA."""

    id: Id
    name: str
    description: Markdown | None = None
    business_function: str | None = None
    purposes: tuple[PurposeId, ...] = ()
    uses: tuple[Markdown, ...] = Field(
        default=(), description="What the information is used for, as told to the public."
    )
    young_people: YoungPeopleWording | None = Field(
        default=None, description="Its name and what we do, on the young-people page."
    )
    subjects: tuple[SubjectId, ...] = ()
    categories: tuple[CategoryId, ...] = ()
    bases: tuple[BasisId, ...] = ()
    conditions: tuple[ConditionId, ...] = ()
    criminal_offence_conditions: tuple[CriminalConditionId, ...] = ()
    consent: Consent | None = None
    agreement: Agreement | None = Field(
        default=None,
        description="Agreement is asked for before this processing, as a safeguard (not "
        "consent as the lawful basis).",
    )
    collects: tuple[Collection, ...] = ()
    discloses: tuple[Disclosure, ...] = ()
    retention: tuple[RetentionId, ...] = ()
    location: str | None = Field(default=None, description="Where the data is held.")
    automated_decision_making: AutomatedDecisionMaking | None = None
    profiling: Profiling | None = None
    further_processing: FurtherProcessing | None = Field(
        default=None,
        description="The activity uses data collected for other purposes (a new purpose): "
        "why that is compatible and how people are told first.",
    )
    dpia: Dpia | None = None
    breach: Breach | None = None
    security: tuple[SecurityId, ...] = Field(
        default=(),
        description="The security measures (ids of `security`) that protect this activity's "
        "data; without them the ROPA shows the organisation's general measures, marked so.",
    )
    joint_controller: RecipientId | None = Field(
        default=None,
        description="A recipient that is joint controller for this activity (older form; "
        "prefer `joint_controllers` with its `activities`).",
    )
    last_review: PublishedDateField | None = Field(
        default=None,
        description="When this activity's record was last reviewed (the ROPA's Last review "
        "column): a date, or a month and year.",
    )
    next_review: PublishedDateField | None = Field(
        default=None, description="When this activity's record will next be reviewed."
    )
    review_owner: str | None = Field(
        default=None, description="Who is responsible for reviewing this activity's record."
    )
