"""Citation parser: real citation forms (many from the seed notice) and rejects."""

import pytest

from privacymap.law import Citation, CitationError, Instrument, parse_citation

LGU = "https://www.legislation.gov.uk/"

ACCEPT = [
    # text, instrument id, paths, urls, display, label
    ("Children Act 2004 s10", "children-act-2004", [(("section", "10"),)],
     ["ukpga/2004/31/section/10"], "Children Act 2004, s 10", None),
    ("Children Act 2004 Section 10", "children-act-2004", [(("section", "10"),)],
     ["ukpga/2004/31/section/10"], "Children Act 2004, s 10", None),
    ("Section 1 of The Childcare Act 2006", "childcare-act-2006", [(("section", "1"),)],
     ["ukpga/2006/21/section/1"], "Childcare Act 2006, s 1", None),
    ("Crime and Disorder Act 1998 ss 17, 37 and 115", "crime-and-disorder-act-1998",
     [(("section", "17"),), (("section", "37"),), (("section", "115"),)],
     ["ukpga/1998/37/section/17", "ukpga/1998/37/section/37", "ukpga/1998/37/section/115"],
     "Crime and Disorder Act 1998, ss 17, 37 and 115", None),
    ("Section 17, 37 and 115 of The Crime and Disorder Act 1998", "crime-and-disorder-act-1998",
     [(("section", "17"),), (("section", "37"),), (("section", "115"),)],
     ["ukpga/1998/37/section/17", "ukpga/1998/37/section/37", "ukpga/1998/37/section/115"],
     "Crime and Disorder Act 1998, ss 17, 37 and 115", None),
    ("Care Act (2014) Part 1", "care-act-2014", [(("part", "1"),)],
     ["ukpga/2014/23/part/1"], "Care Act 2014, Part 1", None),
    ("Care Act (2014) Part 1 General responsibilities of local authorities", "care-act-2014",
     [(("part", "1"),)], ["ukpga/2014/23/part/1"], "Care Act 2014, Part 1",
     "General responsibilities of local authorities"),
    ("DPA 2018 Sch 1 Pt 2 para 18", "data-protection-act-2018",
     [(("schedule", "1"), ("part", "2"), ("paragraph", "18"))],
     ["ukpga/2018/12/schedule/1/paragraph/18"], "Data Protection Act 2018, Sch 1 para 18", None),
    ("Schedule 1 Part 2 Para 18 of the Data Protection Act (2018)", "data-protection-act-2018",
     [(("schedule", "1"), ("part", "2"), ("paragraph", "18"))],
     ["ukpga/2018/12/schedule/1/paragraph/18"], "Data Protection Act 2018, Sch 1 para 18", None),
    ("Data Protection Act 2018 Sch 1 para 18", "data-protection-act-2018",
     [(("schedule", "1"), ("paragraph", "18"))],
     ["ukpga/2018/12/schedule/1/paragraph/18"], "Data Protection Act 2018, Sch 1 para 18", None),
    ("Children and Families Act 2014 Part 3", "children-and-families-act-2014",
     [(("part", "3"),)], ["ukpga/2014/6/part/3"], "Children and Families Act 2014, Part 3", None),
    ("Part 3 of the Children and Families Act 2014", "children-and-families-act-2014",
     [(("part", "3"),)], ["ukpga/2014/6/part/3"], "Children and Families Act 2014, Part 3", None),
    ("Digital Economy Act 2017 – Part 5", "digital-economy-act-2017", [(("part", "5"),)],
     ["ukpga/2017/30/part/5"], "Digital Economy Act 2017, Part 5", None),
    ("Section 1 of The Localism Act 2011", "localism-act-2011", [(("section", "1"),)],
     ["ukpga/2011/20/section/1"], "Localism Act 2011, s 1", None),
    ("UK GDPR Art 6(1)(e)", "uk-gdpr", [(("article", "6"), ("paragraph", "1"), ("point", "e"))],
     ["eur/2016/679/article/6"], "UK GDPR, Art 6(1)(e)", None),
    ("Children Act 1989 s 47", "children-act-1989", [(("section", "47"),)],
     ["ukpga/1989/41/section/47"], "Children Act 1989, s 47", None),
    ("Localism Act 2011", "localism-act-2011", [], ["ukpga/2011/20"], "Localism Act 2011", None),
    ("DPA 2018 s 10(5)", "data-protection-act-2018", [(("section", "10"), ("subsection", "5"))],
     ["ukpga/2018/12/section/10/5"], "Data Protection Act 2018, s 10(5)", None),
    ("Children Act 1989 ss 17 and 47", "children-act-1989",
     [(("section", "17"),), (("section", "47"),)],
     ["ukpga/1989/41/section/17", "ukpga/1989/41/section/47"],
     "Children Act 1989, ss 17 and 47", None),
    ("Children Act 1989 s 17 and s 47", "children-act-1989",
     [(("section", "17"),), (("section", "47"),)],
     ["ukpga/1989/41/section/17", "ukpga/1989/41/section/47"],
     "Children Act 1989, ss 17 and 47", None),
    ("DPA 2018 Sch 1 Pt 2", "data-protection-act-2018", [(("schedule", "1"), ("part", "2"))],
     ["ukpga/2018/12/schedule/1/part/2"], "Data Protection Act 2018, Sch 1 Pt 2", None),
    ("Data Protection Act 2018 Part 2 Chapter 2", "data-protection-act-2018",
     [(("part", "2"), ("chapter", "2"))], ["ukpga/2018/12/part/2/chapter/2"],
     "Data Protection Act 2018, Part 2 Chapter 2", None),
    ("the Data (Use and Access) Act 2025, s. 70", "data-use-and-access-act-2025",
     [(("section", "70"),)], ["ukpga/2025/18/section/70"],
     "Data (Use and Access) Act 2025, s 70", None),
    ("Care Planning, Placement and Case Review (England) Regulations 2010 reg 50",
     "care-planning-placement-and-case-review-england-regulations-2010",
     [(("regulation", "50"),)], ["uksi/2010/959/regulation/50"],
     "Care Planning, Placement and Case Review (England) Regulations 2010, reg 50", None),
    ("Limitation Act 1980", "limitation-act-1980", [], ["ukpga/1980/58"],
     "Limitation Act 1980", None),
    ("GDPR Article 9(2)(g)", "uk-gdpr", [(("article", "9"), ("paragraph", "2"), ("point", "g"))],
     ["eur/2016/679/article/9"], "UK GDPR, Art 9(2)(g)", None),
    ("DPA 2018 Sch 1 paras 18 and 10", "data-protection-act-2018",
     [(("schedule", "1"), ("paragraph", "18")), (("schedule", "1"), ("paragraph", "10"))],
     ["ukpga/2018/12/schedule/1/paragraph/18", "ukpga/2018/12/schedule/1/paragraph/10"],
     "Data Protection Act 2018, Sch 1 paras 18 and 10", None),
    ("children act 2004 S.10", "children-act-2004", [(("section", "10"),)],
     ["ukpga/2004/31/section/10"], "Children Act 2004, s 10", None),
    # titles with commas
    ("Police, Crime, Sentencing and Courts Act 2022 s 1",
     "police-crime-sentencing-and-courts-act-2022", [(("section", "1"),)],
     ["ukpga/2022/32/section/1"], "Police, Crime, Sentencing and Courts Act 2022, s 1", None),
    ("s 67 of the Anti-social Behaviour, Crime and Policing Act 2014",
     "anti-social-behaviour-crime-and-policing-act-2014", [(("section", "67"),)],
     ["ukpga/2014/12/section/67"], "Anti-social Behaviour, Crime and Policing Act 2014, s 67",
     None),
    ("Copyright, Designs and Patents Act 1988", "copyright-designs-and-patents-act-1988", [],
     ["ukpga/1988/48"], "Copyright, Designs and Patents Act 1988", None),
    # lower-case section letters, as legislation.gov.uk writes them
    ("Children Act 1989 s 17a", "children-act-1989", [(("section", "17A"),)],
     ["ukpga/1989/41/section/17A"], "Children Act 1989, s 17A", None),
    ("Education Act 1996 ss 436a and 437", "education-act-1996",
     [(("section", "436A"),), (("section", "437"),)],
     ["ukpga/1996/56/section/436A", "ukpga/1996/56/section/437"],
     "Education Act 1996, ss 436A and 437", None),
    # apostrophes, abbreviations and Acts numbered by regnal year
    ("Magistrates Courts Act 1980 s 1", "magistrates-courts-act-1980", [(("section", "1"),)],
     ["ukpga/1980/43/section/1"], "Magistrates' Courts Act 1980, s 1", None),
    ("FOIA s 40", "freedom-of-information-act-2000", [(("section", "40"),)],
     ["ukpga/2000/36/section/40"], "Freedom of Information Act 2000, s 40", None),
    ("Public Records Act 1958 s 3", "public-records-act-1958", [(("section", "3"),)],
     ["ukpga/Eliz2/6-7/51/section/3"], "Public Records Act 1958, s 3", None),
    # the numbered provisions of Orders are articles, of Rules rules
    ("Homelessness (Suitability of Accommodation) (England) Order 2012 art 2",
     "homelessness-suitability-of-accommodation-england-order-2012", [(("article", "2"),)],
     ["uksi/2012/2601/article/2"],
     "Homelessness (Suitability of Accommodation) (England) Order 2012, Art 2", None),
    ("Civil Procedure Rules 1998 rule 31", "civil-procedure-rules-1998", [(("rule", "31"),)],
     ["uksi/1998/3132/rule/31"], "Civil Procedure Rules 1998, r 31", None),
]  # fmt: skip


