"""One voice, the map's (issue 17): every fixed sentence of the notice holds for the map it
is printed from, no internal marker reaches the page, and every published field does.

Each fixed sentence is listed with the condition on the model that must hold wherever the
sentence appears; the check runs on Lancashire (a draft), the examples, and a bare map
with no rights, no contacts, no retention and no automated-decision statement, where
most of the sentences would be false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import yaml

from privacymap import law
from privacymap.index import Index
from privacymap.model import Activity
from privacymap.notice import young_wording as yw
from privacymap.notice.wording import address_lines

from .conftest import FAMILY, JOINT, LANCASHIRE, REPO, Built, build_notice, squash

BARE_FROM = REPO / "tests" / "checks" / "fixtures" / "base.yaml"
EXAMPLES = {
    "lancashire": LANCASHIRE,
    "family": FAMILY,
    "tutorial": REPO / "examples" / "tutorial",
    "qualified": REPO / "examples" / "qualified-rights",
    "joint": JOINT,
}

Holds = Callable[[Index], bool]


def _rights(index: Index) -> set[str]:
    return {e.right for e in index.datamap.rights}


def _adm_exists(index: Index) -> bool | None:
    dm = index.datamap
    stated = [x for x in (dm.automated_decision_making,) if x] + [
        a.automated_decision_making for a in dm.activities if a.automated_decision_making
    ]
    return any(x.exists for x in stated) if stated else None


def _complaint_route(index: Index) -> bool:
    dm = index.datamap
    return dm.dpo is not None or any(c.role == "complaints" for c in dm.contacts)


def _subjects_vary(index: Index) -> bool:
    """Whether the activities are not all about the same people."""
    return len({tuple(a.subjects) for a in index.datamap.activities}) > 1


def _unused(index: Index) -> bool:
    used_bases = {b.id for a in index.datamap.activities for b in index.activity_bases(a)}
    used_bases |= {b.id for f in index.flows for b in f.bases}
    return any(b.id not in used_bases for b in index.datamap.lawful_bases) or bool(
        index.datamap.conditions or index.datamap.criminal_offence_conditions
    )


def _shared_address(index: Index) -> bool:
    """Whether two of the controller, the DPO and the contacts have the same address."""
    dm = index.datamap
    people = [dm.controller, *((dm.dpo,) if dm.dpo else ()), *dm.contacts]
    addresses = [address_lines(p.address) for p in people if p.address]
    return len(set(addresses)) < len(addresses)


FIXED: tuple[tuple[str, Holds], ...] = (
    ("Address: as for “", _shared_address),
    ("please tell us first so we can put it right", _complaint_route),
    ("We will reply within one month of receiving your request", lambda i: bool(_rights(i))),
    ("You can ask us in writing or by speaking to us", lambda i: bool(_rights(i))),
    ("You have rights over your information", lambda i: bool(_rights(i))),
    ("Unless a part says otherwise, the information is about", lambda i: _subjects_vary(i)),
    ("The information in every part is about", lambda i: not _subjects_vary(i)),
    ("The law gives you these rights over your information", lambda i: bool(_rights(i))),
    ("or our Data Protection Officer", lambda i: i.datamap.dpo is not None),
    ("We do not make decisions about you by computer alone", lambda i: _adm_exists(i) is False),
    ("We make some decisions about you by computer", lambda i: _adm_exists(i) is True),
    ("or you withdraw your consent", lambda i: "consent" in i.bases_in_use),
    (
        "We do not send your information to any country outside the UK",
        lambda i: bool(i.datamap.transfers and i.datamap.transfers.none),
    ),
    (
        "We send some information outside the UK",
        lambda i: bool(i.datamap.transfers and i.datamap.transfers.items),
    ),
    (
        "Keeping and disposing of records is overseen by",
        lambda i: bool(i.datamap.retention_policy and i.datamap.retention_policy.overseen_by),
    ),
    ("None of the uses described in this notice relies on this", _unused),
    ("The conditions we rely on to use it", lambda i: bool(i.conditions_in_use)),
    ("This right applies where we rely on", lambda i: bool(_rights(i))),
    (
        "so you have the right to object to it",
        lambda i: "object" in _rights(i) and "public-task" in i.bases_in_use,
    ),
    *(
        (right.name + " ", (lambda rid: lambda i: rid in _rights(i))(right.id))
        for right in law.rights()
        if not right.name.startswith("Right to object")
    ),
)
"""A fixed sentence (or the part of it that makes the claim) -> what the map must hold."""


def _young_uses(index: Index) -> list[Activity]:
    """The uses the young-people page has a card for: those naming the children, or none."""
    children = {s.id for s in index.child_readers}
    return [a for a in index.datamap.activities if not a.subjects or children & set(a.subjects)]


def _young_basis(basis: str) -> Holds:
    return lambda i: any(b.basis == basis for a in _young_uses(i) for b in i.activity_bases(a))


def _young_right(right: str) -> Holds:
    def holds(i: Index) -> bool:
        published = _rights(i)
        if right == law.AUTOMATED_DECISION_RIGHT and i.automated_decisions is not True:
            return False
        return right in published and any(
            right in {r.id for r in i.activity_rights(a)} for a in i.datamap.activities
        )

    return holds


def _no_disclosure(index: Index) -> bool:
    return any(
        not any(f.direction == "disclosure" for f in index.flows_of(a.id))
        for a in index.datamap.activities
    )


YOUNG_FIXED: tuple[tuple[str, Holds], ...] = (
    (yw.INTRODUCTION.split("{")[0], lambda i: bool(i.child_readers)),
    (yw.NO_RECIPIENT, _no_disclosure),
    (yw.RIGHTS_IN_FULL, lambda i: bool(_rights(i))),
    (yw.RETENTION_IN_FULL, lambda i: bool(i.datamap.retention)),
    (yw.USES_IN_FULL, lambda i: not _young_uses(i) and bool(i.datamap.activities)),
    (yw.RIGHTS_LEAD, lambda i: bool(_rights(i))),
    (yw.CONTACT_RIGHTS, lambda i: bool(_rights(i))),
    (yw.COMPLAIN_TO_US, _complaint_route),
    (yw.COMPLAIN_ICO, _complaint_route),
    *((sentence, _young_basis(basis)) for basis, sentence in yw.BASES.items()),
    *((what, _young_right(right)) for right, (_, what) in yw.RIGHTS.items()),
)
"""The young-people page's fixed sentences -> what the map must hold (the advice to talk
to an adult you trust and what the ICO is hold for any map)."""

NEVER = (
    "[V]",
    "As our published notice puts it",
    "Our published notice says",
    "s 10(5)",
    "para 36",
    "for a set time, shown in a table",
    "with most of the organisations",
    "The usual conditions above do not apply",
    "there is always meaningful human involvement",
    "A person is always involved",
    "We review this notice regularly",
    "…",
)
"""Internal markers and claims the library can never support from a map."""


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The checks' base map with no rights, contacts, retention, DPO or ADM statement."""
    data = yaml.safe_load(BARE_FROM.read_text(encoding="utf-8"))
    for key in ("rights", "rights_requests", "contacts", "retention", "dpo"):
        data.pop(key, None)
    data.pop("automated_decision_making", None)
    data["subjects"][0]["children"] = True  # so the young-people page is written, with gaps
    for activity in data["activities"]:
        activity.pop("retention", None)
    folder = tmp_path_factory.mktemp("bare")
    (folder / "datamap.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return build_notice(folder / "datamap.yaml", folder / "out")


@pytest.fixture(scope="module")
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, bare: Built
) -> dict[str, Built]:
    out = {"bare": bare}
    for name, root in EXAMPLES.items():
        if name == "lancashire":
            out[name] = request.getfixturevalue("lancashire")
        elif name in ("family", "joint"):
            out[name] = request.getfixturevalue(name)
        else:
            out[name] = build_notice(root, tmp_path_factory.mktemp(name) / "out")
    return out


