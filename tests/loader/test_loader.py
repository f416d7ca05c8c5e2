"""The loader reports every problem, located, in one run, and never raises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from privacymap.loader import load
from privacymap.pipeline import resolve


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines(diagnostics) -> list[str]:
    return [f"{d.location}: {d.rule} {d.message}" for d in diagnostics]


def test_scaffold_loads_cleanly(tmp_path: Path, scaffold_text: str) -> None:
    write(tmp_path, "datamap.yaml", scaffold_text)
    _loaded, index, diagnostics = resolve(tmp_path)
    assert diagnostics == []
    assert index is not None
    assert [f.id for f in index.flows] == ["advice<-you", "advice->housing-service"]


def test_every_problem_is_reported_in_one_run(tmp_path: Path, scaffold_text: str) -> None:
    broken = (
        scaffold_text.replace(
            "  title: How we use your information\n",
            "  title: How we use your information\n  title: Again\n",
        )
        .replace(
            "    internal: true\n    role: internal",
            "    internal: true\n    role: internal\n    grup: x",
        )
        .replace("      - to: housing-service", "      - to: housing-servce")
    )
    write(tmp_path, "datamap.yaml", broken)
    write(tmp_path, "more.yaml", 'recipients:\n  - id: police\n    name: "Police\n')
    _, index, diagnostics = resolve(tmp_path)
    assert index is None
    assert lines(diagnostics) == [
        "datamap.yaml:10:3: PM002 duplicate key 'title' (first defined at line 9)",
        "datamap.yaml:69:5: PM003 unknown field 'grup' in recipients[0]",
        "datamap.yaml:91:13: PM103 disclosure to unknown recipient 'housing-servce'; "
        "did you mean 'housing-service'?",
        "more.yaml:3:11: PM001 YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that starts at line 3)",
    ]
    assert diagnostics[1].hint == "did you mean 'group'?"
    assert all(d.fatal for d in diagnostics)


@pytest.mark.parametrize(
    ("text", "rule", "where", "fragment"),
    [
        ("notice: [a, b]\n", "PM004", "1:9", "notice"),
        ("activities:\n  - id: Bad_Id\n    name: x\n", "PM006", "2:9", "should match pattern"),
        (
            "lawful_bases:\n  - id: x\n    basis: public-tsk\n",
            "PM006",
            "3:12",
            "unknown Art 6(1) basis 'public-tsk'",
        ),
        (
            "retention:\n  - id: r\n    record: x\n    period: 6 years\n",
            "PM006",
            "4:13",
            "not an ISO 8601 duration",
        ),
        ("notice:\n  title: t\n  last_updated: 31/12/2025\n", "PM006", "3:17", "date"),
        ("\tnotice: x\n", "PM001", "1:1", "cannot start any token"),
        ("a: [1, 2\n", "PM001", "1:4", "flow sequence"),
        ("- a\n- b\n", "PM014", "1:1", "a list"),
        ("notice: &a {title: x}\nother: <<: *a\n", "PM001", "2:10", "mapping values"),
    ],
)
def test_single_problems_are_located(
    tmp_path: Path, text: str, rule: str, where: str, fragment: str
) -> None:
    write(tmp_path, "map.yaml", text)
    result = load(tmp_path / "map.yaml")
    found = [d for d in result.diagnostics if d.rule == rule]
    assert found, lines(result.diagnostics)
    location = found[0].location
    assert location is not None and f"{location.line}:{location.column}" == where
    assert fragment in found[0].message or fragment in (found[0].hint or "")


def test_missing_required_sections_are_named(tmp_path: Path) -> None:
    write(tmp_path, "map.yaml", "subjects: []\n")
    result = load(tmp_path / "map.yaml")
    assert sorted(d.message for d in result.diagnostics) == [
        "the top level has no 'controller'",
        "the top level has no 'notice'",
    ]


def test_lists_merge_across_files_and_locations_follow(tmp_path: Path, scaffold_text: str) -> None:
    write(tmp_path, "a.yaml", scaffold_text)
    write(tmp_path, "b.yaml", "recipients:\n  - id: police\n    name: Police\n")
    _loaded, index, diagnostics = resolve(tmp_path)
    assert index is not None, lines(diagnostics)
    assert [r.id for r in index.datamap.recipients] == ["housing-service", "police"]
    assert str(index.location_of("recipients", "police")) == "b.yaml:2:5"


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path, scaffold_text: str) -> None:
    write(tmp_path, "a.yaml", scaffold_text)
    write(tmp_path, "b.yaml", "recipients:\n  - id: housing-service\n    name: Again\n")
    _, index, diagnostics = resolve(tmp_path)
    assert index is None
    (dup,) = diagnostics
    assert (dup.rule, str(dup.location)) == ("PM101", "b.yaml:2:9")
    assert [str(r.location) for r in dup.related] == ["a.yaml:63:9"]


def test_single_valued_section_in_two_files(tmp_path: Path, scaffold_text: str) -> None:
    write(tmp_path, "a.yaml", scaffold_text)
    write(tmp_path, "b.yaml", "dpo:\n  name: Someone\n")
    result = load(tmp_path)
    assert [(d.rule, str(d.location)) for d in result.diagnostics] == [("PM015", "b.yaml:1:1")]


def test_includes_resolve_relative_to_the_including_file(
    tmp_path: Path, scaffold_text: str
) -> None:
    (tmp_path / "privacymap.toml").write_text("")
    write(tmp_path, "shared/recipients.yaml", "recipients:\n  - id: police\n    name: Police\n")
    write(tmp_path, "service/map.yaml", "include: [../shared/recipients.yaml]\n" + scaffold_text)
    loaded, index, diagnostics = resolve(tmp_path / "service")
    assert index is not None, lines(diagnostics)
    assert loaded.files == ("service/map.yaml", "shared/recipients.yaml")
    assert "police" in index.recipients


def test_include_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "include: [b.yaml, missing.yaml, /etc/passwd, ../../etc/passwd]\n")
    write(tmp_path, "b.yaml", "include: [a.yaml]\n")
    result = load(tmp_path / "a.yaml")
    assert [(d.rule, str(d.location)) for d in result.diagnostics] == [
        ("PM008", "b.yaml:1:11"),
        ("PM007", "a.yaml:1:19"),
        ("PM009", "a.yaml:1:33"),
        ("PM009", "a.yaml:1:46"),
    ]
    assert result.diagnostics[0].message == "include cycle: a.yaml -> b.yaml -> a.yaml"


def test_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("dpo: {name: x}\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "privacymap.toml").write_text("")
    os.symlink(outside, project / "link.yaml")
    write(project, "map.yaml", "include: [link.yaml]\n")
    result = load(project / "map.yaml")
    assert [d.rule for d in result.diagnostics] == ["PM009"]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        bomb.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    write(tmp_path, "bomb.yaml", "\n".join(bomb) + "\n")
    result = load(tmp_path / "bomb.yaml")
    assert [d.rule for d in result.diagnostics] == ["PM010"]
    assert "alias expansion bomb" in (result.diagnostics[0].hint or "")


@pytest.mark.parametrize(
    ("content", "rule", "fragment"),
    [
        (b"\xff\xfen\x00o\x00", "PM011", "UTF-16"),
        (b"notice:\n  title: caf\xe9\n", "PM011", "not valid UTF-8"),
        (b"\x00\x01\x02binary", "PM011", "binary"),
        (b"", "PM013", "empty"),
        (b"# only a comment\n", "PM013", "empty"),
    ],
)
def test_bytes_that_are_not_a_data_map(
    tmp_path: Path, content: bytes, rule: str, fragment: str
) -> None:
    (tmp_path / "map.yaml").write_bytes(content)
    result = load(tmp_path / "map.yaml")
    assert [d.rule for d in result.diagnostics] == [rule]
    assert fragment in result.diagnostics[0].message


def test_windows_line_endings_and_bom_are_read(tmp_path: Path, scaffold_text: str) -> None:
    data = ("\ufeff" + scaffold_text).replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "map.yaml").write_bytes(data)
    _loaded, index, diagnostics = resolve(tmp_path / "map.yaml")
    assert diagnostics == [] and index is not None
    assert str(index.location_of("recipients", "housing-service")) == "map.yaml:63:5"


def test_folder_without_yaml(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = load(tmp_path)
    assert [d.rule for d in result.diagnostics] == ["PM013"]
    assert "holds no .yaml" in result.diagnostics[0].message


def test_missing_path(tmp_path: Path) -> None:
    result = load(tmp_path / "nope")
    assert [d.rule for d in result.diagnostics] == ["PM013"]
