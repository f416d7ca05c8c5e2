"""Legal catalogues (UK GDPR Arts 6, 9, 10; DPA 2018 Sch 1; rights; statutes),
the statute-citation parser, and every legal fact the rules and outputs share
(Schedule 1 entries, basis and condition labels, periods in words): each once.

Pure data and lookups: no network, no heavy imports, so `privacymap check`
stays fast.
"""

from privacymap.law.catalogue import (
    AUTOMATED_DECISION_RIGHT,
    annex1_paragraph,
    annex1_paragraphs,
    art6_bases,
    art6_basis,
    art9_condition,
    art9_conditions,
    art10_routes,
    ico,
    instrument,
    instrument_from_statute,
    instruments,
    normalise_key,
    right,
    rights,
    rights_for_bases,
    schedule1_paragraph,
    schedule1_paragraphs,
)
from privacymap.law.citations import Citation, CitationError, Provision, parse_citation
from privacymap.law.labels import basis_label, basis_title, condition_label, condition_title
from privacymap.law.periods import period_days, period_in_words
from privacymap.law.schedule1 import NOT_SCHEDULE1, annex1_numbers, schedule1_numbers
from privacymap.law.types import (
    Annex1Paragraph,
    Applicability,
    Art6Basis,
    Art9Condition,
    Art10Route,
    Edition,
    Instrument,
    ProvisionNote,
    PurposeKind,
    Right,
    Schedule1Paragraph,
    SupervisoryAuthority,
)

__all__ = [
    "AUTOMATED_DECISION_RIGHT",
    "NOT_SCHEDULE1",
    "Annex1Paragraph",
    "Applicability",
    "Art6Basis",
    "Art9Condition",
    "Art10Route",
    "Citation",
    "CitationError",
    "Edition",
    "Instrument",
    "Provision",
    "ProvisionNote",
    "PurposeKind",
    "Right",
    "Schedule1Paragraph",
    "SupervisoryAuthority",
    "annex1_numbers",
    "annex1_paragraph",
    "annex1_paragraphs",
    "art6_bases",
    "art6_basis",
    "art9_condition",
    "art9_conditions",
    "art10_routes",
    "basis_label",
    "basis_title",
    "condition_label",
    "condition_title",
    "ico",
    "instrument",
    "instrument_from_statute",
    "instruments",
    "normalise_key",
    "parse_citation",
    "period_days",
    "period_in_words",
    "right",
    "rights",
    "rights_for_bases",
    "schedule1_numbers",
    "schedule1_paragraph",
    "schedule1_paragraphs",
]
