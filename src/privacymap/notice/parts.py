"""The notice's view model: plain dataclasses, one per part of the page.

Everything a template shows is decided when these are built (`build`), so
templates only lay out. Text fields keep their kind: `str` is plain text
(escaped by the templates), fields named `*_md` are Markdown from the model
(rendered by the `md` filters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privacymap.law.urls import safe_url


@dataclass(frozen=True)
class LinkView:
    """Link text that makes sense on its own, and an address (None: shown as text).

    Only addresses `privacymap.law.urls` allows are kept (https, http, mailto,
    tel, genuinely relative), as a browser reads them; any other (javascript:,
    data:, //other-host, a host without https://) is dropped, leaving the text.
    """

    text: str
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url is not None:
            object.__setattr__(self, "url", safe_url(self.url))


@dataclass(frozen=True)
class CitationView:
    """A citation as written, with one link per cited provision that has an address."""

    text: str
    links: tuple[LinkView, ...] = ()


@dataclass(frozen=True)
class ContactView:
    heading: str
    lines: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    email: str | None = None
    telephone: str | None = None
    url: LinkView | None = None
    notes_md: str | None = None
    brief: bool = False
    """Already given in full in "Who we are": shown on one line, with a link there."""
    form: LinkView | None = None
    """An online contact form: a means of contact in its own right."""
    address_as: str | None = None
    """The heading of the contact, shown before this one, whose address this one shares
    (said in place of printing the same address again)."""


@dataclass(frozen=True)
class CategoryView:
    id: str
    name: str
    examples: tuple[str, ...] = ()
    description_md: str | None = None
    special: tuple[str, ...] = ()
    criminal_offence: bool = False
    about: tuple[str, ...] = ()
    """Whose data it is, when the map says (household members...)."""


@dataclass(frozen=True)
class BasisView:
    name: str
    article: str
    plain: str
    id: str = ""
    label: str = ""
    """Its name, told apart by its task when the map has two bases of the same kind."""
    anchor: str = ""
    """The id of its entry in "The law that lets us use your information"."""
    used_by: tuple[LinkView, ...] = ()
    """The activities that rely on it (links to them)."""
    law: tuple[CitationView, ...] = ()
    annex1: tuple[CitationView, ...] = ()
    """The UK GDPR Annex 1 conditions of a recognised legitimate interest (Art 6(5))."""
    task_md: str | None = None
    interests_md: str | None = None
    assessment: LinkView | None = None
    withdrawal_md: str | None = None
    wording_md: str | None = None


@dataclass(frozen=True)
class Schedule1View:
    number: int | None
    """None: the entry names no paragraph of Schedule 1 (PM310); `link` says so."""
    heading: str
    link: LinkView


@dataclass(frozen=True)
class ConditionView:
    name: str
    article: str
    plain: str
    schedule1: tuple[Schedule1View, ...] = ()
    law: tuple[CitationView, ...] = ()
    wording_md: str | None = None
    id: str = ""
    anchor: str = ""
    used_by: tuple[LinkView, ...] = ()
    law_as: LinkView | None = None
    label: str = ""
    """Set (and `law` left empty) when it relies on exactly the law listed under a basis."""


@dataclass(frozen=True)
class BasisRefView:
    """A basis or condition named in an activity: its name links to its one full entry."""

    link: LinkView
    detail: str
    """E.g. "Article 9(2)(g), DPA 2018 Sch 1 para 18"."""


@dataclass(frozen=True)
class ActivityView:
    id: str
    anchor: str
    name: str
    description_md: str | None
    uses_md: tuple[str, ...]
    subjects: tuple[str, ...]
    categories: tuple[CategoryView, ...]
    sources: tuple[str, ...]
    recipients: tuple[str, ...]
    bases: tuple[BasisView, ...]
    conditions: tuple[ConditionView, ...]
    criminal_offence_conditions: tuple[ConditionView, ...]
    consent_md: tuple[str, ...] = ()
    basis_refs: tuple[BasisRefView, ...] = ()
    """The Art 6 bases, then Art 9 and Art 10 conditions, as links to their entries."""
    purpose_items: tuple[PurposeView, ...] = ()
    """Its purposes not already said by its description and uses (shown after the uses)."""
    recipients_grouped: bool = False
    """`recipients` names a whole group of them (listed under the group in "sharing")."""


@dataclass(frozen=True)
class PurposeView:
    name: str
    description_md: str | None = None


@dataclass(frozen=True)
class SourceView:
    id: str
    name: str
    kind: str
    description_md: str | None
    form: str | None
    provides: tuple[CategoryView, ...]
    public: str | None = None


@dataclass(frozen=True)
class RecipientView:
    id: str
    name: str
    role: str | None
    examples: tuple[str, ...]
    description_md: str | None
    areas: str | None
    formerly: str | None
    country: str | None
    categories: tuple[str, ...]
    when_md: tuple[str, ...]
    engaged_by: str | None = None
    """For a sub-processor: the name of the processor that engages it."""
    independent_md: str | None = None
    """When it becomes an independent controller of its copy."""
    categories_added: bool = False
    """`categories` are what it gets beyond the usual information (said once above)."""


@dataclass(frozen=True)
class RecipientGroupView:
    name: str
    description_md: str | None
    recipients: tuple[RecipientView, ...]


@dataclass(frozen=True)
class SharingView:
    internal: tuple[RecipientGroupView, ...]
    external: tuple[RecipientGroupView, ...]
    conditions_md: tuple[str, ...]
    """The conditions of sharing with most recipients (said once, not per recipient)."""
    usual_categories: tuple[str, ...] = ()
    """What we share with most recipients; a recipient lists its own only when it differs."""
    categories_except: tuple[str, ...] = ()
    """The recipients `usual_categories` is not what they receive (named, not "most")."""
    conditions_except: tuple[str, ...] = ()
    """The recipients `conditions_md` does not describe."""


@dataclass(frozen=True)
class FlowRowView:
    origin: str
    target: str
    activity: str
    categories: tuple[str, ...]
    bases: tuple[str, ...]
    when_md: tuple[str, ...]
    activity_anchor: str = ""
    target_link: LinkView | None = None
    """Set when many recipients share one row: a link to the activity that lists them."""
    same_as_activity: LinkView | None = None
    """Set when the row carries exactly the activity's information and lawful bases:
    the table then links to the activity instead of repeating them."""


@dataclass(frozen=True)
class FlowsView:
    svg: str | None
    caption: str
    rows: tuple[FlowRowView, ...]
    full_size: LinkView | None = None
    """A link to the diagram as its own file, to open at full size on a phone."""


@dataclass(frozen=True)
class TransferView:
    recipient: str
    country: str
    mechanism: str
    safeguard: str | None
    copy: LinkView | None
    copy_md: str | None = None
    """How to get a copy of the safeguards, when not at an address."""


@dataclass(frozen=True)
class TransfersView:
    none: bool
    statement_md: str | None
    plain: str
    items: tuple[TransferView, ...]


@dataclass(frozen=True)
class RetentionRowView:
    record: str
    description_md: str | None
    period: str
    authority: CitationView | None
    security_md: str | None
    disposal: str | None
    categories: tuple[str, ...]
    criteria_md: str | None = None
    """How the period is decided, or why it may differ: shown even when a period is set."""


@dataclass(frozen=True)
class RetentionView:
    statement_md: str | None
    rows: tuple[RetentionRowView, ...]
    policy: LinkView | None
    reasons_md: str | None
    overseen_by: str | None


@dataclass(frozen=True)
class RightView:
    id: str
    name: str
    article: str
    description: str
    how: str
    how_md: str | None = None
    wording_md: str | None = None
    scope: str | None = None
    """Where the law gives the right to only some of what the notice describes: which."""


@dataclass(frozen=True)
class RightsView:
    rights: tuple[RightView, ...]
    object: RightView | None
    object_reason: str | None
    withdraw_consent: RightView | None
    contact: ContactView | None
    how_md: str | None
    identity_md: str | None
    missing: str | None = None
    """The gap shown where the map lists no rights (PM606)."""


@dataclass(frozen=True)
class AutomatedView:
    exists: bool
    plain: str
    description_md: str | None = None
    logic_md: str | None = None
    significance_md: str | None = None
    consequences_md: str | None = None
    safeguards_md: tuple[tuple[str, str], ...] = ()
    """(heading, how) of each Art 22C safeguard the map records."""
    profiling: str | None = None
    """Whether people are profiled, in plain words; None when the map does not say."""
    profiling_md: str | None = None


@dataclass(frozen=True)
class RequirementView:
    plain: tuple[str, ...]
    statement_md: str | None
    consequences_md: str | None


@dataclass(frozen=True)
class ComplaintsView:
    contacts: tuple[ContactView, ...]
    ico: ContactView
    ico_complaints: LinkView
    form: LinkView | None = None
    how_md: str | None = None
    acknowledgement_md: str | None = None
    regulator_md: str | None = None
    court_md: str | None = None


@dataclass(frozen=True)
class GlanceRow:
    key: str
    values: tuple[str, ...]
    more: LinkView
    md_anchor: str = ""
    """The anchor Markdown renderers give the section's heading (see `TocEntry.slug`)."""


@dataclass(frozen=True)
class FreeSection:
    id: str
    title: str
    body_md: str


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str

    @property
    def slug(self) -> str:
        """The anchor Markdown renderers (GitHub, GitLab) give the heading `title`."""
        text = re.sub(r"[^\w\- ]", "", self.title.lower())
        return text.replace(" ", "-")


@dataclass(frozen=True)
class ChangeView:
    """One entry of the notice's history, ready for the templates."""

    date: str
    iso_date: str
    summary_md: str
    effective: str | None = None
    iso_effective: str | None = None
    told_md: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class NoticeView:
    lang: str
    title: str
    service: str | None
    organisation: str
    caption: str | None
    """The service, shown above the title unless the title already names it."""
    logo: str | None
    draft: str | None
    introduction_md: str | None
    aims: tuple[str, ...]
    controller: ContactView
    dpo: ContactView | None
    contacts: tuple[ContactView, ...]
    glance: tuple[GlanceRow, ...]
    toc: tuple[TocEntry, ...]
    purposes: tuple[PurposeView, ...]
    activities: tuple[ActivityView, ...]
    special_categories: tuple[CategoryView, ...]
    categories: tuple[CategoryView, ...]
    """Every category of information, described once ("The information we use")."""
    lawful_bases: tuple[BasisView, ...]
    """Each Art 6 basis described once ("The law that lets us use your information")."""
    conditions: tuple[ConditionView, ...]
    criminal_offence_conditions: tuple[ConditionView, ...]
    sources: tuple[SourceView, ...]
    sharing: SharingView
    flows: FlowsView
    transfers: TransfersView
    retention: RetentionView
    security_md: tuple[str, ...]
    rights: RightsView
    automated: AutomatedView
    requirement: RequirementView | None
    complaints: ComplaintsView
    links: tuple[LinkView, ...]
    version: str
    last_updated: str
    next_review: str | None
    shown: frozenset[str]
    """The ids of the generated sections this notice has: the contents list and the
    templates both follow it, so a section is listed exactly when it is on the page."""
    after: dict[str, tuple[FreeSection, ...]] = field(default_factory=dict)
    """Free-text sections to place after the generated section with that id."""
    changes: tuple[ChangeView, ...] = ()
    """The notice's history ("Changes to this notice"), newest first."""
    joint: JointView | None = None
    """The joint controllers (Art 26), shown in "Who we are"."""
    elsewhere: dict[str, tuple[ElsewhereView, ...]] = field(default_factory=dict)
    """Parts given in another notice (layered notices), by the section they belong to."""
    usual_subjects: tuple[str, ...] = ()
    """Whom most activities are about, said once above them (an activity about others
    names its own)."""
    young_people: LinkView | None = None
    """The page for children and young people, when the build writes it (`young`)."""


@dataclass(frozen=True)
class ElsewhereView:
    """A part of the notice given in another notice (a layered notice): a link."""

    what: str
    link: LinkView


@dataclass(frozen=True)
class JointView:
    """The joint controllers (Art 26) and the essence of their arrangement (Art 26(2))."""

    sentence: str
    controllers: tuple[ContactView, ...]
    essence_md: str | None
    requests_md: str | None
    notice_md: str | None
    document: LinkView | None
    each: str
    """Art 26(3): people may use their rights against each controller."""
