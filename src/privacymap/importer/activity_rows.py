"""Read one row of an activity sheet (the ICO template's layout) into the data map.

`read_row` takes the row's cells by field name (see `profile.ActivityField`)
and fills the catalogues in `State`; the activity itself is added last, with
references to the entries it uses. Cells written by privacymap's own ROPA are
read by their exact conventions ("Name:" then purposes; "Group: a, b";
"Record: retention"), so a built map comes back the same.
"""

from __future__ import annotations

import re
from typing import Any

from privacymap.importer import cells
from privacymap.importer.catalogue import Entry
from privacymap.importer.law_columns import bases, conditions_of
from privacymap.importer.state import URL, Place, Row, State, cell_of, text_of
from privacymap.model import SPECIAL_CATEGORY_NAMES

_SPECIAL_BY_NAME = {name: key for key, name in SPECIAL_CATEGORY_NAMES.items()}
_SPECIAL_WORDS = {
    "health": "health",
    "data concerning health": "health",
    "ethnicity": "racial-or-ethnic-origin",
    "ethnic origin": "racial-or-ethnic-origin",
    "racial or ethnic origin": "racial-or-ethnic-origin",
    "religion": "religious-or-philosophical-beliefs",
    "religious beliefs": "religious-or-philosophical-beliefs",
    "religious or philosophical beliefs": "religious-or-philosophical-beliefs",
    "sexual orientation": "sexual-orientation",
    "sex life": "sex-life",
    "trade union membership": "trade-union-membership",
    "political opinions": "political-opinions",
    "genetic data": "genetic",
    "biometric data": "biometric",
}
_MARKS = re.compile(r"\s*\(((?:special category: [^)]*?)?(?:; )?(?:criminal offence data)?)\)$")
_ROLE = re.compile(r"\s*\((processor|controller|joint-controller|internal)\)$")
_MECHANISMS = (
    ("uk-regulations", r"adequacy|art(?:icle)?\s*45"),
    ("idta", r"\bidta\b|international data transfer agreement"),
    ("addendum", r"addendum"),
    ("binding-corporate-rules", r"binding corporate rules|\bbcrs?\b"),
    ("public-body-instrument", r"between public bodies"),
    ("code-of-conduct", r"code of conduct"),
    ("certification", r"certification"),
    ("derogation-explicit-consent", r"49\s*\(1\)\s*\(a\)"),
    ("derogation-contract", r"49\s*\(1\)\s*\(b\)"),
    ("derogation-contract-in-interest", r"49\s*\(1\)\s*\(c\)"),
    ("derogation-public-interest", r"49\s*\(1\)\s*\(d\)"),
    ("derogation-legal-claims", r"49\s*\(1\)\s*\(e\)"),
    ("derogation-vital-interests", r"49\s*\(1\)\s*\(f\)"),
    ("derogation-public-register", r"49\s*\(1\)\s*\(g\)"),
    ("compelling-legitimate-interests", r"compelling legitimate interests"),
)


def read_row(state: State, row: Row, sheet_row: int, fallback_name: str) -> None:
    """Add one row's activity, and the catalogue entries it names, to `state`."""
    activity: dict[str, Any] = {}
    name = _purposes(state, row, activity) or fallback_name
    for field, key in (("business-function", "business_function"), ("description", "description")):
        text = text_of(row, field)
        if text:
            activity[key] = text
    _subjects(state, row, activity)
    _categories(state, row, activity)
    recipients = _recipients(state, row)
    _joint_controller(state, row, activity)
    _contracts(state, row, recipients)
    _transfers(state, row)
    retention = _retention(state, row, name)
    _security(state, row, retention)
    _activity_security(state, row, retention, activity)
    state.service = state.service or text_of(row, "service") or None
    bases(state, row, activity)
    conditions, criminal = conditions_of(state, row)
    _policy(state, row, conditions, criminal)
    _adm(state, row, activity)
    sources = _sources(state, row)
    _simple(state, row, activity)
    if conditions:
        activity["conditions"] = state.link(conditions)
    if criminal:
        activity["criminal_offence_conditions"] = state.link(criminal)
    if sources:
        activity["collects"] = [{"from": s.id} for s in _unique(sources)]
    if recipients:
        activity["discloses"] = [{"to": r.id} for r in _unique(recipients)]
    if retention:
        activity["retention"] = state.link(retention)
    origin = next(iter(row.values()))[1]
    state.activities.add(
        name,
        {"name": name, **activity},
        origin.whole_row,
        key=("row", sheet_row),
    )


def _unique(entries: list[Entry]) -> list[Entry]:
    return list({e.id: e for e in entries}.values())


# --------------------------------------------------------------------------- who and what