NAMES = ["bare", *EXAMPLES]


@pytest.mark.parametrize("name", NAMES)
def test_every_fixed_sentence_holds_for_the_map(name: str, built: dict[str, Built]) -> None:
    b = built[name]
    for page, text in (("notice.html", b.text), ("notice.md", b.md_text)):
        false = [s for s, holds in FIXED if s in text and not holds(b.index)]
        assert not false, f"{name} {page} says what its map does not hold: {false}"
    false = [s for s, holds in YOUNG_FIXED if s in b.young_text and not holds(b.index)]
    assert not false, f"{name} notice-young-people.html says what its map does not hold: {false}"


def test_each_young_condition_is_false_for_some_map(built: dict[str, Built]) -> None:
    """Each condition fails for at least one map of the test set: it can catch a claim."""
    always = [s for s, holds in YOUNG_FIXED if all(holds(b.index) for b in built.values())]
    assert not always, always


@pytest.mark.parametrize("name", NAMES)
def test_no_internal_marker_or_raw_id(name: str, built: dict[str, Built]) -> None:
    b = built[name]
    visible_md = re.sub(r"<[^>]+>|\]\([^)]*\)", " ", b.md_text)  # no link targets, anchors
    pages = [("notice.html", b.text), ("notice.md", visible_md)]
    pages += [("notice-young-people.html", b.young_text)] if b.young else []
    for page, text in pages:
        found = [m for m in NEVER if m in text]
        assert not found, f"{name} {page}: {found}"
        words = set(_model_text(b.index))
        raw = [i for i in _ids(b.index) if re.search(rf"\b{re.escape(i)}\b", text)]
        raw = [i for i in raw if not any(i in w for w in words)]
        assert not raw, f"{name} {page} shows raw ids: {raw}"
    assert "<td>Always</td>" not in b.html  # a flow with no `when` is not "always"


