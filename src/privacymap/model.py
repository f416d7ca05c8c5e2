"""The typed input: what a data map may say, and nothing else.

Every model forbids unknown fields (a typo must be reported, not ignored) and
is frozen, so a loaded map is immutable, hashable and comparable. Collections
are tuples for the same reason. References between sections are plain ids;
`privacymap.index` resolves them and reports the dangling ones.

Free-text fields marked ``Markdown`` accept CommonMark (raw HTML is not
rendered). Legal citations are written as a person writes them
("Children Act 2004 s10") and parsed by `privacymap.law.citations`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StrictInt,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
)

from privacymap import law

if TYPE_CHECKING:
    from privacymap.index import Index

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HANDOFF_PATTERN = r"^(activity:)?[a-z0-9]+(?:-[a-z0-9]+)*$"
RULE_PATTERN = r"^PM\d{3}$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=120),
    Field(description="A kebab-case identifier, unique within its section, e.g. `early-help`."),
]


@dataclass(frozen=True)
class Ref:
    """Marks an id field as naming an item of another section of the map.

    The index resolves every field so marked, in one walk over the model, and
    reports an id that names nothing with `rule` (PM102; PM103 for a
    disclosure's recipient, the flow's end).
    """

    section: str
    rule: str = "PM102"
    prefixed: tuple[tuple[str, str], ...] = ()
    """(prefix, section) pairs: an id written with the prefix names an item of that section."""

    def target(self, value: str) -> tuple[str, str]:
        """(section, id) that one written value names."""
        for prefix, section in self.prefixed:
            if value.startswith(prefix):
                return section, value.removeprefix(prefix)
        return self.section, value


SubjectId = Annotated[Id, Ref("subjects")]
CategoryId = Annotated[Id, Ref("categories")]
SourceId = Annotated[Id, Ref("sources")]
RecipientGroupId = Annotated[Id, Ref("recipient_groups")]
RecipientId = Annotated[Id, Ref("recipients")]
PurposeId = Annotated[Id, Ref("purposes")]
BasisId = Annotated[Id, Ref("lawful_bases")]
ConditionId = Annotated[Id, Ref("conditions")]
CriminalConditionId = Annotated[Id, Ref("criminal_offence_conditions")]
RetentionId = Annotated[Id, Ref("retention")]
EvidenceId = Annotated[Id, Ref("evidence")]
SecurityId = Annotated[Id, Ref("security")]
ContactId = Annotated[Id, Ref("contacts")]
ActivityId = Annotated[Id, Ref("activities")]
HANDOFF = "activity:"
"""Prefix of a collection's `from:` naming another activity (an internal hand-off)."""

HANDOFF_PATTERN = r"^(activity:)?[a-z0-9]+(?:-[a-z0-9]+)*$"
SourceOrHandoff = Annotated[
    str,
    StringConstraints(pattern=HANDOFF_PATTERN, max_length=129),
    Ref("sources", prefixed=((HANDOFF, "activities"),)),
]
"""A collection's `from:`: a source id, or `activity:<id>` for an internal hand-off."""

Markdown = Annotated[
    str,
    Field(json_schema_extra={"format": "markdown"}, description="Markdown (CommonMark) text."),
]
Citation = Annotated[
    str,
    Field(
        description=(
            "A legal citation written as a person writes it, e.g. `Children Act 2004 s10` "
            "or `DPA 2018 Sch 1 para 18`."
        )
    ),
]
Url = Annotated[
    str, Field(description="An https, http, mailto or tel address, or a relative link.")
]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True, order=True)
class PublishedDate:
    """A date as notices publish it: a day ("1 March 2024") or a month ("March 2024").

    Many published notices give only the month; the map keeps that precision
    rather than inventing a day.
    """

    year: int
    month: int
    day: int | None = None

    @property
    def text(self) -> str:
        """As a reader would write it: "1 March 2024", or "March 2024" for a month."""
        month = f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def isoformat(self) -> str:
        """ISO 8601: "2024-03-01", or "2024-03" for a month."""
        month = f"{self.year:04d}-{self.month:02d}"
        return f"{month}-{self.day:02d}" if self.day else month

    @property
    def first_day(self) -> dt.date:
        """The day, or the month's first day: for ordering and timestamps, never shown."""
        return dt.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        return self.isoformat()


_ISO_DAY_OR_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_WRITTEN_DATE = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})")