PLURAL = [
    # text, instrument ids, display
    ("the Children Acts 1989 and 2004", ["children-act-1989", "children-act-2004"],
     "Children Act 1989 and Children Act 2004"),
    ("Children Act 1989 and 2004", ["children-act-1989", "children-act-2004"],
     "Children Act 1989 and Children Act 2004"),
    ("Housing Acts 1985, 1988 and 1996", ["housing-act-1985", "housing-act-1988",
     "housing-act-1996"], "Housing Act 1985, Housing Act 1988 and Housing Act 1996"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "ids", "display"), PLURAL)
def test_a_list_of_acts_gives_one_citation_of_each(text, ids, display):
    c = parse_citation(text)
    assert isinstance(c, Citation), c
    assert [i.id for i in c.instruments] == ids
    assert c.display == display
    assert list(c.urls) == [i.url for i in c.instruments]
    assert c.url is None  # several addresses: none is "the" address


@pytest.mark.parametrize(("text", "inst", "paths", "urls", "display", "label"), ACCEPT)
def test_accepts(text, inst, paths, urls, display, label):
    c = parse_citation(text)
    assert isinstance(c, Citation), c
    assert c.ok
    assert c.instrument.id == inst
    assert [p.path for p in c.provisions] == paths
    assert list(c.urls) == [LGU + u for u in urls]
    assert c.display == display
    assert c.label == label
    assert c.text == text


