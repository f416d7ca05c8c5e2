"""What holds for any map: a map does not differ from itself, however its files are laid
out, and PM620 is a rule of the catalogue that only `privacymap diff` judges."""

from __future__ import annotations

from pathlib import Path

import pytest

import privacymap
from privacymap import rules
from privacymap.changes import KINDS, Classification
from privacymap.checks import load_families
from tests.changes.support import write_map
from tests.conftest import REPO

MAPS = [
    REPO / "notices" / "lancashire-cfw",
    REPO / "examples" / "family-support",
    REPO / "examples" / "tutorial",
    REPO / "examples" / "change-control" / "family-support-next",
    REPO / "examples" / "shared-catalogue" / "registrars",
]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_a_map_does_not_differ_from_itself(path: Path, tmp_path: Path) -> None:
    datamap = privacymap.load(path)
    assert privacymap.diff(datamap, privacymap.load(path)).changes == ()
    # the same model written as one file: how a map is split into files is not a change
    one_file = privacymap.load(write_map(datamap, tmp_path / "one"))
    diff = privacymap.diff(datamap, one_file)
    assert diff.changes == () and diff.exit_code == 0


def test_every_kind_has_a_reason_and_material_kinds_cite_the_law() -> None:
    ids = [k.id for k in KINDS]
    assert len(ids) == len(set(ids))
    for kind in KINDS:
        assert kind.title and len(kind.reason) > 30, kind.id
        if kind.classification.material:
            assert kind.references and all(
                r.startswith(("UK GDPR", "DPA 2018")) for r in kind.references
            ), kind.id
    # "first": each cites a timing rule: before further processing (13(3), 14(4)), or
    # within a month of obtaining the data from others (14(3))
    first = [k for k in KINDS if k.classification is Classification.TELL_FIRST]
    assert all(any("14(4)" in r or "14(3)" in r for r in k.references) for k in first)


def test_pm620_is_judged_by_diff_not_check() -> None:
    rule = rules.get("PM620")
    assert rule.scope == "change" and rule.severity == "error"
    assert "UK GDPR Art 13(3), 14(4)" in rule.references
    assert "PM620" not in load_families()
    assert {r.id for r in rules.catalogue().values() if r.scope == "change"} == {"PM620"}


def test_a_section_without_a_rule_is_still_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A section added to the model later is reported as record-keeping until it has a rule,
    never skipped (here the DPO section is taken out of the table to stand for one)."""
    from privacymap.changes import compare
    from tests.changes.support import rebuilt

    monkeypatch.setattr(compare, "SINGLE", tuple(s for s in compare.SINGLE if s[0] != "dpo"))
    old = privacymap.load(REPO / "examples" / "family-support")
    assert old.dpo is not None
    new = rebuilt(old, dpo=old.dpo.model_copy(update={"email": "dpo@elsewhere.example"}))
    (change,) = privacymap.diff(old, new).changes
    assert (change.kind.id, change.section, change.what) == ("record-keeping", "dpo", "dpo changed")
    assert "email: dpo@elsewhere" in (change.new or "")


def test_diff_imports_no_emitter_library(tmp_path: Path) -> None:
    """`privacymap diff` runs in CI on every pull request: it needs no output library."""
    import json
    import subprocess
    import sys

    code = (
        "import sys, json\n"
        "from privacymap.launcher import main\n"
        "sys.argv = ['privacymap', 'diff', 'examples/family-support',\n"
        "            'examples/change-control/family-support-next', '-f', 'markdown',\n"
        f"            '--output', {str(tmp_path / 'diff.md')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 1, exit.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = json.loads(done.stdout.splitlines()[-1])
    heavy = ("jinja2", "networkx", "graphviz", "xlsxwriter", "markdown_it", "openpyxl")
    assert "privacymap.changes.compare" in modules
    assert [m for m in modules if m.split(".")[0] in heavy] == []


def test_the_change_control_example_differs_only_by_its_change() -> None:
    """examples/change-control/family-support-next is examples/family-support plus one
    change (a new recipient of health data) and its history. When family-support changes,
    copy it again and re-apply that change."""
    old = privacymap.load(REPO / "examples" / "family-support")
    new = privacymap.load(REPO / "examples" / "change-control" / "family-support-next")
    diff = privacymap.diff(old, new)
    assert [(c.kind.id, c.section, c.id) for c in diff.changes] == [
        ("new-recipient", "flows", "early-help-support->school-nursing"),
        ("new-recipient", "recipients", "school-nursing"),
        ("record-keeping", "notice", "notice"),
        ("record-keeping", "notice", "notice"),
    ]
    assert diff.findings == ()
    assert privacymap.check(new).passed
