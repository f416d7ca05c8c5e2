"""Integrity of the legal catalogues against the domain sheet."""

import re

import pytest

from privacymap import law
from privacymap.law import normalise_key

ART6_IDS = ["consent", "contract", "legal-obligation", "vital-interests", "public-task",
            "recognised-legitimate-interest", "legitimate-interests"]  # fmt: skip


def test_art6_ids_in_article_order():
    assert [b.id for b in law.art6_bases()] == ART6_IDS
    assert [b.point for b in law.art6_bases()] == ["a", "b", "c", "d", "e", "ea", "f"]


def test_art6_keys_unique_and_resolve():
    seen = {}
    for b in law.art6_bases():
        for key in (b.id, b.article, *b.aliases):
            k = normalise_key(key)
            assert seen.setdefault(k, b.id) == b.id, key
            assert law.art6_basis(key) is b
    for key in ("6(1)(e)", "6.1.e", "Art 6(1)(e)", "article 6(1)(e)", "UK GDPR Art 6(1)(e)",
                "A6-1-e", "PUBLIC TASK", "public-task"):  # fmt: skip
        assert law.art6_basis(key).id == "public-task", key
    assert law.art6_basis("a") is None and law.art6_basis("nonsense") is None


def test_art6_flags():
    get = law.art6_basis
    assert get("consent").needs_withdrawal
    assert {b.id for b in law.art6_bases() if b.needs_law} == {"legal-obligation", "public-task"}
    assert {b.id for b in law.art6_bases() if b.needs_interests} == {"legitimate-interests"}
    assert {b.id for b in law.art6_bases() if b.unavailable_to_public_authorities_for_tasks} == {
        "recognised-legitimate-interest", "legitimate-interests"}  # fmt: skip
    rli = get("6(1)(ea)")
    assert rli.in_force_from.isoformat() == "2026-02-05" and rli.dpv is None
    for b in law.art6_bases():
        if b.point != "ea":
            assert b.dpv == f"https://w3id.org/dpv/legal/eu/gdpr#A6-1-{b.point}"


def test_art9_schedule1_parts_per_dpa_s10():
    expected = {"b": 1, "h": 1, "i": 1, "j": 1, "g": 2}
    conds = law.art9_conditions()
    assert [c.point for c in conds] == list("abcdefghij")
    for c in conds:
        assert c.schedule1_part == expected.get(c.point), c.id
        assert c.dpv == f"https://w3id.org/dpv/legal/eu/gdpr#A9-2-{c.point}"
        assert law.art9_condition(c.article) is c
        assert law.art9_condition(f"9.2.{c.point}") is c
        for n in c.schedule1_paragraphs:
            assert law.schedule1_paragraph(n).part == c.schedule1_part
    assert law.art9_condition("health-social-care").schedule1_paragraphs == (2,)
    assert law.art9_condition("9(2)(g)").schedule1_paragraphs == tuple(range(6, 29))
    assert "9(3)" in law.art9_condition("9(2)(h)").safeguards


def test_schedule1_every_paragraph_once_with_part():
    allp = law.schedule1_paragraphs(include_informational=True)
    assert [p.number for p in allp] == list(range(1, 42))
    for p in allp:
        expected_part = 1 if p.number <= 4 else 2 if p.number <= 28 else 3 if p.number <= 37 else 4
        assert p.part == expected_part, p.number
    conditions = [p.number for p in law.schedule1_paragraphs()]
    assert conditions == [*range(1, 5), *range(6, 38)]
    assert not law.schedule1_paragraph(5).condition
    assert law.schedule1_paragraph(99) is None


def test_schedule1_apd_and_art10():
    p = law.schedule1_paragraph
    assert p(1).apd_required and not p(2).apd_required
    assert all(p(n).apd_required for n in range(6, 29) if n != 13)
    assert not p(13).apd_required
    for n in (10, 13, 27):
        assert f"{n}(" in p(n).apd_exception
    assert p(35).apd_required and not any(p(n).apd_required for n in range(29, 35))
    no_art10 = {8, 9, 16, 19, 21, 22}
    for n in range(6, 29):
        assert p(n).art10 is (n not in no_art10), n
    assert p(20).art10_via == 37 and p(18).art10_via == 36
    # ICO: 28 conditions available for criminal offence data (paras 1-37)
    usable = [x for x in law.schedule1_paragraphs() if x.art10 and x.number not in (36, 37)]
    assert len(usable) == 28
    assert p(18).heading == "Safeguarding of children and of individuals at risk"
    assert p(37).heading_verified is False
    assert p(18).url.endswith("/ukpga/2018/12/schedule/1/paragraph/18")