def test_single_url_and_multi():
    assert parse_citation("Children Act 2004 s10").url == LGU + "ukpga/2004/31/section/10"
    assert parse_citation("Crime and Disorder Act 1998 ss 17, 37 and 115").url is None


def test_guidance_edition_chapter_and_no_url():
    c = parse_citation("Working Together to Safeguard Children July 2018 Chapter 1")
    assert isinstance(c, Citation)
    assert c.instrument.kind == "statutory-guidance"
    assert not c.instrument.is_legislation
    assert c.edition is not None and c.edition.year == 2018
    assert c.edition.superseded and c.edition.superseded_by == 2023
    assert [p.path for p in c.provisions] == [(("chapter", "1"),)]
    assert c.provisions[0].url is None and c.urls == ()
    assert c.provisions[0].note.title == "Assessing need and providing help"
    assert c.display == "Working Together to Safeguard Children (July 2018), Chapter 1"


def test_provision_notes_say_power_or_duty():
    c = parse_citation("Crime and Disorder Act 1998 ss 17, 37 and 115")
    natures = {p.path[0][1]: p.note.nature if p.note else None for p in c.provisions}
    assert natures["115"] == "power"
    assert parse_citation("Section 1 of The Localism Act 2011").provisions[0].note.nature == "power"
    care = parse_citation("Care Act (2014) Part 1 General responsibilities of local authorities")
    assert "cross-heading" in care.provisions[0].note.note


