"""YAML parsing that keeps where every value came from and refuses hostile input.

PyYAML silently keeps the last of two equal keys and happily expands alias
bombs; a hand-edited data map needs both caught, and every value located, so
we compose nodes once (with the C parser where present) and build the data and
its locations in the same walk.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_NODES = 1_000_000
"""Values a file may expand to (aliases counted each time they are used)."""
MAX_DEPTH = 60
"""Nesting depth; a data map needs fewer than 10 levels."""
MAX_TEXT = 20_000_000
"""Characters of text a file may expand to, aliases counted each time they are used
(as many as the largest file holds without aliases)."""
MAX_STRING = 100_000
"""Characters in one value or key: some 15,000 words, far more than any field of a notice."""

_INVISIBLE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no text of a data map may hold (tab, newline and carriage return may): they
make XML outputs ill-formed and can hide text in a terminal. YAML refuses them written raw,
but escapes (`"\\0"`, `"\\e"`, `"\\x85"`, `"\\uFFFE"`) produce them."""
FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Dates outside these years are typing mistakes (0001-01-01 is no XLSX date either)."""
_LOOKALIKE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
"""Bidi controls and zero-width characters: invisible, so two ids or addresses that look
the same can differ (Trojan Source, CVE-2021-42574)."""
_WHITESPACE = re.compile(r"\s")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
NAME_KEYS = frozenset({"name", "title"})
"""Keys whose text, though it has spaces, names something a reader must tell apart."""
INT_TAG = "tag:yaml.org,2002:int"
BINARY_TAG = "tag:yaml.org,2002:binary"

Path = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while parsing, located by 1-based line and column."""

    rule: str
    message: str
    line: int
    column: int
    hint: str | None = None
    related: tuple[tuple[int, int, str], ...] = ()
    where: str = ""
    """What the problem is about, for rules whose message starts with `{where}:`."""


MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"


Tree = Any
"""Positions as the builder records them, mirroring the data: a scalar is its packed
position; a mapping is `(position, {key: (key position, tree)})`; a list is
`(position, [tree, ...])`. Packed positions are `line << 32 | column` (0-based)."""


