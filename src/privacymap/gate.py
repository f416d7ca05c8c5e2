"""The gate: apply configuration and waivers to findings, and decide pass or fail.

Locked rules (load errors, PM201) ignore configuration; only a waiver with a
justification can pass one. Waived findings stay in the list, marked, so every
output keeps showing them.
"""

from __future__ import annotations

import datetime as dt
from fnmatch import fnmatchcase
from typing import Any

from privacymap import rules
from privacymap.config import Config
from privacymap.diagnostics import Diagnostic, Severity, WaiverNote
from privacymap.index import Index
from privacymap.sourcemap import format_path


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


def apply_waivers(diagnostics: list[Diagnostic], index: Index, today: dt.date) -> list[Diagnostic]:
    """Mark findings covered by an unexpired waiver; report expired and unmatched waivers."""
    result = list(diagnostics)
    extra: list[Diagnostic] = []
    for position, waiver in enumerate(index.datamap.waivers):
        path = ("waivers", position)
        location = index.location(path)
        note = WaiverNote(waiver.justification, waiver.approver, waiver.expires, location)
        matched = False
        for i, diagnostic in enumerate(result):
            if (
                diagnostic.rule == waiver.rule
                and diagnostic.subject
                and fnmatchcase(diagnostic.subject, waiver.subject)
            ):
                matched = True
                if waiver.expires >= today:
                    result[i] = diagnostic.with_waiver(note)
        common: dict[str, Any] = {
            "location": location,
            "path": format_path(path),
            "subject": f"waiver:{waiver.rule}@{waiver.subject}",
            "rule": waiver.rule,
            "waived": waiver.subject,
        }
        if waiver.expires < today:
            extra.append(rules.make("PM901", expires=waiver.expires.isoformat(), **common))
        elif not matched:
            extra.append(rules.make("PM902", **common))
    return result + extra


def passed(diagnostics: list[Diagnostic], config: Config) -> bool:
    threshold = config.threshold
    return not any(
        d.fatal or (not d.waived and d.severity.rank >= threshold.rank) for d in diagnostics
    )


__all__ = ["Severity", "apply_config", "apply_waivers", "config_findings", "passed"]
