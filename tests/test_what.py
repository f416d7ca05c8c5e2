"""Issue 14, points 7-14: each new fact reaches the notice, the ROPA and (where it
applies) the graph, and the rule guarding it fires.

One map (the `privacymap init` scaffold, extended) is built once with every
output; each test reads the files it needs. Internal notes are tested the other
way round: a marker in every object's `internal_notes` appears in no output.
"""

from __future__ import annotations

import datetime as dt
import html
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from privacymap import model
from privacymap.pipeline import build, check

TODAY = dt.date(2026, 6, 1)


def _scaffold() -> dict[str, Any]:
    text = resources.files("privacymap.data").joinpath("scaffold/datamap.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _extended() -> dict[str, Any]:
    """The scaffold with every construct of points 7-14."""
    data = _scaffold()
    data["notice"]["last_updated"] = "2026-02-10"  # judged under Arts 22A-22D
    data["notice"]["next_review"] = "2026-03"
    data["notice"]["review_owner"] = "Information Governance Team"
    data["subjects"].append({"id": "household-members", "name": "Other people in your household"})
    data["categories"].append(
        {
            "id": "household",
            "name": "Household details",
            "subjects": ["household-members"],
        }
    )
    data["purposes"].append({"id": "plan-services", "name": "To plan our services"})
    data["recipients"].append(
        {"id": "partners", "name": "Local partner agencies", "kind": "category"}
    )
    activity = data["activities"][0]
    activity["categories"].append("household")
    activity["purposes"] = ["give-advice"]
    activity["next_review"] = "2026-01-15"
    activity["review_owner"] = "Advice Service Manager"
    activity["agreement"] = {
        "how": "We ask you at your first appointment.",
        "unless": "where someone is at risk of serious harm",
    }
    activity["discloses"].append({"to": "partners", "categories": "not-stated"})
    activity["profiling"] = {"exists": False}
    activity["automated_decision_making"] = {
        "exists": True,
        "description": "We score each enquiry to decide its priority.",
        "logic": "Urgency points for housing loss and health.",
        "significance": "A low score means a longer wait.",
        "consequences": "You may wait up to four weeks for an appointment.",
        "safeguards": {
            "information": "We tell you your priority in writing.",
            "representations": "You can tell us anything the score missed.",
            "human_intervention": "An adviser reviews the score on request.",
        },
    }
    data["activities"].append(
        {
            "id": "service-planning",
            "name": "Service planning",
            "purposes": ["plan-services"],
            "subjects": ["residents"],
            "categories": ["enquiry"],
            "retention": ["advice-records"],
        }
    )
    data["retention"] = [
        {
            "id": "advice-records",
            "record": "Advice case records",
            "categories": ["contact-details", "enquiry"],
            "kind": "maximum",
            "period": "P7Y",
            "trigger": "closure",
            "criteria": "Usually two years; longer where a complaint is open.",
            "authority": "Advice records schedule AR-3",
            "authority_kind": "policy",
            "disposal": "destroy",
        },
        {
            "id": "child-records",
            "record": "Records about a child",
            "kind": "until-event",
            "until": "the child's 25th birthday",
            "subject": "residents",
        },
    ]
    data["rights"].append({"right": "automated-decision-making"})
    return data


def _write(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datamap.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return folder


BINARY = frozenset({".png", ".pdf"})
"""Diagram images, drawn from the .dot files that are read."""


def _texts(out: Path) -> dict[str, str]:
    """Every built file as text: the workbook's XML parts joined and unescaped."""
    texts = {}
    for path in sorted(out.rglob("*")):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                parts = [
                    book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml")
                ]
            texts[path.name] = html.unescape("\n".join(parts))
        elif path.is_file() and path.suffix not in BINARY:
            texts[str(path.relative_to(out))] = html.unescape(path.read_text("utf-8"))
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], set[str]]:
    root = tmp_path_factory.mktemp("what")
    source = _write(root / "map", _extended())
    result = build(source, root / "out", draft=True, today=TODAY)
    assert result.written, [d.message for d in result.check.diagnostics]
    rules = {d.rule for d in result.check.diagnostics}
    return _texts(root / "out"), rules


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- 7. retention