def _purposes(state: State, row: Row, activity: dict[str, Any]) -> str | None:
    """The activity's name (privacymap writes "Name:" first) and its purposes."""
    found = cell_of(row, "purposes")
    named = text_of(row, "activity")
    if found is None:
        return named or None
    text, place = found
    lines = cells.lines(text)
    name = named or None
    if lines and lines[0].endswith(":") and len(lines[0]) > 1:
        name = name or lines[0][:-1].strip()
        lines = lines[1:]
    elif state.native and len(lines) == 1 and ": " in lines[0] and not named:
        name, description = lines[0].split(": ", 1)
        activity["description"] = description
        return name
    # a purpose is a phrase, often with commas in it: only lines and semicolons part them
    purposes = (
        lines
        if state.native
        else [part for line in lines for part in cells.split_outside_brackets(line, ";")]
    )
    entries = [state.purposes.add(p, {"name": p}, place.origin) for p in purposes]
    if entries:
        activity["purposes"] = state.link(entries)
    return name or (purposes[0] if purposes else None)


def _subjects(state: State, row: Row, activity: dict[str, Any]) -> None:
    found = cell_of(row, "subjects")
    if found is None:
        return
    text, place = found
    entries = [
        state.subjects.add(s, {"name": s}, place.origin) for s in cells.items(text, state.native)
    ]
    activity["subjects"] = state.link(entries)


def _categories(state: State, row: Row, activity: dict[str, Any]) -> None:
    found = cell_of(row, "categories")
    if found is None:
        return
    text, place = found
    entries = []
    for item in cells.items(text, state.native):
        name, data = _category(state, item, place)
        entries.append(state.categories.add(name, data, place.origin))
    activity["categories"] = state.link(entries)


def _category(state: State, item: str, place: Place) -> tuple[str, dict[str, Any]]:
    """privacymap writes "Name (special category: health; criminal offence data)"."""
    data: dict[str, Any] = {}
    name = item
    marks = _MARKS.search(item)
    if marks and marks.group(1):
        name = item[: marks.start()].strip()
        for part in marks.group(1).split("; "):
            if part.startswith("special category: "):
                kinds = [_SPECIAL_BY_NAME.get(k.strip()) for k in part[18:].split(", ")]
                data["special"] = [k for k in kinds if k]
            elif part == "criminal offence data":
                data["criminal_offence"] = True
    elif not state.native:
        kind = _SPECIAL_WORDS.get(_fold_words(name))
        if kind:
            data["special"] = [kind]
            state.assumed(
                place,
                f"category '{name}' marked as special category data "
                f"({SPECIAL_CATEGORY_NAMES[kind]}) from its name",
                "check the category's `special:` in categories.yaml",
            )
    return name, {"name": name, **data}


def _fold_words(text: str) -> str:
    return re.sub(r"[^a-z]+", " ", text.lower()).strip()


def _recipients(state: State, row: Row) -> list[Entry]:
    found = cell_of(row, "recipients")
    if found is None:
        return []
    text, place = found
    out: list[Entry] = []
    for line in cells.lines(text):
        group_name, _, names = line.partition(": ") if ": " in line else ("", "", line)
        group = None
        if group_name and group_name != "Other recipients":
            group = state.groups.add(group_name, {"name": group_name}, place.origin)
        for item in cells.split_outside_brackets(names, "," if state.native else ",;"):
            out.append(_recipient(state, item, group, place))
    return out


def _recipient(state: State, item: str, group: Entry | None, place: Place) -> Entry:
    data: dict[str, Any] = {}
    role = _ROLE.search(item)
    name = item
    if role:
        name = item[: role.start()].strip()
        if role.group(1) == "internal":
            data["internal"] = True
        else:
            data["role"] = role.group(1)
    if group is not None:
        data = {"group": group.id, **data}
    return state.recipients.add(name, {"name": name, **data}, place.origin)


def _joint_controller(state: State, row: Row, activity: dict[str, Any]) -> None:
    found = cell_of(row, "joint-controller")
    if found is None:
        return
    text, place = found
    lines = cells.lines(text)
    data: dict[str, Any] = {"name": lines[0], "role": "joint-controller"}
    if lines[1:]:
        data["description"] = "\n".join(lines[1:])
    activity["joint_controller"] = state.recipients.add(lines[0], data, place.origin).id


def _contracts(state: State, row: Row, recipients: list[Entry]) -> None:
    found = cell_of(row, "processor-contracts")
    if found is None:
        return
    text, place = found
    for line in cells.lines(text):
        name, _, url = line.rpartition(": ") if ": " in line else ("", "", line)
        url = url.strip()
        if cells.empty(url):
            continue
        target = state.recipients.find(name) if name else None
        if target is None and not name:
            processors = [r for r in recipients if r.data.get("role") == "processor"]
            target = processors[0] if len(processors) == 1 else None
        if target is None or not URL.fullmatch(url):
            state.unparsed(
                place,
                f"cannot tell which processor '{line}' is the contract of",
                "write one line per processor as `Processor name: https://...`, "
                "naming a recipient of column F",
            )
            continue
        target.data.setdefault("role", "processor")
        target.data["contract"] = url


