"""What is processed and where it goes: subjects, categories, sources, recipients."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
)

from privacymap.model.types import (
    CategoryId,
    EvidenceId,
    Id,
    Markdown,
    Model,
    RecipientGroupId,
    RecipientId,
    SpecialCategory,
    SubjectId,
    Url,
)


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