def _published_date(value: object) -> PublishedDate:
    """Read a date, an ISO month ("2024-03") or a written one ("March 2024", "1 March 2024")."""
    if isinstance(value, PublishedDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PublishedDate(value.year, value.month, value.day)
    if isinstance(value, str):
        text = " ".join(value.split())
        if iso := _ISO_DAY_OR_MONTH.fullmatch(text):
            year, month, day = int(iso[1]), int(iso[2]), int(iso[3]) if iso[3] else None
        elif (written := _WRITTEN_DATE.fullmatch(text)) and (month := _month_number(written[2])):
            year, day = int(written[3]), int(written[1]) if written[1] else None
        else:
            month = 0
        if month:
            try:
                dt.date(year, month, day or 1)
            except ValueError as exc:
                raise ValueError(f"not a real date ({exc})") from None
            return PublishedDate(year, month, day)
    raise ValueError(
        "expected a date such as 2024-03-01, a month such as 2024-03, or the month and "
        'year as published, such as "March 2024"'
    )


def _month_number(name: str) -> int:
    """1-12 for a month's name or its first three letters ("Mar"), else 0."""
    folded = name.lower()
    for number, month in enumerate(MONTH_NAMES, start=1):
        if folded == month.lower() or (len(folded) == 3 and month.lower().startswith(folded)):
            return number
    return 0


PublishedDateField = Annotated[
    PublishedDate,
    PlainValidator(_published_date),
    PlainSerializer(PublishedDate.isoformat, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A date (2024-03-01), a month (2024-03) or a month and year as "
            'published ("March 2024").',
            "pattern": (
                r"^(\d{4}-\d{1,2}(-\d{1,2})?"
                r"|((\d{1,2})(st|nd|rd|th)? )?[A-Za-z]+\.?,? \d{4})$"
            ),
        }
    ),
]
"""A published date with its precision: a day, or a month and year only."""

SpecialCategory = Literal[
    "racial-or-ethnic-origin",
    "political-opinions",
    "religious-or-philosophical-beliefs",
    "trade-union-membership",
    "genetic",
    "biometric",
    "health",
    "sex-life",
    "sexual-orientation",
]
"""The special categories of UK GDPR Art 9(1)."""

SPECIAL_CATEGORY_NAMES: dict[str, str] = {
    "racial-or-ethnic-origin": "racial or ethnic origin",
    "political-opinions": "political opinions",
    "religious-or-philosophical-beliefs": "religious or philosophical beliefs",
    "trade-union-membership": "trade union membership",
    "genetic": "genetic data",
    "biometric": "biometric data used to identify a person",
    "health": "data concerning health",
    "sex-life": "data concerning sex life",
    "sexual-orientation": "data concerning sexual orientation",
}

ISO_DURATION = re.compile(r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")


class Model(BaseModel):
    """Base of every input type: unknown fields are errors; instances are immutable.

    Every object may carry `internal_notes`: comments for the DPO and reviewers
    that no public output (notice, ROPA, graph, exports) ever shows.

    Validators are built on first use (`defer_build`): loading a map uses the
    one `privacymap.usercache` keeps between runs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    internal_notes: str | None = Field(
        default=None,
        description="Internal notes for the DPO and reviewers: never shown in the notice, "
        "the ROPA, the graph or any export.",
    )


# --------------------------------------------------------------------------- notice


class Link(Model):
    """A link shown in the notice. A link published with no address keeps `url` empty."""

    title: str
    url: Url | None = None


class Section(Model):
    """A free-text section of the notice that has no structured home."""

    id: Id
    title: str
    body: Markdown
    after: str | None = Field(
        default=None,
        description="Id of the generated section this one follows (default: at the end).",
    )


LayeredPart = Literal[
    "controller-contact",
    "dpo",
    "joint-controllers",
    "purposes",
    "lawful-bases",
    "recipients",
    "transfers",
    "retention",
    "rights",
    "complaints",
    "automated-decisions",
    "requirement",
]
"""Parts of a notice that a layered (service) notice may leave to another notice."""


class GivenElsewhere(Model):
    """Parts of the notice given in another published notice (a layered notice).

    A short service notice often leaves the DPO, rights and complaints to the
    organisation's corporate notice. The checker treats the parts named here as
    given (when `url` is an https address); the notice links to it in their place.
    Not a waiver: a waiver lets a reviewed gap pass, this says where the text is.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "parts": ["dpo", "rights", "complaints"],
                    "title": "Our corporate privacy notice",
                    "url": "https://www.example.gov.uk/privacy",
                }
            ]
        }
    )

    parts: tuple[LayeredPart, ...] = Field(min_length=1, description="The parts given there.")
    url: Url = Field(description="The https address of the notice that gives them.")
    title: str = Field(
        default="Our corporate privacy notice", description="The link text in the notice."
    )