# Section 3 of the domain sheet: the headings of paras 1-35 as in the Act. Not 36
# (the catalogue has the Act's wording, the sheet an unverified paraphrase) nor 37
# (unverified; its heading_verified flag is tested above).
SCHEDULE1_HEADINGS = {
    1: "Employment, social security and social protection",
    2: "Health or social care purposes",
    3: "Public health",
    4: "Research etc",
    6: "Statutory etc and government purposes",
    7: "Administration of justice and parliamentary purposes",
    8: "Equality of opportunity or treatment",
    9: "Racial and ethnic diversity at senior levels of organisations",
    10: "Preventing or detecting unlawful acts",
    11: "Protecting the public against dishonesty etc",
    12: "Regulatory requirements relating to unlawful acts and dishonesty etc",
    13: "Journalism etc in connection with unlawful acts and dishonesty etc",
    14: "Preventing fraud",
    15: "Suspicion of terrorist financing or money laundering",
    16: "Support for individuals with a particular disability or medical condition",
    17: "Counselling etc",
    18: "Safeguarding of children and of individuals at risk",
    19: "Safeguarding of economic well-being of certain individuals",
    20: "Insurance",
    21: "Occupational pensions",
    22: "Political parties",
    23: "Elected representatives responding to requests",
    24: "Disclosure to elected representatives",
    25: "Informing elected representatives about prisoners",
    26: "Publication of legal judgments",
    27: "Anti-doping in sport",
    28: "Standards of behaviour in sport",
    29: "Consent",
    30: "Protecting individual's vital interests",
    31: "Processing by not-for-profit bodies",
    32: "Personal data in the public domain",
    33: "Legal claims",
    34: "Judicial acts",
    35: "Administration of accounts used in commission of indecency offences involving children",
}


def test_schedule1_headings_match_the_sheet():
    for n, heading in SCHEDULE1_HEADINGS.items():
        assert law.schedule1_paragraph(n).heading == heading, n
    for n in (5, 38, 39, 40, 41):  # rules about conditions: no heading, a summary instead
        assert law.schedule1_paragraph(n).heading is None and law.schedule1_paragraph(n).summary


def test_art10_routes():
    routes = {r.id: r for r in law.art10_routes()}
    assert set(routes) == {"official-authority", "schedule1"}
    assert routes["official-authority"].needs_law
    assert routes["schedule1"].schedule1_parts == (1, 2, 3)


# Section 6 of the domain sheet, cell by cell (a b c d e f), as corrected by issue 15:
# Y applies, Q applies with a qualification the notice must state, N does not apply.
RIGHTS_TABLE = {
    "be-informed": "YYYYYY",
    "access": "YYYYYY",
    "rectification": "YYYYYY",
    "erasure": "YYQYQY",
    "restriction": "YYYYYY",
    "portability": "YYNNNN",
    "object": "NNNNYY",
    "object-direct-marketing": "YYYYYY",
    "object-research": "YYYYNY",
    "withdraw-consent": "YNNNNN",
    "automated-decision-making": "YYYYYY",
}
CELL = {"Y": "applies", "Q": "qualified", "N": "does-not-apply"}
SHEET_BASES = ["consent", "contract", "legal-obligation", "vital-interests", "public-task",
               "legitimate-interests"]  # fmt: skip


@pytest.mark.parametrize(("right_id", "row"), RIGHTS_TABLE.items())
def test_rights_match_the_sheet(right_id, row):
    r = law.right(right_id)
    for basis, cell in zip(SHEET_BASES, row, strict=True):
        assert r.applicability(basis) == CELL[cell], (right_id, basis)
        assert r.applies(basis) is (cell != "N"), (right_id, basis)
        assert (r.qualification(basis) is not None) is (cell == "Q"), (right_id, basis)


def test_rights_details():
    assert [r.id for r in law.rights()] == list(RIGHTS_TABLE)
    erasure = law.right("erasure")
    for basis in ("legal-obligation", "public-task"):
        reason = erasure.qualification(basis)
        assert reason is not None and "17(3)(b)" in reason and "to the extent" in reason
        assert "17(1)(a)" in reason and "17(1)(d)" in reason
    assert "17(1)(c)" in erasure.qualification("public-task")
    assert "provided" in law.right("portability").condition
    assert "automated" in law.right("portability").condition
    assert law.right("object").presented_separately
    assert "no set form" in law.right("access").how_to
    assert "recognised-legitimate-interest" in law.right("object").unverified_for


def test_rights_for_bases_union_in_order():
    ids = [r.id for r in law.rights_for_bases(["public-task"])]
    assert ids == ["be-informed", "access", "rectification", "erasure", "restriction", "object",
                   "automated-decision-making"]  # fmt: skip
    both = [r.id for r in law.rights_for_bases(["6(1)(a)", "public-task"])]
    assert (
        both
        == [  # objection to direct marketing or research only with a purpose kind
            *list(RIGHTS_TABLE)[:3],
            "erasure",
            "restriction",
            "portability",
            "object",
            "withdraw-consent",
            "automated-decision-making",
        ]
    )
    assert "withdraw-consent" in [r.id for r in law.rights_for_bases(["explicit-consent"])]
    with pytest.raises(ValueError):
        law.rights_for_bases(["no-such-basis"])