def _transfers(state: State, row: Row) -> None:
    raw = row.get("transfer-countries")
    if raw and re.match(r"(?:none|no|n/a|not applicable)\b", raw[0].strip(), re.I):
        state.transfers_none.append(raw[1].origin)
        return
    found = cell_of(row, "transfer-countries")
    if found is None:
        return
    text, place = found
    safeguards = _safeguards(row)
    for line in cells.lines(text):
        match = re.fullmatch(r"([A-Z]{2}): (.+?)( \(no transfer recorded\))?", line)
        target = state.recipients.find(match.group(2)) if match else None
        if match is None or target is None:
            state.unparsed(
                place,
                f"cannot read '{line}' as a transfer to a recipient",
                "write one line per transfer as `CC: Recipient name`, with the "
                "ISO 3166 country code and a recipient of column F",
            )
            continue
        target.data["country"] = match.group(1)
        if match.group(3):
            continue
        transfer: dict[str, Any] = {"recipient": target.id, "country": match.group(1)}
        transfer.update(safeguards.get(target.data["name"], {}))
        state.transfers.append((transfer, place.origin))


def _safeguards(row: Row) -> dict[str, dict[str, Any]]:
    found = cell_of(row, "transfer-safeguards")
    if found is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for line in cells.lines(found[0]):
        name, _, rest = line.partition(": ")
        data: dict[str, Any] = {}
        for part in rest.split("; "):
            if part.startswith("copy: "):
                data["copy_available_at"] = part[6:]
                continue
            mechanism = next((m for m, p in _MECHANISMS if re.search(p, part, re.I)), None)
            if mechanism and "mechanism" not in data:
                data["mechanism"] = mechanism
            elif part and not part.startswith("mechanism "):
                data["safeguard"] = part
        out[name] = data
    return out


# --------------------------------------------------------------------------- retention


def _retention(state: State, row: Row, activity: str) -> list[Entry]:
    """privacymap writes "Record: period"; a bare period is the activity's records'."""
    found = cell_of(row, "retention")
    if found is None:
        return []
    text, place = found
    out = []
    for line in cells.lines(text):
        record, _, rest = line.partition(": ")
        if not rest or len(record) > 80:
            record, rest = activity, line
        period = cells.retention(rest)
        data: dict[str, Any] = {"record": record}
        for key in ("period", "trigger", "criteria", "disposal"):
            if getattr(period, key):
                data[key] = getattr(period, key)
        if period.period is None and not state.native and period.criteria:
            state.unparsed(
                place,
                f"'{rest}' is kept as retention criteria, not a period",
                "give a period such as `6 years after closure` or `DOB + 25 years` if there is one",
            )
        out.append(state.retention.add(record, data, place.origin, key=(record, rest)))
    return out


def _security(state: State, row: Row, retention: list[Entry]) -> None:
    found = cell_of(row, "security")
    if found is None:
        return
    text, place = found
    records = {e.data["record"]: e for e in retention}
    for line in cells.lines(text):
        record, _, measure = line.partition(": ")
        if measure and record in records:
            records[record].data["security"] = measure
            continue
        state.security.setdefault(line, place.origin)


GENERAL_MEASURES = "The organisation's general measures"
"""How privacymap's ROPA starts an activity's security cell that falls back to them."""


def _activity_security(
    state: State, row: Row, retention: list[Entry], activity: dict[str, Any]
) -> None:
    """privacymap's "Security measures for this activity": a record's measures go to the
    record, others are the activity's own (the general ones are column K's)."""
    found = cell_of(row, "activity-security")
    if found is None or found[0].startswith(GENERAL_MEASURES):
        return
    text, place = found
    records = {e.data["record"]: e for e in retention}
    own: list[str] = []
    for line in cells.lines(text):
        record, _, measure = line.partition(": ")
        if measure and record in records:
            records[record].data["security"] = measure
            continue
        state.security.setdefault(line, place.origin)
        own.append(f"measure-{list(state.security).index(line) + 1}")
    if own:
        activity["security"] = own


# --------------------------------------------------------------------------- the rest


