"""Reading a data map: its files and includes, merged, then validated; every problem
located (schema problems are worded by `schema_problems`)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from privacymap import rules
from privacymap.config import CONFIG_FILE, REGISTER_FILE, project_folders
from privacymap.diagnostics import Diagnostic, Location, Related
from privacymap.loader.schema_problems import data_path, schema_problem
from privacymap.model import LIST_SECTIONS, DataMap
from privacymap.sourcemap import SourceMap, format_path
from privacymap.usercache import datamap_validator
from privacymap.yamlio import ParsedYaml, gc_paused, parse_yaml

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest file read: a real data map file is well under 1 MB."""
MAX_SCHEMA_PROBLEMS = 200
"""Schema problems reported in one run; more are counted, not each located."""
YAML_SUFFIXES = (".yaml", ".yml")
FILE_LOST_RULES = frozenset(
    {"PM001", "PM007", "PM008", "PM009", "PM010", "PM011", "PM012", "PM014"}
)
"""Problems that leave a whole file's content out of the merged map."""


@dataclass
class LoadResult:
    """What loading produced: the map (None when unusable), where things are, and problems."""

    root: Path
    files: tuple[str, ...]
    sourcemap: SourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    datamap: DataMap | None = None


def find_root(path: Path) -> Path:
    """The project root: nearest folder up from the map holding privacymap.toml, else the map's."""
    folders = list(project_folders(path))
    return next((f for f in folders if (f / CONFIG_FILE).is_file()), folders[0])