def test_the_bare_map_shows_gaps_not_claims(built: dict[str, Built]) -> None:
    text = built["bare"].text
    assert "Not stated in the data map — PM606" in text  # no rights
    assert "Not stated in the data map — PM614" in text  # no ADM statement
    assert "Right of access" not in text and "one month" not in text
    assert "tell us first" not in text
    young = built["bare"].young_text
    assert "Not stated in the data map — PM606" in young  # no rights
    assert "Not stated in the data map — PM605" in young  # no retention at all
    assert yw.COMPLAIN_TO_US not in young and yw.COMPLAIN_ICO_ONLY in young


@pytest.mark.parametrize("name", NAMES)
def test_every_published_field_reaches_html_and_markdown(
    name: str, built: dict[str, Built]
) -> None:
    b = built[name]
    missing = {
        page: [f for f in _published(b.index) if f not in text]
        for page, text in (("html", _plain(b.text)), ("md", _plain(b.md_text)))
    }
    assert missing == {"html": [], "md": []}


def _published(index: Index) -> Iterator[str]:
    """The opening words of each published text field of the map, as plain text."""
    dm = index.datamap
    texts: list[str | None] = [dm.notice.introduction]
    for r in dm.rights:
        texts += [r.wording, r.how]
    if dm.rights_requests:
        texts += [dm.rights_requests.how, dm.rights_requests.identity]
    for x in dm.retention:
        texts += [x.record, x.description, x.criteria, x.security]
    if dm.retention_policy:
        texts += [dm.retention_policy.statement, dm.retention_policy.reasons]
    for b in dm.lawful_bases:
        texts += [b.task, b.interests, b.wording, b.withdrawal]
    for c in dm.conditions:
        texts.append(c.wording)
    for a in dm.activities:
        texts += [a.name, a.description, *a.uses]
    for rc in dm.recipients:
        texts += [rc.name, rc.description]
    for s in dm.sources:
        texts += [s.name, s.description]
    if dm.transfers:
        texts.append(dm.transfers.statement)
    texts += [m.description for m in dm.security]
    for t in texts:
        if t:
            words = _plain(t).split()[:6]
            if words:
                yield " ".join(words)


def _plain(text: str) -> str:
    """Text with Markdown punctuation and escapes dropped, for comparing words only."""
    text = re.sub(r"\]\([^)]*\)", "", text)
    return squash(re.sub(r"[\\*_`#>\[\]]", "", text))


def _ids(index: Index) -> Iterator[str]:
    dm = index.datamap
    for section in (dm.activities, dm.lawful_bases, dm.conditions, dm.recipients, dm.sources):
        for item in section:
            if "-" in item.id:
                yield item.id


def _model_text(index: Index) -> Iterator[str]:
    """Every prose value of the map (an id the map also writes in its prose is not leaked;
    ids and references to them have no spaces)."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                yield from walk(v)
        elif isinstance(value, str) and " " in value:
            yield value

    yield from walk(index.datamap.model_dump())