class Notice(Model):
    """Metadata and framing text of the published notice."""

    title: str
    service: str | None = Field(default=None, description="The service the notice is about.")
    language: str = Field(default="en-GB", description="BCP 47 language tag of the notice.")
    version: str | None = None
    last_updated: PublishedDateField | None = Field(
        default=None,
        description="When the notice was last updated: a date, or the month and year as "
        'published ("March 2024").',
    )
    next_review: PublishedDateField | None = Field(
        default=None,
        description="When the notice will next be reviewed: a date, or a month and year.",
    )
    review_owner: str | None = Field(
        default=None, description="Who is responsible for reviewing the notice (a role or team)."
    )
    introduction: Markdown | None = None
    aims: tuple[str, ...] = Field(
        default=(), description="Aims of the service, as distinct from purposes of processing."
    )
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = ()
    child_friendly_version: Link | None = Field(
        default=None, description="A version written for children (Art 12(1))."
    )
    full_notice: Link | None = Field(
        default=None, description="The organisation's main (corporate) privacy notice."
    )
    given_elsewhere: tuple[GivenElsewhere, ...] = Field(
        default=(),
        description="Parts of the notice given in another notice (a layered notice): "
        "each entry names the parts and the https address that gives them.",
    )


class ChangeEntry(Model):
    """One entry of the notice's history: what changed, when, and how people were told.

    `privacymap diff` requires a new entry for every material change (PM620)
    and suggests one; the notice lists the entries under "Changes to this notice".
    """

    date: dt.date = Field(description="The day people were told of the change (ISO 8601).")
    summary: Markdown = Field(description="What changed, in plain words for the public.")
    effective: dt.date | None = Field(
        default=None,
        description="When the change takes effect (default: `date`); for a new use of "
        "data, not before people were told (Art 13(3), 14(4)).",
    )
    told: Markdown | None = Field(
        default=None, description="How people were told, e.g. letters to families registered."
    )
    version: str | None = Field(default=None, description="The notice version it produced.")


# --------------------------------------------------------------------------- people


ContactRole = Literal[
    "further-information", "complaints", "rights-requests", "data-protection", "other"
]


class Contact(Model):
    """A person, team or mailbox the public can contact.

    One contact may serve several roles (`role: [rights-requests, complaints]`).
    A web page or form (`url`) is a means of contact as good as an e-mail address.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "information-governance",
                    "role": ["rights-requests", "complaints"],
                    "team": "Information Governance Team",
                    "url": "https://www.example.gov.uk/contact/data-protection",
                }
            ]
        }
    )

    id: Id | None = None
    role: ContactRole | tuple[ContactRole, ...] = Field(
        default="other",
        description="What people contact it for: one role or a list of roles "
        "(`further-information`, `complaints`, `rights-requests`, `data-protection`, `other`).",
    )
    name: str | None = Field(default=None, description="Person's name or role.")
    team: str | None = None
    organisation: str | None = None
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    url: Url | None = Field(
        default=None, description="A web page or online form for contacting them."
    )
    notes: Markdown | None = None

    @property
    def roles(self) -> tuple[ContactRole, ...]:
        """Every role the contact serves."""
        return (self.role,) if isinstance(self.role, str) else self.role


class Controller(Model):
    """The data controller (Art 13(1)(a) / 14(1)(a))."""

    name: str
    public_authority: bool = Field(
        description="A public authority under DPA 2018 s 7 (must appoint a DPO; cannot rely on "
        "legitimate interests for its tasks)."
    )
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    website: Url | None = None
    contact_form: Url | None = Field(
        default=None,
        description="An online form for contacting the controller: a means of contact "
        "(Art 13(1)(a)) as good as an e-mail address.",
    )
    ico_registration: str | None = Field(default=None, description="ICO registration number.")
    logo: str | None = Field(
        default=None, description="Path (relative to the data map) of a logo shown on the notice."
    )
    representative: Contact | None = None


class JointController(Model):
    """Another controller that decides the purposes and means jointly with the controller
    (Art 26): named, with its contact details (Art 13(1)(a)) and the activities it is
    joint for."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "example-nhs-trust",
                    "name": "Example NHS Foundation Trust",
                    "email": "information.governance@example.nhs.uk",
                    "address": "Example Hospital, Exampletown, EX2 2BB",
                    "dpo": {"name": "Data Protection Officer", "email": "dpo@example.nhs.uk"},
                    "activities": ["referrals"],
                    "responsibilities": "Answers requests about its own health records.",
                }
            ]
        }
    )

    id: Id
    name: str
    kind: Literal["organisation", "category"] = Field(
        default="organisation",
        description="A named organisation, or a category of them (e.g. `The local authority "
        "your request is about`), which has no contact details of its own here.",
    )
    description: Markdown | None = None
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    website: Url | None = None
    contact_form: Url | None = Field(
        default=None, description="An online form for contacting it (a means of contact)."
    )
    dpo: Contact | None = Field(default=None, description="Its data protection officer.")
    activities: tuple[ActivityId, ...] = Field(
        default=(), description="The activities it is joint controller for (default: all)."
    )
    responsibilities: Markdown | None = Field(
        default=None,
        description="What it is responsible for under the arrangement (Art 26(1)).",
    )


