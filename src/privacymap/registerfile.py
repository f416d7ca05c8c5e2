"""An organisation's register file: `register.yaml`, listing the service maps of one controller.

A council keeps one data map per service, often sharing a catalogue
(docs/howto-shared-catalogue.md). UK GDPR Art 30 asks for one record of the
*controller's* processing, so a folder holding `register.yaml` is an
*organisation*: `privacymap build ORG` builds every member map into its own
subfolder of the output and writes the combined register beside them, and
`privacymap ropa ORG` writes the register alone.

    # register.yaml
    members:
      - adult-learning            # a map folder or file, relative to this file
      - map: registrars
        output: registration      # its subfolder of `build -o` (default: registrars)

The file is named after what it makes (the organisation's register, as
`privacymap ropa` writes `register.xlsx`), and differs from `organisation.yaml`,
the usual name of the map file holding a controller's details. It is never read
as part of a data map. Problems are reported like a map's load errors: located
(file:line:col), with the rule and a hint; any of them makes the organisation
unusable (exit 2).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from privacymap import rules
from privacymap.config import REGISTER_FILE
from privacymap.diagnostics import Diagnostic, Location, Related
from privacymap.model import DataMap
from privacymap.sourcemap import format_path
from privacymap.yamlio import ParsedYaml, parse_yaml

MAX_REGISTER_BYTES = 1_000_000
"""A register file lists a few dozen maps; anything near this is not one."""
OUTPUT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
"""A member's output subfolder: one plain folder name (no slash, no leading dot)."""
RESERVED_OUTPUTS = ("register.xlsx", "register.csv", "findings.json")
"""Names the organisation's build writes at the top of its output folder."""


class RegisterMember(BaseModel):
    """One service data map of the organisation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    map: str = Field(
        min_length=1,
        description="The service's data map: a folder of YAML files or one YAML file, "
        "relative to the register file.",
    )
    output: str | None = Field(
        default=None,
        pattern=OUTPUT_PATTERN,
        description="The subfolder of `privacymap build -o` that receives this service's "
        "notice, ROPA and diagrams (default: the map's folder or file name).",
    )


class RegisterFile(BaseModel):
    """`register.yaml`: the member maps whose processing makes one controller's register.
    A member written as a bare path is short for `{map: PATH}`."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "examples": [
                {"members": ["adult-learning", {"map": "registrars", "output": "registration"}]}
            ]
        },
    )

    members: tuple[RegisterMember, ...] = Field(
        min_length=1,
        description="The service data maps of one controller, in the register's order.",
    )

    @field_validator("members", mode="before")
    @classmethod
    def _bare_paths(cls, value: Any) -> Any:
        return [_as_member(item) for item in value] if isinstance(value, list) else value


@dataclass(frozen=True)
class OrganisationMember:
    """A member map as the build uses it."""

    path: Path
    """The map, joined to the register file's folder (as the user gave the organisation)."""
    output: str
    """Its subfolder of the build's output folder."""
    location: Location
    """Where the register file lists it."""


