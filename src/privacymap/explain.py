"""The text of `privacymap explain`: one rule in full, with its failing and fixed example."""

from __future__ import annotations

from privacymap.law.commencement import applies_from_text, judged_by_text
from privacymap.rule_examples import EXAMPLES_NOTE, Example, examples, heading, shown_files
from privacymap.rules import Rule, show_template


def explain_text(rule: Rule) -> str:
    """`privacymap explain`: a rule in full, for a terminal."""
    lock = (
        " (locked: configuration cannot ignore or lower it; only a waiver can pass it)"
        if rule.locked
        else ""
    )
    judged = (
        " (judged by `privacymap diff` between two versions of a map)"
        if rule.scope == "change"
        else ""
    )
    lines = [
        f"{rule.id} [{rule.slug}]: {rule.title}",
        f"Default severity: {rule.severity.value}{lock}{judged}",
        f"Why this severity: {rule.severity_reason}",
    ]
    if rule.references:
        lines.append("Law: " + "; ".join(rule.references))
    lines.append(f"Applies from: {applies_from_text(rule.applies_from)}")
    if rule.judged_by:
        lines.append(f"Judged against: {judged_by_text(rule.judged_by)}")
    lines += [
        f"Message: {show_template(rule.message)}",
        "",
        rule.rationale,
        "",
        f"Fix: {show_template(rule.hint)}",
    ]
    shown = examples(rule.id)
    for example in shown:
        lines += _example_lines(example)
    if any(example.on_base_map for example in shown):
        lines += ["", EXAMPLES_NOTE]
    return "\n".join(lines)


def _example_lines(example: Example) -> list[str]:
    lines = ["", heading(example)]
    for caption, text in shown_files(example):
        if caption.startswith("$ "):
            lines.append(f"  {caption}")
        elif caption:
            lines.append(f"  # {caption}")
        lines += [f"    {line}" if line else "" for line in text.rstrip("\n").splitlines()]
    return lines
