"""Every ROPA column in each state it can take: a value, Not recorded, None, Not applicable.

Each case edits the scaffold map (one activity) and reads that activity's cell. The
states are told apart by `Cell.state`, and each has its own wording (`ropa.STATES`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from privacymap import pipeline, ropa
from privacymap.ropa.cells import State
from tests.ropa.support import SCAFFOLD

Map = dict[str, Any]
BASE: Map = yaml.safe_load(SCAFFOLD.read_text("utf-8"))
URL = "https://www.example.org/records/1"


def _activity(m: Map) -> Map:
    return m["activities"][0]


def _health(m: Map) -> None:
    m["categories"].append({"id": "health", "name": "Health", "special": ["health"]})
    _activity(m)["categories"].append("health")


def _condition(condition: str, **more: Any) -> Callable[[Map], None]:
    def edit(m: Map) -> None:
        _health(m)
        m["conditions"] = [{"id": "c", "condition": condition, **more}]
        _activity(m)["conditions"] = ["c"]

    return edit


def _processor(contract: str | None) -> Callable[[Map], None]:
    def edit(m: Map) -> None:
        m["recipients"].append({"id": "supplier", "name": "Case System Ltd", "role": "processor",
                                **({"contract": contract} if contract else {})})  # fmt: skip
        _activity(m)["discloses"].append({"to": "supplier"})

    return edit


def _controller(agreement: bool) -> Callable[[Map], None]:
    def edit(m: Map) -> None:
        m["recipients"].append({"id": "police", "name": "Police", "role": "controller",
                                **({"sharing_agreement": "isa"} if agreement else {})})  # fmt: skip
        m["evidence"] = [{"id": "isa", "kind": "data-sharing-agreement",
                          "title": "Police ISA", "date": "2025-04-01", "link": URL}]  # fmt: skip
        _activity(m)["discloses"].append({"to": "police"})

    return edit


def _abroad(mechanism: bool) -> Callable[[Map], None]:
    def edit(m: Map) -> None:
        m["recipients"].append({"id": "cloud", "name": "Cloud Ltd", "role": "processor",
                                "country": "US", "contract": URL})  # fmt: skip
        _activity(m)["discloses"].append({"to": "cloud"})
        item = {"recipient": "cloud", "country": "US",
                **({"mechanism": "idta"} if mechanism else {})}  # fmt: skip
        m["transfers"] = {"items": [item]}

    return edit


def _set(path: str, value: Any) -> Callable[[Map], None]:
    """Set (or, with value None, remove) `path` ("a.b" from the map, "@x" in the activity)."""

    def edit(m: Map) -> None:
        target = _activity(m) if path.startswith("@") else m
        *parents, last = path.lstrip("@").split(".")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value

    return edit


def _all(*edits: Callable[[Map], None]) -> Callable[[Map], None]:
    def edit(m: Map) -> None:
        for e in edits:
            e(m)

    return edit


def _consent(m: Map) -> None:
    m["lawful_bases"].append({"id": "consent", "basis": "consent"})
    m["purposes"][0]["bases"] = ["consent"]


def _sub_processor(m: Map) -> None:
    m["recipients"].append({"id": "hosting", "name": "Hosting Ltd", "role": "sub-processor"})
    _activity(m)["discloses"].append({"to": "hosting"})


KEEP = _set("notice.version", "1.0")

# (column letter, state, how to get it from the scaffold)
CASES: list[tuple[str, State, Callable[[Map], None]]] = [
    ("A", "value", KEEP),
    ("A", "not-recorded", _set("notice.service", None)),
    ("B", "value", KEEP),
    ("B", "not-recorded", _set("@purposes", [])),
    ("C", "none", KEEP),
    ("C", "value", _set("@joint_controller", "housing-service")),
    ("D", "value", KEEP),
    ("D", "not-recorded", _set("@subjects", [])),
    ("E", "value", KEEP),
    (
        "E",
        "not-recorded",
        _all(_set("@categories", []), _set("@collects", []), _set("@discloses", [])),
    ),
    ("F", "value", KEEP),
    ("F", "none", _set("@discloses", [])),
    ("G", "not-applicable", KEEP),
    ("G", "not-recorded", _processor(None)),
    ("G", "value", _processor(URL)),
    ("H", "none", KEEP),
    ("H", "not-recorded", _set("transfers", None)),
    ("H", "value", _abroad(True)),
    ("I", "not-applicable", KEEP),
    ("I", "not-recorded", _set("transfers", None)),
    ("I", "value", _abroad(True)),
    ("J", "value", KEEP),
    ("J", "not-recorded", _set("@retention", [])),
    ("K", "value", KEEP),
    ("K", "not-recorded", _set("security", [])),
    ("L", "value", KEEP),
    ("L", "not-recorded", _set("purposes.0.bases", [])),
    ("M", "not-applicable", KEEP),
    ("M", "not-recorded", _health),
    ("M", "value", _condition("explicit-consent")),
    ("N", "not-applicable", KEEP),
    (
        "N",
        "value",
        _all(
            _set("lawful_bases.0.basis", "legitimate-interests"),
            _set("lawful_bases.0.interests", "Keeping residents informed"),
        ),
    ),
    ("O", "not-applicable", KEEP),
    ("O", "not-recorded", _set("lawful_bases.0.basis", "legitimate-interests")),
    (
        "O",
        "value",
        _all(
            _set("lawful_bases.0.basis", "legitimate-interests"),
            _set("lawful_bases.0.assessment", URL),
        ),
    ),
    ("P", "value", KEEP),
    ("Q", "value", KEEP),
    ("Q", "not-recorded", _set("automated_decision_making", None)),
    ("R", "value", KEEP),
    ("R", "not-recorded", _set("@collects", [])),
    ("S", "not-applicable", KEEP),
    ("S", "not-recorded", _consent),
    ("S", "value", _all(_consent, _set("@consent", {"record": URL}))),
    ("T", "value", KEEP),
    ("T", "not-recorded", _set("@location", None)),
    ("U", "not-recorded", KEEP),
    ("U", "value", _set("@dpia", {"required": "yes"})),
    ("V", "not-recorded", KEEP),
    ("V", "value", _set("@dpia", {"status": "Complete"})),
    ("W", "not-recorded", KEEP),
    ("W", "value", _set("@dpia", {"link": URL})),
    ("X", "not-recorded", KEEP),
    ("X", "value", _set("@breach", {"occurred": False})),
    ("Y", "not-recorded", KEEP),
    ("Y", "value", _set("@breach", {"link": URL})),
    ("Z", "not-applicable", KEEP),
    ("Z", "not-applicable", _condition("explicit-consent")),  # Art 9(2)(a) needs no Sch 1
    ("Z", "not-recorded", _condition("substantial-public-interest")),
    ("Z", "value", _condition("substantial-public-interest", schedule1=[6])),
    ("AA", "value", KEEP),
    ("AA", "not-recorded", _set("purposes.0.bases", [])),
    ("AB", "not-recorded", KEEP),
    ("AB", "value", _set("retention_policy", {"document": URL})),
    ("AC", "not-recorded", KEEP),
    ("AC", "value", _set("retention_policy", {"adheres": True})),
    ("AD", "not-recorded", KEEP),
    ("AD", "not-applicable", _set("retention_policy", {"adheres": True})),
    ("AD", "value", _set("retention_policy", {"adheres": False, "reasons": "Backlog."})),
    ("AE", "value", KEEP),
    ("AE", "not-recorded", _set("notice.service", None)),
    ("AF", "value", KEEP),  # the general measures, marked as such
    ("AF", "not-recorded", _set("security", [])),
    ("AG", "not-applicable", KEEP),  # shares only inside the council
    ("AG", "not-recorded", _controller(False)),
    ("AG", "value", _controller(True)),
    ("AG", "not-applicable", _sub_processor),  # under contract (G), not an agreement
    # the activity's own review record: a value, or a gap (no owner or date is "none",
    # and the law asks for none of them, so neither None nor Not applicable applies)
    ("AH", "not-recorded", KEEP),
    ("AH", "value", _set("@review_owner", "Advice Service Manager")),
    ("AI", "not-recorded", KEEP),
    ("AI", "value", _set("@last_review", "2026-02-10")),
    ("AJ", "not-recorded", KEEP),
    ("AJ", "value", _set("@next_review", "2027-03")),
]


def _cell(edit: Callable[[Map], None], letter: str, tmp_path: Path) -> ropa.Cell:
    data = copy.deepcopy(BASE)
    edit(data)
    path = tmp_path / "datamap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    result = pipeline.check(path)
    assert result.index is not None, [str(d) for d in result.diagnostics if d.fatal]
    column = next(i for i, c in enumerate(ropa.COLUMNS) if c.letter == letter)
    (row,) = ropa.ropa_table(result.index).rows
    return row[column]


@pytest.mark.parametrize(("letter", "state", "edit"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{n}" for n, c in enumerate(CASES)])  # fmt: skip
def test_column_state(letter: str, state: State, edit: Callable[[Map], None], tmp_path: Path):
    found = _cell(edit, letter, tmp_path)
    assert found.state == state, found
    if state != "value":
        assert found.text.startswith(ropa.STATES[state][0]), found.text
    else:
        assert not found.text.startswith(tuple(w for w, _ in ropa.STATES.values())), found.text


def test_every_column_has_its_states_tested():
    assert {c.letter for c in ropa.COLUMNS} == {letter for letter, _, _ in CASES}


def test_general_security_measures_are_marked_as_such(tmp_path: Path):
    general = _cell(KEEP, "AF", tmp_path)
    assert general.text.startswith("The organisation's general measures")
    own = _cell(_all(_set("security", [{"id": "a", "description": "Org-wide."},
                                       {"id": "b", "description": "Locked cabinet."}]),
                     _set("@security", ["b"]), _set("retention.0.security", None)),
                "AF", tmp_path)  # fmt: skip
    assert own.text == "Locked cabinet."


def test_review_columns_show_the_activitys_own_record_as_the_map_gives_it(tmp_path: Path):
    edit = _all(_set("@review_owner", "Advice Service Manager"),
                _set("@last_review", "March 2026"), _set("@next_review", "2027-03-31"),
                _set("notice.last_review", "2026-01-05"))  # fmt: skip
    assert [_cell(edit, letter, tmp_path).text for letter in ("AH", "AI", "AJ")] == [
        "Advice Service Manager", "March 2026", "2027-03-31",
    ]  # fmt: skip
    # the notice's review is not the activity's: its row stays a gap
    assert _cell(_set("notice.last_review", "2026-01-05"), "AI", tmp_path).state == ("not-recorded")


def test_the_legend_names_every_state(tmp_path: Path):
    index = pipeline.check(SCAFFOLD).index
    about = {row["Item"]: row["Value"] for row in ropa.about_table(index).plain()}
    for word, meaning in ropa.STATES.values():
        assert about[f"\u201c{word}\u201d"] == f"{word}: {meaning}"