class JointArrangement(Model):
    """The essence of the joint controllers' arrangement, made available to people (Art 26(2))."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "essence": "Both councils decide together how the service uses your "
                    "information. Each answers requests about the records it holds.",
                    "requests": "Send requests to either council; we pass them on.",
                    "notice": "Example Council publishes this notice for both councils.",
                    "document": "https://www.example.gov.uk/joint-arrangement",
                }
            ]
        }
    )

    essence: Markdown | None = Field(
        default=None, description="The essence of the arrangement, as published (Art 26(2))."
    )
    requests: Markdown | None = Field(
        default=None, description="Who answers people's requests to use their rights (Art 26(1))."
    )
    notice: Markdown | None = Field(
        default=None, description="Who publishes the notice for the joint controllers."
    )
    document: Url | None = Field(
        default=None, description="Link to the arrangement or its summary."
    )


# --------------------------------------------------------------------------- data


class Subject(Model):
    """A category of data subject (people the data is about)."""

    id: Id
    name: str
    description: Markdown | None = None
    children: bool = Field(default=False, description="The subjects are or include children.")


class Category(Model):
    """A category of personal data."""

    id: Id
    name: str
    description: Markdown | None = None
    examples: tuple[str, ...] = ()
    group: str | None = None
    special: tuple[SpecialCategory, ...] = Field(
        default=(), description="Art 9(1) special categories this category contains."
    )
    criminal_offence: bool = Field(
        default=False, description="Contains criminal offence data (Art 10), incl. allegations."
    )
    subjects: tuple[SubjectId, ...] = Field(
        default=(),
        description="Whose data this is, when not (only) the activity's subjects: e.g. "
        "`household-members` for details of other people in the household.",
    )


SourceKind = Literal["data-subject", "third-party", "internal", "publicly-accessible"]


class Source(Model):
    """Where personal data comes from (Art 14(2)(f))."""

    id: Id
    name: str
    kind: SourceKind = "third-party"
    description: Markdown | None = None
    form: str | None = Field(default=None, description="Form or channel, e.g. a referral form.")
    provides: tuple[CategoryId, ...] = Field(
        default=(), description="Categories this source provides."
    )
    publicly_accessible: bool | None = None


class RecipientGroup(Model):
    """A group of recipients, e.g. health, police and justice."""

    id: Id
    name: str
    description: Markdown | None = None


RecipientRole = Literal["internal", "processor", "sub-processor", "controller", "joint-controller"]
"""What a recipient is: a processor acts on the controller's instructions (Art 28), a
sub-processor on a processor's (Art 28(2), (4)); a controller decides for itself."""

UNKNOWN = "unknown"
"""A country or region written as `unknown`: the map knows it is not said where."""

COUNTRY_PATTERN = r"^([A-Z]{2}|unknown)$"
CountryOrUnknown = Annotated[
    str,
    StringConstraints(pattern=COUNTRY_PATTERN),
    Field(description="ISO 3166-1 alpha-2 country code such as `US`, or `unknown`."),
]


