"""Find a profile's header row in a sheet, and the contact block above it.

Headings are compared after folding case, punctuation, dashes and remarks in
brackets ("(if applicable)"), then allowing small differences (a missing word
or a typo: a similarity of at least `SIMILAR`), so that a sheet copied from the
ICO template and lightly edited still imports, while an unrelated column never
matches.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from privacymap.importer.profile import Column, Profile
from privacymap.importer.sheets import Sheet

SIMILAR = 0.86

_REMARK = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, remarks in brackets dropped, punctuation and spaces folded."""
    text = _REMARK.sub(" ", text.lower().replace("&", " and "))
    return _NON_WORD.sub(" ", text).strip()


def similarity(cell: str, heading: str) -> float:
    """1.0 for the same heading once folded, else difflib's ratio of the folded texts."""
    a, b = fold(cell), fold(heading)
    if not a or not b:
        return 0.0
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b).ratio()


def heading_matches(cell: str, heading: str) -> bool:
    return similarity(cell, heading) >= SIMILAR


@dataclass(frozen=True)
class Header:
    """Where the header row is and which column holds which profile column."""

    row: int
    columns: dict[int, Column]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    """The best candidate row when no header row was good enough."""

    row: int
    matches: int
    missing_required: tuple[str, ...]


def _match_row(sheet: Sheet, row: int, profile: Profile) -> dict[int, Column]:
    """Column index -> profile column: the closest pairs first, each used once, so that
    "DPIA progress" never takes the place of "DPIA required" whatever the order."""
    pairs = []
    for col, cell in enumerate(sheet.rows[row]):
        if not cell:
            continue
        for i, column in enumerate(profile.columns):
            score = max(similarity(cell, h) for h in column.headings)
            if score >= SIMILAR:
                pairs.append((-score, col, i))
    found: dict[int, Column] = {}
    taken: set[int] = set()
    for _, col, i in sorted(pairs):
        if col not in found and i not in taken:
            found[col] = profile.columns[i]
            taken.add(i)
    return dict(sorted(found.items()))


def find_header(sheet: Sheet, profile: Profile) -> Header | Miss:
    """The first row, among the first `header_rows`, holding enough of the headings."""
    best = Miss(0, 0, ())
    for row in range(min(profile.header_rows, len(sheet.rows))):
        found = _match_row(sheet, row, profile)
        fields = {c.field for c in found.values()}
        missing = tuple(
            c.headings[0] for c in profile.columns if c.required and c.field not in fields
        )
        if len(found) >= profile.min_matches and not missing:
            return Header(row, found, _groups(sheet, row, profile))
        if len(found) > best.matches:
            best = Miss(row, len(found), missing)
    return best


def _groups(sheet: Sheet, header_row: int, profile: Profile) -> tuple[str, ...]:
    """The profile's group headings found in the rows just above the header row."""
    seen: list[str] = []
    for row in range(max(0, header_row - 3), header_row):
        for cell in sheet.rows[row]:
            for group in profile.groups:
                if group not in seen and heading_matches(cell, group):
                    seen.append(group)
    return tuple(seen)


# --------------------------------------------------------------------------- contacts

ROLES = {
    "controller": ("controller", "data controller", "name of controller"),
    "dpo": ("data protection officer", "dpo"),
    "representative": ("representative", "data protection representative"),
}
LABELS = {
    "name": ("name",),
    "address": ("address", "postal address"),
    "email": ("email", "e mail", "email address"),
    "telephone": ("telephone", "telephone number", "phone"),
}


@dataclass(frozen=True)
class ContactCell:
    """One value of the contact block and where it is."""

    text: str
    row: int
    column: int


def _find(
    sheet: Sheet, rows: range, table: dict[str, tuple[str, ...]]
) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for r in rows:
        for c, cell in enumerate(sheet.rows[r]):
            key = fold(cell)
            for name, words in table.items():
                if name not in found and key in words:
                    found[name] = (r, c)
    return found


def contact_block(sheet: Sheet, header_row: int) -> dict[str, dict[str, ContactCell]]:
    """Role -> label -> value of the block above the header row, in either orientation
    (roles down the first column and labels across, or the other way round)."""
    rows = range(0, header_row)
    roles, labels = _find(sheet, rows, ROLES), _find(sheet, rows, LABELS)
    out: dict[str, dict[str, ContactCell]] = {}
    for role, (rr, rc) in roles.items():
        for label, (lr, lc) in labels.items():
            if lr < rr and lc != rc:  # labels across a row above the roles
                r, c = rr, lc
            elif lc < rc and lr != rr:  # labels down a column left of the roles
                r, c = lr, rc
            else:
                continue
            text = sheet.text(r, c)
            if text:
                out.setdefault(role, {})[label] = ContactCell(text, r, c)
    return out
