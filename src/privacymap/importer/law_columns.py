"""The law columns of an activity row: Art 6 bases (with the task, legitimate
interests and assessment columns), Art 9 conditions, DPA 2018 Schedule 1
paragraphs and Art 10 routes.

privacymap's own ROPA writes each basis as "UK GDPR Art 6(1)(e) – Public task"
with "Law relied on: ..." lines, and each Schedule 1 paragraph with the
condition it is "for"; other sheets' free text is read by `cells.law_cell`.
A paragraph named without its Art 9 condition goes to the condition it serves
under DPA 2018 s 10, and the import says so (PM084).
"""

from __future__ import annotations

import re
from typing import Any

from privacymap import law
from privacymap.importer import cells
from privacymap.importer.catalogue import Entry
from privacymap.importer.state import URL, Place, Row, State, cell_of, text_of


def _unknown(state: State, place: Place, unknown: list[str]) -> None:
    for text in unknown:
        state.unparsed(
            place,
            f"'{text}' cites an instrument the citation catalogue does not hold; kept as written",
            "declare it under `statutes:` (title, year, chapter, legislation.gov.uk address)",
        )


def _titled(text: str) -> dict[str, str]:
    """Basis id -> text after "UK GDPR Art 6(1)(e) – Public task: " (columns N and AA)."""
    out: dict[str, str] = {}
    for line in cells.lines(text):
        ground = cells.law_cell(line.split(": ", 1)[0], art9=False).grounds
        if ground and ": " in line:
            out[ground[0].id] = line.split(": ", 1)[1]
    return out


def bases(state: State, row: Row, activity: dict[str, Any]) -> None:
    found = cell_of(row, "lawful-basis")
    if found is None:
        return
    text, place = found
    read = cells.law_cell(text, art9=False, statutes=state.statutes)
    for left in read.leftover:
        state.unparsed(
            place,
            f"'{left}' is neither an Art 6(1) basis nor a citation the citation parser recognises",
            "name the basis by its article or name (`6(1)(e)`, `Public task`) and "
            "the law as `Children Act 1989 s 17`",
        )
    _unknown(state, place, read.unknown)
    for note in read.notes:
        state.unparsed(
            place,
            f"'{note}': bases of single data flows are not imported",
            "add `bases:` to the data flows concerned in activities.yaml",
        )
    tasks = _titled(text_of(row, "basis-task"))
    interests = _titled(text_of(row, "legitimate-interests"))
    li_text = text_of(row, "legitimate-interests")
    assessments = [u for u in URL.findall(text_of(row, "legitimate-interests-assessment"))]
    entries = []
    for ground in read.grounds:
        data: dict[str, Any] = {"basis": ground.id}
        if ground.law:
            data["law"] = ground.law
        if ground.id in tasks:
            data["task"] = tasks[ground.id]
        if ground.id in ("legitimate-interests", "recognised-legitimate-interest"):
            value = interests.get(ground.id) or (li_text if not state.native else None)
            if value and not value.startswith(cells.NOT_RECORDED):
                data["interests"] = value
            if assessments:
                data["assessment"] = assessments.pop(0)
        key = tuple(sorted((k, str(v)) for k, v in data.items()))
        entries.append(state.bases.add(ground.id, data, place.origin, key=key))
    if entries:
        activity["bases"] = state.link(entries)


_SCH1_NATIVE = re.compile(
    r"^(?P<what>.+?)(?: \u2013 .*?)?(?: \((?:no such condition|not a recognised Schedule 1 "
    r"paragraph)\))? \(for (?P<for>.+)\)$"
)


