"""Every rule's failing example and its fixed version, kept as data in `data/rule_examples/`.

An example is a small change to one base map: the map `privacymap init`
writes (`data/scaffold/datamap.yaml`), which checks clean. Its YAML is the
text of a file, `example.yaml`, written beside the base map; the sections it
holds *replace* the base map's sections of the same name, so an example shows
only what matters and reads as an edit of the map a newcomer starts from.
Findings it raises point into `example.yaml` at the lines shown.

One file per rule, `data/rule_examples/PMnnn.yaml`::

    failing:
      says: One sentence, what is wrong here.
      also: [PM209]        # other rules this example raises too (optional)
      without: [dpo]       # base-map sections it removes (optional)
      at: ["- id: give-advice"]  # text on each line of example.yaml the rule
                           # reports, in order (optional; see below)
      yaml: |
        purposes:
          - id: give-advice
            name: To give you advice
    fixed:
      says: One sentence, what the fix changes.
      yaml: |
        ...

Further keys, for the load rules (PM0xx) that need more than one file:
`base: false` starts from an empty folder instead of the base map; `files:`
maps extra file names to their text (another YAML file, an include target);
`encoding:` writes `example.yaml` in another encoding; `pipes:` names files
created as named pipes, not regular files. For rules that another command
raises (`privacymap import`), `command:` gives its arguments, run in the
example's folder; `by_hand: true` marks a fix that no command shows (a value
the import assumed is reviewed in the files it wrote), told in `says` alone.

tests/checks/test_rule_examples.py checks every pair: the failing example raises
its rule (and exactly the rules in `also`), the fixed one raises nothing but
its own `also`. With `at:`, it also checks where: each finding of the rule is
on the line of `example.yaml` holding the text given (one text per finding,
in order), and has a hint; this is the rule's located test, so a new rule
needs no case elsewhere. `privacymap explain` and docs/rules.md print them, and other
tests use them as each rule's smallest fixture (`Example.write`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from privacymap.yamlio import load_yaml_text

EXAMPLE_FILE = "example.yaml"
BASE_FILE = "datamap.yaml"
PREVIOUS_FOLDER = "previous"
"""Where an example judged between two versions writes the version before."""
KINDS = ("failing", "fixed")
_KEYS = frozenset(
    {
        "says",
        "also",
        "without",
        "yaml",
        "base",
        "files",
        "encoding",
        "pipes",
        "command",
        "by_hand",
        "previous",
        "at",
    }
)


@dataclass(frozen=True)
class Example:
    """One example of a rule: the map change, what it shows, and the rules it raises."""

    rule: str
    kind: str
    """"failing" or "fixed"."""
    says: str
    yaml: str
    also: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    base: bool = True
    files: tuple[tuple[str, str], ...] = ()
    encoding: str = "utf-8"
    pipes: tuple[str, ...] = ()
    command: str = ""
    """Arguments of the privacymap command that raises the rule, run in the example's
    folder (for rules another command than `check` raises, such as `import`)."""
    by_hand: bool = False
    """A fix no command can show (the files are edited after review): `says` alone."""
    previous: str | None = None
    """The version before (YAML replacing base-map sections, as `yaml`), written into
    `previous/` for `privacymap diff`; "" is the base map unchanged; None: no such version."""
    at: tuple[str, ...] = ()
    """Text on each line of `example.yaml` where the failing example's rule reports, in
    order: the rule's located test."""

    @property
    def on_base_map(self) -> bool:
        """The example changes the base map (rather than feeding another command)."""
        return self.base and not self.command and not self.by_hand

    @property
    def expected(self) -> frozenset[str]:
        """The rule ids a check of this example raises, no more and no fewer."""
        own = {self.rule} if self.kind == "failing" else set()
        return frozenset(own | set(self.also))

    def replaced_sections(self, text: str | None = None) -> set[str]:
        """The base-map sections this example (or the YAML `text`) replaces or removes."""
        text = self.yaml if text is None else text
        sections = set(self.without) if text is self.yaml else set()
        try:
            data = load_yaml_text(text) if text.strip() else None
        except yaml.YAMLError:  # a broken-YAML example (PM001) replaces nothing
            data = None
        if isinstance(data, dict):
            sections |= {str(key) for key in data}
        return sections

    def write(self, folder: Path) -> Path:
        """Write the example's map into `folder` (created); return the path to check."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.base:
            (folder / BASE_FILE).write_text(
                without_sections(base_map(), self.replaced_sections()), encoding="utf-8"
            )
        if self.yaml:
            (folder / EXAMPLE_FILE).write_bytes(self.yaml.encode(self.encoding))
        for name, text in self.files:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for name in self.pipes:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(folder / name)
        if self.previous is not None:
            before = folder / PREVIOUS_FOLDER
            before.mkdir()
            replaced = self.replaced_sections(self.previous)
            (before / BASE_FILE).write_text(without_sections(base_map(), replaced), "utf-8")
            if self.previous:
                (before / EXAMPLE_FILE).write_text(self.previous, encoding="utf-8")
        return folder


def base_map() -> str:
    """The text of the base map every example changes: what `privacymap init` writes."""
    scaffold = resources.files("privacymap.data").joinpath("scaffold")
    return scaffold.joinpath(BASE_FILE).read_text("utf-8")


def without_sections(text: str, sections: set[str]) -> str:
    """`text` (a YAML mapping) with the named top-level sections cut out, comments and all."""
    kept: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        if line[:1].isalpha():
            dropping = line.split(":", 1)[0].strip() in sections
        if not dropping:
            kept.append(line)
    return "".join(kept)


def _example(rule: str, kind: str, entry: dict[str, object]) -> Example:
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"rule_examples/{rule}.yaml: {kind} has unknown keys {sorted(unknown)}")

    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key) or ()
        assert isinstance(value, list | tuple)
        return tuple(str(v) for v in value)

    files = entry.get("files") or {}
    assert isinstance(files, dict)
    return Example(
        rule=rule,
        kind=kind,
        says=str(entry["says"]).strip(),
        yaml=str(entry.get("yaml") or ""),
        also=strings("also"),
        without=strings("without"),
        base=bool(entry.get("base", True)),
        files=tuple((str(k), str(v)) for k, v in files.items()),
        encoding=str(entry.get("encoding") or "utf-8"),
        pipes=strings("pipes"),
        command=str(entry.get("command") or ""),
        by_hand=bool(entry.get("by_hand", False)),
        previous=None if "previous" not in entry else str(entry["previous"] or ""),
        at=strings("at"),
    )


@cache
def examples(rule: str) -> tuple[Example, ...]:
    """The rule's failing and fixed examples, in that order; () when it has none yet."""
    folder = resources.files("privacymap.data").joinpath("rule_examples")
    file = folder.joinpath(f"{rule}.yaml")
    if not file.is_file():
        return ()
    data = load_yaml_text(file.read_text("utf-8"))
    return tuple(_example(rule, kind, data[kind]) for kind in KINDS if kind in data)


