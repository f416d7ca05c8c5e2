"""Property tests: mutated data maps never crash the pipeline; order never matters.

Examples per run (profile `ci`, derandomized, so CI sees the same examples each time):

- `test_check_never_raises`: 1,500 mutated maps through load, resolve, check;
- `test_build_writes_or_refuses_cleanly`: 150 mutated maps built with draft=True (gentler
  mutations, so that most build);
- `test_order_of_files_and_keys_does_not_matter_to_check`: 100 shuffles of Lancashire;
- `test_order_of_files_and_keys_does_not_matter_to_build`: 15 shuffles of the example.

Mutations (1 to 4 per map) drop, duplicate, retype and rename fields, list items and
ids, and insert random Unicode (no surrogates, no NUL; with right-to-left overrides,
zero-width and control characters) into text. The whole module takes about 40 seconds
on two cores; `pytest --hypothesis-profile=dev` draws new random examples each run.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

import privacymap
from privacymap import rules
from privacymap.pipeline import BuildResult, CheckResult

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"
FAMILY = REPO / "examples" / "family-support"
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
TODAY = dt.date(2026, 6, 1)

BASE = yaml.safe_load(SCAFFOLD.read_text("utf-8"))
FAMILY_FILES = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(FAMILY.glob("*.yaml"))}
LANCASHIRE_FILES = {
    p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(LANCASHIRE.glob("*.yaml"))
}

Path_ = tuple[str | int, ...]

edge_text = st.sampled_from(
    [
        "\u202e",
        "\u202d",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u2028",
        "\x85",
        "\x1b[31m",
        "\x7f",
        "\t",
        "\r",
        "\u0301",
        "🙂",
        "𝔘",
        "ʼ",
        "\u00a0",
        "-",
        "#",
        ": ",
        "- ",
        "*",
        "&a",
        "!!str",
    ]
)
unicode_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=24
)
any_text = st.one_of(unicode_text, st.lists(edge_text | unicode_text, max_size=4).map("".join))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    any_text,
    st.dates(),
    st.just([]),
    st.just({}),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6,
)


def paths(data: Any, here: Path_ = ()) -> list[Path_]:
    found: list[Path_] = [here] if here else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths(value, (*here, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths(value, (*here, index)))
    return found


def parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


ALL_KINDS = ("drop", "duplicate", "retype", "rename", "text", "text", "id")
GENTLE_KINDS = ("text", "text", "text", "drop", "duplicate")
"""Mutations that often leave the map usable, so that builds really run."""


@st.composite
def mutated(
    draw: st.DrawFn, base: dict[str, Any] = BASE, kinds: tuple[str, ...] = ALL_KINDS
) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        candidates = paths(data)
        if not candidates:
            break
        kind = draw(st.sampled_from(kinds))
        texts = [p for p in candidates if isinstance(parent(data, p)[p[-1]], str)]
        path = draw(st.sampled_from(texts if kind == "text" and texts else candidates))
        owner, last = parent(data, path), path[-1]
        if kind == "drop":
            del owner[last]
        elif kind == "duplicate":
            if isinstance(owner, list):
                owner.insert(int(last), copy.deepcopy(owner[last]))
            else:
                owner[f"{last}-copy"] = copy.deepcopy(owner[last])
        elif kind == "retype":
            owner[last] = draw(values)
        elif kind == "rename" and isinstance(owner, dict):
            new = draw(any_text | st.sampled_from([str(last).upper(), f"{last}s", str(last)[:-1]]))
            owner[new] = owner.pop(last)
        elif kind == "text" and isinstance(owner[last], str):
            text = owner[last]
            at = draw(st.integers(0, len(text)))
            owner[last] = text[:at] + draw(any_text) + text[at:]
        elif kind == "id":
            ids = [p for p in candidates if p[-1] == "id"]
            if ids:
                target = draw(st.sampled_from(ids))
                choice = draw(
                    st.sampled_from(["advice", "you", "residents", "x" * 70, "Bad_Id", "a--b"])
                    | any_text
                )
                parent(data, target)["id"] = choice
    return data


def write(folder: Path, files: dict[str, Any]) -> None:
    for name, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
        (folder / name).write_text(text, "utf-8")


def check_in(folder: Path) -> CheckResult:
    result = privacymap.check(folder, today=TODAY)
    assert result.exit_code in (0, 1, 2)
    assert result.usable == (result.exit_code != 2)
    for diagnostic in result.diagnostics:
        assert diagnostic.rule.startswith("PM") and diagnostic.message
        placeholders = rules.template_fields(rules.get(diagnostic.rule).message)
        assert not [f for f in placeholders if f"{{{f}}}" in diagnostic.message], diagnostic
    return result


@settings(max_examples=1500)
@given(mutated())
def test_check_never_raises(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), {"map.yaml": data})
        event(f"exit {check_in(Path(tmp)).exit_code}")


@settings(max_examples=150)
@given(mutated(kinds=GENTLE_KINDS))
def test_build_writes_or_refuses_cleanly(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "map").mkdir()
        write(folder / "map", {"map.yaml": data})
        out = folder / "out"
        result: BuildResult = privacymap.build(folder / "map", out, draft=True, today=TODAY)
        event("built" if result.written else "refused")
        assert result.exit_code in (0, 1, 2)
        if result.written:
            assert result.check.usable
            assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
                result.written
            )
        else:
            assert not out.exists()
        assert (
            sorted(p.name for p in folder.iterdir()) == ["map", "out"][: 2 if result.written else 1]
        )


# --------------------------------------------------------------------------- order


def shuffled(draw: st.DrawFn, data: Any) -> Any:
    """The same data with the keys of every mapping in a drawn order (lists keep theirs)."""
    if isinstance(data, dict):
        keys = draw(st.permutations(list(data)))
        return {key: shuffled(draw, data[key]) for key in keys}
    if isinstance(data, list):
        return [shuffled(draw, item) for item in data]
    return data


@st.composite
def reordered(draw: st.DrawFn, files: dict[str, Any]) -> dict[str, Any]:
    """Files renamed so they sort in a drawn order, each with its keys shuffled."""
    order = draw(st.permutations(sorted(files)))
    return {f"{i:02d}-{name}": shuffled(draw, files[name]) for i, name in enumerate(order)}


def summary(result: CheckResult) -> list[tuple[Any, ...]]:
    """The findings without where they are (file names and lines move with the shuffle)."""
    return sorted(
        (d.rule, d.severity, d.message, d.hint, d.path, d.subject, d.waived)
        for d in result.diagnostics
    )


LANCASHIRE_SUMMARY = summary(privacymap.check(LANCASHIRE, today=TODAY))


@settings(max_examples=100)
@given(reordered(LANCASHIRE_FILES))
def test_order_of_files_and_keys_does_not_matter_to_check(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), files)
        assert summary(check_in(Path(tmp))) == LANCASHIRE_SUMMARY


LOCATION = re.compile(r"[\w.-]+\.ya?ml:\d+(?::\d+)?")
RENAMED = re.compile(r"\b\d\d-(?=[\w-]+\.yaml)")


def _file_list(value: Any) -> Any:
    """The ROPA's list of source files (About sheet), in an order that ignores renaming."""
    if isinstance(value, str) and value.endswith(".yaml"):
        return "\n".join(sorted(RENAMED.sub("", line) for line in value.splitlines()))
    return value


