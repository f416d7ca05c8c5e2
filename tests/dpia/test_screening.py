"""DPIA screening: each criterion answered from the map, with located facts, and the
conclusion; the rule that reports a required DPIA the map does not record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from privacymap import dpia
from privacymap.checks import Context, load_families
from privacymap.dpia import criteria
from privacymap.dpia.screening import TESTS, Screening
from privacymap.index import Index
from privacymap.pipeline import resolve

PLAIN = Path(__file__).resolve().parent / "maps" / "plain.yaml"
REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"

Change = Callable[[dict[str, Any]], None]


def index_of(path: Path) -> Index:
    _loaded, index, problems = resolve(path)
    assert index is not None, [str(p) for p in problems]
    return index


def screened(tmp_path: Path, change: Change | None = None) -> Screening:
    """The screening of the plain map's one activity after `change`."""
    (screening,) = dpia.screen(index_of(_write(tmp_path, change)))
    return screening


def change_map(data: dict[str, Any], change: Change) -> None:
    """Apply `change` to the activity (it may reach the whole map through ``_map``)."""
    activity = data["activities"][0]
    activity["_map"] = data
    change(activity)
    del activity["_map"]


def answer(screening: Screening, criterion: str) -> tuple[str, list[str]]:
    (found,) = [a for a in screening.answers if a.criterion.id == criterion]
    return found.value, [f.text for f in found.facts]


# --------------------------------------------------------------------------- the data


def test_every_criterion_has_a_source_and_a_way_to_be_answered() -> None:
    families = criteria.sources()
    ids = [c.id for c in criteria.criteria()]
    assert len(ids) == len(set(ids))
    for c in criteria.criteria():
        assert c.family in families
        assert c.test == "person" or c.test in TESTS, c.id
        assert c.test != "person" or c.question, c.id  # a question for the person
        assert c.reference
    # the three sources the issue names, and the nine WP248 criteria
    assert {c.family for c in criteria.criteria()} == {"art35-3", "ico", "wp248", "context"}
    assert sum(1 for c in criteria.criteria() if c.family == "wp248") == 9
    assert sum(1 for c in criteria.criteria() if c.family == "art35-3") == 3
    used = {c.test for c in criteria.criteria()}
    assert set(TESTS) <= used  # no test without a criterion
    for conclusion in criteria.conclusions().values():
        assert conclusion.wording and conclusion.source


# --------------------------------------------------------------------------- each criterion


def test_plain_activity_needs_no_dpia(tmp_path: Path) -> None:
    s = screened(tmp_path)
    assert s.outcome == "not-indicated" and not s.because and not s.missing
    values = {a.criterion.id: a.value for a in s.answers}
    assert values["wp248-sensitive-data"] == "No"
    assert values["ico-data-matching"] == "No"
    assert values["art35-3-a"] == "No"
    assert values["transfers"] == "No"
    # what only a person can judge stays a question
    assert values["wp248-large-scale"] == values["ico-innovative-technology"] == "Unknown"


def _categories(*ids: str) -> Change:
    def change(activity: dict[str, Any]) -> None:
        activity["categories"] = list(ids)
        if "health" in ids:
            activity["conditions"] = ["spi"]

    return change


def test_special_category_data(tmp_path: Path) -> None:
    s = screened(tmp_path, _categories("contact", "health"))
    value, facts = answer(s, "wp248-sensitive-data")
    assert value == "Yes" and facts == [
        "category 'health' (Health) is special category data: data concerning health"
    ]
    assert answer(s, "art35-3-b")[0] == "Unknown"  # large scale: for a person
    assert answer(s, "ico-denial-of-service")[0] == "Unknown"
    assert s.outcome == "advisable"  # one WP248 criterion


def test_criminal_offence_data(tmp_path: Path) -> None:
    s = screened(tmp_path, _categories("contact", "offences"))
    value, facts = answer(s, "wp248-sensitive-data")
    assert value == "Yes" and facts == ["category 'offences' (Offending) is criminal offence data"]
    assert answer(s, "art35-3-b")[1] == facts