class Recipient(Model):
    """An organisation, service or category of organisations that receives data.

    A recipient that acts on the controller's instructions is a `processor` (its
    contract in `contract`); one that takes the data into its own systems may then be
    an independent controller of its copy (`independent_controller`). Where it holds
    the data: `country` (codes, or `unknown`), or `region` when only that is known.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "case-system-supplier",
                    "name": "Example Case Systems Ltd",
                    "role": "processor",
                    "contract": "https://www.example.gov.uk/contracts/case-system",
                    "country": ["GB", "IE"],
                },
                {
                    "id": "cloud-hosting",
                    "name": "Example Cloud Inc",
                    "role": "sub-processor",
                    "engaged_by": "case-system-supplier",
                    "region": "outside the UK",
                    "country": "unknown",
                },
                {
                    "id": "school",
                    "name": "Your child's school",
                    "role": "controller",
                    "independent_controller": "Once the school saves the referral in its own "
                    "records it decides how to use it.",
                },
            ]
        }
    )

    id: Id
    name: str
    group: RecipientGroupId | None = None
    internal: bool = Field(default=False, description="Part of the controller's organisation.")
    role: RecipientRole | None = None
    kind: Literal["organisation", "category"] = Field(
        default="organisation",
        description="A named organisation, or a category of recipients (Art 13(1)(e)).",
    )
    examples: tuple[str, ...] = Field(
        default=(), description="Named examples of a category of recipients."
    )
    country: CountryOrUnknown | tuple[CountryOrUnknown, ...] | None = Field(
        default=None,
        description="Where the recipient holds the data: a country code, or a list of them "
        "(a supplier with data centres in two countries), or `unknown`. Not given: not "
        "stated (it is not taken to be the UK).",
    )
    region: str | None = Field(
        default=None,
        description="Where it holds the data when only a region is known, as published: "
        "e.g. `outside the UK`, `the European Economic Area`.",
    )
    description: Markdown | None = None
    areas: str | None = Field(default=None, description="Areas or client groups covered.")
    contract: Url | None = Field(
        default=None, description="Link to (or reference of) the processor contract (Art 28(3))."
    )
    engaged_by: RecipientId | None = Field(
        default=None, description="For a sub-processor: the processor that engages it."
    )
    independent_controller: Markdown | None = Field(
        default=None,
        description="When the recipient becomes an independent controller of its copy (e.g. "
        "once it takes the data into its own systems), as the notice should say it.",
    )
    sharing_agreement: EvidenceId | None = Field(
        default=None,
        description="The information-sharing agreement with a controller recipient: an "
        "`evidence` id (kind `data-sharing-agreement`), shown in the ROPA with its title, "
        "date and link.",
    )
    formerly: str | None = Field(default=None, description="A former name still in use.")

    @property
    def countries(self) -> tuple[str, ...]:
        """Every country the recipient holds the data in, as given (may include `unknown`)."""
        if self.country is None:
            return ()
        return (self.country,) if isinstance(self.country, str) else self.country

    @property
    def abroad(self) -> tuple[str, ...]:
        """The known countries outside the UK among them (a transfer each)."""
        return tuple(c for c in self.countries if c not in ("GB", UNKNOWN))

    @property
    def located(self) -> bool:
        """The map says where the recipient holds the data (a country or a region)."""
        return bool(self.countries or self.region)

    @property
    def processor(self) -> bool:
        """Acts on instructions (processor or sub-processor), not for its own purposes."""
        return self.role in ("processor", "sub-processor")


# --------------------------------------------------------------------------- law


class Purpose(Model):
    """A purpose of processing, optionally carrying the bases that all its activities share."""

    id: Id
    name: str
    description: Markdown | None = None
    kind: law.PurposeKind | None = Field(
        default=None,
        description="A kind of purpose the law treats specially: `direct-marketing` (right to "
        "object, Art 21(2)-(4)), `research` or `statistics` (right to object, Art 21(6); "
        "safeguards, Art 84B), `archiving` (archiving in the public interest, Art 84B).",
    )
    bases: tuple[BasisId, ...] = ()
    conditions: tuple[ConditionId, ...] = ()


class LawfulBasis(Model):
    """An Art 6(1) basis as the controller relies on it."""

    id: Id
    basis: str = Field(
        description="The Art 6(1) basis: an id such as `public-task` or an alias such as `6(1)(e)`."
    )
    law: tuple[Citation, ...] = Field(
        default=(), description="The law relied on; needed for (c) and (e) (Art 6(3))."
    )
    task: Markdown | None = Field(default=None, description="The public task or obligation.")
    interests: Markdown | None = Field(
        default=None, description="The legitimate interests pursued (Art 13(1)(d))."
    )
    assessment: Url | None = Field(
        default=None, description="Link to the legitimate interests assessment."
    )
    annex1: tuple[int | Citation, ...] = Field(
        default=(),
        description="For a recognised legitimate interest (Art 6(1)(ea)): the UK GDPR Annex 1 "
        "condition relied on (Art 6(5)), as paragraph numbers or citations such as "
        "`UK GDPR Annex 1 para 6`.",
    )
    withdrawal: Markdown | None = Field(
        default=None, description="How to withdraw consent (Art 7(3), 13(2)(c))."
    )
    wording: Markdown | None = Field(default=None, description="The wording as published.")

    @field_validator("basis")
    @classmethod
    def _known_basis(cls, value: str) -> str:
        found = law.art6_basis(value)
        if found is None:
            choices = ", ".join(b.id for b in law.art6_bases())
            raise ValueError(f"unknown Art 6(1) basis {value!r}; expected one of: {choices}")
        return found.id


WithoutConsentReason = Literal[
    "cannot-be-given", "cannot-reasonably-be-obtained", "would-prejudice"
]


class WithoutConsent(Model):
    """Why processing under a Sch 1 condition is carried out without the person's consent.

    Paras 17(2), 18(2) and 19(2) list three reasons; paras 9, 12, 16, 20(3)-(4)
    and 21 accept only that the controller cannot reasonably be expected to
    obtain consent (and, except para 12, is not aware of it being withheld).
    """

    reason: WithoutConsentReason = Field(
        description="`cannot-be-given` (the person cannot consent), "
        "`cannot-reasonably-be-obtained` (the controller cannot reasonably be expected to "
        "obtain it), or `would-prejudice` (seeking it would prejudice the protection or service)."
    )
    explanation: Markdown | None = Field(
        default=None, description="The circumstances, for the record and the notice."
    )


class Condition(Model):
    """An Art 9(2) condition for special category data, with its DPA 2018 Sch 1 condition."""

    id: Id
    condition: str = Field(
        description="The Art 9(2) condition: an id such as `substantial-public-interest` or "
        "an alias such as `9(2)(g)`."
    )
    schedule1: tuple[StrictInt | Citation, ...] = Field(
        default=(),
        description="DPA 2018 Schedule 1 paragraphs relied on: numbers, or citations such as "
        "`DPA 2018 Sch 1 para 18`.",
    )
    law: tuple[Citation, ...] = ()
    policy_document: EvidenceId | None = Field(
        default=None, description="Evidence id of the appropriate policy document (Sch 1 para 39)."
    )
    apd_exception: bool = Field(
        default=False,
        description="The processing is a disclosure for which Schedule 1 needs no appropriate "
        "policy document: to a competent authority (para 10(2)) or an anti-doping body "
        "(para 27(3)).",
    )
    without_consent: WithoutConsent | None = Field(
        default=None,
        description="Why the processing is carried out without consent, for the Sch 1 "
        "conditions that require it (paras 9, 12, 16-21).",
    )
    wording: Markdown | None = None

    @field_validator("condition")
    @classmethod
    def _known_condition(cls, value: str) -> str:
        found = law.art9_condition(value)
        if found is None:
            choices = ", ".join(c.id for c in law.art9_conditions())
            raise ValueError(f"unknown Art 9(2) condition {value!r}; expected one of: {choices}")
        return found.id


class CriminalOffenceCondition(Model):
    """How Art 10 is met for criminal offence data."""

    id: Id
    route: Literal["official-authority", "schedule1"] = Field(
        description="Under the control of official authority, or authorised by a DPA 2018 "
        "Schedule 1 condition (DPA 2018 s 10(5))."
    )
    law: tuple[Citation, ...] = ()
    schedule1: tuple[StrictInt | Citation, ...] = ()
    policy_document: EvidenceId | None = None
    apd_exception: bool = Field(
        default=False,
        description="A disclosure for which Schedule 1 needs no appropriate policy document "
        "(para 10(2), 27(3)).",
    )
    without_consent: WithoutConsent | None = Field(
        default=None,
        description="Why the processing is carried out without consent (Sch 1 paras 9, 12, 16-21).",
    )
    wording: Markdown | None = None


# --------------------------------------------------------------------------- processing


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
    next_review: PublishedDateField | None = Field(
        default=None, description="When this activity's record will next be reviewed."
    )
    review_owner: str | None = Field(
        default=None, description="Who is responsible for reviewing this activity's record."
    )


# --------------------------------------------------------------------------- retention


RetentionTrigger = Literal[
    "date-of-birth", "closure", "last-contact", "creation", "death", "order-date", "end-of-year"
]
RetentionKind = Literal["fixed", "maximum", "until-event"]
"""A fixed period, a period that is the most it will be ("up to 7 years"), or until an
event ("until the child's 25th birthday")."""
AuthorityKind = Literal["statute", "policy"]
Disposal = Literal["destroy", "review", "archive", "anonymise", "transfer"]


class Retention(Model):
    """How long one record type is kept (Art 13(2)(a), 30(1)(f))."""

    id: Id
    record: str = Field(description="The record type, e.g. `Registration forms`.")
    description: Markdown | None = None
    categories: tuple[CategoryId, ...] = ()
    kind: RetentionKind = Field(
        default="fixed",
        description="`fixed` (the period), `maximum` (up to the period) or `until-event` "
        "(until the event in `until`).",
    )
    period: str | None = Field(default=None, description="ISO 8601 duration, e.g. `P25Y`.")
    trigger: RetentionTrigger | None = Field(
        default=None, description="The event the period runs from."
    )
    start_event: str | None = Field(
        default=None,
        description="The event the period runs from, in words, when no `trigger` fits, e.g. "
        "`the end of the child's care order`.",
    )
    until: str | None = Field(
        default=None,
        description="For `kind: until-event`: the event, in words, e.g. "
        "`the child's 25th birthday`.",
    )
    subject: SubjectId | None = Field(
        default=None,
        description="Whose birth, death or other event the period runs from or to: a subject "
        "id (e.g. `children`).",
    )
    criteria: Markdown | None = Field(
        default=None,
        description="How the period is decided: the criteria when there is no period, or "
        "why it may be longer or shorter. Always shown in the notice.",
    )
    authority: Citation | None = Field(
        default=None,
        description="The law or policy that sets the period: a citation "
        "(`Limitation Act 1980 s2`), or the policy's name and reference.",
    )
    authority_kind: AuthorityKind = Field(
        default="statute",
        description="`statute` (the authority is a legal citation, checked and linked) or "
        "`policy` (the organisation's own policy or schedule, shown as written).",
    )
    disposal: Disposal | None = None
    security: Markdown | None = None
    location: str | None = None

    @field_validator("period")
    @classmethod
    def _iso_duration(cls, value: str | None) -> str | None:
        if value is not None and not ISO_DURATION.match(value):
            raise ValueError(
                f"{value!r} is not an ISO 8601 duration in years, months, weeks or days "
                "(e.g. P6Y, P18M, P25Y)"
            )
        return value


class RetentionPolicy(Model):
    """The organisation's retention statement and policy document."""

    statement: Markdown | None = None
    document: Url | None = None
    adheres: bool | None = Field(
        default=None, description="Data is retained and erased per the policy (Sch 1 para 41)."
    )
    reasons: Markdown | None = Field(default=None, description="Why not, where it does not.")
    overseen_by: str | None = None


