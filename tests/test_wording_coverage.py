"""Every value of every Literal in the model has wording in every output that shows it.

A new value (say a new retention trigger) must not make the notice raise a
KeyError or the ROPA drop it silently: each Literal field of the model is
listed here either with the wording tables that show it, or as shown as
written / not shown (with why), and each table must cover exactly its values.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from privacymap import model
from privacymap.notice import wording as notice
from privacymap.ropa import wording as ropa

WORDED: dict[str, tuple[tuple[str, typing.Iterable[str]], ...]] = {
    "Category.special": (("every output", model.SPECIAL_CATEGORY_NAMES),),
    "Contact.role": (("notice", notice.CONTACT_ROLES),),
    "CriminalOffenceCondition.route": (("notice", notice.ART10_ROUTES),),
    "Dpia.outcome": (("ropa", ropa.DPIA_OUTCOMES),),
    "FurtherProcessing.compatibility": (("ropa", ropa.FURTHER_GROUNDS),),
    "Recipient.role": (("notice", notice.RECIPIENT_ROLES),),
    "Disclosure.role": (("notice", notice.RECIPIENT_ROLES),),
    "GivenElsewhere.parts": (
        ("notice", notice.ELSEWHERE_PARTS),
        ("notice sections", notice.ELSEWHERE_SECTION),
    ),
    "Retention.trigger": (("notice", notice.TRIGGERS), ("ropa", ropa.TRIGGERS)),
    "Retention.disposal": (("notice", notice.DISPOSAL), ("ropa", ropa.DISPOSAL)),
    "Source.kind": (("notice", notice.SOURCE_KINDS), ("ropa", ropa.SOURCE_KINDS)),
    "Transfer.mechanism": (("notice", notice.MECHANISMS), ("ropa", ropa.MECHANISMS)),
}
"""Model field -> (output, the keys of its wording table) for each output that words it."""

AS_WRITTEN: dict[str, str] = {
    "Dpia.required": "the ROPA's DPIA column shows the value capitalised (Yes, No, Screening)",
    "Recipient.role": "the ROPA shows the role as written after the name, e.g. (processor)",
    "Recipient.kind": "the ROPA's Recipients sheet shows it as written",
    "JointController.kind": "not shown: it tells the rules that a category of organisations "
    "(e.g. the local authority your request is about) needs no contact details (PM630)",
    "Evidence.kind": "not shown: the rules read it (an appropriate policy document...)",
    "Statute.kind": "not shown: it tells the citation parser what kind of law it is",
    "Purpose.kind": "not shown by name: it decides which rights apply (the index), and the "
    "notice and the ROPA show those rights",
    "WithoutConsent.reason": "not shown yet: read by PM309 (see tests/test_field_coverage.py)",
    "Flow.categories": "`not-stated` is its one word: the notice shows CATEGORIES_NOT_STATED, "
    "the ROPA 'Not stated: ...' (tests/test_what.py)",
    "Collection.categories": "as Flow.categories",
    "Disclosure.categories": "as Flow.categories",
    "Retention.kind": "worded where the period is: 'Up to' for maximum, 'Until <event>' for "
    "until-event, nothing for fixed (tests/test_what.py)",
    "Retention.authority_kind": "decides how the authority is shown: a policy as written "
    "('Policy: ...' in the ROPA), a statute as a parsed, linked citation",
}
"""Literal fields no wording table covers, and why that is right."""


def literal_fields() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(Model.field, its values) for every field of the model whose type holds a Literal."""

    def literals(annotation: object) -> Iterator[tuple[str, ...]]:
        if typing.get_origin(annotation) is typing.Literal:
            yield typing.get_args(annotation)
        for argument in typing.get_args(annotation):
            yield from literals(argument)

    for name, cls in inspect.getmembers(model, inspect.isclass):
        if issubclass(cls, BaseModel) and cls.__module__.startswith(f"{model.__name__}."):
            for field, info in cls.model_fields.items():
                for values in literals(info.annotation):
                    yield f"{name}.{field}", values


FIELDS = dict(literal_fields())


def test_every_literal_field_is_accounted_for() -> None:
    assert len(FIELDS) >= 10  # the walk does find the model's Literals
    unlisted = sorted(set(FIELDS) - set(WORDED) - set(AS_WRITTEN))
    assert unlisted == [], "word these values in each output, or list them in AS_WRITTEN"
    assert sorted((set(WORDED) | set(AS_WRITTEN)) - set(FIELDS)) == []


@pytest.mark.parametrize(
    ("field", "output", "table"),
    [(field, output, table) for field, tables in WORDED.items() for output, table in tables],
)
def test_each_wording_table_covers_its_literal(
    field: str, output: str, table: typing.Iterable[str]
) -> None:
    values = set(FIELDS[field])
    keys = set(table)
    assert values - keys == set(), f"{output} has no wording for these {field} values"
    assert keys - values == set(), f"{output} words {field} values the model does not have"
