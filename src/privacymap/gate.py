"""The gate: apply configuration and waivers to findings, and decide pass or fail.

Locked rules (load errors, PM201) ignore configuration; only a waiver with a
justification can pass one. Waived findings stay in the list, marked, so every
output keeps showing them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from privacymap import rules
from privacymap.config import Config
from privacymap.diagnostics import Diagnostic, Severity, WaiverNote
from privacymap.index import Index
from privacymap.sourcemap import format_path

if TYPE_CHECKING:
    from privacymap.model import Waiver
    from privacymap.rules import Rule


def _matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return any(rule_id.startswith(p) for p in patterns)


def config_findings(config: Config) -> list[Diagnostic]:
    """Rule ids in the configuration that match no rule (PM903)."""
    known = rules.catalogue()
    found = []
    for pattern in (*config.select, *config.ignore, *config.severity):
        if not any(rule_id.startswith(pattern) for rule_id in known) or (
            pattern in config.severity and pattern not in known
        ):
            found.append(
                rules.make(
                    "PM903",
                    location=config.locations.get(pattern),
                    subject=f"config:{pattern}",
                    rule=pattern,
                )
            )
    return found


def apply_config(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Drop deselected or ignored findings and re-level them, except locked rules."""
    catalogue = rules.catalogue()
    kept = []
    for diagnostic in diagnostics:
        rule = catalogue.get(diagnostic.rule)
        locked = rule.locked if rule else True
        if not locked:
            if config.select and not _matches(diagnostic.rule, config.select):
                continue
            if _matches(diagnostic.rule, config.ignore):
                continue
            level = config.severity.get(diagnostic.rule)
            if level is not None:
                diagnostic = diagnostic.with_severity(level)
        elif (
            level := config.severity.get(diagnostic.rule)
        ) and level.rank > diagnostic.severity.rank:
            diagnostic = diagnostic.with_severity(level)
        kept.append(diagnostic)
    return kept


GLOB_CHARACTERS = frozenset("*?[")
"""A waiver subject holding one of these is a pattern (`fnmatch`): `flow:intake->*`."""


def _is_pattern(subject: str) -> bool:
    return any(c in GLOB_CHARACTERS for c in subject)


def waiver_horizon(today: dt.date, config: Config) -> dt.date:
    """The latest expiry date a waiver may have: `waiver_horizon_days` after `today`,
    by default one year."""
    if config.waiver_horizon_days is not None:
        return today + dt.timedelta(days=config.waiver_horizon_days)
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def apply_waivers(
    diagnostics: list[Diagnostic],
    index: Index,
    today: dt.date,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Mark findings covered by an unexpired waiver; report waivers that cannot apply.

    A waiver names a rule and a subject: the exact subject id of a finding, or a
    pattern (`*`, `?`, `[...]`, as `fnmatch`) for rules that are not locked.
    A waiver of a locked rule with a pattern (PM904) or expiring beyond the
    horizon (PM905) applies to nothing. Exact subjects are found by hashing and
    patterns are tried only against findings of their rule, so thousands of
    waivers cost no more than one pass over the findings.
    """
    config = config or Config()
    horizon = waiver_horizon(today, config)
    catalogue = rules.catalogue()
    result = list(diagnostics)
    findings = _Findings.of(result)
    extra: list[Diagnostic] = []
    for position, waiver in enumerate(index.datamap.waivers):
        path = ("waivers", position)
        location = index.location(path)
        common: dict[str, Any] = {
            "location": location,
            "path": format_path(path),
            "subject": f"waiver:{waiver.rule}@{waiver.subject}",
            "rule": waiver.rule,
            "waived": waiver.subject,
        }
        refused = _refused(waiver, catalogue.get(waiver.rule), horizon, common)
        if refused is not None:
            extra.append(refused)
            continue
        matched = findings.matching(waiver, result)
        if waiver.expires < today:
            extra.append(rules.make("PM901", expires=waiver.expires.isoformat(), **common))
        elif not matched:
            extra.append(rules.make("PM902", **common))
        else:
            note = WaiverNote(waiver.justification, waiver.approver, waiver.expires, location)
            for i in matched:
                result[i] = result[i].with_waiver(note)
    return result + extra


@dataclass(frozen=True)
class _Findings:
    """The findings with a subject, by (rule, subject) for exact waivers and by rule for
    patterns: each waiver looks up its own, not every finding."""

    by_subject: dict[tuple[str, str], list[int]]
    by_rule: dict[str, list[int]]

    @classmethod
    def of(cls, diagnostics: list[Diagnostic]) -> _Findings:
        by_subject: dict[tuple[str, str], list[int]] = {}
        by_rule: dict[str, list[int]] = {}
        for i, diagnostic in enumerate(diagnostics):
            if diagnostic.subject:
                by_subject.setdefault((diagnostic.rule, diagnostic.subject), []).append(i)
                by_rule.setdefault(diagnostic.rule, []).append(i)
        return cls(by_subject, by_rule)

    def matching(self, waiver: Waiver, diagnostics: list[Diagnostic]) -> list[int]:
        """Positions of the findings the waiver names, exactly or by pattern."""
        if _is_pattern(waiver.subject):
            return [
                i
                for i in self.by_rule.get(waiver.rule, ())
                if fnmatchcase(diagnostics[i].subject or "", waiver.subject)
            ]
        return self.by_subject.get((waiver.rule, waiver.subject), [])


def _refused(
    waiver: Waiver, rule: Rule | None, horizon: dt.date, common: dict[str, Any]
) -> Diagnostic | None:
    """Why a waiver may apply to nothing at all: a pattern for a locked (or unknown) rule
    (PM904), or an expiry beyond the horizon (PM905); None when it may apply."""
    if _is_pattern(waiver.subject) and (rule is None or rule.locked):
        return rules.make("PM904", **common)
    if waiver.expires > horizon:
        return rules.make(
            "PM905",
            expires=waiver.expires.isoformat(),
            horizon=horizon.isoformat(),
            **common,
        )
    return None


def passed(diagnostics: list[Diagnostic], config: Config) -> bool:
    threshold = config.threshold
    return not any(
        d.fatal or (not d.waived and d.severity.rank >= threshold.rank) for d in diagnostics
    )


__all__ = ["Severity", "apply_config", "apply_waivers", "config_findings", "passed"]
