"""Generate docs/rules.md, the rule reference, from the rule catalogue.

    python -m privacymap._gen

A test keeps the committed file in sync with `data/rules.yaml`.
"""

from __future__ import annotations

from pathlib import Path

from privacymap.law.commencement import applies_from_text, commencements, judged_by_text
from privacymap.rule_examples import EXAMPLES_NOTE, Example, examples, heading, shown_files
from privacymap.rules import Rule, catalogue, show_template

FAMILY_TITLES = {
    "PM0xx": "Loading and schema",
    "PM1xx": "References and integrity",
    "PM2xx": "Lawfulness (Art 6)",
    "PM3xx": "Special category and criminal offence data (Arts 9, 10; DPA 2018 Sch 1)",
    "PM4xx": "Transfers outside the UK",
    "PM5xx": "Retention and minimisation",
    "PM6xx": "Transparency (Arts 12-14) and ROPA completeness",
    "PM7xx": "Data subject rights",
    "PM9xx": "Waivers and configuration",
}


FENCES = {".toml": "toml", ".txt": "text"}
"""Code-fence languages of example files that are not YAML."""


def _example_markdown(example: Example) -> list[str]:
    label, _, rest = heading(example).partition(": ")
    lines = [f"**{label}:** {rest}", ""]
    for caption, text in shown_files(example):
        if caption.startswith("$ "):
            lines += [f"Run: `{caption[2:]}`", ""]
        elif caption:
            lines += [f"`{caption}`" if " " not in caption else caption, ""]
        if text:
            fence = FENCES.get(Path(caption.split(" ")[0]).suffix, "yaml")
            lines += [f"```{fence}", text.rstrip("\n"), "```", ""]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rule_section(rule: Rule) -> str:
    flags = []
    if rule.locked:
        flags.append("locked: configuration cannot ignore or lower it")
    if rule.fatal:
        flags.append("fatal: the map cannot be used (exit code 2)")
    if rule.scope == "change":
        flags.append("judged by `privacymap diff` between two versions, not by `check`")
    lines = [
        f"### {rule.id} `{rule.slug}`",
        "",
        f"**{rule.title}**",
        "",
        f"- Default severity: {rule.severity.value}" + (f" ({'; '.join(flags)})" if flags else ""),
        f"- Why this severity: {rule.severity_reason}",
    ]
    if rule.references:
        lines.append(f"- Law: {'; '.join(rule.references)}")
    lines.append(f"- Applies from: {applies_from_text(rule.applies_from)}")
    if rule.judged_by:
        lines.append(f"- Judged against: {judged_by_text(rule.judged_by)}")
    lines += [
        f"- Message: {show_template(rule.message)}",
        f"- Fix: {show_template(rule.hint)}",
        "",
        rule.rationale,
        "",
    ]
    for example in examples(rule.id):
        lines += _example_markdown(example)
    return "\n".join(lines)


def _commencement_table(rules: list[Rule]) -> list[str]:
    """Each commencement with the rules whose verdict turns on it, or why there is none."""
    lines = [
        "| Provision | In force from | Rules (or why none) |",
        "|---|---|---|",
    ]
    for item in commencements().values():
        turning = [r.id for r in rules if item.id in (r.applies_from, *r.judged_by)]
        if turning:
            why = ", ".join(f"[{r}](#{r.lower()}-{catalogue()[r].slug})" for r in turning)
        else:
            why = f"No rule: {item.no_rule_because or ''}"
        lines.append(f"| {_cell(item.provision)} | {_cell(item.describe())} | {_cell(why)} |")
    return lines


def rules_markdown() -> str:
    """The whole rule reference as Markdown."""
    rules = list(catalogue().values())
    out = [
        "# Rule reference",
        "",
        "<!-- Generated from src/privacymap/data/rules.yaml by `python -m privacymap._gen`;",
        "     do not edit by hand. -->",
        "",
        "`privacymap check` reports each finding with its rule id, slug, severity, the",
        "`file:line:col` of the YAML node at fault and a fix. `privacymap rules` lists",
        "the rules and `privacymap explain ID` prints one of them. Configuration",
        "(`privacymap.toml` or `[tool.privacymap]`) can select, ignore or re-level rules",
        "by id or prefix, except locked rules; a waiver in the data map (rule, subject,",
        "justification, approver, expiry) lets a reviewed finding pass while it stays",
        "visible in every output. A waiver's subject is the finding's exact subject id;",
        "for rules that are not locked it may be a pattern (`*`, `?`, `[...]`). Its",
        "expiry may be at most one year after the check date (`waiver_horizon_days`).",
        "",
        "Each rule has an example that fails and its fixed version, checked by the test",
        "suite. " + EXAMPLES_NOTE,
        "",
        "Each rule says from when it applies. A map is judged against the law in force",
        "on its notice's `last_updated` date (or `--law-as-at DATE`, else today): a rule",
        "whose law had not commenced by then is not run, so a notice dated before",
        "19 June 2026 is not asked for a complaints route. Commencement dates and their",
        "sources are in `src/privacymap/data/commencements.yaml`; a date marked",
        "unverified has not been confirmed against the legislation.",
        "",
        *_commencement_table(rules),
        "",
        "| Id | Slug | Severity | Title |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        lock = " (locked)" if rule.locked else ""
        anchor = f"{rule.id}-{rule.slug}".lower()
        out.append(
            f"| [{rule.id}](#{anchor}) | `{rule.slug}` | {rule.severity.value}{lock} | "
            f"{_cell(rule.title)} |"
        )
    out.append("")
    family = None
    for rule in rules:
        if rule.family != family:
            family = rule.family
            out += [f"## {family}: {FAMILY_TITLES.get(family, family)}", ""]
        out.append(rule_section(rule))
    return "\n".join(out).rstrip() + "\n"