class SecurityMeasure(Model):
    """A technical or organisational security measure (Art 30(1)(g))."""

    id: Id
    description: Markdown


# --------------------------------------------------------------------------- transfers


TransferMechanism = Literal[
    "uk-regulations",
    "idta",
    "addendum",
    "binding-corporate-rules",
    "public-body-instrument",
    "code-of-conduct",
    "certification",
    "derogation-explicit-consent",
    "derogation-contract",
    "derogation-contract-in-interest",
    "derogation-public-interest",
    "derogation-legal-claims",
    "derogation-vital-interests",
    "derogation-public-register",
    "compelling-legitimate-interests",
]


class Transfer(Model):
    """A transfer of personal data outside the UK (Art 13(1)(f), 44A–49).

    `mechanism` takes one or more of: `uk-regulations` (UK adequacy regulations, DPA 2018
    s 17A and, since 5 February 2026, Art 45A: "adequacy" in a UK notice means these, not
    an EU adequacy decision), `idta` (the UK International Data Transfer Agreement),
    `addendum` (the UK Addendum to the EU standard contractual clauses),
    `binding-corporate-rules`, other Art 46 safeguards, or an Art 49 derogation. Several
    mechanisms are alternatives ("the IDTA or UK adequacy regulations").
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "recipient": "cloud-hosting",
                    "country": "US",
                    "mechanism": ["uk-regulations", "idta"],
                    "copy_available_at": "https://www.example.gov.uk/privacy/safeguards",
                },
                {
                    "recipient": "survey-tool",
                    "region": "outside the UK",
                    "mechanism": "idta",
                    "copy_how": "Ask our Data Protection Officer for a copy.",
                },
            ]
        }
    )

    recipient: RecipientId
    country: CountryOrUnknown | None = Field(
        default=None, description="The country (ISO code), or `unknown`; or give `region`."
    )
    region: str | None = Field(
        default=None, description="Where, when only a region is known: e.g. `outside the UK`."
    )
    mechanism: TransferMechanism | tuple[TransferMechanism, ...] | None = Field(
        default=None,
        description="The transfer mechanism, or a list of alternatives (see above).",
    )
    safeguard: str | None = None
    copy_available_at: Url | None = Field(
        default=None, description="Where a copy of the safeguards is available (Art 13(1)(f))."
    )
    copy_how: Markdown | None = Field(
        default=None, description="How to get a copy of the safeguards, when not at an address."
    )

    @property
    def mechanisms(self) -> tuple[str, ...]:
        """Every mechanism given (alternatives), in the map's order."""
        if self.mechanism is None:
            return ()
        return (self.mechanism,) if isinstance(self.mechanism, str) else self.mechanism

    @property
    def where(self) -> str:
        """The country code, else the region, else `unknown`."""
        if self.country and self.country != UNKNOWN:
            return self.country
        return self.region or UNKNOWN


