"""YAML parsing that keeps where every value came from and refuses hostile input.

PyYAML silently keeps the last of two equal keys and happily expands alias
bombs; a hand-edited data map needs both caught, and every value located, so
we compose nodes once (with the C parser where present) and build the data and
its locations in the same walk.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
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


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node | None] | None:
    """The value node (and key node) at `part` under `node`, as the builder keeps it."""
    if isinstance(node, yaml.MappingNode):
        if not isinstance(part, str):
            return None
        found = None
        for key_node, value_node in node.value:  # the last of duplicate keys wins
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag != MERGE_TAG
                and str(key_node.value) == part
            ):
                found = (value_node, key_node)
        return found
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and not isinstance(part, bool)
        and 0 <= part < len(node.value)
    ):
        return node.value[part], None
    return None


class Positions(Mapping[Path, Position]):
    """Positions of values (or of the keys naming them) by path, found in the nodes on demand.

    Recording a position for every value while building cost as much as the
    parse itself; a data map asks for a handful, so they are looked up lazily
    by walking the composed nodes (a few dict-sized steps per lookup).
    """

    def __init__(self, root: yaml.Node | None = None, keys: bool = False) -> None:
        self._root = root
        self._keys = keys

    def get(self, path: Path, default: Any = None) -> Any:
        node = self._root
        if node is None or (self._keys and not path):
            return default
        key_node = None
        for part in path:
            step = _child(node, part)
            if step is None:
                return default
            node, key_node = step
        if self._keys:
            return default if key_node is None else _position(key_node)
        return _position(node)

    def __getitem__(self, path: Path) -> Position:
        found: Position | None = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __iter__(self) -> Iterator[Path]:
        for path, _ in self._walk():
            yield path

    def __len__(self) -> int:
        return sum(1 for _ in self._walk())

    def _walk(self) -> Iterator[tuple[Path, Position]]:
        if self._root is None:
            return
        found: dict[Path, Position] = {}
        stack: list[tuple[yaml.Node, Path, yaml.Node | None]] = [(self._root, (), None)]
        while stack:
            node, path, key_node = stack.pop()
            if self._keys:
                if key_node is not None:
                    found[path] = _position(key_node)
            else:
                found[path] = _position(node)
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.tag != MERGE_TAG:
                        seen[str(k.value)] = (v, k)
                stack.extend((v, (*path, name), k) for name, (v, k) in seen.items())
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, (*path, i), None) for i, item in enumerate(node.value))
        yield from found.items()


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
    and tag.rsplit(":", 1)[1] in ("null", "bool", "int", "float", "binary", "timestamp", "str")
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


def _parse_yaml(text: str) -> ParsedYaml:
    out = ParsedYaml()
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
    out.values = Positions(node)
    out.keys = Positions(node, keys=True)
    builder = _Builder(out)
    try:
        out.data = builder.build(node, 0)
    except _TooBig as error:
        line, column = _position(error.node)
        out.data = None
        out.problems.append(YamlProblem("PM010", str(error), line, column, error.hint))
    return out


class _Builder:
    """Turns composed nodes into Python data, counting values and depth."""

    def __init__(self, out: ParsedYaml) -> None:
        self.out = out
        self.count = 0

    def build(self, node: yaml.Node, depth: int) -> Any:
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
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if tag == STR_TAG:
                return node.value
            return self._scalar(node)
        if node.tag not in (MAP_TAG, SEQ_TAG):
            self._tagged(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        depth += 1
        return [self.build(item, depth) for item in node.value]

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        constructor = _SCALAR_CONSTRUCTORS.get(node.tag)
        try:
            if constructor is not None:
                return constructor(_scalars, node)
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

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
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
            if key in result:
                self._duplicate(node, key, key_node)
            result[key] = self.build(value_node, depth)
        return result

    def _duplicate(self, node: yaml.MappingNode, key: str, key_node: yaml.Node) -> None:
        first_node = next(
            k
            for k, _ in node.value
            if isinstance(k, yaml.ScalarNode) and k.tag != MERGE_TAG and str(k.value) == key
        )
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
