"""Read one cell's free text into typed pieces: lines, items, lawful bases, Art 9
conditions, Schedule 1 paragraphs, citations and retention periods.

Each reader returns what it understood and the fragments it could not read
(`Leftover`), which the caller reports as located findings. Nothing here
guesses: an Art 6 basis is taken only from its article ("6(1)(e)") or its
name ("Public task"), a citation only when `privacymap.law.parse_citation`
accepts it, a period only when the whole text is a period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from privacymap import law

NOT_RECORDED = "Not recorded"
"""What privacymap's own ROPA writes in an empty cell (privacymap.ropa.NOT_RECORDED)."""

_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")
_URLS_SUFFIX = re.compile(r"\s*\((?:https?://\S+?)(?:,\s*https?://\S+?)*\)$")


def empty(text: str) -> bool:
    """A cell that says nothing: blank, "Not recorded", "N/A", "Not applicable[: ...]",
    "None[: ...]"."""
    folded = text.strip().lower().rstrip(".")
    return (
        not folded
        or folded.startswith(NOT_RECORDED.lower())
        or folded in {"n/a", "na", "none", "-", "tbc", "not applicable", "nil"}
        or folded.startswith(("not applicable:", "none:"))
    )


def lines(text: str) -> list[str]:
    """The cell's non-empty lines, bullets removed."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def split_outside_brackets(text: str, separators: str = ",;") -> list[str]:
    """`text` cut at separators that are not inside brackets."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def items(text: str, native: bool) -> list[str]:
    """The items of a list cell: one per line; a sheet not written by privacymap also
    separates items with semicolons, and a one-line cell with commas."""
    found = lines(text)
    if native:
        return found
    out: list[str] = []
    separators = ",;" if len(found) == 1 else ";"
    for line in found:
        out.extend(split_outside_brackets(line, separators))
    return out


def without_urls(text: str) -> str:
    """`Children Act 2004, s 10 (https://...)` -> `Children Act 2004, s 10`."""
    return _URLS_SUFFIX.sub("", text).strip()


# --------------------------------------------------------------------------- law


@dataclass
class Ground:
    """An Art 6 basis or an Art 9 condition found in a cell, with what goes with it."""

    id: str
    law: list[str] = field(default_factory=list)
    schedule1: list[int | str] = field(default_factory=list)
    detail: str | None = None


_ART6 = re.compile(
    r"(?:UK\s+GDPR\s+)?(?:Art(?:icle)?\.?\s*)?6\s*\(\s*1\s*\)\s*\(\s*(ea|[a-f])\s*\)", re.I
)
_ART9 = re.compile(
    r"(?:UK\s+GDPR\s+)?(?:Art(?:icle)?\.?\s*)?9\s*\(\s*2\s*\)\s*\(\s*([a-j])\s*\)", re.I
)
_SEPARATORS = re.compile(r"^[\s\-–—:;,.+&/]+|[\s\-–—:;,.+&/]+$")
_SCH1 = re.compile(
    r"(?:(?:DPA|Data\s+Protection\s+Act)(?:\s*\(?2018\)?)?,?\s*)?"
    r"Sch(?:edule|ed)?\.?\s*1\b[,\s]*(?:(?:Pt|Part)\.?\s*([1-4])[,\s]*)?"
    r"(?:para(?:graph)?s?\.?\s*)(\d+)",
    re.I,
)
_PARA_ONLY = re.compile(r"^(?:para(?:graph)?\.?\s*)(\d+)\b", re.I)


def _names(
    grounds: tuple[law.Art6Basis, ...] | tuple[law.Art9Condition, ...],
) -> list[tuple[str, str]]:
    pairs = [(g.name.lower(), g.id) for g in grounds]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _art6_by_name() -> list[tuple[str, str]]:
    extra = [
        ("legitimate interest", "legitimate-interests"),
        ("public interest task", "public-task"),
        ("official authority", "public-task"),
        ("recognised legitimate interests", "recognised-legitimate-interest"),
    ]
    return sorted([*_names(law.art6_bases()), *extra], key=lambda p: -len(p[0]))


def _strip_title(text: str, art9: bool, names: list[tuple[str, str]]) -> tuple[str | None, str]:
    """The ground a chunk names (by article, else by name) and the rest of the chunk."""
    pattern = _ART9 if art9 else _ART6
    match = pattern.search(text)
    if match:
        point = match.group(1).lower()
        found: law.Art6Basis | law.Art9Condition | None = (
            law.art9_condition(f"9(2)({point})") if art9 else law.art6_basis(f"6(1)({point})")
        )
        if found is not None:
            rest = text[: match.start()] + " " + text[match.end() :]
            # the ground's name usually follows its article: drop it too
            rest = re.sub(re.escape(found.name), " ", rest, count=1, flags=re.I)
            return found.id, _SEPARATORS.sub("", rest.strip())
    lowered = text.lower()
    for name, ground_id in names:
        at = lowered.find(name)
        if at >= 0 and (at == 0 or not lowered[at - 1].isalpha()):
            rest = text[:at] + " " + text[at + len(name) :]
            return ground_id, _SEPARATORS.sub("", rest.strip())
    return None, text