def test_biometric_data_with_another_criterion_requires_a_dpia(tmp_path: Path) -> None:
    s = screened(tmp_path, _categories("fingerprints"))
    assert answer(s, "ico-biometric")[0] == "Yes"
    assert answer(s, "ico-genetic")[0] == "No"
    assert s.outcome == "required" and "ico-biometric" in s.because


def _subjects(*ids: str) -> Change:
    def change(activity: dict[str, Any]) -> None:
        activity["subjects"] = list(ids)

    return change


def test_children_are_vulnerable_subjects(tmp_path: Path) -> None:
    s = screened(tmp_path, _subjects("residents", "children"))
    assert answer(s, "wp248-vulnerable") == (
        "Yes",
        ["data subjects 'children' (Children) are children"],
    )
    assert answer(s, "ico-targeting-children")[0] == "Unknown"
    adults = screened(tmp_path, _subjects("residents"))
    assert answer(adults, "wp248-vulnerable") == ("Unknown", [])


def test_children_and_special_category_data_make_two_criteria(tmp_path: Path) -> None:
    def change(activity: dict[str, Any]) -> None:
        _subjects("children")(activity)
        _categories("health")(activity)

    s = screened(tmp_path, change)
    assert s.outcome == "required"
    assert set(s.because) == {"wp248-sensitive-data", "wp248-vulnerable"}
    assert s.wording.id == "required-two-criteria" and not s.wording.verified


def _sources(*ids: str) -> Change:
    def change(activity: dict[str, Any]) -> None:
        activity["collects"] = [{"from": i} for i in ids]

    return change


def test_several_sources_may_be_matching_for_a_person_to_confirm(tmp_path: Path) -> None:
    s = screened(tmp_path, _sources("you", "school"))
    value, facts = answer(s, "ico-data-matching")
    assert value == "Unknown" and facts == [
        "collects from 'you' (You)",
        "collects from 'school' (Your school)",
    ]
    assert answer(s, "wp248-matching")[0] == "Unknown"
    # Collecting from two sources is not by itself data matching: the screening
    # leans towards a DPIA (advisable) but does not call one required.
    assert s.outcome == "advisable"


def test_data_from_others_may_be_invisible_processing(tmp_path: Path) -> None:
    s = screened(tmp_path, _sources("school"))
    assert answer(s, "ico-invisible-processing") == (
        "Unknown",
        ["collects from 'school' (Your school), not from the data subject"],
    )
    assert answer(screened(tmp_path), "ico-invisible-processing")[0] == "No"


def _automated(exists: bool | None) -> Change:
    def change(activity: dict[str, Any]) -> None:
        if exists is None:
            del activity["automated_decision_making"]
        else:
            activity["automated_decision_making"] = {"exists": exists}

    return change


def test_automated_decisions(tmp_path: Path) -> None:
    s = screened(tmp_path, _automated(True))
    assert answer(s, "art35-3-a")[0] == "Yes" and answer(s, "wp248-automated-decision")[0] == "Yes"
    assert answer(s, "ico-denial-of-service")[0] == "Unknown"
    assert s.outcome == "required" and "art35-3-a" in s.because
    assert answer(screened(tmp_path, _automated(False)), "art35-3-a")[0] == "No"
    assert answer(screened(tmp_path, _automated(None)), "art35-3-a") == ("Unknown", [])


def _discloses(*targets: str, when: str | None = None) -> Change:
    def change(activity: dict[str, Any]) -> None:
        activity["discloses"] = [{"to": t, **({"when": [when]} if when else {})} for t in targets]

    return change


def test_transfers_outside_the_uk(tmp_path: Path) -> None:
    s = screened(tmp_path, _discloses("cloud"))
    assert answer(s, "transfers") == ("Yes", ["discloses to 'cloud' (Cloud host) in US"])
    assert answer(screened(tmp_path), "transfers") == ("No", ["transfers: none"])