REJECT = [
    # text, code, suggestion (None = don't care)
    ("section 17 or section 47", "no-instrument", None),
    ("Childrens Act 2004 s10", "unknown-instrument", "Children Act 2004"),
    ("Children Act 2005 s 10", "year-mismatch", "Children Act 2004"),
    ("Care Act 2015 Part 1", "year-mismatch", "Care Act 2014"),
    ("Children Act 2004 s", "malformed-provision", None),
    ("", "empty", None),
    ("   ", "empty", None),
    ("s 10 of it", "no-instrument", None),
    ("banana", "not-a-citation", None),
    ("Children Act s 10", "missing-year", "Children Act 1989 or Children Act 2004"),
    ("Working Together to Safeguard Children 2020", "unknown-edition", None),
    ("Working Together to Safeguard Children Chapter 1", "missing-edition", None),
    ("Children Act 2004 10", "malformed-provision", None),
    ("Children Act 1989 section 17 or section 47", "malformed-provision", None),
    ("Made Up Act 1999 s 3", "unknown-instrument", None),
    ("The task is safeguarding as per Children Act 2004 s 10", "malformed-provision", None),
    ("Children Act 2004 Part 1(2)", "malformed-provision", None),
    ("Care Act 2014 ss 1-900", "malformed-provision", None),
    # "section" of Regulations, "regulation" of an Act, "section" of the UK GDPR
    ("Care Planning, Placement and Case Review (England) Regulations 2010 section 50",
     "wrong-provision-kind",
     "Care Planning, Placement and Case Review (England) Regulations 2010 reg 50"),
    ("Section 15 of the Special Educational Needs and Disability Regulations 2014",
     "wrong-provision-kind", "Special Educational Needs and Disability Regulations 2014 reg 15"),
    ("Children Act 1989 regulation 5", "wrong-provision-kind", "Children Act 1989 s 5"),
    ("UK GDPR section 6", "wrong-provision-kind", "UK GDPR Art 6"),
    ("Homelessness (Suitability of Accommodation) (England) Order 2012 reg 2",
     "wrong-provision-kind",
     "Homelessness (Suitability of Accommodation) (England) Order 2012 Art 2"),
    ("Children Acts 1989 and 2004 s 10", "malformed-provision", None),
    ("Leasehold Reform, Housing and Urban Development Act 1993 s 1", "unknown-instrument", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "suggestion"), REJECT)
def test_rejects(text, code, suggestion):
    e = parse_citation(text)
    assert isinstance(e, CitationError), e
    assert not e.ok
    assert e.code == code
    assert e.reason
    if suggestion is not None:
        assert e.suggestion == suggestion


def test_an_unknown_title_with_commas_is_named_whole():
    e = parse_citation("Leasehold Reform, Housing and Urban Development Act 1993 s 1")
    assert isinstance(e, CitationError)
    assert "'Leasehold Reform, Housing and Urban Development Act 1993'" in e.reason


def test_lookup_cost_does_not_grow_with_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are looked up in one dictionary, not matched one regular expression each."""
    import re

    from privacymap.law import instrument_names

    compiled: list[str] = []
    original = re.compile

    def counting(pattern, flags=0):  # type: ignore[no-untyped-def]
        compiled.append(pattern)
        return original(pattern, flags)

    instrument_names.catalogue_names.cache_clear()
    monkeypatch.setattr(re, "compile", counting)
    parse_citation("Police, Crime, Sentencing and Courts Act 2022 s 1")
    assert len(compiled) < 10, compiled


@pytest.mark.parametrize("junk", [None, 42, "(((", "s s s", "Act 2004", "§§", "ss 1, and", "\x00"])
def test_never_raises(junk):
    assert not parse_citation(junk).ok


def test_extra_instruments_from_the_data_map():
    local = Instrument(id="lancashire-act-1999", title="Lancashire County Council Act 1999",
                       kind="act", year=1999)  # fmt: skip
    assert not parse_citation("Lancashire County Council Act 1999 s 3").ok
    c = parse_citation(
        "Section 3 of the Lancashire County Council Act 1999", extra_instruments=[local]
    )
    assert c.ok and c.instrument is local
    assert c.display == "Lancashire County Council Act 1999, s 3"
    assert c.provisions[0].url is None  # no address given for the local Act
    as_mapping = {"id": "x-act-2001", "title": "X Act 2001", "kind": "act", "year": 2001,
                  "url": "https://www.legislation.gov.uk/ukla/2001/1"}  # fmt: skip
    c2 = parse_citation("X Act 2001 s 2", extra_instruments=[as_mapping])
    assert c2.ok and c2.url == "https://www.legislation.gov.uk/ukla/2001/1/section/2"


def test_instrument_from_a_data_map_statute():
    from types import SimpleNamespace

    from privacymap.law import instrument_from_statute

    statute = SimpleNamespace(id="county-act", title="Lancashire County Council Act", year=1999,
                              chapter=None, kind="act", url=None, aliases=("LCC Act",))  # fmt: skip
    inst = instrument_from_statute(statute)
    assert inst.title == "Lancashire County Council Act 1999"
    c = parse_citation("LCC Act 1999 s 4", extra_instruments=[inst])
    assert c.ok and c.display == "Lancashire County Council Act 1999, s 4"
    wrong = parse_citation("Lancashire County Council Act 2001 s 4", extra_instruments=[inst])
    assert wrong.code == "year-mismatch"