class Transfers(Model):
    """Transfers abroad, or an explicit statement that there are none."""

    none: bool = Field(default=False, description="Asserts that no data leaves the UK.")
    statement: Markdown | None = Field(default=None, description="The wording as published.")
    items: tuple[Transfer, ...] = ()


# --------------------------------------------------------------------------- complaints


class Complaints(Model):
    """How to complain about the controller's use of personal data.

    To the controller first: since 19 June 2026 controllers must facilitate complaints
    and acknowledge them within 30 days (DPA 2018 ss 164A-164B, inserted by DUAA 2025
    s 103). Then to the Information Commissioner (UK GDPR Art 77, Art 13(2)(d)); and the
    right to go to court (Art 79).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "contacts": ["information-governance"],
                    "form": "https://www.example.gov.uk/complaints",
                    "acknowledgement": "We acknowledge every complaint within 30 days.",
                    "court": "You can also ask a court to enforce your rights.",
                }
            ]
        }
    )

    contacts: tuple[ContactId, ...] = Field(
        default=(),
        description="Contact ids that take complaints (default: contacts with role `complaints`).",
    )
    form: Url | None = Field(default=None, description="An online complaint form.")
    how: Markdown | None = Field(default=None, description="How to complain, as published.")
    acknowledgement: Markdown | None = Field(
        default=None, description="What the notice says about acknowledging complaints."
    )
    regulator: Markdown | None = Field(
        default=None,
        description="The right to complain to the Information Commissioner (Art 77), as "
        "published; the ICO's contact details come from `supervisory_authority`.",
    )
    court: Markdown | None = Field(
        default=None,
        description="The right to an effective judicial remedy (Art 79), as published.",
    )

    @property
    def route(self) -> bool:
        """A way to complain to the controller is given (form, text or contacts)."""
        return bool(self.contacts or self.form or (self.how and self.how.strip()))


# --------------------------------------------------------------------------- rights


class RightEntry(Model):
    """A right as the notice states it; which rights apply is derived from the bases."""

    right: str = Field(description="Right id, e.g. `access`, `object`, `portability`.")
    wording: Markdown | None = Field(default=None, description="The wording as published.")
    how: Markdown | None = Field(default=None, description="How to exercise it.")

    @field_validator("right")
    @classmethod
    def _known_right(cls, value: str) -> str:
        if law.right(value) is None:
            choices = ", ".join(r.id for r in law.rights())
            raise ValueError(f"unknown right {value!r}; expected one of: {choices}")
        return value


class RightsRequests(Model):
    """How to make a rights request."""

    contact: ContactId | None = Field(default=None, description="Contact id that handles requests.")
    how: Markdown | None = None
    identity: Markdown | None = Field(default=None, description="What proof of identity is asked.")


class RequirementToProvide(Model):
    """Art 13(2)(e): whether providing the data is required, and the consequences."""

    statutory: bool | None = None
    contractual: bool | None = None
    obliged: bool | None = Field(
        default=None, description="Whether people are obliged to provide the data."
    )
    statement: Markdown | None = None
    consequences: Markdown | None = Field(
        default=None, description="The possible consequences of not providing the data."
    )


# --------------------------------------------------------------------------- evidence


EvidenceKind = Literal[
    "dpia",
    "appropriate-policy-document",
    "legitimate-interests-assessment",
    "data-sharing-agreement",
    "policy",
    "other",
]


class Evidence(Model):
    """A document that backs the map: DPIA, appropriate policy document, LIA..."""

    id: Id
    kind: EvidenceKind
    title: str
    link: Url | None = None
    date: dt.date | None = None


class Statute(Model):
    """An instrument not in the built-in catalogue, so that it can be cited."""

    id: Id
    title: str
    year: StrictInt
    chapter: str | None = None
    kind: Literal["act", "statutory-instrument", "statutory-guidance", "other"] = "act"
    url: Url | None = None
    aliases: tuple[str, ...] = ()


class Waiver(Model):
    """A reviewed finding allowed to pass the gate; it stays visible in every output."""

    rule: str = Field(pattern=RULE_PATTERN)
    subject: str = Field(
        description="The finding's subject id as `privacymap check` reports it, e.g. "
        "`flow:a->b`. For a rule that is not locked it may be a pattern (`*`, `?`, `[...]`, "
        "as fnmatch) matching several; a locked rule's waiver names one exact subject."
    )
    justification: str = Field(min_length=10)
    approver: str
    expires: dt.date = Field(
        description="The last day the waiver applies: at most one year after the check date "
        "(`waiver_horizon_days` in privacymap.toml)."
    )


# --------------------------------------------------------------------------- the map


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
