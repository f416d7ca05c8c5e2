"""YAML parsing that keeps where every value came from and refuses hostile input.

PyYAML silently keeps the last of two equal keys and happily expands alias
bombs; a hand-edited data map needs both caught, and every value located, so
we compose nodes once (with the C parser where present) and build the data and
its locations in the same walk.
"""

from __future__ import annotations

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


@dataclass
class ParsedYaml:
    """Data of one file, the position of every value and key, and the problems met."""

    data: Any = None
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node = node
        self.hint = hint


_scalars = yaml.constructor.SafeConstructor()


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
    builder = _Builder(out)
    try:
        out.data = builder.build(node, (), 0)
    except _TooBig as error:
        line, column = _position(error.node)
        out.data = None
        out.problems.append(YamlProblem("PM010", str(error), line, column, error.hint))
    return out


class _Builder:
    """Turns composed nodes into Python data while recording positions."""

    def __init__(self, out: ParsedYaml) -> None:
        self.out = out
        self.count = 0

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
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
        self.out.values[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        try:
            return _scalars.construct_object(node)
        except yaml.constructor.ConstructorError as error:
            line, column = _position(node)
            self.out.problems.append(
                YamlProblem(
                    "PM006",
                    str(error.problem or error),
                    line,
                    column,
                    "quote the value to keep it as text",
                )
            )
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, column = _position(key_node)
                self.out.problems.append(
                    YamlProblem(
                        "PM006",
                        "merge keys (`<<:`) are not supported",
                        line,
                        column,
                        "write the fields out; merge keys hide where values come from",
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
                    )
                )
                continue
            key = str(key_node.value)
            key_position = _position(key_node)
            if key in first_seen:
                line, column = key_position
                first_line, first_column = first_seen[key]
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
            first_seen.setdefault(key, key_position)
            child = (*path, key)
            self.out.keys[child] = key_position
            result[key] = self.build(value_node, child, depth + 1)
        return result


def load_yaml_text(text: str) -> Any:
    """Plain, fast safe load for the package's own trusted data files."""
    return yaml.load(text, Loader=SafeLoader)