def _policy(state: State, row: Row, conditions: list[Entry], criminal: list[Entry]) -> None:
    found = cell_of(row, "retention-policy")
    if found is not None:
        text, place = found
        for line in cells.lines(text):
            title, _, url = line.rpartition(": ") if ": " in line else ("", "", line)
            if title == "Retention policy" or (not title and URL.fullmatch(url)):
                _set_policy(state, place, "document", url)
            elif title and URL.fullmatch(url):
                apd = state.evidence.add(
                    title,
                    {"kind": "appropriate-policy-document", "title": title, "link": url},
                    place.origin,
                )
                for entry in [*conditions, *criminal]:
                    entry.data.setdefault("policy_document", apd.id)
            elif not url.startswith(cells.NOT_RECORDED):
                state.unparsed(
                    place,
                    f"'{line}' is not a link to a policy document",
                    "give the document's address (https://...)",
                )
    adheres = text_of(row, "policy-adherence").lower()
    if adheres in ("yes", "no", "y", "n", "true", "false"):
        place = row["policy-adherence"][1]
        _set_policy(state, place, "adheres", adheres in ("yes", "y", "true"))
    reasons = text_of(row, "policy-reasons")
    if reasons:
        _set_policy(state, row["policy-reasons"][1], "reasons", reasons)


def _set_policy(state: State, place: Place, key: str, value: object) -> None:
    if key in state.policy and state.policy[key] != value:
        state.unparsed(
            place,
            f"this row's {key.replace('_', ' ')} differs from an earlier "
            "row's; the data map keeps one retention policy for the organisation",
            "keep the organisation's policy in retention-policy.yaml",
        )
        return
    state.policy[key] = value
    state.policy_origin = state.policy_origin or place.origin


def _adm(state: State, row: Row, activity: dict[str, Any]) -> None:
    found = cell_of(row, "automated-decision-making")
    if found is None:
        return
    text, place = found
    lines = cells.lines(text)
    first = lines[0].lower().rstrip(".")
    if first not in ("yes", "no"):
        state.unparsed(
            place,
            f"'{lines[0]}' does not say whether automated decision-making exists",
            "start the cell with Yes or No",
        )
        return
    adm: dict[str, Any] = {"exists": first == "yes"}
    rest = []
    for line in lines[1:]:
        if line.startswith("Logic: "):
            adm["logic"] = line[7:]
        elif line.startswith("Significance: "):
            adm["significance"] = line[14:]
        else:
            rest.append(line)
    if rest:
        adm["description"] = "\n".join(rest)
    activity["automated_decision_making"] = adm


def _sources(state: State, row: Row) -> list[Entry]:
    found = cell_of(row, "sources")
    if found is None:
        return []
    text, place = found
    out = []
    for item in cells.items(text, state.native):
        data: dict[str, Any] = {}
        name, _, form = item.partition(", via ")
        if form:
            data["form"] = form
        if name.endswith(" (publicly accessible source)"):
            name = name.removesuffix(" (publicly accessible source)")
            data["kind"] = "publicly-accessible"
        out.append(state.sources.add(name, {"name": name, **data}, place.origin))
    return out


def _simple(state: State, row: Row, activity: dict[str, Any]) -> None:
    """Location, consent record, DPIA and breach: one value each."""
    location = text_of(row, "location")
    if location:
        activity["location"] = location
    record = text_of(row, "consent-record")
    if record:
        activity["consent"] = {"record": record}
    elif state.native and row.get("consent-record", ("",))[0].strip() == cells.NOT_RECORDED:
        # privacymap asks for the record when the activity relies on consent or seeks it
        grounds = {
            *cells.law_cell(text_of(row, "lawful-basis"), art9=False).ids(),
            *cells.law_cell(text_of(row, "condition"), art9=True).ids(),
        }
        if not grounds & {"consent", "explicit-consent"}:
            activity["consent"] = {"required": True}
    dpia: dict[str, Any] = {}
    required = text_of(row, "dpia-required").lower()
    if required in ("yes", "no", "screening"):
        dpia["required"] = required
    elif required:
        state.unparsed(
            row["dpia-required"][1],
            f"'{required}' is not Yes, No or Screening",
            "write Yes, No or Screening",
        )
    if text_of(row, "dpia-progress"):
        dpia["status"] = text_of(row, "dpia-progress")
    if text_of(row, "dpia-link"):
        dpia["link"] = text_of(row, "dpia-link")
    if dpia:
        activity["dpia"] = dpia
    breach: dict[str, Any] = {}
    occurred = text_of(row, "breach-occurred").lower()
    if occurred in ("yes", "no"):
        breach["occurred"] = occurred == "yes"
    elif occurred:
        state.unparsed(
            row["breach-occurred"][1], f"'{occurred}' is not Yes or No", "write Yes or No"
        )
    if text_of(row, "breach-link"):
        breach["link"] = text_of(row, "breach-link")
    if breach:
        activity["breach"] = breach