_LEGISLATION = re.compile(
    r"\(https://www\.legislation\.gov\.uk/(?P<base>[a-z]+/(?:[A-Za-z0-9-]+/)*?(?P<chapter>\d+))"
    r"(?:/(?:section|part|schedule|chapter|article|regulation|paragraph|crossheading)/|[),\s])"
)
_TITLED = re.compile(r"^(?P<title>[A-Z].*?)\s+(?P<year>\d{4})(?=,|\s*\(|$)")


def _statute(text: str) -> dict[str, Any] | None:
    """A statute privacymap's ROPA showed with its address ("X Act 1964, s 7 (https://
    www.legislation.gov.uk/ukpga/1964/75/section/7)") that the catalogue does not hold:
    the data map it came from declared it under `statutes:`, so the import does too."""
    address, titled = _LEGISLATION.search(text), _TITLED.match(text)
    if address is None or titled is None:
        return None
    return {
        "id": _kebab(titled["title"]),
        "title": titled["title"],
        "year": int(titled["year"]),
        "chapter": address["chapter"],
        "url": f"https://www.legislation.gov.uk/{address['base']}",
    }


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "statute"


def citation(text: str, statutes: list[dict[str, Any]] | None = None) -> str | None:
    """`text` if the citation parser accepts it as written (URLs stripped), else None.
    A statute only the source map knew is added to `statutes` (see `_statute`)."""
    bare = without_urls(text)
    if bare.endswith("(citation not recognised)"):
        return None
    extra = [law.instrument_from_statute(SimpleNamespace(**s)) for s in statutes or ()]
    if isinstance(law.parse_citation(bare, extra), law.Citation):
        return bare
    statute = _statute(text) if statutes is not None else None
    if statute is not None:
        found = law.instrument_from_statute(SimpleNamespace(**statute))
        if isinstance(law.parse_citation(bare, [*extra, found]), law.Citation):
            assert statutes is not None
            statutes.append(statute)
            return bare
    return None


def citations(
    text: str, statutes: list[dict[str, Any]] | None = None
) -> tuple[list[str], list[str]]:
    """Citations in `text` (whole, else cut at ; + and dashes) and the fragments left."""
    text = _SEPARATORS.sub("", text.strip())
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text:
        return [], []
    whole = citation(text, statutes)
    if whole:
        return [whole], []
    found: list[str] = []
    left: list[str] = []
    for part in re.split(r"\s*(?:;|\+|\s[–—-]\s|\n)\s*", text):
        part = _SEPARATORS.sub("", part)
        if not part:
            continue
        cited = citation(part, statutes)
        (found if cited else left).append(cited or part)
    return found, left


def schedule1_paragraphs(text: str) -> tuple[list[int], str]:
    """Schedule 1 paragraph numbers named in `text`, and the text without them."""
    numbers = [int(m.group(2)) for m in _SCH1.finditer(text)]
    rest = _SCH1.sub(" ", text)
    only = _PARA_ONLY.match(text.strip())
    if not numbers and only:
        numbers = [int(only.group(1))]
        rest = text.strip()[only.end() :]
    return numbers, rest


@dataclass
class LawCell:
    """What a lawful-basis or condition cell says."""

    grounds: list[Ground] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    """Citations of instruments the catalogue does not hold: kept as law, and reported."""

    def ids(self) -> set[str]:
        return {g.id for g in self.grounds}


_LOOKS_CITED = re.compile(
    r"^(?:the\s+)?[A-Z][\w ,'()-]*?\b(?:Act|Regulations|Order|Measure|Rules)\s*\(?\d{4}\)?", re.I
)


def _keep(out: LawCell, ground: Ground, cited: list[str], left: list[str]) -> None:
    """Citations to `ground`; a fragment that reads like a citation of an unknown
    instrument is kept too (the check reports it), anything else is left over."""
    ground.law.extend(c for c in cited if c not in ground.law)
    for fragment in left:
        if _LOOKS_CITED.match(fragment):
            ground.law.append(fragment)
            out.unknown.append(fragment)
        else:
            out.leftover.append(fragment)


_LAW_PREFIX = re.compile(r"^(?:Law relied on|Law|Legislation|Statute)\s*:\s*", re.I)


def law_cell(text: str, art9: bool, statutes: list[dict[str, Any]] | None = None) -> LawCell:
    """Art 6 bases (or Art 9 conditions) with the law cited for each, from one cell."""
    out = LawCell()
    names = _names(law.art9_conditions()) if art9 else _art6_by_name()
    current: Ground | None = None
    for line in lines(text):
        if line.startswith("Some data flows rely on:"):
            out.notes.append(line)
            continue
        prefixed = _LAW_PREFIX.match(line)
        if prefixed and current is not None:
            _keep(out, current, *citations(line[prefixed.end() :], statutes))
            continue
        for chunk in re.split(r"\s*(?:;|\+|\band\b(?=\s*(?:Art|Article|6\s*\(|9\s*\()))\s*", line):
            ground_id, rest = _strip_title(chunk, art9, names)
            if ground_id is None:
                if current is None:
                    out.leftover.append(chunk)
                    continue
                rest = chunk
            else:
                current = next((g for g in out.grounds if g.id == ground_id), None)
                if current is None:
                    current = Ground(ground_id)
                    out.grounds.append(current)
            if art9:
                numbers, rest = schedule1_paragraphs(rest)
                current.schedule1.extend(n for n in numbers if n not in current.schedule1)
            _keep(out, current, *citations(rest, statutes))
    return out


