"""The rule catalogue: every diagnostic's id, slug, severity, law and prose, kept as data.

The catalogue lives in `data/rules.yaml` so that documentation, `privacymap
explain` and the reporters all read the same text. Rule *logic* lives in
`privacymap.checks`; the loader and resolver raise the PM0xx/PM1xx rules here.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from typing import Literal

from privacymap import packagedata
from privacymap.diagnostics import Diagnostic, Location, Related, Severity


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue."""

    id: str
    slug: str
    title: str
    severity: Severity
    message: str
    hint: str
    rationale: str
    severity_reason: str
    """Why the default severity is what it is (error / warning / note, per the law)."""
    references: tuple[str, ...] = ()
    fatal: bool = False
    locked: bool = False
    applies_from: str | None = None
    """Id of the commencement (data/commencements.yaml) before which the rule is not run."""
    judged_by: tuple[str, ...] = ()
    """Ids of commencements whose dates the rule reads to judge a map: it runs throughout,
    and its verdict turns on whether the law-as-at date is before or after them."""
    scope: Literal["map", "change"] = "map"
    """`map`: judged on one map by `privacymap check`; `change`: judged between two
    versions of a map by `privacymap diff`."""

    @property
    def family(self) -> str:
        return self.id[:3] + "xx"


@cache
def catalogue() -> dict[str, Rule]:
    """Every rule by id, in id order."""
    rules: dict[str, Rule] = {}
    for entry in packagedata.load("rules.yaml"):
        for template in (entry["message"], entry["hint"]):
            _check_template(entry["id"], template)
        rule = Rule(
            id=entry["id"],
            slug=entry["slug"],
            title=entry["title"],
            severity=Severity(entry["severity"]),
            message=entry["message"],
            hint=entry["hint"],
            rationale=entry["rationale"].strip(),
            severity_reason=entry["severity_reason"].strip(),
            references=tuple(entry.get("references", ())),
            fatal=bool(entry.get("fatal", False)),
            locked=bool(entry.get("locked", False)),
            applies_from=entry.get("applies_from"),
            judged_by=tuple(entry.get("judged_by", ())),
            scope="change" if entry.get("scope") == "change" else "map",
        )
        rules[rule.id] = rule
    return dict(sorted(rules.items()))


def _check_template(rule_id: str, template: str) -> None:
    """A malformed template, or a placeholder that is not a plain name, fails the load."""
    try:
        names = template_fields(template)
    except ValueError as error:
        raise RuntimeError(f"{rule_id}: malformed template {template!r}: {error}") from None
    odd = sorted(n for n in names if not n.isidentifier())
    if odd:
        raise RuntimeError(f"{rule_id}: placeholders must be plain names, not {odd}")


def get(rule_id: str) -> Rule:
    """The rule with this id; a KeyError here is a programming error."""
    return catalogue()[rule_id]


def by_slug(slug: str) -> Rule | None:
    return next((r for r in catalogue().values() if r.slug == slug), None)


def template_fields(template: str) -> set[str]:
    """The placeholder names a message or hint template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def make(
    rule_id: str,
    *,
    location: Location | None = None,
    path: str | None = None,
    subject: str | None = None,
    related: tuple[Related, ...] = (),
    hint: str | None = None,
    **fields: object,
) -> Diagnostic:
    """Build a diagnostic of a catalogued rule, filling its message and hint templates.

    A field the message (or the catalogue's hint, when no `hint` is given) names but
    the caller does not give is a programming error, raised at once: the rule's
    functional fixture then fails instead of publishing a "{placeholder}".
    """
    rule = get(rule_id)
    needed = template_fields(rule.message) | (template_fields(rule.hint) if hint is None else set())
    missing = sorted(needed - fields.keys())
    if missing:
        raise TypeError(f"{rule_id} needs the fields {', '.join(missing)} for its message")
    return Diagnostic(
        rule=rule.id,
        slug=rule.slug,
        severity=rule.severity,
        message=rule.message.format_map(fields),
        hint=hint if hint is not None else rule.hint.format_map(fields),
        references=rule.references,
        location=location,
        path=path,
        related=related,
        subject=subject,
        fatal=rule.fatal,
    )


def show_template(text: str) -> str:
    """A message template with its {placeholders} shown as ‹placeholder›."""
    text = re.sub(r"(?<!\{)\{([a-z_]+)\}(?!\})", r"‹\1›", text)
    return text.replace("{{", "{").replace("}}", "}")