def rules_with_examples() -> set[str]:
    """The rule ids that have an examples file."""
    folder = resources.files("privacymap.data").joinpath("rule_examples")
    return {
        item.name.removesuffix(".yaml") for item in folder.iterdir() if item.name.endswith(".yaml")
    }


EXAMPLES_NOTE = (
    "Each example changes the map `privacymap init` writes: the sections shown replace "
    "its sections of the same name."
)


def heading(example: Example) -> str:
    """'Fails: ...' or 'Fixed: ...', with what the example raises besides its rule."""
    label = "Fails" if example.kind == "failing" else "Fixed"
    also = f" (also raises {', '.join(example.also)})" if example.also else ""
    return f"{label}: {example.says}{also}"


def shown_files(example: Example) -> list[tuple[str, str]]:
    """(caption, text) of each file the example writes or changes, in the order shown.

    The caption is empty for the usual single `example.yaml`; it names the
    file (and how it differs) when the example has several, or none.
    """
    base = f"{BASE_FILE} (the map `privacymap init` writes)"
    note = ""
    if example.command or example.by_hand:
        pass  # the files and the command line say it all
    elif not example.base:
        note = f"a folder without {base}"
    elif example.without:
        sections = ", ".join(f"`{s}:`" for s in example.without)
        note = f"{base} without its {sections} section{'s' if len(example.without) > 1 else ''}"
    elif not example.yaml:
        note = f"{base}, unchanged"
    parts: list[tuple[str, str]] = []
    several = bool(
        example.files
        or example.pipes
        or note
        or example.encoding != "utf-8"
        or example.previous is not None
    )
    if example.yaml:
        caption = EXAMPLE_FILE if several else ""
        if example.encoding != "utf-8":
            caption += f" (saved as {example.encoding})"
        parts.append((caption, example.yaml))
    if example.previous is not None:
        before = f"{PREVIOUS_FOLDER}/{EXAMPLE_FILE} (the version before)"
        parts.append(
            (before, example.previous)
            if example.previous
            else (f"{PREVIOUS_FOLDER}/ (the version before): {base}, unchanged", "")
        )
    parts += [(name, text) for name, text in example.files]
    parts += [(f"{name} (a named pipe, not a file)", "") for name in example.pipes]
    if example.command:
        parts.append((f"$ privacymap {example.command}", ""))
    if note:
        parts.insert(0, (note, ""))
    return parts
