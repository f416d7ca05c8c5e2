"""The screening written out: plain text for a terminal, Markdown for a DPIA
document or a wiki, JSON for tools. One function per format; no logic but layout."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from privacymap.dpia.criteria import sources
from privacymap.dpia.screening import Answer, Screening

FORMATS = ("text", "markdown", "json")

OUTCOME_TITLES = {
    "required": "DPIA required",
    "advisable": "DPIA advisable",
    "not-indicated": "DPIA not indicated by the map",
}


def render(screenings: Iterable[Screening], fmt: str) -> str:
    """The screenings in `fmt` (text, markdown or json)."""
    items = list(screenings)
    if fmt == "json":
        return json.dumps([as_dict(s) for s in items], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return markdown(items)
    if fmt == "text":
        return text(items)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}, pia-json")


def _recorded(s: Screening) -> str:
    dpia = s.dpia
    if not s.recorded or dpia is None:
        said = f" (the map says required: {dpia.required})" if dpia and dpia.required else ""
        return "none recorded" + said
    parts = [
        f"reference {dpia.reference}" if dpia.reference else None,
        f"dated {dpia.date.isoformat()}" if dpia.date else None,
        f"outcome {dpia.outcome}" if dpia.outcome else None,
        dpia.link,
    ]
    return ", ".join(p for p in parts if p)


def _wording(s: Screening) -> str:
    w = s.wording
    mark = "" if w.verified else " [wording unverified]"
    return f"“{w.wording}” ({w.source}){mark}"


def as_dict(s: Screening) -> dict[str, Any]:
    """One screening as JSON-ready data."""
    return {
        "activity": s.activity.id,
        "name": s.activity.name,
        "location": s.location,
        "outcome": s.outcome,
        "because": list(s.because),
        "wording": {
            "text": s.wording.wording,
            "source": s.wording.source,
            "verified": s.wording.verified,
        },
        "dpia_recorded": s.recorded,
        "dpia": s.dpia.model_dump(mode="json", exclude_none=True) if s.dpia else None,
        "missing": s.missing,
        "criteria": [_answer_dict(a) for a in s.answers],
    }


def _answer_dict(a: Answer) -> dict[str, Any]:
    c = a.criterion
    return {
        "id": c.id,
        "family": c.family,
        "source": sources()[c.family].title,
        "reference": c.reference,
        "title": c.title,
        "wording": c.wording,
        "wording_verified": c.verified,
        "answer": a.value,
        "reason": a.reason,
        "facts": [{"text": f.text, "location": f.location} for f in a.facts],
    }


def text(items: list[Screening]) -> str:
    """For a terminal: each activity, its conclusion, then every criterion."""
    out: list[str] = []
    for s in items:
        out.append(
            f"{s.activity.name} ({s.activity.id})" + (f"  {s.location}" if s.location else "")
        )
        out.append(f"  {OUTCOME_TITLES[s.outcome].upper()}: {_wording(s)}")
        if s.because:
            out.append(f"    because of: {', '.join(s.because)}")
        out.append(
            f"  DPIA recorded: {_recorded(s)}"
            + ("  <- required, none recorded" if s.missing else "")
        )
        family = None
        for a in s.answers:
            if a.criterion.family != family:
                family = a.criterion.family
                out.append(f"  {sources()[family].title}")
            out.append(f"    [{a.value:7}] {a.criterion.title} ({a.criterion.reference})")
            out.append(f"              {a.reason}")
            out.extend(
                f"              - {f.text}" + (f"  at {f.location}" if f.location else "")
                for f in a.facts
            )
        out.append("")
    required = sum(1 for s in items if s.outcome == "required")
    missing = sum(1 for s in items if s.missing)
    out.append(
        f"{len(items)} activit{'y' if len(items) == 1 else 'ies'}: {required} "
        f"need{'s' if required == 1 else ''} a DPIA, {missing} without one recorded"
    )
    return "\n".join(out) + "\n"


MARKDOWN_SPECIAL = "\\`*_[]<>|~"
"""Characters that could start markup inside a table cell (GitHub Flavored Markdown)."""


def _md(text: str) -> str:
    """Text for a Markdown table cell: no markup, no line breaks, no pipes."""
    escaped = "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)
    return " ".join(escaped.split())


def markdown(items: list[Screening]) -> str:
    """For a DPIA document: a section per activity with a table of the criteria."""
    out = ["# DPIA screening", ""]
    for s in items:
        out += [f"## {_md(s.activity.name)}", ""]
        out.append(f"- **Conclusion:** {OUTCOME_TITLES[s.outcome]}: {_md(_wording(s))}")
        if s.because:
            out.append(f"- **Because of:** {_md(', '.join(s.because))}")
        out.append(f"- **DPIA recorded:** {_md(_recorded(s))}")
        if s.location:
            out.append(f"- **Defined at:** {_md(s.location)}")
        out += [
            "",
            "| Criterion | Source | Answer | Why, and the facts in the map |",
            "|---|---|---|---|",
        ]
        for a in s.answers:
            facts = "<br>".join(
                _md(f.text) + (f" ({_md(f.location)})" if f.location else "") for f in a.facts
            )
            why = _md(a.reason) + (f"<br>{facts}" if facts else "")
            out.append(
                f"| {_md(a.criterion.title)} | {_md(a.criterion.reference)} | "
                f"**{a.value}** | {why} |"
            )
        out.append("")
    return "\n".join(out)