def test_retention_kind_event_authority_and_criteria_reach_every_output(
    built: tuple[dict[str, str], set[str]],
) -> None:
    texts, _ = built
    for name in ("notice.html", "notice.md"):
        notice = _one_line(texts[name])
        assert "Up to 7 years after the case is closed" in notice
        assert "Usually two years; longer where a complaint is open." in notice  # with a period
        assert "Until the child's 25th birthday" in notice
        assert "Advice records schedule AR-3" in notice
    ropa = texts["ropa.xlsx"]
    assert "up to 7 years after the case or record is closed" in ropa
    assert "Usually two years; longer where a complaint is open." in ropa
    assert "until the child's 25th birthday" in ropa
    assert "Policy: Advice records schedule AR-3" in ropa


def test_retention_kind_rule(tmp_path: Path) -> None:
    data = _scaffold()
    data["retention"][0] = {"id": "advice-records", "record": "Advice", "kind": "until-event"}
    assert "PM560" in _rules(tmp_path, data)
    data["retention"][0]["until"] = "the enquiry is closed"
    assert "PM560" not in _rules(tmp_path, data)


# ---------------------------------------------------------------- 8. automated decisions


def test_automated_decisions_and_profiling_reach_the_notice_and_the_ropa(
    built: tuple[dict[str, str], set[str]],
) -> None:
    texts, rules = built
    for name in ("notice.html", "notice.md"):
        notice = _one_line(texts[name])
        assert "You may wait up to four weeks for an appointment." in notice
        assert "An adviser reviews the score on request." in notice
        assert "We do not use your information to build a profile of you" in notice
        assert "Rights related to automated decision-making" in notice
    ropa = texts["ropa.xlsx"]
    assert "Envisaged consequences: You may wait up to four weeks" in ropa
    assert "Art 22C safeguard, human intervention: An adviser reviews" in ropa
    assert "Profiling: no (not applicable)" in ropa
    assert "PM680" in rules  # no way to contest the decision is recorded


def test_no_automated_decisions_means_no_automated_decision_rights(tmp_path: Path) -> None:
    data = _scaffold()  # automated_decision_making: {exists: false}
    out = tmp_path / "out"
    build(_write(tmp_path / "map", data), out, today=TODAY)
    texts = _texts(out)
    for name in ("notice.html", "notice.md", "ropa.xlsx", "ropa.csv"):
        assert "rights related to automated decision-making" not in texts[name].lower(), name
        assert "22a-22d" not in texts[name].lower(), name
    data["rights"].append({"right": "automated-decision-making"})
    assert "PM770" in _rules(tmp_path, data)


# ---------------------------------------------------------------- 9. agreement


def test_agreement_is_said_apart_from_the_basis(built: tuple[dict[str, str], set[str]]) -> None:
    texts, _ = built
    for name in ("notice.html", "notice.md"):
        notice = _one_line(texts[name])
        assert "Your agreement is a safeguard, not our legal basis" in notice
        assert "we rely on public task" in notice
        assert "where someone is at risk of serious harm" in notice
    assert "Agreement is sought for this activity as a safeguard" in texts["ropa.xlsx"]


def test_agreement_rule_and_graph(tmp_path: Path) -> None:
    data = _scaffold()
    flow = data["activities"][0]["discloses"][0]
    flow["agreement"] = {"how": "We ask first."}
    out = tmp_path / "out"
    build(_write(tmp_path / "map", data), out, today=TODAY)
    assert (
        "with agreement first (a safeguard, not the lawful basis)"
        in _texts(out)["dataflow/advice.dot"]
    )
    flow["bases"] = ["consent"]
    data["lawful_bases"].append({"id": "consent", "basis": "consent"})
    assert "PM270" in _rules(tmp_path, data)


# ---------------------------------------------------------------- 10. whose data


def test_category_subjects_reach_the_notice_and_the_ropa(
    built: tuple[dict[str, str], set[str]],
) -> None:
    texts, rules = built
    for name in ("notice.html", "notice.md"):
        assert "Household details (about Other people in your household)" in _one_line(texts[name])
    assert "Household details (about: Other people in your household)" in texts["ropa.xlsx"]
    assert "PM170" in rules  # the activity does not list household members


# ---------------------------------------------------------------- 11. not stated


def test_not_stated_categories_are_shown_as_such(built: tuple[dict[str, str], set[str]]) -> None:
    texts, rules = built
    for name in ("notice.html", "notice.md"):
        notice = _one_line(texts[name])
        assert "Not stated in this notice" in notice
    assert "Not recorded: the notice does not say which categories" in texts["ropa.xlsx"]
    assert "not stated in the notice" in texts["dataflow/advice.dot"]
    assert "data not stated" in texts["dataflow/advice.dot"]  # not "ordinary personal data"
    assert "PM681" in rules