def load(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load every file of the map at `path`, merge them and validate the result."""
    loader = _Loader(Path(path), Path(root) if root else None)
    try:
        with gc_paused():
            return loader.run()
    except MemoryError:
        # The limits (file size, values per file) keep a map well inside ordinary memory;
        # under a tight memory limit the user still gets a located answer, not a crash.
        loader.sourcemap = SourceMap()
        loader.loaded.clear()
        where = loader._relative(loader.path.resolve()) or str(loader.path)
        problem = rules.make(
            "PM010",
            location=Location(where, 1, 1),
            detail="the data map does not fit in the memory available",
            hint="split the data map into several smaller files",
        )
        return LoadResult(loader.root, (), SourceMap(), [problem])


class _Loader:
    def __init__(self, path: Path, root: Path | None) -> None:
        self.path = path
        self.root = (root or find_root(path)).resolve()
        self.sourcemap = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.loaded: list[tuple[str, ParsedYaml]] = []
        self.seen: set[Path] = set()

    # ------------------------------------------------------------------ files

    def run(self) -> LoadResult:
        try:
            entries = self._entry_files()
        except (OSError, ValueError, RuntimeError) as error:  # a name too long, a loop...
            self._report("PM012", None, target=str(self.path)[:80], detail=_reason(error))
            entries = []
        for file in entries:
            try:
                self._load_file(file, stack=())
            except (OSError, ValueError, RuntimeError) as error:  # e.g. a symlink loop
                where = Location(self._relative(Path(os.path.abspath(file))) or str(file), 1, 1)
                self._report("PM012", where, target=where.file, detail=_reason(error))
        files = tuple(name for name, _ in self.loaded)
        result = LoadResult(self.root, files, self.sourcemap, self.diagnostics)
        if not self.loaded:
            return result
        merged = self._merge()
        if not merged and not any(d.fatal for d in self.diagnostics):
            self._report(
                "PM013",
                Location(self._relative(self.path.resolve()) or str(self.path), 1, 1),
                detail="the data map is empty",
                hint="run `privacymap init DIR` for a commented starting point",
            )
            return result
        # Validate even after other problems, so that one run reports them all.
        result.datamap = self._validate(merged)
        return result

    def _entry_files(self) -> list[Path]:
        path = self.path
        if not path.exists():
            self._report(
                "PM013",
                None,
                detail=f"'{path}' does not exist",
                hint="give the path of a data-map YAML file or of a folder of them",
            )
            return []
        if path.is_dir():
            # an organisation's register file lists maps; it is never part of one
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix in YAML_SUFFIXES and p.is_file() and p.name != REGISTER_FILE
            )
            if not files and (path / REGISTER_FILE).is_file():
                self._report(
                    "PM013",
                    None,
                    detail=f"'{path}' is an organisation: its {REGISTER_FILE} lists member maps",
                    hint=f"`privacymap check`, `build` and `ropa` take the organisation "
                    f"({path}); the other commands take one member map at a time",
                )
            elif not files:
                self._report(
                    "PM013",
                    None,
                    detail=f"the folder '{path}' holds no .yaml or .yml files",
                    hint=f"to start a data map here, run `privacymap init {path}`; "
                    "to check an existing one, give its folder or file",
                )
            return files
        if path.name == REGISTER_FILE:
            self._report(
                "PM013",
                None,
                detail=f"'{path}' lists an organisation's member maps; it is not a data map",
                hint=f"`privacymap check`, `build` and `ropa` take the organisation "
                f"({path.parent}); the other commands take one member map at a time",
            )
            return []
        return [path]

    def _relative(self, path: Path) -> str | None:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def _load_file(self, file: Path, stack: tuple[Path, ...], via: Location | None = None) -> None:
        resolved = file.resolve()
        name = self._relative(resolved)
        if name is None:
            # An include reaching out, or an entry file that is a symlink pointing out.
            target = str(file)
            if via is None:
                target = self._relative(Path(os.path.abspath(file))) or target
                via = Location(target, 1, 1)
            self._report("PM009", via, target=target, root=str(self.root))
            return
        if resolved in stack:
            cycle = " -> ".join(self._relative(p) or str(p) for p in (*stack, resolved))
            self._report("PM008", via, cycle=cycle)
            return
        if resolved in self.seen:
            return
        self.seen.add(resolved)
        parsed = self._parse_file(resolved, name)
        if parsed is None:
            return
        self.loaded.append((name, parsed))
        for position, target in self._includes(parsed, name):
            self._include(resolved, target, (*stack, resolved), position)

    def _parse_file(self, file: Path, name: str) -> ParsedYaml | None:
        start = Location(name, 1, 1)
        try:
            status = file.stat()
            if not stat.S_ISREG(status.st_mode):
                # A pipe or device would block or never end; a data map is a file.
                self._report("PM012", start, target=name, detail="it is not a regular file")
                return None
            size = status.st_size
            if size > MAX_FILE_BYTES:
                self._report(
                    "PM010",
                    start,
                    detail=f"the file is {size / 1_048_576:.0f} MB; the limit is "
                    f"{MAX_FILE_BYTES // 1_048_576} MB",
                    hint="split the data map into several files",
                )
                return None
            raw = file.read_bytes()
        except OSError as error:
            self._report("PM012", start, target=name, detail=error.strerror or str(error))
            return None
        text = self._decode(raw, start)
        if text is None:
            return None
        parsed = parse_yaml(text)
        for problem in parsed.problems:
            related = tuple(
                Related(Location(name, line, column), message)
                for line, column, message in problem.related
            )
            self._report(
                problem.rule,
                Location(name, problem.line, problem.column),
                related=related,
                detail=problem.message,
                hint=problem.hint or "",
                where=problem.where or name,
            )
        if parsed.data is not None and not isinstance(parsed.data, dict):
            actual = (
                "a list"
                if isinstance(parsed.data, list)
                else f"a single value ({parsed.data!r:.40})"
            )
            self._report("PM014", start, actual=actual)
            return None
        return parsed

    def _decode(self, raw: bytes, start: Location) -> str | None:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._report("PM011", start, detail="the file is UTF-16 text")
            return None
        if b"\x00" in raw:
            self._report("PM011", start, detail="the file is binary, not text")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            self._report(
                "PM011",
                Location(start.file, line, column),
                detail=f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
            )
            return None
        return text.replace("\r\n", "\n")

    def _includes(self, parsed: ParsedYaml, name: str) -> Iterator[tuple[Location, str]]:
        data = parsed.data or {}
        includes = data.get("include")
        if includes is None:
            return
        items = includes if isinstance(includes, list) else [includes]
        for index, target in enumerate(items):
            path = ("include", index) if isinstance(includes, list) else ("include",)
            line, column = parsed.values.get(path, (1, 1))
            if isinstance(target, str) and target.strip():
                yield Location(name, line, column), target
            else:
                self._report(
                    "PM004",
                    Location(name, line, column),
                    where=format_path(path),
                    detail="an include must be a relative file path",
                    hint="write the path of a YAML file, e.g. `include: [shared/recipients.yaml]`",
                )

    def _include(self, parent: Path, target: str, stack: tuple[Path, ...], via: Location) -> None:
        candidate = Path(target)
        try:
            self._include_file(parent, candidate, target, stack, via)
        except (OSError, ValueError, RuntimeError) as error:
            # A NUL byte, a name too long for the file system, a symlink loop...
            self._report("PM012", via, target=target[:80], detail=_reason(error))

    def _include_file(
        self, parent: Path, candidate: Path, target: str, stack: tuple[Path, ...], via: Location
    ) -> None:
        if candidate.is_absolute():
            self._report("PM009", via, target=target, root=str(self.root))
            return
        joined = parent.parent / candidate
        if (
            self._relative(joined.resolve()) is None
            or self._relative(Path(os.path.abspath(joined))) is None
        ):
            self._report("PM009", via, target=target, root=str(self.root))
            return
        inside = Path(self._relative(joined.resolve()) or "")
        if candidate.suffix not in YAML_SUFFIXES or ".git" in (*candidate.parts, *inside.parts):
            self._report(
                "PM006",
                via,
                where=f"include '{target[:80]}'",
                detail="an include must name a .yaml or .yml file of the data map",
                hint="include only data-map files; files such as .git/config are never read",
            )
            return
        if not joined.exists():
            self._report("PM007", via, target=target)
            return
        if joined.is_dir():
            self._report("PM007", via, target=target, hint="an include names a file, not a folder")
            return
        self._load_file(joined, stack, via)

    # ------------------------------------------------------------------ merge

    def _merge(self) -> dict[str, Any]:
        """Merge the files' sections: list sections are concatenated, others may appear once.

        Each section's positions are registered with the source map (list items
        renumbered by their offset) and looked up only when a diagnostic asks.
        """
        merged: dict[str, Any] = {}
        owner: dict[str, Location] = {}
        for name, parsed in self.loaded:
            for section, value in (parsed.data or {}).items():
                if section == "include":
                    continue
                here = Location(name, *parsed.keys.get((section,), (1, 1)))
                mergeable = section in LIST_SECTIONS and isinstance(value, list)
                if section in merged and not (mergeable and isinstance(merged[section], list)):
                    self._report(
                        "PM015",
                        here,
                        section=section,
                        related=(Related(owner[section], "first defined here"),),
                    )
                    continue
                offset = 0
                if mergeable:
                    existing = merged.setdefault(section, [])
                    offset = len(existing)
                    existing.extend(value)
                else:
                    merged[section] = value
                self.sourcemap.add_section(section, name, parsed.values, parsed.keys, offset)
                owner.setdefault(section, here)
        return merged

    # ------------------------------------------------------------------ validate

    def _validate(self, merged: dict[str, Any]) -> DataMap | None:
        """Validate; unknown fields are reported, then dropped so the rest can be checked."""
        seen: set[tuple[str, str]] = set()
        for _attempt in range(2):
            try:
                return datamap_validator().validate_python(merged)  # type: ignore[no-any-return]
            except ValidationError as error:
                problems = error.errors(include_url=False)
                if any(d.rule in FILE_LOST_RULES for d in self.diagnostics):
                    # A file that failed to load explains missing sections; don't repeat it.
                    problems = [
                        p for p in problems if not (p["type"] == "missing" and len(p["loc"]) == 1)
                    ]
                    if not problems:
                        return None
                if len(problems) > MAX_SCHEMA_PROBLEMS:
                    # Locating and explaining each costs a lookup; thousands of them (a
                    # generated or corrupted file) would take minutes and help nobody.
                    self._report(
                        "PM010",
                        Location(self.loaded[0][0], 1, 1),
                        detail=f"the data map has {len(problems):,} schema problems; "
                        f"the first {MAX_SCHEMA_PROBLEMS} are reported",
                        hint="fix these and check again",
                    )
                for item in problems[:MAX_SCHEMA_PROBLEMS]:
                    diagnostic = schema_problem(merged, item, self.sourcemap, self.loaded[0][0])
                    key = (diagnostic.rule, diagnostic.path or "")
                    if key not in seen:
                        seen.add(key)
                        self.diagnostics.append(diagnostic)
                if any(item["type"] != "extra_forbidden" for item in problems):
                    return None
                for item in problems:
                    _drop(merged, data_path(merged, tuple(item["loc"])))
        return None

    def _report(
        self,
        rule_id: str,
        location: Location | None,
        *,
        related: tuple[Related, ...] = (),
        **fields: Any,
    ) -> None:
        self.diagnostics.append(rules.make(rule_id, location=location, related=related, **fields))


def _reason(error: Exception) -> str:
    """Why a path could not be used, in words (no exception class names)."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if "null" in str(error):
        return "the path holds a NUL character"
    if "loop" in str(error).lower():
        return "the path is a symlink loop"
    return str(error)


def _drop(data: Any, path: Sequence[str | int]) -> None:
    """Remove the value at `path` (an unknown field already reported)."""
    for part in path[:-1]:
        data = data[part]
    if isinstance(data, dict):
        data.pop(path[-1], None)