def test_systematic_sharing(tmp_path: Path) -> None:
    s = screened(tmp_path, _discloses("housing", "charity"))
    assert answer(s, "systematic-sharing") == ("Yes", ["discloses to 'charity' (Partner charity)"])
    conditional = screened(tmp_path, _discloses("charity", when="Only if you agree."))
    assert answer(conditional, "systematic-sharing") == (
        "Unknown",
        ["discloses to 'charity' (Partner charity) only when: Only if you agree."],
    )
    assert answer(screened(tmp_path), "systematic-sharing")[0] == "No"
    # context facts inform the DPIA but do not call for one
    assert s.outcome == "not-indicated"


def test_facts_carry_their_file_line_and_column(tmp_path: Path) -> None:
    s = screened(tmp_path, _categories("health"))
    (fact,) = [f for a in s.answers if a.criterion.id == "wp248-sensitive-data" for f in a.facts]
    assert fact.location is not None
    file, line, column = fact.location.rsplit(":", 2)
    text = (tmp_path / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert text[int(column) - 1 :].startswith("special:")


# --------------------------------------------------------------------------- the rule


def _pm670(path: Path) -> list[str]:
    index = index_of(path)
    rule = load_families()["PM670"]
    return [
        d.message
        for d in rule(
            index, Context(today=dt.date(2026, 1, 1), law_as_at=dt.date(2026, 1, 1), rule="PM670")
        )
    ]


def _write(tmp_path: Path, change: Change | None) -> Path:
    data = yaml.safe_load(PLAIN.read_text(encoding="utf-8"))
    if change:
        change_map(data, change)
    path = tmp_path / "datamap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _children_and_health(activity: dict[str, Any]) -> None:
    _subjects("children")(activity)
    _categories("health")(activity)


def test_rule_fires_on_a_required_dpia_not_recorded(tmp_path: Path) -> None:
    needs = _write(tmp_path, _children_and_health)
    assert _pm670(needs) == [
        "activity 'advice' needs a DPIA by its screening "
        "(wp248-sensitive-data and wp248-vulnerable) but the map records none"
    ]


def test_rule_is_quiet_on_a_dpia_only_advisable(tmp_path: Path) -> None:
    assert _pm670(_write(tmp_path, _sources("you", "school"))) == []


def test_rule_is_quiet_when_recorded_or_not_required(tmp_path: Path) -> None:
    def recorded(activity: dict[str, Any]) -> None:
        _children_and_health(activity)
        activity["dpia"] = {"reference": "DPIA-7", "date": "2025-06-01", "outcome": "approved"}

    assert _pm670(_write(tmp_path, recorded)) == []

    def screening_only(activity: dict[str, Any]) -> None:
        _children_and_health(activity)
        activity["dpia"] = {"required": "screening"}  # a screening is not a DPIA

    assert len(_pm670(_write(tmp_path, screening_only))) == 1
    assert _pm670(_write(tmp_path, _categories("health"))) == []  # only advisable


def test_lancashire_every_activity_every_criterion(tmp_path: Path) -> None:
    index = index_of(LANCASHIRE)
    screenings = dpia.screen(index)
    assert [s.activity.id for s in screenings] == [a.id for a in index.datamap.activities]
    n = len(criteria.criteria())
    for s in screenings:
        assert len(s.answers) == n
        assert s.location and s.location.startswith("processing.yaml:")
        for a in s.answers:
            assert a.value in ("Yes", "No", "Unknown")
            assert all(f.location and ":" in f.location for f in a.facts), a.criterion.id
    registration = next(s for s in screenings if s.activity.id == "registration")
    assert registration.outcome == "required" and registration.missing


@pytest.mark.parametrize("fmt", ["nope", "html"])
def test_unknown_format_is_a_value_error(fmt: str) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        dpia.command(index_of(PLAIN), fmt)