def test_not_stated_is_never_widened_to_the_activity_categories(tmp_path: Path) -> None:
    data = _scaffold()
    data["activities"][0]["discloses"][0]["categories"] = "not-stated"
    out = tmp_path / "out"
    build(_write(tmp_path / "map", data), out, draft=True, today=TODAY)
    graph = _texts(out)["dataflow/full.json"]
    assert '"categories_stated": false' in graph
    rows = [line for line in _texts(out)["ropa.xlsx"].splitlines() if "housing-service" in line]
    assert rows  # the flow is there...
    assert "Contact details; Details" not in " ".join(rows)  # ...without the activity's list


# ---------------------------------------------------------------- 12. internal notes

MARK = "INTERNAL-NOTE-MARK"


def _note_everything(value: Any, path: str = "") -> Any:
    """`value` with `internal_notes` set on every mapping that is a model object."""
    if isinstance(value, dict):
        out = {k: _note_everything(v, f"{path}.{k}") for k, v in value.items()}
        out["internal_notes"] = f"{MARK} {path or 'root'}"
        return out
    if isinstance(value, list):
        return [_note_everything(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def test_every_model_accepts_internal_notes() -> None:
    models = [
        cls
        for cls in vars(model).values()
        if isinstance(cls, type)
        and issubclass(cls, BaseModel)
        and cls.__module__.startswith(f"{model.__name__}.")
    ]
    assert len(models) > 30
    assert [m.__name__ for m in models if "internal_notes" not in m.model_fields] == []


def test_internal_notes_reach_no_output(tmp_path: Path) -> None:
    data = _note_everything(_extended())
    source = _write(tmp_path / "map", data)
    result = build(source, tmp_path / "out", draft=True, today=TODAY)
    assert result.written
    texts = _texts(tmp_path / "out")
    exported = tmp_path / "map.jsonld"
    done = subprocess.run(
        [sys.executable, "-m", "privacymap", "export", "dpv", str(source), "-o", str(exported)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert exported.exists(), done.stderr
    texts["export.jsonld"] = exported.read_text("utf-8")
    notes = sum(1 for _ in yaml.safe_dump(data).split(MARK)) - 1
    assert notes > 30  # every object carries one
    assert len(texts) > 10
    leaked = {name: text.count(MARK) for name, text in texts.items() if MARK in text}
    assert leaked == {}


# ---------------------------------------------------------------- 13. review


def test_review_dates_and_owners_reach_the_outputs(built: tuple[dict[str, str], set[str]]) -> None:
    texts, rules = built
    assert "March 2026" in texts["notice.html"]
    ropa = texts["ropa.xlsx"]
    assert "Information Governance Team" in ropa
    assert (
        "Advice enquiries: last review not recorded, next review 2026-01-15, owner Advice "
        "Service Manager" in ropa
    )
    assert "PM682" in rules


def test_review_rule_counts_a_month_to_its_end(tmp_path: Path) -> None:
    data = _scaffold()
    data["notice"]["next_review"] = "2026-06"
    assert "PM682" not in _rules(tmp_path, data)  # June is not over on 1 June
    data["notice"]["next_review"] = "2026-05"
    assert "PM682" in _rules(tmp_path, data)


# ---------------------------------------------------------------- 14. basis per purpose


def test_an_activity_with_an_unbased_purpose_fails_even_without_flows(built: Any) -> None:
    _, rules = built
    assert "PM201" in rules  # service-planning: purpose plan-services names no basis


def test_a_flow_inherits_only_the_bases_of_the_purposes_it_serves(tmp_path: Path) -> None:
    data = _scaffold()
    data["purposes"].append({"id": "plan-services", "name": "To plan our services"})
    activity = data["activities"][0]
    activity["purposes"] = ["give-advice", "plan-services"]
    found = _findings(tmp_path, data)
    assert ("PM201", "purpose:plan-services") in found
    # giving the purpose a basis clears it; a flow naming only the other purpose is based
    data["purposes"][-1]["bases"] = ["public-task"]
    assert not [f for f in _findings(tmp_path, data) if f[0] == "PM201"]
    data["purposes"][-1]["bases"] = []
    activity["purposes"] = ["give-advice"]
    activity["discloses"][0]["purposes"] = ["give-advice"]
    assert not [f for f in _findings(tmp_path, data) if f[0] == "PM201"]


def test_flow_purposes_reach_the_graph(tmp_path: Path) -> None:
    data = _scaffold()
    data["activities"][0]["discloses"][0]["purposes"] = ["give-advice"]
    out = tmp_path / "out"
    build(_write(tmp_path / "map", data), out, today=TODAY)
    graph = _texts(out)["dataflow/full.json"]
    assert '"purposes": [\n        "give-advice"\n      ]' in graph


# ---------------------------------------------------------------- helpers


def _findings(tmp_path: Path, data: dict[str, Any]) -> set[tuple[str, str]]:
    folder = tmp_path / f"map-{len(list(tmp_path.iterdir()))}"
    result = check(_write(folder, data), None, TODAY)
    return {(d.rule, d.subject or "") for d in result.diagnostics}


def _rules(tmp_path: Path, data: dict[str, Any]) -> set[str]:
    return {rule for rule, _ in _findings(tmp_path, data)}


# ---------------------------------------------------------------- hints match the field


@pytest.mark.parametrize(
    ("where", "value", "hint"),
    [
        ("recipient country", '""', "ISO 3166-1 alpha-2 country code"),
        ("recipient country", "uk", "ISO 3166-1 alpha-2 country code"),
        ("subject id", "Bad_Id", "ids are kebab-case"),
        ("collection from", "activity:Bad", "`activity:` and an activity id"),
    ],
)
def test_a_pattern_hint_names_what_the_field_holds(
    tmp_path: Path, where: str, value: str, hint: str
) -> None:
    text = resources.files("privacymap.data").joinpath("scaffold/datamap.yaml").read_text("utf-8")
    edits = {
        "recipient country": (
            "    role: internal\n",
            f"    role: internal\n    country: {value}\n",
        ),
        "subject id": ("  - id: residents\n", f"  - id: {value}\n"),
        "collection from": ("      - from: you\n", f"      - from: {value}\n"),
    }
    old, new = edits[where]
    (tmp_path / "datamap.yaml").write_text(text.replace(old, new, 1), "utf-8")
    result = check(tmp_path, None, TODAY)
    hints = [d.hint or "" for d in result.diagnostics if d.rule == "PM006"]
    assert hints and all(hint in h for h in hints), hints
    if where != "subject id":
        assert not any("kebab-case: lowercase" in h and "activity" not in h for h in hints)


# ---------------------------------------------------------------- generality: other notices


def test_what_other_councils_notices_say_can_be_said(tmp_path: Path) -> None:
    """Phrases of the corpus notices (a unitary council's early-help notice, a government
    department's statement), each in its own field and reaching the notice as said."""
    data = _scaffold()
    data["subjects"].append({"id": "children", "name": "Children", "children": True})
    data["activities"][0]["subjects"].append("children")
    data["retention"] = [
        {
            "id": "advice-records",
            "record": "Early help records",
            "kind": "until-event",
            "until": "your 25th birthday",
            "subject": "children",
            "criteria": "Sometimes we may need to keep it for longer but would talk with "
            "you about this at the time.",
        },
        {"id": "contact-requests", "record": "Requests", "kind": "maximum", "period": "P7Y"},
    ]
    data["recipients"].append(
        {"id": "local-agencies", "name": "All local agencies that support children and "
         "families", "kind": "category"}
    )  # fmt: skip
    data["activities"][0]["discloses"].append(
        {
            "to": "local-agencies",
            "categories": "not-stated",
            "agreement": {"how": "Where consent has been given."},
        }
    )
    data["profiling"] = {"exists": False}  # "Profiling and Automated Decision Making:
    data["automated_decision_making"] = {"exists": False}  # Not applicable."
    out = tmp_path / "out"
    build(_write(tmp_path / "map", data), out, draft=True, today=TODAY)
    notice = _one_line(_texts(out)["notice.md"])
    assert "Until your 25th birthday" in notice
    assert "Sometimes we may need to keep it for longer" in notice
    assert "Up to 7 years" in notice
    assert "Only with your agreement (a safeguard, not our legal basis)" in notice
    assert "Not stated in this notice" in notice
    assert "We do not use your information to build a profile of you" in notice
    assert "Rights related to automated decision-making" not in notice