@dataclass
class Organisation:
    """A loaded register file: its members, or the problems that make it unusable."""

    file: Path
    members: tuple[OrganisationMember, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.file.parent

    @property
    def usable(self) -> bool:
        return bool(self.members) and not self.diagnostics


def register_file(path: Path) -> Path | None:
    """The register file `path` names (the file itself, or the one in a folder), or None
    when `path` is a data map."""
    try:
        if path.is_dir():
            candidate = path / REGISTER_FILE
            return candidate if candidate.is_file() else None
        return path if path.name == REGISTER_FILE and path.is_file() else None
    except OSError:
        return None


def is_organisation(path: Path) -> bool:
    """Whether `path` is an organisation (a register file, or a folder holding one)."""
    return register_file(path) is not None


def load_organisation(path: Path) -> Organisation:
    """Read the register file of the organisation at `path`; every problem is located."""
    file = register_file(path) or path
    shown = file.as_posix()
    organisation = Organisation(file)
    report = organisation.diagnostics.append
    start = Location(shown, 1, 1)
    try:
        if file.stat().st_size > MAX_REGISTER_BYTES:
            report(_too_large(start))
            return organisation
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        report(rules.make("PM012", location=start, target=shown, detail=error.strerror or ""))
        return organisation
    except UnicodeDecodeError as error:
        report(rules.make("PM011", location=start, detail=f"{error.reason} at byte {error.start}"))
        return organisation
    parsed = parse_yaml(text.replace("\r\n", "\n"))
    for problem in parsed.problems:
        related = tuple(Related(Location(shown, ln, col), m) for ln, col, m in problem.related)
        report(
            rules.make(
                problem.rule,
                location=Location(shown, problem.line, problem.column),
                related=related,
                detail=problem.message,
                hint=problem.hint or "",
                where=problem.where or shown,
            )
        )
    if organisation.diagnostics:
        return organisation
    if not isinstance(parsed.data, dict):
        report(
            rules.make(
                "PM004",
                location=start,
                where=REGISTER_FILE,
                detail="the file is not a mapping with `members:`",
                hint="list the organisation's data maps under `members:` (docs/howto-shared-"
                "catalogue.md)",
            )
        )
        return organisation
    try:
        listed = list(enumerate(RegisterFile.model_validate(parsed.data).members))
    except ValidationError as error:
        problems = error.errors(include_url=False)
        for item in problems:
            # pydantic counts the members left after the invalid ones as too few
            if item["type"] != "too_short" or len(problems) == 1:
                report(_problem(item, parsed, shown))
        listed = _valid_members(parsed.data.get("members"))
    members = [(i, _member(m, i, parsed, file)) for i, m in listed]
    organisation.diagnostics.extend(_member_problems(members, file, parsed))
    if not organisation.diagnostics:
        organisation.members = tuple(m for _, m in members)
    organisation.diagnostics.sort(key=Diagnostic.sort_key)
    return organisation


def _valid_members(items: Any) -> list[tuple[int, RegisterMember]]:
    """The members that are valid on their own, by position, when the file is not: their
    own problems are reported in the same run."""
    if not isinstance(items, list):
        return []
    out = []
    for position, item in enumerate(items):
        try:
            out.append((position, RegisterMember.model_validate(_as_member(item))))
        except ValidationError:
            continue
    return out


def _as_member(item: Any) -> Any:
    """A member written as a bare path is short for `{map: PATH}`."""
    return {"map": item} if isinstance(item, str) else item


def _too_large(start: Location) -> Diagnostic:
    return rules.make(
        "PM010",
        location=start,
        detail=f"the register file is over {MAX_REGISTER_BYTES // 1_000_000} MB",
        hint=f"{REGISTER_FILE} lists member data maps; keep the maps themselves in their folders",
    )


def _at(
    parsed: ParsedYaml, shown: str, path: tuple[str | int, ...], keys: bool = False
) -> Location:
    """The place of `path` in the file, or of its nearest enclosing value."""
    for length in range(len(path), -1, -1):
        found = (parsed.keys if keys and length == len(path) else parsed.values).get(path[:length])
        if found is not None:
            line, column = found
            return Location(shown, line, column)
    return Location(shown, 1, 1)


def _problem(item: Any, parsed: ParsedYaml, shown: str) -> Diagnostic:
    """A validation problem of the register file as a located load error."""
    loc: tuple[str | int, ...] = tuple(item["loc"])
    kind: str = item["type"]
    where = format_path(loc[:-1]) if loc[:-1] else REGISTER_FILE
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = list((RegisterMember if len(loc) > 1 else RegisterFile).model_fields)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"fields here: {', '.join(known)}"
        if len(loc) == 1 and name in DataMap.model_fields:
            hint = (
                f"{REGISTER_FILE} lists an organisation's member maps and is never read as part "
                "of a data map; rename the data-map file, and list its folder under `members:`"
            )
        return rules.make(
            "PM003",
            location=_at(parsed, shown, loc, keys=True),
            path=format_path(loc),
            field=name,
            where=where,
            hint=hint,
        )
    if kind == "missing":
        return rules.make(
            "PM005",
            location=_at(parsed, shown, loc[:-1]),
            path=format_path(loc),
            field=str(loc[-1]),
            where=where,
        )
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind == "too_short":
        message = "list at least one data map"
    if kind in ("model_type", "model_attributes_type", "dict_type") and len(loc) == 2:
        message = "a member is a data map's path, or a mapping with `map:` (and `output:`)"
    value = item.get("input")
    shown_value = f" (got {value!r:.60})" if not isinstance(value, dict | list) else ""
    rule = "PM004" if kind.endswith("_type") else "PM006"
    hint = "see docs/format.md#registerfile for the register file's fields"
    if kind == "string_pattern_mismatch":
        hint = "one folder name: letters, digits, '.', '_' or '-', not starting with a dot"
    return rules.make(
        rule,
        location=_at(parsed, shown, loc),
        path=format_path(loc),
        where=format_path(loc),
        detail=f"{message}{shown_value}",
        hint=hint,
    )


def _member(
    member: RegisterMember, position: int, parsed: ParsedYaml, file: Path
) -> OrganisationMember:
    path = file.parent / member.map
    default = path.stem if path.suffix in (".yaml", ".yml") else path.name
    located = _at(parsed, file.as_posix(), ("members", position, "map"))
    return OrganisationMember(path, member.output or default, located)


def _member_problems(
    members: list[tuple[int, OrganisationMember]], file: Path, parsed: ParsedYaml
) -> list[Diagnostic]:
    """Members that cannot be built: missing, an organisation themselves, or two sharing
    an output subfolder (or a name the build writes at the top of its output)."""
    out: list[Diagnostic] = []
    seen: dict[str, OrganisationMember] = {}
    for position, member in members:
        where = f"members[{position}]"
        problem, hint = _member_problem(member, file)
        if problem:
            out.append(
                rules.make(
                    "PM006",
                    location=member.location,
                    path=f"{where}.map",
                    where=where,
                    detail=problem,
                    hint=hint,
                )
            )
            continue
        earlier = seen.get(member.output)
        plain = re.fullmatch(OUTPUT_PATTERN, member.output) is not None
        if member.output in RESERVED_OUTPUTS or earlier is not None or not plain:
            related = (
                (Related(earlier.location, "the other member with this output"),) if earlier else ()
            )
            out.append(
                rules.make(
                    "PM006",
                    location=_at(parsed, file.as_posix(), ("members", position, "output"))
                    if parsed.values.get(("members", position, "output"))
                    else member.location,
                    path=f"{where}.output",
                    where=where,
                    related=related,
                    detail=f"its output subfolder '{member.output}' is "
                    + (
                        "taken by another member"
                        if earlier
                        else "a name the build uses"
                        if plain
                        else "not a plain folder name"
                    ),
                    hint="give the member its own `output:` folder name",
                )
            )
            continue
        seen[member.output] = member
    return out


def _member_problem(member: OrganisationMember, file: Path) -> tuple[str, str]:
    """Why a member cannot be built (empty text when it can), and a hint."""
    relative = f"paths are relative to {REGISTER_FILE}'s folder ({file.parent.as_posix() or '.'})"
    try:
        exists = member.path.exists()
        nested = register_file(member.path) is not None and member.path.resolve() != (
            file.parent.resolve()
        )
    except OSError as error:
        return f"'{member.path.as_posix()}' cannot be read: {error.strerror or error}", relative
    if not exists:
        return f"the data map '{member.path.as_posix()}' does not exist", relative
    if nested:
        return (
            f"'{member.path.as_posix()}' is an organisation itself (it holds {REGISTER_FILE})",
            "list its member maps here instead: a register is one controller's, not nested",
        )
    if member.path.is_file() and member.path.suffix not in (".yaml", ".yml"):
        return f"'{member.path.as_posix()}' is not a YAML file or a folder", relative
    return "", ""