# --------------------------------------------------------------------------- retention

_UNIT = {"year": "Y", "yr": "Y", "month": "M", "week": "W", "day": "D"}
_PERIOD = re.compile(
    r"(?P<parts>\d+\s*(?:years?|yrs?|months?|weeks?|days?)"
    r"(?:\s*(?:,|and)\s*\d+\s*(?:years?|yrs?|months?|weeks?|days?))*)",
    re.I,
)
_TRIGGERS = (
    ("date-of-birth", r"(?:from|after)\s+(?:the\s+)?(?:date\s+of\s+birth|dob|birth)"),
    (
        "closure",
        r"(?:after|from)\s+(?:the\s+)?(?:case\s+or\s+record\s+is\s+closed|closure"
        r"(?:\s+of\s+(?:the\s+)?(?:case|record|file))?|(?:case|file|record)\s+"
        r"(?:is\s+)?clos(?:ed|ure))",
    ),
    ("last-contact", r"(?:after|from)\s+(?:the\s+)?last\s+contact"),
    (
        "creation",
        r"(?:from|after)\s+(?:when\s+the\s+record\s+is\s+created|creation|"
        r"(?:the\s+)?date\s+(?:of\s+)?creat(?:ed|ion))",
    ),
    ("death", r"(?:after|from)\s+(?:the\s+(?:person's\s+)?)?death"),
    ("order-date", r"(?:from|after)\s+(?:the\s+)?(?:date\s+of\s+the\s+)?order(?:\s+date)?"),
    (
        "end-of-year",
        r"(?:from|after)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:financial\s+|"
        r"academic\s+|calendar\s+)?year",
    ),
)
_PREFIX_TRIGGERS = (
    ("date-of-birth", r"(?:dob|date\s+of\s+birth)\s*\+\s*"),
    ("closure", r"(?:closure|closed)\s*\+\s*"),
    ("creation", r"(?:creation|created)\s*\+\s*"),
    ("last-contact", r"last\s+contact\s*\+\s*"),
    ("death", r"death\s*\+\s*"),
)
_DISPOSAL = (
    ("destroy", r"then\s+(?:securely\s+)?(?:destroyed|deleted)"),
    ("review", r"then\s+reviewed"),
    ("archive", r"then\s+archived"),
    ("anonymise", r"then\s+anonymi[sz]ed"),
    ("transfer", r"then\s+transferred"),
)


@dataclass
class Period:
    """A retention period read from text: ISO 8601 duration, trigger, criteria, disposal."""

    period: str | None = None
    trigger: str | None = None
    criteria: str | None = None
    disposal: str | None = None


def iso_duration(text: str) -> str | None:
    """`25 years` -> `P25Y`; `1 year and 6 months` -> `P1Y6M`; None if not a period."""
    parts = re.findall(r"(\d+)\s*(years?|yrs?|months?|weeks?|days?)", text, re.I)
    if not parts:
        return None
    units: dict[str, str] = {}
    for number, unit in parts:
        key = _UNIT[unit.lower().rstrip("s")]
        if key in units:
            return None
        units[key] = str(int(number))
    if int("".join(units.values()) or 0) == 0:
        return None
    return "P" + "".join(f"{units[u]}{u}" for u in "YMWD" if u in units)


def retention(text: str) -> Period:
    """A period with its trigger and disposal when the whole text is one; else criteria."""
    body = text.strip()
    if body.lower() == "period not recorded":
        return Period()
    out = Period()
    for disposal, pattern in _DISPOSAL:
        match = re.search(rf",?\s*(?:{pattern})\.?$", body, re.I)
        if match:
            out.disposal, body = disposal, body[: match.start()].strip()
            break
    head, _, criteria = body.partition(", ")
    head = head.rstrip(".") if not criteria else head
    for trigger, pattern in _PREFIX_TRIGGERS:
        match = re.match(pattern, head, re.I)
        if match:
            out.trigger, head = trigger, head[match.end() :]
            break
    period = _PERIOD.match(head)
    rest = head[period.end() :].strip() if period else head
    if period and out.trigger is None:
        for trigger, pattern in _TRIGGERS:
            match = re.fullmatch(pattern, rest, re.I)
            if match:
                out.trigger, rest = trigger, ""
                break
    if period and not rest and (duration := iso_duration(period.group("parts"))):
        out.period = duration
        out.criteria = criteria.strip() or None
        if out.criteria == "period not recorded":
            out.criteria = None
        return out
    if head.lower() == "period not recorded":
        out.criteria = criteria.strip() or None
        return out
    return Period(criteria=body or None, disposal=out.disposal)
