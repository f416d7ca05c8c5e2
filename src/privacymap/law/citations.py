"""Parse statute citations as people write them into structured citations.

"Children Act 2004 s10", "Section 17, 37 and 115 of The Crime and Disorder Act
1998" and "DPA 2018 Sch 1 Pt 2 para 18" all become a `Citation` with the
catalogue instrument, one `Provision` per cited provision and its
legislation.gov.uk address. Anything unusable becomes a `CitationError` with a
reason (a finding for the checker), never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from privacymap.law.catalogue import annex1_paragraphs, instruments
from privacymap.law.instrument_names import Hit, name_tables, named_in
from privacymap.law.types import Edition, Instrument, ProvisionNote

Path = tuple[tuple[str, str], ...]

_KINDS = {
    "annex": "annex", "annexes": "annex",
    "schedule": "schedule", "schedules": "schedule", "sched": "schedule", "sch": "schedule",
    "schs": "schedule",
    "part": "part", "parts": "part", "pt": "part", "pts": "part",
    "chapter": "chapter", "chapters": "chapter", "chap": "chapter", "ch": "chapter",
    "section": "section", "sections": "section", "sec": "section", "secs": "section",
    "s": "section", "ss": "section",
    "paragraph": "paragraph", "paragraphs": "paragraph", "para": "paragraph",
    "paras": "paragraph",
    "article": "article", "articles": "article", "art": "article", "arts": "article",
    "regulation": "regulation", "regulations": "regulation", "reg": "regulation",
    "regs": "regulation", "rule": "rule", "rules": "rule",
}  # fmt: skip
_RANK = {"annex": 0, "schedule": 0, "part": 1, "chapter": 2}  # others (leaf provisions): 3
_SUBS = {
    "section": ("subsection", "paragraph", "sub-paragraph"),
    "paragraph": ("sub-paragraph", "paragraph", "sub-paragraph"),
    "regulation": ("paragraph", "sub-paragraph", "sub-paragraph"),
    "article": ("paragraph", "point", "sub-point"),
    "rule": ("paragraph", "sub-paragraph", "sub-paragraph"),
}
_ABBR = {"section": ("s", "ss"), "paragraph": ("para", "paras"), "part": ("Part", "Parts"),
         "article": ("Art", "Arts"), "regulation": ("reg", "regs"), "rule": ("r", "rr"),
         "chapter": ("Chapter", "Chapters"), "schedule": ("Sch", "Schs"),
         "annex": ("Annex", "Annexes")}  # fmt: skip

_KW_ALT = "|".join(sorted(_KINDS, key=len, reverse=True))
_KW = re.compile(rf"(?P<kw>{_KW_ALT})\.?(?=[\s\d(]|$)", re.I)
_NUM = re.compile(r"(?P<n>\d+(?:[A-Za-z]{1,2}(?![A-Za-z]))?)(?P<subs>(?:\([0-9A-Za-z]{1,5}\))*)")
_LIST_SEP = re.compile(r"\s*(?P<sep>,\s*and|,|&|\band\b|\bto\b|-|–|—)\s*(?=\d)", re.I)
_GAP = re.compile(r"(?:[\s,;:–—-]|\band\b|&)*", re.I)
_ANY_PROVISION = re.compile(rf"\b(?:{_KW_ALT})\.?\s*\d", re.I)
_LEAVES = ("section", "regulation", "article", "rule")
"""Kinds of numbered provision a path ends in (a Schedule's paragraphs aside)."""
_SI_LEAF = {"regulations": "regulation", "order": "article", "rules": "rule"}
"""What a statutory instrument is divided into, by the last word of its title."""
_DOC_WORD = re.compile(r"\b(act|regulations|order|rules|measure|guidance)\s*\(?\s*(\d{4})\b", re.I)


@dataclass(frozen=True, slots=True)
class Provision:
    """One cited provision: a path such as (("section", "10"),) and its address."""

    path: Path
    url: str | None
    display: str
    note: ProvisionNote | None = None

    @property
    def key(self) -> str:
        """Path as a string, e.g. "schedule/1/part/2/paragraph/18"."""
        return "/".join(f"{k}/{v}" for k, v in self.path)


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed citation of an instrument and (optionally) provisions in it."""

    text: str
    instrument: Instrument
    provisions: tuple[Provision, ...]
    display: str
    label: str | None = None
    edition: Edition | None = None
    ok: bool = True
    also: tuple[Instrument, ...] = ()
    """Further instruments of a plural citation ("the Children Acts 1989 and 2004")."""

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        """Every instrument cited: one, or several for a plural citation."""
        return (self.instrument, *self.also)

    @property
    def urls(self) -> tuple[str, ...]:
        """Addresses of the provisions, or of the instruments if no provision is cited."""
        if self.provisions:
            return tuple(p.url for p in self.provisions if p.url)
        if self.edition:
            return (self.edition.url,) if self.edition.url else ()
        return tuple(i.url for i in self.instruments if i.url)

    @property
    def url(self) -> str | None:
        """The single address when there is exactly one, else None."""
        urls = self.urls
        if len(urls) == 1 and len(self.provisions) <= 1:
            return urls[0]
        return None


@dataclass(frozen=True, slots=True)
class CitationError:
    """Why a text is not a usable citation, with a suggestion where one helps.

    code is one of: empty, not-text, no-instrument, unknown-instrument,
    year-mismatch, missing-year, unknown-edition, missing-edition,
    malformed-provision, wrong-provision-kind, not-a-citation, internal.
    """

    text: str
    code: str
    reason: str
    suggestion: str | None = None
    ok: bool = False


class _Bad(Exception):
    def __init__(self, code: str, reason: str, suggestion: str | None = None) -> None:
        super().__init__(reason)
        self.code, self.reason, self.suggestion = code, reason, suggestion


# --- the instrument named ------------------------------------------------------

_MORE_YEARS = re.compile(r"\s*(?:,\s*and|,|&|\band\b)\s*[(\[]?(?P<year>\d{4})[)\]]?", re.I)


def _choose(hits: list[Hit]) -> tuple[Instrument, Edition | None]:
    """The instrument (and guidance edition) the hits name, or why none fits."""
    given, base_text = hits[0].given, hits[0].base
    guidance = [h for h in hits if not h.name.instrument.is_legislation]
    if guidance:
        inst = guidance[0].name.instrument
        editions = [e.year for e in inst.editions]
        if given is None:
            raise _Bad("missing-edition", f"{inst.title}: name the edition (year) cited",
                       f"{inst.title} {max(editions)}" if editions else None)  # fmt: skip
        edition = inst.edition(given)
        if edition is None:
            raise _Bad("unknown-edition", f"no {given} edition of {inst.title} in the catalogue",
                       ", ".join(f"{inst.title} {y}" for y in editions) or None)  # fmt: skip
        return inst, edition
    yearless = [h for h in hits if h.name.year is None]
    if yearless:
        inst = yearless[0].name.instrument
        if given is not None and inst.year is not None and given != inst.year:
            raise _Bad("year-mismatch", f"{inst.title} is from {inst.year}, not {given}",
                       inst.title)  # fmt: skip
        return inst, None
    if given is None:
        titles = sorted({h.name.instrument.title for h in hits})
        raise _Bad("missing-year", f"'{base_text}' needs its year", " or ".join(titles))
    exact = [h for h in hits if h.name.year == given]
    if not exact:
        near = sorted({(abs((h.name.year or 0) - given), h.name.instrument.title) for h in hits})
        raise _Bad("year-mismatch", f"no '{base_text} {given}' in the catalogue", near[0][1])
    return exact[0].name.instrument, None


def _further_years(text: str, hits: list[Hit]) -> tuple[list[Instrument], int]:
    """The other Acts of a list of years ("Children Acts 1989 and 2004") and where it ends."""
    others: list[Instrument] = []
    pos = hits[0].end
    while more := _MORE_YEARS.match(text, pos):
        year = int(more["year"])
        others.append(_choose([replace(h, given=year) for h in hits])[0])
        pos = more.end()
    return others, pos


# --- provisions ---------------------------------------------------------------


_Num = tuple[str, tuple[str, ...]]
"""A number and its subdivisions: ("17", ("1", "a")) for 17(1)(a)."""


def _gap_end(text: str, pos: int) -> int:
    gap = _GAP.match(text, pos)
    return gap.end() if gap else pos


def _numbers(text: str, pos: int, kw: str) -> tuple[list[_Num], int]:
    m = _NUM.match(text, pos)
    if not m:
        raise _Bad("malformed-provision", f"'{kw}' is not followed by a number",
                   "write e.g. 's 10', 'Part 3' or 'Sch 1 para 18'")  # fmt: skip
    nums = [(m["n"].upper(), tuple(re.findall(r"\(([^)]*)\)", m["subs"])))]
    pos = m.end()
    while sep := _LIST_SEP.match(text, pos):
        nxt = _NUM.match(text, sep.end())
        if not nxt:
            break
        if sep["sep"].lower() in ("to", "-", "–", "—"):
            lo, hi = nums[-1][0], nxt["n"].upper()
            if not (lo.isdigit() and hi.isdigit() and 0 < int(hi) - int(lo) <= 50):
                raise _Bad("malformed-provision", f"cannot expand the range {lo} to {hi}")
            nums += [(str(i), ()) for i in range(int(lo) + 1, int(hi) + 1)]
        else:
            nums.append((nxt["n"].upper(), tuple(re.findall(r"\(([^)]*)\)", nxt["subs"]))))
        pos = nxt.end()
    return nums, pos


def _components(text: str) -> tuple[list[tuple[str, list[_Num]]], str]:
    """Split provision text into (kind, numbers) components and a trailing label."""
    comps: list[tuple[str, list[_Num]]] = []
    pos = 0
    while True:
        pos = _gap_end(text, pos)
        if pos >= len(text):
            return comps, ""
        m = _KW.match(text, pos)
        if not m:
            label = text[pos:].strip().strip("\"'“”‘’.,;:").strip()
            if label[:1].isdigit():
                raise _Bad("malformed-provision", f"'{label}' has no kind (section, Part...)")
            if re.match(r"or\b", label, re.I):
                raise _Bad(
                    "malformed-provision",
                    "alternatives ('or') are not one citation; cite each separately",
                )
            return comps, label
        kw = m["kw"]
        nums, pos = _numbers(text, _gap_end(text, m.end()), kw)
        comps.append((_KINDS[kw.lower()], nums))


def _paths(comps: list[tuple[str, list[_Num]]]) -> list[Path]:
    paths: list[Path] = []
    stack: list[tuple[str, str, tuple[str, ...]]] = []
    pending = False
    for i, (kind, nums) in enumerate(comps):
        rank = _RANK.get(kind, 3)
        if stack and rank <= _RANK.get(stack[-1][0], 3) and pending:
            paths.append(_with_subs(stack))
            pending = False
        while stack and _RANK.get(stack[-1][0], 3) >= rank:
            stack.pop()
        for _n, subs in nums:
            if subs and kind not in _SUBS:
                raise _Bad("malformed-provision", f"a {kind} has no numbered subdivisions")
        if len(nums) > 1:
            if i != len(comps) - 1:
                raise _Bad("malformed-provision", "a list of numbers must come last")
            paths += [_with_subs([*stack, (kind, n, subs)]) for n, subs in nums]
            return paths
        stack.append((kind, nums[0][0], nums[0][1]))
        pending = True
    if pending:
        paths.append(_with_subs(stack))
    return paths


def _with_subs(stack: list[tuple[str, str, tuple[str, ...]]]) -> Path:
    out: list[tuple[str, str]] = []
    for kind, n, *rest in stack:
        out.append((kind, n))
        subs = rest[0] if rest else ()
        out += [(_SUBS[kind][min(j, 2)], s) for j, s in enumerate(subs)]
    return tuple(out)


def _leaf(path: Path) -> str:
    kinds = [k for k, _ in path]
    for k in _LEAVES:
        if k in kinds:
            return k
    if ("schedule" in kinds or "annex" in kinds) and "paragraph" in kinds:
        return "paragraph"
    return kinds[-1]


def _split(path: Path) -> tuple[dict[str, str], list[str], str]:
    """(structural entries up to the leaf, subdivision numbers, leaf kind)."""
    leaf = _leaf(path)
    idx = next(i for i, (k, _) in enumerate(path) if k == leaf)
    return dict(path[: idx + 1]), [v for _, v in path[idx + 1 :]], leaf


def _url(inst: Instrument, path: Path) -> str | None:
    if not inst.is_legislation or not inst.url:
        return None
    m, subs, leaf = _split(path)
    tail = "".join(f"/{s}" for s in subs)
    if inst.legislation_type == "eur":
        if "annex" in m:
            return _annex_url(inst, m["annex"])
        return f"{inst.url}/article/{m['article']}" if leaf == "article" else None
    if leaf in _LEAVES:
        return f"{inst.url}/{leaf}/{m[leaf]}{tail}"
    if "schedule" in m:
        seg = f"/schedule/{m['schedule']}"
        if "paragraph" in m:
            return f"{inst.url}{seg}/paragraph/{m['paragraph']}{tail}"
        return f"{inst.url}{seg}" + (f"/part/{m['part']}" if "part" in m else "")
    if leaf in ("part", "chapter") and "part" in m:
        return f"{inst.url}/part/{m['part']}" + (
            f"/chapter/{m['chapter']}" if "chapter" in m else ""
        )
    return None


def _annex_url(inst: Instrument, annex: str) -> str | None:
    """UK GDPR Annex 1 links to the text that inserted it (the catalogue says why)."""
    if inst.id == "uk-gdpr" and annex == "1":
        return annex1_paragraphs()[0].url
    return None


def _display(path: Path) -> str:
    m, subs, leaf = _split(path)
    tail = "".join(f"({s})" for s in subs)
    if leaf in _LEAVES:
        return f"{_ABBR[leaf][0]} {m[leaf]}{tail}"
    if "annex" in m:
        return f"Annex {m['annex']}" + (f" para {m['paragraph']}{tail}" if "paragraph" in m else "")
    if "schedule" in m:
        if "paragraph" in m:
            return f"Sch {m['schedule']} para {m['paragraph']}{tail}"
        return f"Sch {m['schedule']}" + (f" Pt {m['part']}" if "part" in m else "")
    return " ".join(f"{_ABBR[k][0]} {v}" for k, v in m.items())


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _display_all(provisions: list[Provision]) -> str:
    paths = [p.path for p in provisions]
    if len(paths) > 1 and all(len(p) == len(paths[0]) for p in paths):
        prefix = paths[0][:-1]
        kind = paths[0][-1][0]
        if kind in _ABBR and all(p[:-1] == prefix and p[-1][0] == kind for p in paths):
            head = _display(prefix) + " " if prefix else ""
            if kind == "paragraph" and prefix and prefix[-1][0] == "part":
                head = _display(prefix[:-1]) + " "  # Sch paragraphs run across Parts
            return f"{head}{_ABBR[kind][1]} {_join([p[-1][1] for p in paths])}"
    return ", ".join(p.display for p in provisions)


def _note(
    inst: Instrument, edition: Edition | None, path: Path, url: str | None
) -> ProvisionNote | None:
    if edition is not None:
        chapter = dict(path).get("chapter")
        title = dict(edition.chapters).get(chapter) if chapter else None
        return ProvisionNote(path=f"chapter/{chapter}", title=title) if title else None
    if url and inst.url and url.startswith(inst.url + "/"):
        key = url[len(inst.url) + 1 :]
        while key:
            if note := inst.provision_note(key):
                return note
            key = key.rpartition("/")[0] if key.count("/") > 1 else ""
    return None


# --- entry point ----------------------------------------------------------------


@cache
def _titles() -> dict[str, str]:
    titles = {i.title.lower(): i.title for i in instruments()}
    titles |= {f"{i.title} {i.year}".lower(): i.title for i in instruments() if i.year and
               not i.title.endswith(str(i.year))}  # fmt: skip
    return titles


def _suggest(candidate: str) -> str | None:
    import difflib  # only for a name not in the catalogue: most checks do not load it

    titles = _titles()
    close = difflib.get_close_matches(candidate.lower(), list(titles), n=1, cutoff=0.75)
    return titles[close[0]] if close else None


def _no_instrument(text: str) -> _Bad:
    doc = _DOC_WORD.search(text)
    if doc:
        before = re.split(r"\bof\b|[;:]", text[: doc.start()], flags=re.I)[-1]
        words = [w for w in before.split()
                 if not _KW.fullmatch(w.rstrip(",.")) and not w[:1].isdigit()]  # fmt: skip
        words = words[-10:]
        if words and words[0].lower() == "the":
            words = words[1:]
        candidate = " ".join([*words, doc.group(1), doc.group(2)])
        return _Bad("unknown-instrument", f"'{candidate}' is not a known instrument",
                    _suggest(candidate))  # fmt: skip
    if _ANY_PROVISION.search(text):
        return _Bad("no-instrument", "no Act or other instrument is named",
                    "name the instrument, e.g. 'Children Act 2004 s 10'")  # fmt: skip
    return _Bad("not-a-citation", "not recognised as a citation", _suggest(text.strip()))


def _expected_leaf(inst: Instrument) -> str | None:
    """What the instrument's numbered provisions are called, where its kind says so."""
    if inst.legislation_type == "eur":
        return "article"
    if inst.kind == "act":
        return "section"
    if inst.kind == "statutory-instrument":
        return _SI_LEAF.get(re.sub(r"[\s\d()]+$", "", inst.title).rsplit(" ", 1)[-1].lower())
    return None


def _check_kinds(inst: Instrument, paths: list[Path]) -> None:
    """Citing "section 15" of Regulations (or "regulation 5" of an Act) is a mistake."""
    expected = _expected_leaf(inst)
    if expected is None:
        return
    wrong = [p for p in paths if (k := _leaf(p)) in _LEAVES and k != expected]
    if not wrong:
        return
    kind = _leaf(wrong[0])
    fixed = [tuple((expected if k == kind else k, v) for k, v in p) for p in paths]
    what = {"section": "sections", "regulation": "regulations", "article": "articles",
            "rule": "rules"}  # fmt: skip
    raise _Bad(
        "wrong-provision-kind",
        f"{inst.title} is divided into {what[expected]}, not {what[kind]}",
        f"{inst.title} {', '.join(_display(p) for p in fixed)}",
    )


def _parse(text: str, extra: Iterable[Instrument | Mapping[str, Any]] | None) -> Citation:
    hits = named_in(text, name_tables(extra))
    if not hits:
        raise _no_instrument(text)
    inst, edition = _choose(hits)
    start, end = hits[0].start, hits[0].end
    also: list[Instrument] = []
    if hits[0].given is not None:
        also, end = _further_years(text, hits)
    before = re.sub(r"\bof\s*$", "", text[:start].rstrip(), flags=re.I).strip()
    after = text[end:]
    comps_b, label_b = _components(before) if before else ([], "")
    if label_b:
        raise _Bad("malformed-provision", f"unexpected text before the instrument: '{label_b}'")
    comps_a, label = _components(after)
    if comps_b and comps_a:
        raise _Bad("malformed-provision", "provisions both before and after the instrument")
    paths = _paths(comps_b or comps_a)
    if also and paths:
        raise _Bad("malformed-provision", "provisions cited for several Acts at once",
                   "; ".join(i.title for i in (inst, *also)))  # fmt: skip
    _check_kinds(inst, paths)
    provisions = []
    for path in paths:
        url = _url(inst, path)
        provisions.append(Provision(path, url, _display(path), _note(inst, edition, path, url)))
    title = inst.title
    if edition is not None:
        title += f" ({edition.month + ' ' if edition.month else ''}{edition.year})"
    if also:
        title = _join([title, *(i.title for i in also)])
    display = f"{title}, {_display_all(provisions)}" if provisions else title
    return Citation(text=text, instrument=inst, provisions=tuple(provisions), display=display,
                    label=label or None, edition=edition, also=tuple(also))  # fmt: skip


def parse_citation(
    text: str, extra_instruments: Iterable[Instrument | Mapping[str, Any]] | None = None
) -> Citation | CitationError:
    """Parse a citation; return a CitationError (never raise) when it is unusable.

    extra_instruments: instruments defined in the user's data map (objects or
    mappings with the catalogue's fields), so a local Act can be cited.
    """
    if not isinstance(text, str):
        return CitationError(repr(text), "not-text", "a citation must be text")
    if not text.strip():
        return CitationError(text, "empty", "the citation is empty")
    try:
        return _parse(" ".join(text.split()), extra_instruments)
    except _Bad as bad:
        return CitationError(text, bad.code, bad.reason, bad.suggestion)
    except Exception as exc:  # a parser bug must not crash a check run
        return CitationError(text, "internal", f"could not parse the citation ({exc})")