def conditions_of(state: State, row: Row) -> tuple[list[Entry], list[Entry]]:
    """Art 9 conditions (column M with Schedule 1 from column Z) and Art 10 routes."""
    found = cell_of(row, "condition")
    grounds: list[cells.Ground] = []
    place = found[1] if found else None
    if found is not None:
        read = cells.law_cell(found[0], art9=True, statutes=state.statutes)
        grounds = read.grounds
        _unknown(state, found[1], read.unknown)
        for left in read.leftover:
            state.unparsed(
                found[1],
                f"'{left}' is neither an Art 9(2) condition nor a citation "
                "the citation parser recognises",
                "name the condition by its article or name (`9(2)(g)`, "
                "`Substantial public interest`)",
            )
    criminal: list[dict[str, Any]] = []
    z = cell_of(row, "schedule1")
    if z is not None:
        _schedule1(state, z, grounds, criminal)
        place = place or z[1]
    entries = []
    for ground in grounds:
        data: dict[str, Any] = {"condition": ground.id}
        if ground.schedule1:
            data["schedule1"] = ground.schedule1
        if ground.law:
            data["law"] = ground.law
        key = tuple(sorted((k, str(v)) for k, v in data.items()))
        assert place is not None
        entries.append(state.conditions.add(ground.id, data, place.origin, key=key))
    crim_entries = []
    for data in criminal:
        key = tuple(sorted((k, str(v)) for k, v in data.items()))
        assert place is not None
        crim_entries.append(state.criminal.add(data["route"], data, place.origin, key=key))
    return entries, crim_entries


def _schedule1(
    state: State, z: tuple[str, Place], grounds: list[cells.Ground], criminal: list[dict[str, Any]]
) -> None:
    text, place = z
    by_id = {g.id: g for g in grounds}
    for line in cells.lines(text):
        official = re.fullmatch(r"Art 10: under the control of official authority \((.*)\)", line)
        if official:
            data: dict[str, Any] = {"route": "official-authority"}
            laws = [cells.without_urls(x) for x in official.group(1).split("; ")]
            laws = [
                x.removesuffix(" (citation not recognised)")
                for x in laws
                if x != "law not recorded"
            ]
            if laws:
                data["law"] = laws
            criminal.append(data)
            continue
        native = _SCH1_NATIVE.match(line)
        if native:
            numbers, _ = cells.schedule1_paragraphs(native.group("what"))
            entry: int | str = numbers[0] if numbers else native.group("what")
            target = native.group("for")
            if target == "criminal offence data, Art 10":
                _add_criminal_paragraph(criminal, entry)
                continue
            ground = cells.law_cell(target, art9=True).grounds
            if ground:
                g = by_id.get(ground[0].id)
                if g is None:
                    g = by_id[ground[0].id] = cells.Ground(ground[0].id)
                    grounds.append(g)
                g.schedule1.append(entry)
                continue
        numbers, _ = cells.schedule1_paragraphs(line)
        if not numbers:
            state.unparsed(
                place,
                f"'{line}' names no DPA 2018 Schedule 1 paragraph",
                "write the condition as `DPA 2018 Sch 1 para 18`",
            )
            continue
        for number in numbers:
            _place_paragraph(state, place, number, grounds, by_id, criminal)


def _add_criminal_paragraph(criminal: list[dict[str, Any]], entry: int | str) -> None:
    route = next((c for c in criminal if c["route"] == "schedule1"), None)
    if route is None:
        route = {"route": "schedule1", "schedule1": []}
        criminal.append(route)
    route["schedule1"].append(entry)


def _place_paragraph(
    state: State,
    place: Place,
    number: int,
    grounds: list[cells.Ground],
    by_id: dict[str, cells.Ground],
    criminal: list[dict[str, Any]],
) -> None:
    """A paragraph from free text: to the Art 9 condition it serves (DPA 2018 s 10)."""
    para = law.schedule1_paragraph(number)
    if para is None or not para.condition:
        state.unparsed(
            place,
            f"DPA 2018 Sch 1 para {number} is not a processing condition",
            "check the paragraph number (conditions are paras 1-4 and 6-37)",
        )
        return
    if para.part == 3:
        _add_criminal_paragraph(criminal, number)
        return
    serves = [c.id for c in law.art9_conditions() if number in c.schedule1_paragraphs]
    target = next((by_id[c] for c in serves if c in by_id), None)
    if target is None and serves:
        target = by_id[serves[0]] = cells.Ground(serves[0])
        grounds.append(target)
        state.assumed(
            place,
            f"DPA 2018 Sch 1 para {number} taken with Art "
            f"{law.art9_condition(serves[0]).article} (DPA 2018 s 10), "  # type: ignore[union-attr]
            "which the row does not name",
            "name the Art 9(2) condition in the Article 9 column",
        )
    if target is not None and number not in target.schedule1:
        target.schedule1.append(number)
