"""Each kind of change, applied to the Lancashire map one at a time and combined, is
classified as the law requires, with its legal reason; renamed ids are editorial."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import privacymap
from privacymap.changes import Classification, Diff
from privacymap.model import (
    Category,
    Collection,
    Disclosure,
    Purpose,
    Recipient,
    RightEntry,
    Source,
    Transfer,
    Transfers,
)
from tests.changes.support import (
    Edit,
    Expect,
    activity,
    apply,
    changed,
    rebuilt,
    without,
    write_map,
)
from tests.conftest import LANCASHIRE, REPO

FIRST = "material-tell-first"
TELL = "material-tell"
EDIT = "editorial"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def base() -> privacymap.DataMap:
    return privacymap.load(LANCASHIRE)


def run(old: privacymap.DataMap, new: privacymap.DataMap) -> Diff:
    return privacymap.diff(old, new, today=TODAY)


# --------------------------------------------------------------------------- edits


def new_purpose(dm: privacymap.DataMap) -> privacymap.DataMap:
    purpose = Purpose(id="service-promotion", name="Promote other council services to families")
    registration = activity(dm, "registration")
    return rebuilt(
        dm,
        purposes=(*dm.purposes, purpose),
        activities=changed(
            dm.activities, "registration", purposes=(*registration.purposes, "service-promotion")
        ),
    )


def new_activity(dm: privacymap.DataMap) -> privacymap.DataMap:
    template = activity(dm, "registration")
    extra = template.model_copy(
        update={"id": "holiday-activities", "name": "Holiday activities", "retention": ()}
    )
    return rebuilt(dm, activities=(*dm.activities, extra))


def new_category(dm: privacymap.DataMap) -> privacymap.DataMap:
    category = Category(id="bank-details", name="Bank details")
    registration = activity(dm, "registration")
    return rebuilt(
        dm,
        categories=(*dm.categories, category),
        activities=changed(
            dm.activities, "registration", categories=(*registration.categories, "bank-details")
        ),
    )


def category_becomes_special(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(
        dm, categories=changed(dm.categories, "education-information", special=("health",))
    )


def category_becomes_criminal(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(
        dm, categories=changed(dm.categories, "education-information", criminal_offence=True)
    )


def new_recipient_of_health_data(dm: privacymap.DataMap) -> privacymap.DataMap:
    recipient = Recipient(
        id="dental-service", name="Community Dental Service", group="health", role="controller"
    )
    registration = activity(dm, "registration")
    flow = Disclosure.model_validate(
        {"to": "dental-service", "categories": ["personal-information", "characteristics"]}
    )
    return rebuilt(
        dm,
        recipients=(*dm.recipients, recipient),
        activities=changed(
            dm.activities, "registration", discloses=(*registration.discloses, flow)
        ),
    )


def recipient_gets_more(dm: privacymap.DataMap) -> privacymap.DataMap:
    """Researchers, who received only personal information, now also get characteristics."""
    research = activity(dm, "service-evaluation-and-research")
    discloses = tuple(
        d.model_copy(update={"categories": ("personal-information", "characteristics")})
        for d in research.discloses
    )
    return rebuilt(
        dm,
        activities=changed(dm.activities, "service-evaluation-and-research", discloses=discloses),
    )


def known_recipient_in_another_activity(dm: privacymap.DataMap) -> privacymap.DataMap:
    """The MHCLG already receives characteristics from partner sharing; now also from
    Supporting Families (and no longer the generic personal data there)."""
    families = activity(dm, "supporting-families")
    discloses = tuple(
        d.model_copy(update={"categories": ("characteristics",)}) for d in families.discloses
    )
    return rebuilt(
        dm, activities=changed(dm.activities, "supporting-families", discloses=discloses)
    )


def new_transfer(dm: privacymap.DataMap) -> privacymap.DataMap:
    transfer = Transfer(recipient="dwp", country="US", mechanism="idta")
    return rebuilt(dm, transfers=Transfers(items=(transfer,)))


def new_source(dm: privacymap.DataMap) -> privacymap.DataMap:
    source = Source(id="gp-practices", name="Your GP practice", provides=("personal-information",))
    registration = activity(dm, "registration")
    collection = Collection.model_validate({"from": "gp-practices"})
    return rebuilt(
        dm,
        sources=(*dm.sources, source),
        activities=changed(
            dm.activities, "registration", collects=(*registration.collects, collection)
        ),
    )


def longer_retention(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, retention=changed(dm.retention, "paper-records", period="P2Y"))


def shorter_retention(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, retention=changed(dm.retention, "paper-records", period="P6M"))


def changed_basis(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, activities=changed(dm.activities, "registration", bases=("public-task",)))


def changed_condition(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(
        dm, conditions=changed(dm.conditions, "substantial-public-interest", schedule1=(6,))
    )


def removed_right(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, rights=tuple(r for r in dm.rights if r.right != "portability"))


def removed_recipient(dm: privacymap.DataMap) -> privacymap.DataMap:
    activities = tuple(
        a.model_copy(
            update={
                "discloses": tuple(
                    d for d in a.discloses if d.recipient != "lancashire-fire-and-rescue"
                )
            }
        )
        for a in dm.activities
    )
    return rebuilt(
        dm, recipients=without(dm.recipients, "lancashire-fire-and-rescue"), activities=activities
    )


def removed_purpose(dm: privacymap.DataMap) -> privacymap.DataMap:
    registration = activity(dm, "registration")
    return rebuilt(
        dm,
        activities=changed(
            dm.activities,
            "registration",
            purposes=tuple(p for p in registration.purposes if p != "report-and-improve"),
        ),
    )


def controller_contact(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, controller=dm.controller.model_copy(update={"telephone": "01772 000000"}))


def dpo_contact(dm: privacymap.DataMap) -> privacymap.DataMap:
    assert dm.dpo is not None
    return rebuilt(dm, dpo=dm.dpo.model_copy(update={"email": "new.dpo@example.gov.uk"}))


def reworded(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(
        dm,
        purposes=changed(
            dm.purposes, "safe-and-well", description="To keep people safe in our buildings."
        ),
    )


def reordered(dm: privacymap.DataMap) -> privacymap.DataMap:
    return rebuilt(dm, recipients=tuple(reversed(dm.recipients)))


def renamed_category(dm: privacymap.DataMap) -> privacymap.DataMap:
    """`send` becomes `special-educational-needs` everywhere it is referred to."""

    def swap(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple("special-educational-needs" if i == "send" else i for i in ids)

    def flows(items: tuple, **_: object) -> tuple:  # type: ignore[type-arg]
        return tuple(f.model_copy(update={"categories": swap(f.categories)}) for f in items)

    return rebuilt(
        dm,
        categories=changed(dm.categories, "send", id="special-educational-needs"),
        sources=tuple(s.model_copy(update={"provides": swap(s.provides)}) for s in dm.sources),
        retention=tuple(
            r.model_copy(update={"categories": swap(r.categories)}) for r in dm.retention
        ),
        activities=tuple(
            a.model_copy(
                update={
                    "categories": swap(a.categories),
                    "collects": flows(a.collects),
                    "discloses": flows(a.discloses),
                }
            )
            for a in dm.activities
        ),
    )


def renamed_recipient(dm: privacymap.DataMap) -> privacymap.DataMap:
    """`dwp` becomes `department-for-work-and-pensions`, flows included."""
    new_id = "department-for-work-and-pensions"
    activities = tuple(
        a.model_copy(
            update={
                "discloses": tuple(
                    d.model_copy(update={"recipient": new_id}) if d.recipient == "dwp" else d
                    for d in a.discloses
                )
            }
        )
        for a in dm.activities
    )
    return rebuilt(dm, recipients=changed(dm.recipients, "dwp", id=new_id), activities=activities)


# --------------------------------------------------------------------------- cases

CASES: list[tuple[str, Edit, list[Expect]]] = [
    (
        "new purpose",
        new_purpose,
        [
            Expect("new-purpose", FIRST, "purposes", "service-promotion", "UK GDPR Art 5(1)(b)"),
            Expect("new-purpose", FIRST, "activities", "registration", "UK GDPR Art 13(3), 14(4)"),
        ],
    ),
    (
        "new activity",
        new_activity,
        [
            Expect(
                "new-activity",
                FIRST,
                "activities",
                "holiday-activities",
                "UK GDPR Art 13(1)(c), 14(1)(c)",
            ),
        ],
    ),
    (
        "new category",
        new_category,
        [
            Expect("new-category", FIRST, "categories", "bank-details", "UK GDPR Art 14(1)(d)"),
            Expect("new-category", FIRST, "activities", "registration", "UK GDPR Art 14(1)(d)"),
        ],
    ),
    (
        "new special category",
        category_becomes_special,
        [
            Expect(
                "new-special-category",
                FIRST,
                "categories",
                "education-information",
                "UK GDPR Art 9(1)-(2)",
            ),
        ],
    ),
    (
        "new criminal offence data",
        category_becomes_criminal,
        [
            Expect(
                "new-criminal-offence-data",
                FIRST,
                "categories",
                "education-information",
                "UK GDPR Art 10",
            ),
        ],
    ),
    (
        "new recipient of health data",
        new_recipient_of_health_data,
        [
            Expect(
                "new-recipient",
                FIRST,
                "recipients",
                "dental-service",
                "UK GDPR Art 13(1)(e), 14(1)(e)",
            ),
            Expect(
                "new-recipient",
                FIRST,
                "flows",
                "registration->dental-service",
                "UK GDPR Art 13(3), 14(4)",
            ),
        ],
    ),
    (
        "recipient gets new categories",
        recipient_gets_more,
        [
            Expect(
                "recipient-new-categories",
                FIRST,
                "flows",
                "service-evaluation-and-research->researchers",
                "UK GDPR Art 13(1)(e), 14(1)(e)",
            ),
        ],
    ),
    (
        "known recipient in another activity",
        known_recipient_in_another_activity,
        [
            Expect("flow-added", TELL, "flows", "supporting-families->mhclg"),
            Expect("recipient-fewer-categories", TELL, "flows", "supporting-families->mhclg"),
        ],
    ),
    (
        "new transfer abroad",
        new_transfer,
        [
            Expect("new-transfer", FIRST, "transfers", "dwp@US", "UK GDPR Art 13(1)(f), 14(1)(f)"),
            Expect("new-transfer", FIRST, "transfers", "transfers", "UK GDPR Art 44A"),
        ],
    ),
    (
        "new source",
        new_source,
        [
            Expect("new-source", FIRST, "sources", "gp-practices", "UK GDPR Art 14(2)(f)"),
            Expect("new-source", FIRST, "flows", "registration<-gp-practices", "UK GDPR Art 14(3)"),
        ],
    ),
    (
        "longer retention",
        longer_retention,
        [
            Expect(
                "longer-retention",
                FIRST,
                "retention",
                "paper-records",
                "UK GDPR Art 13(2)(a), 14(2)(a)",
            ),
        ],
    ),
    (
        "changed lawful basis",
        changed_basis,
        [
            Expect("changed-basis", FIRST, "activities", "registration", "UK GDPR Art 6(1)"),
            Expect("basis-dropped", TELL, "activities", "registration"),
        ],
    ),
    (
        "changed Schedule 1 condition",
        changed_condition,
        [
            Expect(
                "changed-basis",
                FIRST,
                "conditions",
                "substantial-public-interest",
                "UK GDPR Art 9(2), Art 10",
            ),
        ],
    ),
    (
        "removed right",
        removed_right,
        [
            Expect(
                "removed-right",
                FIRST,
                "rights",
                "portability",
                "UK GDPR Art 13(2)(b)-(c), 14(2)(c)-(d)",
            ),
        ],
    ),
    (
        "shorter retention",
        shorter_retention,
        [
            Expect(
                "shorter-retention",
                TELL,
                "retention",
                "paper-records",
                "UK GDPR Art 13(2)(a), 14(2)(a)",
            ),
        ],
    ),
    (
        "removed recipient",
        removed_recipient,
        [
            Expect(
                "removed-recipient",
                TELL,
                "recipients",
                "lancashire-fire-and-rescue",
                "UK GDPR Art 13(1)(e), 14(1)(e)",
            ),
        ],
    ),
    (
        "removed purpose",
        removed_purpose,
        [
            Expect(
                "removed-purpose",
                TELL,
                "activities",
                "registration",
                "UK GDPR Art 13(1)(c), 14(1)(c)",
            ),
        ],
    ),
    (
        "controller contact",
        controller_contact,
        [
            Expect(
                "controller-contact",
                TELL,
                "controller",
                "controller",
                "UK GDPR Art 13(1)(a), 14(1)(a)",
            ),
        ],
    ),
    (
        "DPO contact",
        dpo_contact,
        [
            Expect("dpo-contact", TELL, "dpo", "dpo", "UK GDPR Art 13(1)(b), 14(1)(b)"),
        ],
    ),
    ("wording", reworded, [Expect("wording", EDIT, "purposes", "safe-and-well")]),
    ("reordering", reordered, []),
    (
        "renamed category id",
        renamed_category,
        [
            Expect("renamed-id", EDIT, "categories", "special-educational-needs"),
        ],
    ),
    (
        "renamed recipient id",
        renamed_recipient,
        [
            Expect("renamed-id", EDIT, "recipients", "department-for-work-and-pensions"),
        ],
    ),
]


def _found(diff: Diff) -> set[tuple[str, str, str, str]]:
    return {(c.kind.id, c.classification.value, c.section, c.id) for c in diff.changes}


@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_change(
    name: str, edit: Edit, expected: list[Expect], base: privacymap.DataMap
) -> None:
    diff = run(base, edit(base))
    found = _found(diff)
    for expect in expected:
        key = (expect.kind, expect.classification, expect.section, expect.id)
        assert key in found, f"{name}: {key} not in {sorted(found)}"
        change = next(c for c in diff.changes if (c.kind.id, c.section, c.id) == key[:1] + key[2:])
        assert change.reason and change.what
        if expect.cites:
            assert expect.cites in change.references, (expect.cites, change.references)
    material = {e.classification for e in expected} - {EDIT}
    if not material:
        assert not diff.material, [f"{c.label}: {c.what}" for c in diff.material]
        assert diff.exit_code == 0
    else:
        assert diff.exit_code == 1
        worst = min(Classification(m).rank for m in material)
        assert min(c.classification.rank for c in diff.changes) == worst


def test_no_changes(base: privacymap.DataMap) -> None:
    diff = run(base, privacymap.load(LANCASHIRE))
    assert diff.changes == () and diff.exit_code == 0 and diff.findings == ()


def test_reordering_is_editorial_only(base: privacymap.DataMap) -> None:
    diff = run(base, reordered(base))
    assert diff.changes == () or {c.classification for c in diff.changes} == {
        Classification.EDITORIAL
    }


def test_renames_change_nothing_else(base: privacymap.DataMap) -> None:
    """Renaming an id rewrites every reference; none of them is reported as a change."""
    for edit, section, old_id, new_id in (
        (renamed_category, "categories", "send", "special-educational-needs"),
        (renamed_recipient, "recipients", "dwp", "department-for-work-and-pensions"),
    ):
        diff = run(base, edit(base))
        assert [(c.kind.id, c.section, c.id, c.old_id) for c in diff.changes] == [
            ("renamed-id", section, new_id, old_id)
        ]
        assert diff.exit_code == 0


def test_rename_with_a_real_change_is_detected_by_name(base: privacymap.DataMap) -> None:
    """A renamed id whose content also changed is matched by its name, and the change
    judged on its own: here the renamed category becomes special category data."""
    renamed = renamed_category(base)
    both = rebuilt(
        renamed,
        categories=changed(
            renamed.categories, "education-information", id="education", special=("health",)
        ),
    )
    # education-information is referred to elsewhere: only the category object is renamed,
    # so references to the old id would dangle; keep them pointing at the new id.
    moved = apply(
        both,
        lambda dm: rebuilt(
            dm,
            activities=tuple(
                a.model_copy(
                    update={
                        "categories": tuple(
                            "education" if c == "education-information" else c for c in a.categories
                        ),
                        "discloses": tuple(
                            d.model_copy(
                                update={
                                    "categories": tuple(
                                        "education" if c == "education-information" else c
                                        for c in d.categories
                                    )
                                }
                            )
                            for d in a.discloses
                        ),
                    }
                )
                for a in dm.activities
            ),
            sources=tuple(
                s.model_copy(
                    update={
                        "provides": tuple(
                            "education" if c == "education-information" else c for c in s.provides
                        )
                    }
                )
                for s in dm.sources
            ),
        ),
    )
    diff = run(base, moved)
    kinds = {(c.kind.id, c.id, c.old_id) for c in diff.changes if c.section == "categories"}
    assert ("renamed-id", "education", "education-information") in kinds
    assert ("new-special-category", "education", "education-information") in kinds
    assert ("renamed-id", "special-educational-needs", "send") in kinds


def test_combined_changes(base: privacymap.DataMap) -> None:
    """All the material edits at once: every one is still found, with its class."""
    left_out = (
        shorter_retention,
        renamed_category,
        renamed_recipient,
        known_recipient_in_another_activity,
    )
    edits = [edit for _, edit, expected in CASES if expected and edit not in left_out]
    diff = run(base, apply(base, *edits))
    found = _found(diff)
    for _, edit, expected in CASES:
        if edit not in edits:
            continue
        for expect in expected:
            assert (expect.kind, expect.classification, expect.section, expect.id) in found
    assert diff.exit_code == 1
    assert [c.classification.rank for c in diff.changes] == sorted(
        c.classification.rank for c in diff.changes
    )


def test_special_category_data_is_named(base: privacymap.DataMap) -> None:
    diff = run(base, new_recipient_of_health_data(base))
    flow = next(c for c in diff.changes if c.section == "flows")
    assert flow.sensitive == "data concerning health, racial or ethnic origin"
    assert flow.label == (
        "disclosure 'registration->dental-service' "
        "(Registration with CFW -> Community Dental Service)"
    )
    assert "for the first time" in flow.what


def test_derived_rights_follow_the_bases(base: privacymap.DataMap) -> None:
    """Replacing consent by public task everywhere takes away the rights consent gives:
    to withdraw it, and to data portability (derived from the bases, not the listed rights)."""
    activities = tuple(
        a.model_copy(
            update={
                "bases": tuple("public-task" if b == "consent" else b for b in a.bases),
                "conditions": tuple(c for c in a.conditions if c != "explicit-consent"),
            }
        )
        for a in base.activities
    )
    diff = run(base, rebuilt(base, activities=activities))
    removed = {c.id for c in diff.changes if c.kind.id == "removed-right"}
    assert {"withdraw-consent", "portability"} <= removed
    assert all(
        c.classification is Classification.TELL_FIRST
        for c in diff.changes
        if c.kind.id == "removed-right"
    )


def test_changes_name_locations_in_both_versions(base: privacymap.DataMap) -> None:
    """Loaded maps carry their file:line:col; a change to an existing object has both."""
    edited = privacymap.load(LANCASHIRE)
    diff = run(base, edited)
    assert diff.changes == ()
    diff = run(base, longer_retention(base))
    change = next(c for c in diff.changes if c.kind.id == "longer-retention")
    assert change.old_location is not None and change.old_location.file == "retention.yaml"
    assert change.new_location is None  # a map built in code has no files
    assert change.old_path == "retention[3].period" and change.new_path == "retention[3].period"
    assert change.old == "12 months" and change.new == "2 years"


def test_listed_rights_round_trip(base: privacymap.DataMap) -> None:
    restored = rebuilt(
        removed_right(base), rights=(*removed_right(base).rights, RightEntry(right="portability"))
    )
    diff = run(removed_right(base), restored)
    assert ("new-right", "material-tell", "rights", "portability") in _found(diff)


def test_the_suggested_entry_is_a_valid_changes_entry(base: privacymap.DataMap) -> None:
    import yaml

    from privacymap.model import ChangeEntry

    diff = run(base, apply(base, new_recipient_of_health_data, longer_retention, new_purpose))
    assert diff.suggested_entry is not None
    (entry,) = yaml.safe_load(diff.suggested_entry)
    parsed = ChangeEntry.model_validate(entry)
    assert parsed.date == TODAY and parsed.effective == TODAY
    assert (
        "We now share information with Community Dental Service, including data "
        "concerning health, racial or ethnic origin."
    ) in parsed.summary
    assert "We now keep Paper records for longer: 2 years (was 12 months)." in parsed.summary
    # a map with many changes gets a summary of plain length
    many = run(privacymap.load(REPO / "examples" / "family-support"), base)
    (long_entry,) = yaml.safe_load(many.suggested_entry or "")
    assert long_entry["summary"].count(". ") <= 12
    assert "more changes." in long_entry["summary"]


@pytest.fixture(scope="module")
def written_base(base: privacymap.DataMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_map(base, tmp_path_factory.mktemp("lancashire") / "old")


@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_exit_codes_on_the_command_line(
    name: str,
    edit: Edit,
    expected: list[Expect],
    base: privacymap.DataMap,
    written_base: Path,
    tmp_path: Path,
) -> None:
    """Each Lancashire-derived pair written as YAML: exit 1 when material, 0 when not."""
    from typer.testing import CliRunner

    from privacymap.cli import app

    new = write_map(edit(base), tmp_path / "new")
    result = CliRunner().invoke(app, ["diff", str(written_base), str(new), "-f", "json"])
    material = any(e.classification != EDIT for e in expected)
    assert result.exit_code == (1 if material else 0), result.output
    kinds = {c["kind"] for c in json.loads(result.stdout)["changes"]}
    assert {e.kind for e in expected} <= kinds


def test_fields_main_added_are_judged_in_law() -> None:
    """Whether people are obliged to provide data (Art 13(2)(e)) and the recognised
    legitimate interest relied on (Annex 1, Art 6(1)(ea)) are material, not record-keeping."""
    old = privacymap.load(REPO / "examples" / "family-support")
    assert old.requirement_to_provide is not None and old.lawful_bases
    obliged = rebuilt(
        old,
        requirement_to_provide=old.requirement_to_provide.model_copy(update={"obliged": True}),
    )
    (change,) = run(old, obliged).changes
    assert (change.kind.id, change.classification.value) == ("requirement-changed", TELL)
    basis = old.lawful_bases[0].model_copy(update={"annex1": (6,)})
    annex = rebuilt(old, lawful_bases=(basis, *old.lawful_bases[1:]))
    kinds = {(c.kind.id, c.classification.value) for c in run(old, annex).changes}
    assert ("changed-basis", FIRST) in kinds
