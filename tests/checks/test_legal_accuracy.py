"""The rules the legal review (issue 15) found wrong in law, one test per item.

Maps are the clean base fixture or the clean `examples/qualified-rights` map
with one change each; every test names the provision it holds the rule to.
"""

from __future__ import annotations

from pathlib import Path

from privacymap import ropa
from privacymap.notice import build_view
from tests.checks.test_rules import line_of, mutate, run

REPO = Path(__file__).resolve().parents[2]
QUALIFIED = (REPO / "examples" / "qualified-rights" / "datamap.yaml").read_text("utf-8")


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def rules_found(tmp_path: Path, text: str, *rule_ids: str) -> list[tuple[str, str]]:
    result = run(tmp_path, text)
    assert result.usable, [str(d) for d in result.diagnostics]
    return [(d.rule, d.message) for d in result.diagnostics if d.rule in rule_ids]


# ------------------------------------------------------------------ the clean example


def test_the_qualified_rights_example_checks_clean(tmp_path: Path) -> None:
    result = run(tmp_path, QUALIFIED)
    assert [str(d) for d in result.diagnostics] == []
    assert result.exit_code == 0
    rights = {r.id for r in result.index.rights_in_use}
    assert {"erasure", "object", "object-direct-marketing", "withdraw-consent"} <= rights
    assert "object-research" not in rights  # research as a public task: Art 21(1) instead


# ------------------------------------------------------------------ erasure (Art 17(3)(b))


def test_erasure_under_public_task_alone_is_not_reported_as_inapplicable(tmp_path: Path) -> None:
    text = mutate((("    bases: [consent]\n    conditions: [explicit]\n",
                    "    bases: [task]\n    conditions: [spi]\n"),))  # fmt: skip
    assert not [m for r, m in rules_found(tmp_path, text, "PM701") if "erasure" in m]


def test_unqualified_erasure_under_public_task_asks_for_the_qualification(
    tmp_path: Path,
) -> None:
    start = QUALIFIED.index("      You can ask us to delete your information.")
    end = QUALIFIED.index("  - right: restriction")
    text = QUALIFIED[:start] + "      You can ask us to delete it.\n" + QUALIFIED[end:]
    (found,) = rules_found(tmp_path, text, "PM704", "PM701")
    assert found[0] == "PM704"
    assert "is qualified for processing based on Public task (Art 6(1)(e))" in found[1]
    assert "applies only to processing based on Consent" not in found[1]
    result = run(tmp_path, text)
    (finding,) = [d for d in result.diagnostics if d.rule == "PM704"]
    assert finding.hint is not None and "to the extent" in finding.hint


def test_erasure_is_required_under_public_task(tmp_path: Path) -> None:
    text = edit(QUALIFIED, ("  - right: erasure\n", "  - right: erasure-gone\n"))
    text = text.replace("  - right: erasure-gone\n", "  - right: be-informed\n")
    found = rules_found(tmp_path, text, "PM702")
    assert any("right to erasure" in m for _, m in found)


# ------------------------------------------------------------------ objection (Art 21)


def test_objection_to_direct_marketing_under_consent_is_not_inapplicable(tmp_path: Path) -> None:
    text = mutate(
        (
            ("    how: To our use of your information for tasks in the public interest.",
             "    wording: You can object to direct marketing."),
            ("    bases: [task]\n    conditions: [spi]\n", "    bases: [consent]\n"),
        )
    )  # fmt: skip
    result = run(tmp_path, text)
    assert "public-task" not in result.index.bases_in_use
    assert not [d for d in result.diagnostics if d.rule == "PM701" and "object" in d.subject]


def test_direct_marketing_purpose_requires_the_separate_objection(tmp_path: Path) -> None:
    start = QUALIFIED.index("  - right: object-direct-marketing")
    end = QUALIFIED.index("  - right: withdraw-consent")
    text = QUALIFIED[:start] + QUALIFIED[end:]
    (found,) = rules_found(tmp_path, text, "PM702")
    assert "right to object to direct marketing (Art 21(2)-(3))" in found[1]
    assert "Art 21(4)" in found[1] and "direct-marketing" in found[1]


def test_an_object_entry_worded_for_direct_marketing_states_it(tmp_path: Path) -> None:
    text = edit(QUALIFIED, ("  - right: object-direct-marketing\n", "  - right: object\n"))
    assert rules_found(tmp_path, text, "PM702") == []


def test_research_purpose_under_consent_requires_the_research_objection(tmp_path: Path) -> None:
    text = edit(
        QUALIFIED,
        (
            "    bases: [early-years-duty]\n    conditions: [research]\n",
            "    bases: [consent]\n    conditions: [research]\n",
        ),
        (
            "      supporting young children, including for research, because of your\n",
            "      supporting young children, because of your\n",
        ),
    )
    found = rules_found(tmp_path, text, "PM702")
    assert any("right to object to research or statistics (Art 21(6))" in m for _, m in found)