def _unpack(packed: int) -> Position:
    return ((packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)


def _pack(node: yaml.Node) -> int:
    mark = node.start_mark
    return mark.line << 32 | mark.column


class Positions:
    """Positions of values (or of the keys naming them) by path, looked up with `get`.

    Built in the same walk as the data as a compact tree of integers (no
    per-value path tuples, no retained YAML nodes), so recording them costs
    little and holds few objects for the garbage collector to scan; a lookup
    walks the tree (one dict or list step per path part).
    """

    def __init__(self, tree: Tree = None, keys: bool = False) -> None:
        self._tree = tree
        self._keys = keys

    def get(self, path: Path, default: Any = None) -> Any:
        tree = self._tree
        if tree is None or (self._keys and not path):
            return default
        key = None
        for part in path:
            if type(tree) is not tuple:
                return default
            children = tree[1]
            if type(children) is dict:
                entry = children.get(part) if isinstance(part, str) else None
                if entry is None:
                    return default
                key, tree = entry
            elif isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(children):
                key, tree = None, children[part]
            else:
                return default
        if self._keys:
            return default if key is None else _unpack(key)
        return _unpack(tree if type(tree) is int else tree[0])


@dataclass
class ParsedYaml:
    """Data of one file, the position of every value and key, and the problems met."""

    data: Any = None
    values: Positions = field(default_factory=Positions)
    keys: Positions = field(default_factory=lambda: Positions(keys=True))
    problems: list[YamlProblem] = field(default_factory=list)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Composing a large map creates hundreds of thousands of nodes, and every
    few hundred allocations trigger a collection that rescans all of them: at
    10,000 activities that cost 8x the parse itself. Reference counting still
    frees what becomes garbage; the collector runs again as soon as we leave.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node = node
        self.hint = hint


_scalars = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS = {
    tag: constructor
    for tag, constructor in yaml.constructor.SafeConstructor.yaml_constructors.items()
    if tag is not None
    and tag.startswith("tag:yaml.org,2002:")
    and tag.rsplit(":", 1)[1] in ("null", "bool", "int", "float", "timestamp", "str")
}


def _position(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _syntax_hint(problem: str) -> str:
    if "'\\t'" in problem or "tab" in problem:
        return "indent with spaces; YAML does not allow tab characters for indentation"
    if "expected <document start>" in problem or "single document" in problem:
        return "a data-map file holds one YAML document; remove extra `---` lines"
    if "quoted scalar" in problem:
        return "close the quotation mark opened here"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "close the bracket or brace opened here"
    return "check the indentation and punctuation near this line"


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document into plain data, collecting located problems."""
    with gc_paused():
        return _parse_yaml(text)


def _structure_count(text: str) -> int:
    """An upper estimate of the nodes a text composes to: each needs a line, comma, bracket,
    `- ` or `: ` of its own (C-speed counts, a few milliseconds for a large file)."""
    return sum(text.count(mark) for mark in ("\n", ",", "[", "{", "- ", ": "))


def _parse_yaml(text: str) -> ParsedYaml:
    out = ParsedYaml()
    if _structure_count(text) > MAX_NODES:
        # Composing builds every node before the builder can count them: refuse a file
        # whose nodes alone would take gigabytes before parsing it.
        out.problems.append(
            YamlProblem(
                "PM010",
                f"the file holds more than {MAX_NODES:,} values and keys",
                1,
                1,
                "split the data map into several smaller files",
            )
        )
        return out
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        problem = error.problem or str(error)
        mark = error.problem_mark or error.context_mark
        context = ""
        if error.context and error.context_mark:
            context = f" ({error.context} that starts at line {error.context_mark.line + 1})"
            at_end = mark is not None and mark.index >= len(text.rstrip())
            if at_end or "end of stream" in problem:
                mark = error.context_mark  # the unclosed thing, not the end of the file
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        out.problems.append(
            YamlProblem(
                "PM001",
                f"{problem}{context}",
                line,
                column,
                _syntax_hint(f"{problem} {error.context or ''}"),
            )
        )
        return out
    except yaml.YAMLError as error:
        out.problems.append(YamlProblem("PM001", str(error), 1, 1, _syntax_hint(str(error))))
        return out
    if node is None:
        return out
    builder = _Builder(out)
    try:
        out.data, tree = builder.build(node, 0)
        out.values = Positions(tree)
        out.keys = Positions(tree, keys=True)
    except _TooBig as error:
        line, column = _position(error.node)
        out.data = None
        out.problems.append(YamlProblem("PM010", str(error), line, column, error.hint))
    return out


def _yaml_int(node: yaml.ScalarNode) -> str:
    try:
        return str(_scalars.construct_yaml_int(node))
    except (ValueError, OverflowError):
        return "another number"


class _Builder:
    """Turns composed nodes into Python data and a position tree, counting values and depth."""

    def __init__(self, out: ParsedYaml) -> None:
        self.out = out
        self.count = 0
        self.characters = 0

    def build(self, node: yaml.Node, depth: int) -> tuple[Any, Tree]:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(
                node,
                f"the document expands to more than {MAX_NODES:,} values",
                "this looks like an alias expansion bomb; remove the repeated aliases (`*name`)",
            )
        if depth > MAX_DEPTH:
            raise _TooBig(
                node,
                f"the document is nested more than {MAX_DEPTH} levels deep",
                "a data map needs only a few levels; flatten the structure",
            )
        position = _pack(node)
        if isinstance(node, yaml.ScalarNode):
            self._count_text(node)
            if node.tag == STR_TAG:
                self._check_text(node, node.value)
                if not _WHITESPACE.search(node.value):  # an id, a reference, an address
                    self._check_lookalike(node, node.value)
                return node.value, position
            return self._scalar(node), position
        if node.tag not in (MAP_TAG, SEQ_TAG):
            self._tagged(node)
        if isinstance(node, yaml.MappingNode):
            data, children = self._mapping(node, depth)
            return data, (position, children)
        depth += 1
        items: list[Any] = []
        trees: list[Tree] = []
        for item in node.value:
            value, tree = self.build(item, depth)
            items.append(value)
            trees.append(tree)
        return items, (position, trees)

    def _count_text(self, node: yaml.ScalarNode) -> None:
        """Bound characters, not only values: one long anchor used 20,000 times is small
        on disk but gigabytes once expanded (and again in every output)."""
        length = len(node.value)
        self.characters += length
        if length > MAX_STRING:
            raise _TooBig(
                node,
                f"a value of {length:,} characters is longer than the limit of {MAX_STRING:,}",
                "shorten it; link to a longer document instead of pasting it in",
            )
        if self.characters > MAX_TEXT:
            raise _TooBig(
                node,
                f"the document expands to more than {MAX_TEXT:,} characters of text",
                "if it uses aliases (`*name`), write the text once instead of repeating it",
            )

    def _check_text(self, node: yaml.Node, text: str) -> None:
        self._flag_character(
            node,
            text,
            _INVISIBLE_CONTROL,
            "PM016",
            "control character",
            "remove the escape (such as \\0, \\e, \\a or \\x..) that writes it; "
            "text may hold tabs and line breaks, but no other control characters",
        )

    def _check_lookalike(self, node: yaml.Node, text: str) -> None:
        self._flag_character(
            node,
            text,
            _LOOKALIKE,
            "PM017",
            "invisible character",
            "delete it (retype the text): bidirectional overrides and zero-width "
            "characters make two ids, names or addresses look the same when they differ",
        )

    def _flag_character(
        self, node: yaml.Node, text: str, pattern: re.Pattern[str], rule: str, kind: str, hint: str
    ) -> None:
        """Report the first character of `pattern` in `text` under `rule`, at the node."""
        found = pattern.search(text)
        if found is None:
            return
        line, column = _position(node)
        self.out.problems.append(
            YamlProblem(
                rule,
                f"the text holds the {kind} U+{ord(found.group()):04X}",
                line,
                column,
                hint,
                where=f"the value {text[:40]!r}",
            )
        )

    def _problem(self, node: yaml.Node, message: str, hint: str) -> None:
        line, column = _position(node)
        self.out.problems.append(
            YamlProblem("PM006", message, line, column, hint, where=f"the value {node.value!r:.40}")
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == INT_TAG and not _DECIMAL.fullmatch(node.value):
            self._problem(
                node,
                f"YAML reads {node.value!r} as the number {_yaml_int(node)}, "
                "not as written (octal, hexadecimal, base 60 or with underscores)",
                "write the number in plain decimal digits, or quote it to keep it as text",
            )
            return node.value
        if node.tag == BINARY_TAG:
            self._problem(
                node, "binary values (`!!binary`) are not supported", "write the value as text"
            )
            return node.value
        constructor = _SCALAR_CONSTRUCTORS.get(node.tag)
        try:
            if constructor is not None:
                value = constructor(_scalars, node)
                if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
                    self._problem(
                        node,
                        f"the date {node.value} is outside the years {FIRST_YEAR}-{LAST_YEAR}",
                        "check the year: a data map's dates (updates, documents, waiver "
                        "expiry) are recent or near",
                    )
                    return node.value
                return value
            try:
                return _scalars.construct_object(node)
            finally:
                _scalars.constructed_objects.clear()
                _scalars.recursive_objects.clear()
        except (ValueError, OverflowError):
            # A timestamp such as 2026-02-30 matches YAML's pattern but is no date (the
            # constructor raises ValueError): keep the text, and the model says what it expects.
            return node.value
        except yaml.constructor.ConstructorError as error:
            line, column = _position(node)
            self.out.problems.append(
                YamlProblem(
                    "PM006",
                    str(error.problem or error),
                    line,
                    column,
                    "quote the value to keep it as text",
                    where=f"the value {node.value!r:.40}",
                )
            )
            return node.value

    def _tagged(self, node: yaml.Node) -> None:
        """A tag on a list or mapping (`!!python/object`, `!!set`...): the data map has none."""
        line, column = _position(node)
        self.out.problems.append(
            YamlProblem(
                "PM006",
                f"the tag {node.tag!r:.60} is not supported",
                line,
                column,
                "remove the tag; a data map holds plain lists, mappings and text",
                where="a tagged value",
            )
        )

    def _mapping(
        self, node: yaml.MappingNode, depth: int
    ) -> tuple[dict[str, Any], dict[str, tuple[int, Tree]]]:
        result: dict[str, Any] = {}
        children: dict[str, tuple[int, Tree]] = {}  # the last of duplicate keys wins
        first: dict[str, yaml.Node] = {}  # the first node of each key, for duplicates
        depth += 1
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                line, column = _position(key_node)
                self.out.problems.append(
                    YamlProblem(
                        "PM006",
                        "merge keys (`<<:`) are not supported",
                        line,
                        column,
                        "write the fields out; merge keys hide where values come from",
                        where="`<<`",
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _position(key_node)
                self.out.problems.append(
                    YamlProblem(
                        "PM004",
                        "a mapping key must be a plain name",
                        line,
                        column,
                        "use a simple word such as `name:` as the key",
                        where="a key",
                    )
                )
                continue
            key = str(key_node.value)
            self._count_text(key_node)
            self._check_text(key_node, key)
            if key in first:
                self._duplicate(key, key_node, first[key])
            else:
                first[key] = key_node
            self._check_lookalike(key_node, key)
            result[key], tree = self.build(value_node, depth)
            children[key] = (_pack(key_node), tree)
            value = result[key]
            if key in NAME_KEYS and isinstance(value, str) and _WHITESPACE.search(value):
                self._check_lookalike(value_node, value)
        return result, children

    def _duplicate(self, key: str, key_node: yaml.Node, first_node: yaml.Node) -> None:
        line, column = _position(key_node)
        first_line, first_column = _position(first_node)
        self.out.problems.append(
            YamlProblem(
                "PM002",
                f"duplicate key '{key}' (first defined at line {first_line})",
                line,
                column,
                "remove one of the two; YAML parsers would silently keep only the last",
                ((first_line, first_column, f"first '{key}' is here"),),
            )
        )


def load_yaml_text(text: str) -> Any:
    """Plain, fast safe load for the package's own trusted data files."""
    return yaml.load(text, Loader=SafeLoader)
