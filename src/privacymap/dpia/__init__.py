"""DPIA screening from the data map (UK GDPR Art 35, the ICO's Art 35(4) list, WP248).

- `criteria`: the screening criteria, kept as data (``data/dpia.yaml``) with sources;
- `screening`: each activity's answers (Yes / No / Unknown, with located facts) and
  conclusion (required / advisable / not indicated);
- `report`: the screening as text, Markdown or JSON;
- `pia`: one activity as an import file for the CNIL's PIA tool.

`privacymap dpia MAP` runs `command`; rule PM670 reports an activity whose screening
says a DPIA is required when the map records none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacymap.dpia.screening import Answer, Fact, Screening, screen, screen_activity

if TYPE_CHECKING:
    from privacymap.index import Index

__all__ = ["FORMATS", "Answer", "Fact", "Screening", "command", "screen", "screen_activity"]

FORMATS = ("text", "markdown", "json", "pia-json")


def command(index: Index, fmt: str = "text", activity: str | None = None) -> str:
    """What `privacymap dpia` prints: the screening of every activity (or of one) in
    `fmt`; ``pia-json`` needs one activity (the map's only one, or `activity`).
    ValueError for an unknown format or activity, with a readable message."""
    from privacymap.dpia import pia, report

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    ids = [a.id for a in index.datamap.activities]
    if activity is not None and activity not in index.activities:
        shown = ", ".join(ids[:12]) + (" ..." if len(ids) > 12 else "")
        raise ValueError(f"unknown activity {activity!r}; the map's activities: {shown or 'none'}")
    if fmt == "pia-json":
        if activity is None and len(ids) != 1:
            raise ValueError(
                "the PIA tool imports one processing at a time: add "
                f"--activity ID (one of: {', '.join(ids[:12]) or 'none'})"
            )
        return pia.render(index, index.activities[activity or ids[0]])
    screenings = screen(index)
    if activity is not None:
        screenings = tuple(s for s in screenings if s.activity.id == activity)
    return report.render(screenings, fmt)
