"""Every rule's failing and fixed example (data/rule_examples/) does what the docs say.

The examples are printed by `privacymap explain` and docs/rules.md, so these
tests are what keeps that documentation true: the failing example raises its
rule, the fixed one does not, and each raises no rule it does not declare.

Rules that co-fire: an example declares, in `also`, every other rule it
raises (a failing example that removes a purpose's basis also leaves that
basis unused, PM209). The check compares the set of rules raised with the
rule plus `also` exactly, so a new rule firing on an example, or a rule that
stops firing, fails here and the example (or its `also`) is updated.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from privacymap.pipeline import check
from privacymap.rule_examples import (
    BASE_FILE,
    EXAMPLE_FILE,
    KINDS,
    Example,
    base_map,
    examples,
    rules_with_examples,
    without_sections,
)
from privacymap.rules import catalogue

TODAY = dt.date(2026, 7, 1)
"""Examples with dates (waiver expiry, a notice dated after the complaints duty began on
19 June 2026, a stale notice) are judged as at this day."""

ALL = [example for rule in catalogue() for example in examples(rule) if not example.by_hand]
REPORTED = re.compile(r"\b(PM\d{3}) \[")
"""A finding in a command's text report: `... error PM081 [slug] ...`."""


def _raised(example: Example, tmp_path: Path) -> tuple[set[str], str]:
    """The rules the example raises, and the findings as text for a failure message."""
    path = example.write(tmp_path / "map")
    if example.command:
        done = subprocess.run(
            [sys.executable, "-m", "privacymap", *shlex.split(example.command)],
            cwd=path, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, done.stderr
        report = done.stdout + done.stderr
        return set(REPORTED.findall(report)), report
    result = check(path, None, TODAY)
    found = "\n".join(f"  {d.location}: {d.rule} {d.message}" for d in result.diagnostics)
    return {d.rule for d in result.diagnostics}, found


@pytest.mark.parametrize("example", ALL, ids=[f"{e.rule}-{e.kind}" for e in ALL])
def test_example_raises_exactly_what_it_declares(example: Example, tmp_path: Path) -> None:
    raised, found = _raised(example, tmp_path)
    assert raised == example.expected, (
        f"rule_examples/{example.rule}.yaml, {example.kind}: raised {sorted(raised)}, "
        f"declares {sorted(example.expected)}\n{found}"
    )


def test_every_rule_has_a_failing_and_a_fixed_example() -> None:
    missing = [rule for rule in catalogue() if tuple(e.kind for e in examples(rule)) != KINDS]
    assert not missing, (
        f"rules without a failing and a fixed example in src/privacymap/data/rule_examples/: "
        f"{', '.join(missing)} (the format is described in privacymap/rule_examples.py)"
    )


def test_no_examples_for_rules_that_do_not_exist() -> None:
    assert rules_with_examples() <= set(catalogue())


def test_a_fixed_example_never_declares_its_own_rule() -> None:
    assert not [e for e in ALL if e.kind == "fixed" and e.rule in e.also]


def test_failing_findings_point_into_the_lines_shown(tmp_path: Path) -> None:
    """Where an example only adds or replaces sections, its rule's finding is in what is shown."""
    wrong = []
    for example in ALL:
        if example.kind != "failing" or example.without or not example.on_base_map:
            continue
        shown = {EXAMPLE_FILE, *example.pipes} | {name for name, _ in example.files}
        path = example.write(tmp_path / example.rule)
        located = [
            Path(d.location.file).name if Path(d.location.file).is_absolute() else d.location.file
            for d in check(path, None, TODAY).diagnostics
            if d.rule == example.rule and d.location is not None
        ]
        if located and not set(located) & shown:
            wrong.append(f"{example.rule}: {located}")
    assert not wrong


LOCATED = [e for e in ALL if e.at]


@pytest.mark.parametrize("example", LOCATED, ids=[e.rule for e in LOCATED])
def test_failing_findings_are_on_the_lines_named_in_at(example: Example, tmp_path: Path) -> None:
    """`at:` names the line of each finding: the rule's located test, in its own fixture."""
    assert example.kind == "failing" and example.on_base_map, "`at:` is for failing examples"
    path = example.write(tmp_path / "map")
    lines = example.yaml.splitlines()
    expected = []
    for text in example.at:
        where = [n for n, line in enumerate(lines, 1) if text in line]
        assert len(where) == 1, f"`at: {text!r}` is on lines {where} of the example, not one"
        expected += where
    found = [d for d in check(path, None, TODAY).diagnostics if d.rule == example.rule]
    located = [
        (Path(d.location.file).name, d.location.line) for d in found if d.location is not None
    ]
    assert located == [(EXAMPLE_FILE, line) for line in expected], [str(d) for d in found]
    rule = catalogue()[example.rule]
    assert all(d.hint and d.slug == rule.slug and d.references == rule.references for d in found)


def test_the_base_map_is_clean_and_sections_are_replaced_whole(tmp_path: Path) -> None:
    (tmp_path / BASE_FILE).write_text(base_map(), encoding="utf-8")
    assert check(tmp_path, None, TODAY).diagnostics == []
    cut = without_sections(base_map(), {"dpo", "rights"})
    assert "\ndpo:" not in cut and "\nrights:" not in cut
    assert "dpo@example.org" in cut, "the contacts section, which mentions the DPO, stays"
    assert "  - right: access" not in cut


def test_only_a_fix_may_be_told_rather_than_shown() -> None:
    told = [e for rule in catalogue() for e in examples(rule) if e.by_hand]
    assert all(e.kind == "fixed" and not (e.yaml or e.files or e.command) for e in told)
