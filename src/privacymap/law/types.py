"""Frozen value types of the legal catalogues.

Plain frozen dataclasses (not pydantic) so importing the law package stays
cheap and the values are safe to share and cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

InstrumentKind = Literal["act", "statutory-instrument", "retained-eu-law", "statutory-guidance"]
Nature = Literal["duty", "power", "exemption"]
Applicability = Literal["applies", "qualified", "does-not-apply"]
PurposeKind = Literal["direct-marketing", "research", "statistics", "archiving"]
"""Kinds of purpose the law treats specially (Art 21(2)-(3), 21(6), 84B)."""


@dataclass(frozen=True, slots=True)
class Art6Basis:
    """A UK GDPR Art 6(1) lawful basis."""

    id: str
    point: str
    article: str
    aliases: tuple[str, ...]
    name: str
    summary: str
    needs_law: bool
    needs_interests: bool
    needs_withdrawal: bool
    unavailable_to_public_authorities_for_tasks: bool
    in_force_from: dt.date | None
    dpv: str | None
    reference: str
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Art9Condition:
    """A UK GDPR Art 9(2) condition and the DPA 2018 Sch 1 Part it needs (s 10)."""

    id: str
    point: str
    article: str
    aliases: tuple[str, ...]
    name: str
    summary: str
    schedule1_part: int | None
    schedule1_paragraphs: tuple[int, ...]
    safeguards: str | None
    dpv: str | None
    reference: str


@dataclass(frozen=True, slots=True)
class Schedule1Paragraph:
    """A paragraph of DPA 2018 Sch 1; `condition` is False for para 5 and Part 4."""

    number: int
    part: int
    heading: str | None
    condition: bool
    apd_required: bool | None
    art10: bool | None
    reference: str
    heading_verified: bool = True
    summary: str | None = None
    apd_exception: str | None = None
    art10_via: int | None = None
    without_consent: tuple[str, ...] = ()
    without_consent_when: str | None = None
    without_consent_verified: bool = True
    notes: str | None = None

    @property
    def url(self) -> str:
        return f"https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/{self.number}"


@dataclass(frozen=True, slots=True)
class Annex1Paragraph:
    """A paragraph of UK GDPR Annex 1; `condition` is False for definitions (paras 4, 7)."""

    number: int
    condition: bool
    summary: str
    url: str


@dataclass(frozen=True, slots=True)
class Art10Route:
    """A route by which criminal offence data may be processed (Art 10)."""

    id: str
    name: str
    reference: str
    summary: str
    needs_law: bool
    schedule1_parts: tuple[int, ...]
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Right:
    """A data subject right and how it applies under each Art 6 basis.

    Under a basis the right applies (`applies_to`), applies with a
    qualification the notice must state (`qualified`: basis id -> reason), or
    does not apply (`not_applicable_reason` says why where the law says so).
    A right with `purpose_kinds` arises only for processing for purposes of
    those kinds (objection to direct marketing, Art 21(2); to research and
    statistics, Art 21(6)), whatever the basis.
    """

    id: str
    article: str
    name: str
    description: str
    how_to: str
    applies_to: tuple[str, ...]
    reference: str
    applies_to_art9: tuple[str, ...] = ()
    qualified: tuple[tuple[str, str], ...] = ()
    unverified_for: tuple[str, ...] = ()
    not_applicable_reason: tuple[tuple[str, str], ...] = ()
    purpose_kinds: tuple[str, ...] = ()
    condition: str | None = None
    exemptions: str | None = None
    presented_separately: bool = False

    def applicability(self, basis_id: str) -> Applicability:
        """Whether the right applies under this Art 6 basis (or Art 9 condition) id."""
        if basis_id in self.applies_to or basis_id in self.applies_to_art9:
            return "applies"
        if basis_id in dict(self.qualified):
            return "qualified"
        return "does-not-apply"

    def applies(self, basis_id: str) -> bool:
        """True where the right applies, fully or with a qualification."""
        return self.applicability(basis_id) != "does-not-apply"

    def qualification(self, basis_id: str) -> str | None:
        """Why the right is qualified under this basis, or None where it is not."""
        return dict(self.qualified).get(basis_id)


@dataclass(frozen=True, slots=True)
class ProvisionNote:
    """What the catalogue knows about one provision (e.g. s 115 is a power)."""

    path: str
    nature: Nature | None = None
    title: str | None = None
    note: str | None = None
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of statutory guidance."""

    year: int
    month: str | None = None
    url: str | None = None
    superseded_by: int | None = None
    chapters: tuple[tuple[str, str], ...] = ()

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None


@dataclass(frozen=True, slots=True)
class Instrument:
    """A statute, statutory instrument, retained EU law or statutory guidance."""

    id: str
    title: str
    kind: str
    year: int | None = None
    number: int | None = None
    legislation_type: str | None = None
    url: str | None = None
    aliases: tuple[str, ...] = ()
    verified: bool = True
    publisher: str | None = None
    notes: str | None = None
    editions: tuple[Edition, ...] = ()
    provisions: tuple[ProvisionNote, ...] = ()
    article_urls_verified: bool = True
    regnal: str | None = None

    @property
    def is_legislation(self) -> bool:
        return self.kind != "statutory-guidance"

    @property
    def legislation_path(self) -> str | None:
        """legislation.gov.uk path ("ukpga/2018/12", "ukpga/Eliz2/6-7/51"); None if unknown."""
        if not (self.legislation_type and self.number is not None and (self.regnal or self.year)):
            return None
        return f"{self.legislation_type}/{self.regnal or self.year}/{self.number}"

    @property
    def id_uri(self) -> str | None:
        """The legislation.gov.uk identifier URI (http://www.legislation.gov.uk/id/...)."""
        path = self.legislation_path
        return f"http://www.legislation.gov.uk/id/{path}" if path else None

    def edition(self, year: int) -> Edition | None:
        return next((e for e in self.editions if e.year == year), None)

    def provision_note(self, path: str) -> ProvisionNote | None:
        """Note for a provision path such as "section/115" or "part/1"."""
        return next((p for p in self.provisions if p.path == path), None)


@dataclass(frozen=True, slots=True)
class SupervisoryAuthority:
    """The supervisory authority a complaint can go to (Art 13(2)(d))."""

    id: str
    name: str
    short_name: str
    address: tuple[str, ...]
    postcode: str
    telephone: str
    website: str
    complaints_url: str
    reference: str
    verified: bool = False