# ------------------------------------------------------------------ PM201 per purpose


def test_pm201_states_art_6_per_purpose(tmp_path: Path) -> None:
    text = mutate(
        (
            ("    bases: [task]\n", ""),
            ("      - from: hub\n", "      - from: hub\n        bases: [task]\n"),
        )
    )  # fmt: skip
    (found,) = rules_found(tmp_path, text, "PM201")
    assert "each purpose it serves ('safeguarding')" in found[1]


# ------------------------------------------------------------------ PM208 per operation


def test_pm208_accepts_consent_support_with_a_flow_level_public_task_disclosure(
    tmp_path: Path,
) -> None:
    text = mutate(
        (
            (
                "      - to: nhs-trust\n",
                "      - to: nhs-trust\n        bases: [task]\n        conditions: [spi]\n",
            ),
        )
    )
    assert rules_found(tmp_path, text, "PM208") == []
    pooled = mutate(
        (("    purposes: [support]\n", "    purposes: [support]\n    bases: [consent, task]\n"),)
    )
    (found,) = rules_found(tmp_path, pooled, "PM208")
    assert "for the same processing" in found[1]


# ------------------------------------------------------------------ PM308 / PM309


def test_pm308_accepts_para18_on_a_separate_flow_without_consent(tmp_path: Path) -> None:
    text = mutate(
        (
            (
                "      - to: nhs-trust\n",
                "      - to: nhs-trust\n        bases: [task]\n        conditions: [spi]\n",
            ),
        )
    )
    assert rules_found(tmp_path, text, "PM308") == []


def test_pm308_does_not_treat_joining_a_service_as_data_protection_consent(
    tmp_path: Path,
) -> None:
    text = mutate(
        (
            (
                "    purposes: [safeguarding]\n",
                "    purposes: [safeguarding]\n    consent:\n      required: true\n",
            ),
        )
    )
    assert rules_found(tmp_path, text, "PM308") == []


def test_pm309_para16_accepts_only_cannot_reasonably_be_obtained(tmp_path: Path) -> None:
    text = mutate((("    schedule1: [18]\n    policy_document: apd\n    without_consent:\n"
                    "      reason: would-prejudice\ncriminal",
                    "    schedule1: [16]\n    policy_document: apd\n    without_consent:\n"
                    "      reason: would-prejudice\ncriminal"),))  # fmt: skip
    (found,) = rules_found(tmp_path, text, "PM309")
    assert "accepts only that the controller cannot reasonably be expected" in found[1]
    assert "not aware of the person withholding it" in found[1]


def test_pm309_para20_needs_no_reason_unless_one_is_recorded(tmp_path: Path) -> None:
    text = mutate((("    schedule1: [18]\n    policy_document: apd\n    without_consent:\n"
                    "      reason: would-prejudice\ncriminal",
                    "    schedule1: [20]\n    policy_document: apd\ncriminal"),))  # fmt: skip
    assert rules_found(tmp_path, text, "PM309") == []


# ------------------------------------------------------------------ PM305 / PM307


def _offence_route(schedule1: str, extra: str = "") -> str:
    return mutate((("  - id: offence-route\n    route: schedule1\n    schedule1: [18]\n"
                    "    policy_document: apd\n",
                    f"  - id: offence-route\n    route: schedule1\n    schedule1: {schedule1}\n"
                    f"{extra}"),))  # fmt: skip


def test_pm305_honours_the_para_10_2_exception(tmp_path: Path) -> None:
    flagged = rules_found(tmp_path, _offence_route("[10]"), "PM305")
    assert len(flagged) == 1 and "apd_exception" in flagged[0][1]
    assert rules_found(tmp_path, _offence_route("[10]", "    apd_exception: true\n"), "PM305") == []


def test_pm305_para_37_needs_an_apd_as_para_20_does(tmp_path: Path) -> None:
    (found,) = rules_found(tmp_path, _offence_route("[37]"), "PM305")
    assert "para 37" in found[1]


def test_pm305_para_36_needs_an_apd_with_its_part_2_condition(tmp_path: Path) -> None:
    (found,) = rules_found(tmp_path, _offence_route("[36, 18]"), "PM305")
    assert "para 18 and para 36" in found[1]


def test_pm307_para_36_alone_means_nothing(tmp_path: Path) -> None:
    (found,) = rules_found(tmp_path, _offence_route("[36]", "    policy_document: apd\n"), "PM307")
    assert "para 36" in found[1]
    assert rules_found(tmp_path, _offence_route("[36, 18]", "    policy_document: apd\n"),
                       "PM307") == []  # fmt: skip


# ------------------------------------------------------------------ PM207


