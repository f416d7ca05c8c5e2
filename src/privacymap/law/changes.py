"""The kinds of change the law distinguishes, each with its classification and reason.

This table is the one home of the legal judgement behind `privacymap diff`:
the comparison (`privacymap.changes`) only decides *which* kind a change is;
whether that kind must be brought to people's attention, and why, is read
from here.

The three classes follow the transparency duties of the UK GDPR:

- *material, tell people first*: processing people have not been told
  about. Art 13(3) and 14(4) require the information before processing for
  a new purpose starts, and purpose limitation (Art 5(1)(b)) and fairness
  and transparency (Art 5(1)(a)) extend that to any new use people would
  not expect; the kinds here add a purpose, data, a recipient, a source, a
  transfer, a longer period, another lawful basis, or take a right away.
- *material, tell people*: the information Arts 13 and 14 require changes,
  but nothing new is done with the data (shorter retention, a recipient or
  purpose dropped, a new contact address).
- *editorial*: wording, order and identifiers; nothing people are told changes
  in substance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Classification(StrEnum):
    """How much a change matters in law, most serious first."""

    TELL_FIRST = "material-tell-first"
    TELL = "material-tell"
    EDITORIAL = "editorial"

    @property
    def material(self) -> bool:
        return self is not Classification.EDITORIAL

    @property
    def rank(self) -> int:
        return {"material-tell-first": 0, "material-tell": 1, "editorial": 2}[self.value]

    @property
    def heading(self) -> str:
        return HEADINGS[self]


HEADINGS = {
    Classification.TELL_FIRST: "Material: tell people before the processing starts",
    Classification.TELL: "Material: tell people",
    Classification.EDITORIAL: "Editorial",
}


@dataclass(frozen=True)
class Kind:
    """One kind of change: its class, a short title and the legal reason for the class."""

    id: str
    classification: Classification
    title: str
    reason: str
    references: tuple[str, ...]


FIRST = Classification.TELL_FIRST
TELL = Classification.TELL
EDIT = Classification.EDITORIAL

ART_13_3 = "UK GDPR Art 13(3), 14(4)"

KINDS: tuple[Kind, ...] = (
    # ----------------------------------------------------------------- tell people first
    Kind(
        "new-purpose",
        FIRST,
        "A new purpose",
        "Processing for a purpose people were not told about must be announced before it "
        "starts, with the information on that purpose, and must be compatible with the "
        "purposes the data was collected for.",
        ("UK GDPR Art 5(1)(b)", ART_13_3, "UK GDPR Art 13(1)(c), 14(1)(c)"),
    ),
    Kind(
        "new-activity",
        FIRST,
        "A new processing activity",
        "A new processing activity is a new use of personal data: its purposes and lawful "
        "basis must be in the notice before it starts.",
        (
            "UK GDPR Art 5(1)(a)-(b)",
            ART_13_3,
            "UK GDPR Art 13(1)(c), 14(1)(c)",
            "UK GDPR Art 30(1)(b)",
        ),
    ),
    Kind(
        "new-category",
        FIRST,
        "A new category of personal data",
        "People must be told which categories of data are obtained about them, and data not "
        "announced before is a use they were not told about.",
        ("UK GDPR Art 14(1)(d)", "UK GDPR Art 5(1)(a)", ART_13_3, "UK GDPR Art 30(1)(c)"),
    ),
    Kind(
        "new-special-category",
        FIRST,
        "A new special category of personal data",
        "Special category data may be processed only under an Art 9(2) condition (with a "
        "DPA 2018 Schedule 1 condition where s 10 requires one); people must be told about "
        "it before it is processed.",
        ("UK GDPR Art 9(1)-(2)", "DPA 2018 s 10", "UK GDPR Art 14(1)(d)", ART_13_3),
    ),
    Kind(
        "new-criminal-offence-data",
        FIRST,
        "New criminal offence data",
        "Criminal offence data may be processed only under official authority or a DPA 2018 "
        "Schedule 1 condition; people must be told about it before it is processed.",
        ("UK GDPR Art 10", "DPA 2018 s 10(5)", "UK GDPR Art 14(1)(d)", ART_13_3),
    ),
    Kind(
        "new-subjects",
        FIRST,
        "Data about new groups of people",
        "People whose data is processed for the first time have the right to be told before "
        "or when it is obtained.",
        ("UK GDPR Art 13(1), 14(1), 14(3)", "UK GDPR Art 30(1)(c)"),
    ),
    Kind(
        "new-recipient",
        FIRST,
        "A new recipient",
        "Recipients are part of what people must be told; disclosing to someone new is a "
        "new use that must be announced before it starts.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 5(1)(a)", ART_13_3, "UK GDPR Art 30(1)(d)"),
    ),
    Kind(
        "recipient-new-categories",
        FIRST,
        "A recipient receives more data",
        "A recipient receiving categories of data it did not receive before is a new "
        "disclosure people were not told about.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 5(1)(a)", ART_13_3),
    ),
    Kind(
        "new-transfer",
        FIRST,
        "A new transfer outside the UK",
        "A transfer abroad must be announced with its safeguards and where to get a copy, "
        "and must meet the conditions of Chapter V before it happens.",
        ("UK GDPR Art 13(1)(f), 14(1)(f)", "UK GDPR Art 44A", ART_13_3, "UK GDPR Art 30(1)(e)"),
    ),
    Kind(
        "new-source",
        FIRST,
        "A new source of personal data",
        "Where data is not obtained from the person, they must be told where it comes from, "
        "within a month at the latest and before it is used to contact them or disclosed.",
        ("UK GDPR Art 14(2)(f)", "UK GDPR Art 14(3)", "UK GDPR Art 14(4)"),
    ),
    Kind(
        "source-new-categories",
        FIRST,
        "A source provides more data",
        "People must be told which categories of data are obtained about them and from "
        "where; data a source did not provide before is a use they were not told about.",
        ("UK GDPR Art 14(1)(d)", "UK GDPR Art 14(2)(f)", "UK GDPR Art 14(4)"),
    ),
    Kind(
        "longer-retention",
        FIRST,
        "Data kept for longer",
        "The retention period is part of what people are told; keeping data longer than "
        "announced is further processing people did not expect, and must still be no "
        "longer than necessary.",
        ("UK GDPR Art 13(2)(a), 14(2)(a)", "UK GDPR Art 5(1)(e)", ART_13_3),
    ),
    Kind(
        "changed-basis",
        FIRST,
        "A changed lawful basis or condition",
        "People are told the lawful basis of each purpose, and the basis decides which "
        "rights they have; a different Art 6 basis, Art 9 condition, Schedule 1 condition "
        "or Art 10 route must be announced before the processing relies on it.",
        (
            "UK GDPR Art 6(1)",
            "UK GDPR Art 9(2), Art 10",
            "UK GDPR Art 13(1)(c), 14(1)(c)",
            ART_13_3,
        ),
    ),
    Kind(
        "removed-right",
        FIRST,
        "A right no longer offered",
        "The rights people have must be in the notice; a right that stops applying (or stops "
        "being offered) changes what people may do about processing already under way.",
        ("UK GDPR Art 13(2)(b)-(c), 14(2)(c)-(d)", "UK GDPR Arts 15-22", ART_13_3),
    ),
    Kind(
        "new-automated-decisions",
        FIRST,
        "New automated decision-making",
        "People must be told of decisions made by automated means alone, the logic involved "
        "and the consequences, before such decisions are made about them.",
        ("UK GDPR Art 13(2)(f), 14(2)(g)", "UK GDPR Arts 22A-22D", ART_13_3),
    ),
    # ----------------------------------------------------------------- tell people
    Kind(
        "shorter-retention",
        TELL,
        "Data kept for a shorter time",
        "The retention period people were told has changed; the notice must say the new one.",
        ("UK GDPR Art 13(2)(a), 14(2)(a)",),
    ),
    Kind(
        "retention-changed",
        TELL,
        "Retention information changed",
        "The retention information people are given has changed in a way that cannot be "
        "compared automatically (criteria, disposal, authority); the notice must say the "
        "new one, and a reviewer must judge whether data is now kept longer.",
        ("UK GDPR Art 13(2)(a), 14(2)(a)", "UK GDPR Art 5(1)(e)"),
    ),
    Kind(
        "removed-recipient",
        TELL,
        "A recipient removed",
        "The recipients people were told about have changed.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 30(1)(d)"),
    ),
    Kind(
        "recipient-fewer-categories",
        TELL,
        "A recipient receives less data",
        "What is disclosed to a recipient has changed; the notice must match it.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)",),
    ),
    Kind(
        "recipient-changed",
        TELL,
        "A recipient's role or kind changed",
        "How a recipient handles the data (our processor, a controller in its own right, "
        "inside the organisation) is part of the information on recipients.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 28"),
    ),
    Kind(
        "removed-purpose",
        TELL,
        "A purpose or activity removed",
        "The purposes people were told about have changed.",
        ("UK GDPR Art 13(1)(c), 14(1)(c)", "UK GDPR Art 30(1)(b)"),
    ),
    Kind(
        "removed-data",
        TELL,
        "Less personal data processed",
        "The categories of data, or the people they are about, have changed; the notice and "
        "the record of processing must match.",
        ("UK GDPR Art 14(1)(d)", "UK GDPR Art 30(1)(c)"),
    ),
    Kind(
        "flow-added",
        TELL,
        "A known recipient or source in a further activity",
        "A recipient or source people were already told about, with the same data, now "
        "also serves another activity; the information on recipients and sources is "
        "unchanged but what each activity shares is not.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 14(2)(f)", "UK GDPR Art 30(1)(d)"),
    ),
    Kind(
        "flow-removed",
        TELL,
        "A flow ended",
        "An activity no longer receives data from a source or discloses it to a recipient.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 14(2)(f)"),
    ),
    Kind(
        "flow-conditions",
        TELL,
        "The conditions on a flow changed",
        "When data is shared is part of what people are told about recipients; a condition "
        "removed or loosened means data may be shared in cases people were not told about.",
        ("UK GDPR Art 13(1)(e), 14(1)(e)", "UK GDPR Art 5(1)(a)"),
    ),
    Kind(
        "removed-source",
        TELL,
        "A source no longer used",
        "The sources people were told about have changed.",
        ("UK GDPR Art 14(2)(f)",),
    ),
    Kind(
        "source-changed",
        TELL,
        "A source's description changed",
        "Whether a source is the person, another organisation or publicly accessible is part "
        "of the information on sources.",
        ("UK GDPR Art 14(2)(f)",),
    ),
    Kind(
        "transfer-changed",
        TELL,
        "A transfer ended or its safeguards changed",
        "People are told of transfers abroad and the safeguards relied on.",
        ("UK GDPR Art 13(1)(f), 14(1)(f)", "UK GDPR Art 30(1)(e)"),
    ),
    Kind(
        "basis-law-changed",
        TELL,
        "The law relied on changed",
        "For a legal obligation or a public task the basis must be laid down by law; the law "
        "people are told the processing rests on has changed.",
        ("UK GDPR Art 6(3)", "UK GDPR Art 13(1)(c), 14(1)(c)"),
    ),
    Kind(
        "basis-detail-changed",
        TELL,
        "What a lawful basis says changed",
        "The legitimate interests pursued, or how to withdraw consent, are information "
        "people must be given with the basis.",
        ("UK GDPR Art 13(1)(d), 14(2)(b)", "UK GDPR Art 7(3), 13(2)(c), 14(2)(d)"),
    ),
    Kind(
        "basis-dropped",
        TELL,
        "A lawful basis or condition no longer relied on",
        "The lawful bases people were told about have changed, and with them possibly "
        "the rights that apply.",
        ("UK GDPR Art 13(1)(c), 14(1)(c)", "UK GDPR Art 13(2)(b), 14(2)(c)"),
    ),
    Kind(
        "new-right",
        TELL,
        "A right now offered",
        "The rights people have must be in the notice.",
        ("UK GDPR Art 13(2)(b)-(c), 14(2)(c)-(d)",),
    ),
    Kind(
        "automated-decisions-changed",
        TELL,
        "Automated decision-making changed or ended",
        "Information on automated decisions is part of what people are told.",
        ("UK GDPR Art 13(2)(f), 14(2)(g)",),
    ),
    Kind(
        "requirement-changed",
        TELL,
        "Whether people must provide data changed",
        "People must be told whether providing data is a statutory or contractual "
        "requirement, and the consequences of not providing it.",
        ("UK GDPR Art 13(2)(e)",),
    ),
    Kind(
        "controller-contact",
        TELL,
        "The controller's identity or contact details changed",
        "People must be given the controller's identity and contact details.",
        ("UK GDPR Art 13(1)(a), 14(1)(a)",),
    ),
    Kind(
        "dpo-contact",
        TELL,
        "The data protection officer's contact details changed",
        "People must be given the contact details of the data protection officer.",
        ("UK GDPR Art 13(1)(b), 14(1)(b)",),
    ),
    Kind(
        "rights-contact",
        TELL,
        "How to use rights or complain changed",
        "People must be told how to exercise their rights and that they may complain to the "
        "Commissioner; the controller must facilitate both.",
        ("UK GDPR Art 12(2)", "UK GDPR Art 13(2)(b), (d), 14(2)(c), (e)"),
    ),
    # ----------------------------------------------------------------- editorial
    Kind(
        "renamed-id",
        EDIT,
        "An identifier renamed",
        "The object has the same content under a new id; identifiers are not published, so "
        "nothing people are told changes.",
        (),
    ),
    Kind(
        "wording",
        EDIT,
        "Wording",
        "Free text, names or descriptions changed; the facts recorded in the map (purposes, "
        "data, recipients, bases, periods) did not. Read the new wording to confirm.",
        (),
    ),
    Kind("reordered", EDIT, "Order", "The same items in a different order.", ()),
    Kind(
        "record-keeping",
        EDIT,
        "Records behind the notice",
        "Version numbers and dates, evidence, statutes, security measures, waivers and other "
        "record-keeping fields are not information Articles 13 and 14 require people to be "
        "given.",
        (),
    ),
    Kind(
        "restructured",
        EDIT,
        "Restructured with the same effect",
        "Where a fact is written changed (for example a basis moved from each flow to the "
        "activity), but what it resolves to did not.",
        (),
    ),
)
"""Every kind, most serious class first."""

KIND: dict[str, Kind] = {kind.id: kind for kind in KINDS}


def kind(kind_id: str) -> Kind:
    """The kind with this id; a KeyError is a programming error."""
    return KIND[kind_id]