LEG_PATH = r"(ukpga|uksi|asp|anaw|nisi|eur)/(\d{4}|[A-Z][a-z]+\d?/\d+(?:-\d+)*)/\d+"
LEG_URL = re.compile(rf"^https://www\.legislation\.gov\.uk/{LEG_PATH}$")
ID_URI = re.compile(rf"^http://www\.legislation\.gov\.uk/id/{LEG_PATH}$")
SEED = ["care-act-2014", "childcare-act-2006", "digital-economy-act-2017",
        "crime-and-disorder-act-1998", "localism-act-2011", "children-act-2004",
        "children-and-families-act-2014", "data-protection-act-2018",
        "working-together-to-safeguard-children"]  # fmt: skip


def test_instruments():
    insts = law.instruments()
    assert len({i.id for i in insts}) == len(insts)
    for sid in SEED:
        assert law.instrument(sid) is not None, sid
    for i in insts:
        if i.is_legislation:
            assert LEG_URL.match(i.url), i.id
            assert ID_URI.match(i.id_uri), i.id
            assert i.url.endswith(f"/{i.legislation_type}/{i.regnal or i.year}/{i.number}")
            assert i.kind in ("act", "statutory-instrument", "retained-eu-law")
        else:
            assert i.url is None and i.legislation_type is None and i.id_uri is None
            assert all(e.url is None or "legislation.gov.uk" not in e.url for e in i.editions)
        for p in i.provisions:
            assert p.nature in (None, "duty", "power", "exemption")
    wt = law.instrument("Working Together")
    assert wt.edition(2018).superseded_by == 2023 and not wt.edition(2023).superseded
    assert law.instrument("DPA 2018").number == 12
    assert (
        law.instrument("The Crime and Disorder Act 1998").provision_note("section/115").nature
        == "power"
    )
    assert law.instrument("UK GDPR").url == "https://www.legislation.gov.uk/eur/2016/679"
    assert law.instrument("DPA 2018").id_uri == "http://www.legislation.gov.uk/id/ukpga/2018/12"


def test_the_catalogue_covers_what_public_bodies_cite():
    """At least 250 instruments, across the areas public bodies' notices cite."""
    insts = law.instruments()
    assert len(insts) >= 250
    for title in ("Freedom of Information Act 2000", "Human Rights Act 1998", "Equality Act 2010",
                  "Education Act 1996", "Mental Capacity Act 2005", "Housing Act 1996",
                  "Social Security Administration Act 1992", "Immigration Act 1971",
                  "Police and Criminal Evidence Act 1984", "Legal Aid, Sentencing and Punishment "
                  "of Offenders Act 2012", "Local Government Act 1972",
                  "Representation of the People Act 1983", "Public Records Act 1958",
                  "Health Service (Control of Patient Information) Regulations 2002"):  # fmt: skip
        assert law.instrument(title) is not None, title


def test_no_two_instruments_share_a_number():
    seen: dict[tuple[str | None, str | None], str] = {}
    for i in law.instruments():
        if i.legislation_path is None:
            continue
        key = (i.legislation_type, i.legislation_path)
        assert key not in seen, f"{i.id} and {seen[key]} share {i.legislation_path}"
        seen[key] = i.id


def _fold(name: str) -> str:
    plain = name.lower().replace("(", " ").replace(")", " ")
    return " ".join(re.sub(r"^the\s+", "", plain).split())


def test_every_name_and_alias_resolves_to_exactly_one_instrument():
    owners: dict[str, set[str]] = {}
    for i in law.instruments():
        for name in (i.id, i.title, *i.aliases):
            owners.setdefault(_fold(name), set()).add(i.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not shared
    for i in law.instruments():
        for name in (i.title, *i.aliases):
            assert law.instrument(name) is i, name
            if i.is_legislation:
                parsed = law.parse_citation(name if name[-4:].isdigit() or not i.year
                                            else f"{name} {i.year}")  # fmt: skip
                assert isinstance(parsed, law.Citation), (name, parsed)
                assert parsed.instrument is i, name


def test_unverified_entries_are_marked_and_still_linked_from_year_and_number():
    unverified = [i for i in law.instruments() if not i.verified and i.is_legislation]
    assert unverified  # the catalogue says which numbers were not confirmed
    for i in unverified:
        assert i.url == f"https://www.legislation.gov.uk/{i.legislation_path}"


def test_ico():
    ico = law.ico()
    assert ico.name == "Information Commissioner's Office"
    assert ico.postcode == "SK9 5AF" and ico.telephone == "0303 123 1113"
    assert ico.complaints_url == "https://ico.org.uk/make-a-complaint/"


def test_law_import_is_light():
    import subprocess
    import sys

    # the emitters' libraries (as tests/test_import_set.py) and pydantic: the law's
    # values are plain frozen dataclasses so that the model can import them cheaply
    heavy = ("jinja2", "networkx", "graphviz", "xlsxwriter", "markdown_it", "openpyxl", "pydantic")
    code = (
        f"import sys, privacymap.law; bad = [m for m in {heavy!r} if m in sys.modules];"
        " print(bad); sys.exit(bool(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