def test_pm207_a_listed_right_to_withdraw_with_a_rights_contact_is_enough(tmp_path: Path) -> None:
    text = mutate((("    withdrawal: Tell your worker.\n", ""),))
    assert rules_found(tmp_path, text, "PM207") == []
    no_contact = mutate((("    withdrawal: Tell your worker.\n", ""),
                         ("dpo:\n  email: dpo@example.org\n", "")))  # fmt: skip
    assert len(rules_found(tmp_path, no_contact, "PM207")) == 2  # Art 6(1)(a) and 9(2)(a)


# ------------------------------------------------------------------ PM401 / PM403 / PM404


def test_public_authority_cannot_transfer_on_explicit_consent(tmp_path: Path) -> None:
    text = mutate((("    role: processor\n", "    role: processor\n    country: US\n"),
                   ("transfers:\n  none: true\n",
                    "transfers:\n  items:\n    - recipient: supplier\n      country: US\n"
                    "      mechanism: derogation-explicit-consent\n")))  # fmt: skip
    assert [r for r, _ in rules_found(tmp_path, text, "PM401", "PM403")] == ["PM403"]
    private = text.replace("  public_authority: true\n", "  public_authority: false\n")
    assert rules_found(tmp_path, private, "PM403") == []


# ------------------------------------------------------------------ PM610 / PM614 / PM611


def test_silence_on_automated_decisions_is_a_note_unless_a_right_is_listed(
    tmp_path: Path,
) -> None:
    result = run(tmp_path, mutate((("automated_decision_making:\n  exists: false\n", ""),)))
    assert [(d.rule, d.severity.value) for d in result.diagnostics] == [("PM614", "info")]


def test_pm611_statutory_false_alone_is_not_enough(tmp_path: Path) -> None:
    text = mutate((("  obliged: false\n  consequences: We may not be able to help.\n", ""),))
    (found,) = rules_found(tmp_path, text, "PM611")
    assert "obliged" in found[1] and "consequences" in found[1]


# ------------------------------------------------------------------ PM211, ROPA and notice


def _with_rli(annex1: str) -> str:
    text = edit(
        QUALIFIED,
        ("  public_authority: true\n", "  public_authority: false\n"),
        (
            "  - id: consent\n    basis: consent\n",
            "  - id: consent\n    basis: consent\n  - id: safeguarding\n"
            f"    basis: recognised-legitimate-interest\n{annex1}",
        ),
        (
            "    bases: [consent]\n    consent:\n",
            "    bases: [consent, safeguarding]\n    consent:\n",
        ),
    )
    return text


def test_ropa_shows_the_annex_1_condition_of_a_recognised_legitimate_interest(
    tmp_path: Path,
) -> None:
    result = run(tmp_path, _with_rli('    annex1: ["UK GDPR Annex 1 para 6"]\n'))
    assert not [d for d in result.diagnostics if d.rule == "PM211"]
    newsletter = next(r for r in ropa.rows(result.index) if "newsletter" in
                      r["Purpose of processing"].lower())  # fmt: skip
    interests = newsletter["Legitimate interests for the processing (if applicable)"]
    assert "Annex 1 para 6" in interests and "vulnerable individual" in interests
    assert "not recorded" not in interests.lower()
    assessment = newsletter["Link to record of legitimate interests assessment (if applicable)"]
    assert "needs no legitimate interests assessment" in assessment


def test_pm211_recognised_legitimate_interest_needs_its_annex_1_condition(
    tmp_path: Path,
) -> None:
    text = _with_rli("")
    (found,) = rules_found(tmp_path, text, "PM211")
    assert "names no Annex 1 condition" in found[1]
    assert line_of(text, "- id: safeguarding") > 0


def test_notice_says_meaningful_human_involvement(tmp_path: Path) -> None:
    result = run(tmp_path, QUALIFIED)
    view = build_view(result.index)
    assert "meaningful human involvement" in view.automated.plain
    assert "always involved" not in view.automated.plain
    assert any("not obliged" in p for p in view.requirement.plain)


def test_ropa_marks_erasure_qualified_under_public_task(tmp_path: Path) -> None:
    result = run(tmp_path, QUALIFIED)
    cells = {
        row["Purpose of processing"]: row["Rights available to individuals"]
        for row in ropa.rows(result.index)
    }
    support = next(v for k, v in cells.items() if "support they need" in k)
    newsletter = next(v for k, v in cells.items() if "news" in k)
    assert "Right to erasure (Art 17) \u2013 qualified: Art 17(3)(b)" in support
    assert "Right to erasure (Art 17)\n" in newsletter  # in full under consent


def test_notice_time_limits_follow_art_12a(tmp_path: Path) -> None:
    from privacymap.notice import render_notice

    result = run(tmp_path, QUALIFIED)
    for name in ("notice.html", "notice.md"):
        page = " ".join(render_notice(result.index)[name].decode("utf-8").split())
        assert "within one month of receiving your request, or of receiving any proof" in page
        assert "complex, or you have made several" in page  # "complexity or number"
