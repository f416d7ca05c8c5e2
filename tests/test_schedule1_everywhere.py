"""A `schedule1:` entry that cites another schedule is one fact, told the same everywhere.

"DPA 2018 Sch 2 para 5" names no paragraph of Schedule 1. It used to be shown
by the notice as "Schedule 1, paragraph 5" (linked to Sch 1 para 5), by the
ROPA as not a Schedule 1 paragraph, and no rule fired. Now the index reads
every entry one way (`law.schedule1_numbers`): PM310 reports it, and the
notice, the ROPA and the graph all show it as the citation it is, marked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import privacymap
from privacymap import graph, ropa
from privacymap.law import NOT_SCHEDULE1

BASE = Path(__file__).resolve().parent / "checks" / "fixtures" / "base.yaml"
ENTRY = "DPA 2018 Sch 2 para 5"
SHOWN = f"{ENTRY} ({NOT_SCHEDULE1})"
WRONG_LINK = "/ukpga/2018/12/schedule/1/paragraph/5"


def _map(tmp_path: Path) -> Path:
    text = BASE.read_text("utf-8")
    edited = text.replace(
        "    schedule1: [18]\n    policy_document: apd\n",
        f"    schedule1: [18, {ENTRY}]\n    policy_document: apd\n",
        1,
    )
    assert edited != text
    path = tmp_path / "map.yaml"
    path.write_text(edited, "utf-8")
    return path


def test_sch2_entry_is_a_finding_and_shown_alike_in_every_output(tmp_path: Path) -> None:
    path = _map(tmp_path)
    result = privacymap.check(path, today=dt.date(2026, 6, 1))
    [finding] = [d for d in result.diagnostics if d.rule == "PM310"]
    assert finding.path == "conditions[1].schedule1[1]" and ENTRY in finding.message

    built = privacymap.build(path, tmp_path / "out", draft=True, only=["notice", "ropa"])
    html = (tmp_path / "out" / "notice.html").read_text("utf-8")
    markdown = (tmp_path / "out" / "notice.md").read_text("utf-8")
    assert built.written
    for page in (html, markdown):
        assert SHOWN in page
        assert WRONG_LINK not in page
        assert "Schedule 1, paragraph 18" in page  # the real Sch 1 entry is still shown

    index = privacymap.load(path).index
    [row] = [r for r in ropa.rows(index) if ENTRY in r[ropa.HEADINGS[25]]]
    assert SHOWN in row[ropa.HEADINGS[25]]

    shown_in_graph = [
        entry
        for _u, _v, data in graph.build(index).edges(data=True)
        for entry in data["schedule1"]
        if entry["paragraph"] is None
    ]
    assert shown_in_graph and all(entry["reference"] == SHOWN for entry in shown_in_graph)
    assert all(WRONG_LINK not in (entry["url"] or "") for entry in shown_in_graph)
