"""The notice's own wording: section titles, plain-words labels keyed by the model's
Literal values (tests/test_wording_coverage.py holds every value to a wording), and
small text helpers. Legal facts come from `privacymap.law`; only the words are here."""

from __future__ import annotations

from collections.abc import Iterable

from privacymap.model import PublishedDate
from privacymap.text import join_words

SECTIONS: tuple[tuple[str, str], ...] = (
    ("at-a-glance", "At a glance"),
    ("who-we-are", "Who we are"),
    ("aims", "What the service is for"),
    ("information", "The information we use"),
    ("sources", "Where your information comes from"),
    ("special-category", "More sensitive information"),
    ("purposes", "Why we use your information"),
    ("sharing", "Who we share your information with"),
    ("transfers", "Sending information outside the UK"),
    ("retention", "How long we keep your information"),
    ("security", "How we keep your information safe"),
    ("rights", "Your rights"),
    ("automated-decisions", "Decisions made by computer"),
    ("requirement", "Do you have to give us your information?"),
    ("complaints", "How to complain"),
    ("lawful-bases", "The law that lets us use your information"),
    ("flows", "How your information flows"),
    ("more-information", "More information"),
    ("about", "About this notice"),
    ("changes", "Changes to this notice"),
)
"""Generated sections: id (the anchor and the `after:` key) and heading."""

SECTION_TITLES = dict(SECTIONS)

