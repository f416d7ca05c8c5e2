"""The rule catalogue: every diagnostic's id, slug, severity, law and prose, kept as data.

The catalogue lives in `data/rules.yaml` so that documentation, `privacymap
explain` and the reporters all read the same text. Rule *logic* lives in
`privacymap.checks`; the loader and resolver raise the PM0xx/PM1xx rules here.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from importlib import resources

from privacymap.diagnostics import Diagnostic, Location, Related, Severity
from privacymap.yamlio import load_yaml_text


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
    scope: str = "map"
    """`map`: judged on one map by `privacymap check`; `change`: judged between two
    versions by `privacymap diff`."""

    @property
    def family(self) -> str:
        return self.id[:3] + "xx"


@cache
def catalogue() -> dict[str, Rule]:
    """Every rule by id, in catalogue order."""
    text = resources.files("privacymap.data").joinpath("rules.yaml").read_text("utf-8")
    rules: dict[str, Rule] = {}
    for entry in load_yaml_text(text):
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
            scope=str(entry.get("scope", "map")),
        )
        rules[rule.id] = rule
    return rules


def get(rule_id: str) -> Rule:
    """The rule with this id; a KeyError here is a programming error."""
    return catalogue()[rule_id]


def by_slug(slug: str) -> Rule | None:
    return next((r for r in catalogue().values() if r.slug == slug), None)


class _Fields(dict[str, object]):
    """Format mapping that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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
    """Build a diagnostic of a catalogued rule, filling its message and hint templates."""
    rule = get(rule_id)
    values = _Fields(fields)
    return Diagnostic(
        rule=rule.id,
        slug=rule.slug,
        severity=rule.severity,
        message=rule.message.format_map(values),
        hint=hint if hint is not None else rule.hint.format_map(values),
        references=rule.references,
        location=location,
        path=path,
        related=related,
        subject=subject,
        fatal=rule.fatal,
    )
