"""The law as at a date: a fixture dated before and after each DUAA 2025 commencement
flips the verdict; the date defaults to the notice's last_updated, else today; the CLI,
the text report, the ROPA's About sheet, explain and the rule reference state it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privacymap import law, rules
from privacymap._gen.rules import rules_markdown
from privacymap.cli import app
from privacymap.config import Config, ConfigError, load_config
from privacymap.law.commencement import commencement, commencements
from privacymap.pipeline import check
from privacymap.ropa import Provenance, about_table

from .test_rules import AFTER_DUAA, REFERRALS_ADM, TODAY, further, mutate

RLI = ("  - id: task\n", "  - id: rli\n    basis: recognised-legitimate-interest\n  - id: task\n")
RLI_ON_POLICE = ("      - to: police\n", "      - to: police\n        bases: [rli]\n")
ADM_ON_SPECIAL_WITHOUT_CONSENT = (
    REFERRALS_ADM,
    (
        "conditions:\n  - id: explicit",
        "conditions:\n  - id: vital\n    condition: vital-interests\n  - id: explicit",
    ),
    ("    bases: [task]\n    conditions: [spi]\n", "    bases: [task]\n    conditions: [vital]\n"),
)
ADM_ON_RLI = (
    REFERRALS_ADM,
    RLI,
    ("    purposes: [safeguarding]\n", "    purposes: [safeguarding]\n    bases: [rli]\n"),
)

ART22_NAMED = (
    "  last_updated: 2026-01-15\n",
    "  last_updated: 2026-01-15\n  introduction: You have rights under Article 22 of the UK GDPR"
    " about decisions made by computer alone.\n",
)
ART89_CITED = (
    '    law: ["Children Act 1989 s 47"]',
    '    law: ["Children Act 1989 s 47", "UK GDPR Art 89(1)"]',
)

ON_ANNEX_2 = further("compatibility: annex-2", "annex2: Safeguarding.", "told: We write first.")
RESEARCH_PURPOSE = ("    name: Safeguarding\n", "    name: Safeguarding\n    kind: research\n")
ON_RESEARCH_EXEMPTION = further(
    "compatibility: research", "research_exemption: https://example.org/research"
)

FLIPS = [
    # rule, edits, last day it does not apply, first day it does (or the reverse for PM250)
    ("PM251", ADM_ON_SPECIAL_WITHOUT_CONSENT, dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    ("PM252", ADM_ON_RLI, dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    ("PM650", (), dt.date(2026, 6, 18), dt.date(2026, 6, 19)),
    ("PM211", (RLI, RLI_ON_POLICE), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    # Art 22 replaced by Arts 22A-22D; Art 89(1) by Art 84B (research safeguards)
    ("PM663", (ART22_NAMED,), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    ("PM663", (ART89_CITED,), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
]
FLIP_IDS = ["PM251", "PM252", "PM650", "PM211", "PM663-art22", "PM663-art89"]
UNFLIPS = [
    # rule, edits, last day it applies, first day it no longer does
    ("PM250", (RLI, RLI_ON_POLICE), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    # Annex 2 (Art 8A(3)) did not exist before 5 February 2026
    ("PM254", (ON_ANNEX_2,), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
    # data collected from the person (family-support collects from 'you'): before 5 February
    # 2026 only Art 14(5)(b) exempted, for data obtained from others
    ("PM665", (RESEARCH_PURPOSE, ON_RESEARCH_EXEMPTION), dt.date(2026, 2, 4), dt.date(2026, 2, 5)),
]


def rules_found(tmp_path: Path, text: str, law_as_at: dt.date | None = None) -> set[str]:
    path = tmp_path / "map.yaml"
    path.write_text(text, "utf-8")
    result = check(path, Config(), TODAY, law_as_at)
    assert result.usable
    return {d.rule for d in result.diagnostics}


@pytest.mark.parametrize(("rule", "edits", "before", "after"), FLIPS, ids=FLIP_IDS)
def test_a_duaa_rule_applies_from_its_commencement(
    rule: str,
    edits: tuple[tuple[str, str], ...],
    before: dt.date,
    after: dt.date,
    tmp_path: Path,
) -> None:
    text = mutate(edits)
    assert rule not in rules_found(tmp_path, text, before)
    assert rule in rules_found(tmp_path, text, after)


@pytest.mark.parametrize(("rule", "edits", "last", "after"), UNFLIPS, ids=[f[0] for f in UNFLIPS])
def test_relying_on_a_duaa_provision_is_an_error_before_its_commencement(
    rule: str,
    edits: tuple[tuple[str, str], ...],
    last: dt.date,
    after: dt.date,
    tmp_path: Path,
) -> None:
    text = mutate(edits)
    assert rule in rules_found(tmp_path, text, last)
    assert rule not in rules_found(tmp_path, text, after)


def test_every_duaa_commencement_turns_a_verdict_or_says_why_not() -> None:
    """Each commencement since 2024 has a rule whose verdict turns on it (tested above) or
    a recorded reason why no notice or ROPA duty arises from it, never both."""
    turning = {c for r in rules.catalogue().values() for c in (r.applies_from, *r.judged_by)}
    for item in commencements().values():
        assert (item.id in turning) != bool(item.no_rule_because), item.id
    flipped = {c for f in [*FLIPS, *UNFLIPS] for c in _commencements_of(f[0])}
    assert turning - {None} <= flipped | {"uk-gdpr"}


def _commencements_of(rule_id: str) -> set[str | None]:
    rule = rules.get(rule_id)
    return {rule.applies_from, *rule.judged_by}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Decisions under Art. 22 GDPR.", True),
        ("Article 22A of the UK GDPR gives you rights.", False),
        ("Article 22 of the UN Convention on the Rights of the Child.", False),
        ("the safeguards of section 19 of the Data Protection Act 2018", True),
        ("DPA 2018 s 19(2)", True),
        ("Data Protection Act 2018 s 190", False),
        ("Article 89(1) safeguards", True),
        ("Article 22 of the UK GDPR, now Articles 22A-22D, gives you rights.", False),
        ("Art 89(1) safeguards, replaced by Art 84B from February 2026", False),
    ],
)
def test_superseded_names_match_only_the_replaced_provision(
    text: str, named: bool, tmp_path: Path
) -> None:
    edit = ("  last_updated: 2026-01-15\n", f"  last_updated: 2026-03-01\n  introduction: {text}\n")
    assert ("PM663" in rules_found(tmp_path, mutate((edit,)))) is named


def test_the_notices_last_updated_is_the_default_date(tmp_path: Path) -> None:
    text = mutate((RLI, RLI_ON_POLICE))  # base notice: last_updated 2026-01-15
    assert "PM250" in rules_found(tmp_path, text)
    assert "PM250" not in rules_found(tmp_path, mutate((AFTER_DUAA, RLI, RLI_ON_POLICE)))


def test_without_last_updated_the_law_is_todays(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(mutate((("  last_updated: 2026-01-15\n", ""),)), "utf-8")
    result = check(path, Config(), dt.date(2026, 7, 1))
    assert result.law_as_at == dt.date(2026, 7, 1)
    assert "today" in result.law_as_at_reason
    assert "PM650" in {d.rule for d in result.diagnostics}


def test_a_complaints_contact_satisfies_the_complaints_duty(tmp_path: Path) -> None:
    text = mutate(
        (("subjects:\n", "contacts:\n  - role: complaints\n    email: c@example.org\nsubjects:\n"),)
    )
    assert "PM650" not in rules_found(tmp_path, text, dt.date(2026, 7, 1))


def test_cli_check_states_the_date_and_accepts_law_as_at(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(mutate(()), "utf-8")
    runner = CliRunner()
    default = runner.invoke(app, ["check", str(path), "--today", TODAY.isoformat()])
    assert default.stdout.startswith("Law as at 2026-01-15 (the notice's last_updated)\n")
    assert default.exit_code == 0
    later = runner.invoke(app, ["check", str(path), "--law-as-at", "2026-07-01"])
    assert later.stdout.startswith("Law as at 2026-07-01 (given with --law-as-at)\n")
    assert "PM650" in later.stdout
    bad = runner.invoke(app, ["check", str(path), "--law-as-at", "soon"])
    assert bad.exit_code == 2
    assert "--law-as-at must be a date" in bad.stderr


def test_build_states_the_date_in_the_ropa_about_sheet(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(mutate(()), "utf-8")
    result = check(path, Config(), TODAY, dt.date(2026, 3, 1))
    assert result.index is not None
    rows = {
        row[0].text: row[1].text
        for row in about_table(
            result.index, provenance=Provenance(law_as_at=str(result.law_as_at))
        ).rows
    }
    assert rows["Law as at"].startswith("2026-03-01: ")
    out = tmp_path / "out"
    done = CliRunner().invoke(
        app, ["build", str(path), "-o", str(out), "--only", "ropa", "--law-as-at", "2026-03-01"]
    )
    assert done.exit_code == 0, done.output
    assert "Law as at 2026-03-01 (given with --law-as-at)" in done.stderr


def test_explain_and_the_reference_say_from_when_a_rule_applies() -> None:
    done = CliRunner().invoke(app, ["explain", "PM650"])
    assert "Applies from: 19 Jun 2026 (DUAA 2025 s 103; SI 2026/82)" in done.stdout
    assert "Applies from: throughout" in CliRunner().invoke(app, ["explain", "PM201"]).stdout
    assert "- Applies from: 5 Feb 2026 (DUAA 2025 s 80; SI 2026/82)" in rules_markdown()
    # a rule that runs throughout but whose verdict turns on a commencement says which
    pm250 = CliRunner().invoke(app, ["explain", "PM250"]).stdout
    assert "Judged against: 5 Feb 2026 (DUAA 2025 s 70 and Sch 4; SI 2026/82)" in pm250
    reference = rules_markdown()
    assert "No rule: Art 12A sets when the time for answering a request starts" in reference
    assert "[PM665](#pm665-research-exemption-unavailable)" in reference


def test_every_applies_from_names_a_catalogued_commencement() -> None:
    named = {r.applies_from for r in rules.catalogue().values() if r.applies_from}
    assert named <= set(commencements())
    assert {"automated-decisions", "complaints-to-controllers"} <= named


def test_commencements_carry_their_source_and_replaced_text() -> None:
    for item in commencements().values():
        assert item.source and item.provision
        assert (item.replaces is None) == (item.replaced_until is None), item.id
        if item.replaced_until:
            assert item.replaced_until == item.in_force_from - dt.timedelta(days=1), item.id
        if not item.verified:
            assert "unverified" in item.describe()
    assert commencement("complaints-to-controllers").in_force_from == dt.date(2026, 6, 19)
    assert commencement("automated-decisions").in_force_from == dt.date(2026, 2, 5)


def test_the_art6_catalogue_agrees_with_the_commencements() -> None:
    basis = law.art6_basis("recognised-legitimate-interest")
    assert basis is not None
    assert basis.in_force_from == commencement("recognised-legitimate-interests").in_force_from


def test_stale_after_months_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(mutate(()), "utf-8")  # last_updated 2026-01-15, today 2026-06-01
    assert "PM659" not in {d.rule for d in check(path, Config(), TODAY).diagnostics}
    three = Config(stale_after_months=3)
    assert "PM659" in {d.rule for d in check(path, three, TODAY).diagnostics}
    toml = tmp_path / "privacymap.toml"
    toml.write_text("stale_after_months = 3\n", "utf-8")
    assert load_config(toml).stale_after_months == 3
    toml.write_text("stale_after_months = 0\n", "utf-8")
    with pytest.raises(ConfigError, match="stale_after_months"):
        load_config(toml)