CONTACT_ROLES = {
    "further-information": "For more information",
    "complaints": "Complaints",
    "rights-requests": "To use your rights",
    "data-protection": "Data protection",
    "other": "Contact",
}
SOURCE_KINDS = {
    "data-subject": "You",
    "third-party": "Another organisation or person",
    "internal": "Another part of our organisation",
    "publicly-accessible": "Publicly available information",
}
RECIPIENT_ROLES = {
    "internal": "Part of {org}",
    "processor": "Works for us and only uses the information as we instruct",
    "controller": "An organisation that decides for itself how to use the information",
    "joint-controller": "Decides with us how the information is used (joint controller)",
    "sub-processor": "Works for one of our processors and only uses the information as "
    "instructed (sub-processor)",
}
TRIGGERS = {
    "date-of-birth": "from the date of birth",
    "closure": "after the case is closed",
    "last-contact": "after our last contact with you",
    "creation": "from when the record was made",
    "death": "after death",
    "order-date": "from the date of the order",
    "end-of-year": "from the end of the year it relates to",
}
DISPOSAL = {
    "destroy": "Securely destroyed",
    "review": "Reviewed, then kept or destroyed",
    "archive": "Archived",
    "anonymise": "Anonymised",
    "transfer": "Transferred to an archive",
}
MECHANISMS = {
    "uk-regulations": "The UK has decided this country protects personal data well enough",
    "idta": "An International Data Transfer Agreement",
    "addendum": "The UK Addendum to the EU standard contractual clauses",
    "binding-corporate-rules": "Binding corporate rules",
    "public-body-instrument": "A legally binding agreement between public bodies",
    "code-of-conduct": "An approved code of conduct",
    "certification": "An approved certification",
    "derogation-explicit-consent": "Your explicit consent",
    "derogation-contract": "It is needed for a contract with you",
    "derogation-contract-in-interest": "It is needed for a contract in your interest",
    "derogation-public-interest": "Important reasons of public interest",
    "derogation-legal-claims": "Legal claims",
    "derogation-vital-interests": "To protect someone's life",
    "derogation-public-register": "It comes from a public register",
    "compelling-legitimate-interests": "Compelling legitimate interests",
}
COUNTRIES = {"GB": "United Kingdom"}
LOCATION_UNKNOWN = "We do not know where it holds your information"
UNKNOWN_PLACE = "Not known"
JOINT_EACH = (
    "Whatever our arrangement says, you can use your rights with each of us "
    "(UK GDPR Article 26(3))."
)
ELSEWHERE_PARTS = {
    "controller-contact": "Our contact details",
    "dpo": "Our Data Protection Officer",
    "joint-controllers": "Who we decide with, and our arrangement",
    "purposes": "Why we use your information",
    "lawful-bases": "The law that lets us use your information",
    "recipients": "Who we share your information with",
    "transfers": "Sending information outside the UK",
    "retention": "How long we keep your information",
    "rights": "Your rights and how to use them",
    "complaints": "How to complain",
    "automated-decisions": "Decisions made by computer",
    "requirement": "Whether you have to give us your information",
}
"""Parts of a layered notice given in another notice, as the link's lead-in."""
ELSEWHERE_SECTION = {
    "controller-contact": "who-we-are",
    "dpo": "who-we-are",
    "joint-controllers": "who-we-are",
    "purposes": "purposes",
    "lawful-bases": "lawful-bases",
    "recipients": "sharing",
    "transfers": "transfers",
    "retention": "retention",
    "rights": "rights",
    "complaints": "complaints",
    "automated-decisions": "automated-decisions",
    "requirement": "requirement",
}
"""The generated section each part belongs to (where its link is shown)."""
NOT_STATED = "not stated"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def once(items: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty items, each once, in first-seen order."""
    return tuple(dict.fromkeys(i for i in items if i))


def anchor(prefix: str, item_id: str) -> str:
    return f"{prefix}-{item_id}"


DIAGRAM_FILE = "notice-diagram.svg"
"""The overview diagram as its own file beside the page, linked from it (full size)."""
FLOW_TARGETS_MAX = 3
"""More recipients than this on one row of the flows table: link to the activity's list."""
GLANCE_CATEGORIES = 5
"""How many kinds of information, or records and their periods, "At a glance" names
before saying how many more there are."""
GLANCE_ITEMS = 10
"""How many uses, purposes, groups of information or of organisations, or complaint
contacts, a row of "At a glance" names before saying how many more there are: the first
layer stays one to two phone screens whatever the size of the map."""


ART10_ROUTES = {
    "official-authority": "We use information about criminal offences under the control of "
    "official authority, given to us by the law named here.",
    "schedule1": "The Data Protection Act 2018 allows us to use information about criminal "
    "offences when one of the conditions in its Schedule 1, named here, is met.",
}
"""UK GDPR Art 10 routes in plain words, for the public (the law's own summary is for DPOs)."""
RIGHTS_IN_SHORT = {
    "be-informed": "be told how we use it",
    "access": "get a copy",
    "rectification": "have mistakes corrected",
    "erasure": "have it deleted",
    "restriction": "have its use limited",
    "portability": "get it in a form you can reuse",
    "object": "object to how we use it",
    "object-direct-marketing": "stop us using it for marketing",
    "object-research": "object to us using it for research",
    "withdraw-consent": "take back your consent",
    "automated-decision-making": "have a person check a decision made by computer",
}
"""Each right as what the reader can do with their information ("it", after RIGHTS_LEAD),
in short common words, for the first layer: it names the right only (where the law
qualifies it, the detail below says so)."""
RIGHTS_LEAD = "You have rights over your information."
RIGHTS_PER_SENTENCE = 3
"""How many rights one first-layer sentence names: short sentences read more easily."""
RIGHT_LEAD = "You have the right "
"""Put back in front of a right's wording written as the rest of that sentence ("to object")."""
WITHOUT_CONSENT = {
    "erasure": "You can ask us to delete your information in some circumstances, for example "
    "if we no longer need it.",
}
"""Rights whose usual description gives withdrawing consent as an example: the words used
when no use relies on consent, so the notice does not offer what the map does not hold."""


def gap(rule: str | None = None) -> str:
    """What a page shows where the map is silent on something the law requires."""
    return f"Not stated in the data map — {rule}" if rule else "Not stated in the data map"


def labelled(name: str, text: str) -> str:
    """`name: the first sentence of text`: tells apart two bases of the same kind, in full
    (a cut heading reads as a mistake)."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return f"{name}: {first}"


def said(text: str, where: str) -> bool:
    """Whether `text` (whitespace and case aside, final full stop dropped) is already in `where`."""
    needle = " ".join(text.split()).casefold().rstrip(".")
    return bool(needle) and needle in " ".join(where.split()).casefold()


def restates(text: str | None, name: str) -> bool:
    """Whether `text` only says `name` again (whitespace, case and a final full stop
    aside): a description that adds nothing to the name it follows."""
    return bool(text) and said(text or "", name) and said(name, text or "")


def sentence(items: tuple[str, ...]) -> str:
    """Items as one sentence: "A, b and c." (first letters of later items kept)."""
    return join_words(list(items)) + "."


def caption(title: str, service: str | None) -> str | None:
    if not service:
        return None
    a, b = title.casefold(), service.casefold()
    return None if a in b or b in a else service


def address_lines(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    parts = text.splitlines() if "\n" in text.strip() else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def date_words(value: PublishedDate | None) -> str:
    """A published date as the map gives it ("1 March 2024", "March 2024"), or the gap."""
    return NOT_STATED if value is None else value.text


def draft_text(problems: int) -> str:
    return f"Draft — not for publication: {plural(problems, 'problem', 'problems')}"