def artefacts(out: Path) -> dict[str, str]:
    """A digest of every artefact, with source locations (`data.yaml:41:3`) masked.

    Graph tooltips and data and the findings say where things are defined; with keys
    shuffled and files renamed those places move, and nothing else may change.
    """
    from openpyxl import load_workbook

    found = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            book = load_workbook(path)
            text = repr(
                [[list(map(_file_list, r)) for r in s.iter_rows(values_only=True)] for s in book]
            )
        elif path.suffix in (".png", ".pdf"):  # pictures: no text, no locations drawn
            found[path.relative_to(out).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
            continue
        else:
            text = path.read_text("utf-8")
        text = LOCATION.sub("LOC", RENAMED.sub("", text.replace("&#45;", "-")))
        found[path.relative_to(out).as_posix()] = hashlib.sha256(text.encode()).hexdigest()
    return found


_reference: dict[str, str] = {}


def family_reference() -> dict[str, str]:
    if not _reference:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "map").mkdir()
            write(Path(tmp) / "map", FAMILY_FILES)  # the same YAML writer as the shuffled copies
            assert privacymap.build(Path(tmp) / "map", Path(tmp) / "out", today=TODAY).written
            _reference.update(artefacts(Path(tmp) / "out"))
    return _reference


@settings(max_examples=15)
@given(reordered(FAMILY_FILES))
def test_order_of_files_and_keys_does_not_matter_to_build(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "map"
        folder.mkdir()
        write(folder, files)
        result = privacymap.build(folder, Path(tmp) / "out", today=TODAY)
        assert result.written
        assert artefacts(Path(tmp) / "out") == family_reference()
