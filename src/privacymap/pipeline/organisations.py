"""Several maps of one controller: the combined register (`build_register`), and an
organisation folder's checks and builds (`check_organisation`, `build_organisation`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privacymap.config import Config, find_config, load_config
from privacymap.diagnostics import Diagnostic
from privacymap.outfolder import MANIFEST, check_output, replace_folder
from privacymap.output import BuildError

if TYPE_CHECKING:
    from privacymap.registerfile import Organisation
    from privacymap.ropa.register import Member as RegisterMember
    from privacymap.ropa.sheets import Workbook

from privacymap.pipeline.emitting import ARTEFACTS, emit_all
from privacymap.pipeline.phases import (
    FINDINGS_FILE,
    CheckResult,
    check,
    emit_context,
    map_paths,
)


@dataclass
class RegisterResult:
    """What `build_register` wrote, or why it wrote nothing.

    `paths` are the member maps (an organisation given among the sources stands for its
    members); `checks` their checks, in the same order; `problems` those of an
    organisation's register file (any makes the register unusable); `findings` the
    register's own (PM086, conflicting definitions); `written` whether `out` was written.
    """

    checks: list[CheckResult]
    out: Path
    findings: list[Diagnostic] = field(default_factory=list)
    written: bool = False
    paths: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 written, 1 stopped by a finding (or written as a draft with some), 2 unusable."""
        if self.problems or not all(c.usable for c in self.checks):
            return 2
        clean = all(c.passed for c in self.checks) and not self.findings
        return 0 if self.written and clean else 1


class RegisterRefused(Exception):
    """The register cannot be made (maps of different controllers) or written there."""


def build_register(
    sources: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    fmt: str = "xlsx",
    draft: bool = False,
    config: Config | None = None,
    today: dt.date | None = None,
) -> RegisterResult:
    """Check every service map, then write one register (`fmt` xlsx or csv) of them all.

    A source that is an organisation (a folder holding `register.yaml`, or that file)
    stands for its member maps. Nothing is written when a map does not pass its check
    or two maps define one id differently, unless `draft`. Raises `RegisterRefused` for
    maps of different controllers, or when `out` exists and is not a register privacymap
    wrote; `OutputError` when `out` cannot be written (as `privacymap.outfile.write_file`).
    """
    from privacymap.config import is_organisation
    from privacymap.outfile import write_file
    from privacymap.registerfile import load_organisation
    from privacymap.ropa.files import to_csv, to_xlsx

    given = [Path(s) for s in sources]
    paths: list[Path] = []
    problems: list[Diagnostic] = []
    for source in given:
        if is_organisation(source):
            organisation = load_organisation(source)
            problems.extend(organisation.diagnostics)
            paths.extend(m.path for m in organisation.members)
        else:
            paths.append(source)
    result = RegisterResult([], Path(out), paths=paths, problems=problems)
    if problems:
        return result
    result.checks = [check(p, config, today) for p in paths]
    if not all(c.usable for c in result.checks):
        return result
    command = f"privacymap ropa {' '.join(os.fspath(s) for s in given)} -o {os.fspath(out)}" + (
        " --format csv" if fmt == "csv" else ""
    )
    book, result.findings = _register(paths, result.checks, draft, command)
    if not (draft or (all(c.passed for c in result.checks) and not result.findings)):
        return result
    target = Path(out)
    _may_replace(target)
    data = to_csv(book.ropa) if fmt == "csv" else to_xlsx(book)
    write_file(target, data, overwrite=target.exists(), force_option=False)
    result.written = True
    return result


def _register(
    paths: list[Path], checks: list[CheckResult], draft: bool, command: str | None = None
) -> tuple[Workbook, list[Diagnostic]]:
    """The register of the checked, usable maps at `paths`, and its own findings;
    `RegisterRefused` for maps of different controllers."""
    from privacymap.ropa.provenance import git_commit
    from privacymap.ropa.register import RegisterError, register

    try:
        return register(_members(paths, checks), draft, git_commit(checks[0].root), command)
    except RegisterError as error:
        raise RegisterRefused(str(error)) from None


def _members(paths: list[Path], checks: list[CheckResult]) -> list[RegisterMember]:
    """The checked, usable maps at `paths` as members of one register."""
    from privacymap.ropa.register import Member

    return [
        Member(str(p), c.index, tuple(c.diagnostics), _as_given(p, c.root))
        for p, c in zip(paths, checks, strict=True)
        if c.index is not None
    ]


@dataclass
class OrganisationResult:
    """What `check_organisation` found, and what `build_organisation` wrote (or why
    it wrote nothing).

    `organisation` is the register file as read (its `diagnostics` make it unusable);
    `checks` the member maps' checks, in its order; `findings` the register's own
    (PM086); `written` the files written into `out`, the manifest included (each
    member's under its output subfolder); `notes` remarks for the user.
    """

    organisation: Organisation
    out: Path | None = None
    """The folder written (None for a check)."""
    checks: list[CheckResult] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    written: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """The register file and every member map can be used."""
        return self.organisation.usable and all(c.usable for c in self.checks)

    @property
    def passed(self) -> bool:
        """Every member map passes its gate and no two define one id differently."""
        return self.usable and all(c.passed for c in self.checks) and not self.findings

    @property
    def exit_code(self) -> int:
        """As `privacymap build`: 0 written, 1 stopped by a finding, 2 unusable."""
        if not self.usable:
            return 2
        return 0 if self.written else 1


def check_organisation(
    source: str | os.PathLike[str],
    *,
    config: Config | None = None,
    strict: bool = False,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    law_as_at: dt.date | None = None,
) -> OrganisationResult:
    """Read the register file of the organisation at `source` (a folder holding
    `register.yaml`, or that file) and check every member map; nothing is written.

    Each member is checked with `config`, else its own nearest configuration, with
    `strict`, `select` and `ignore` applied on top (as the command-line options).
    `findings` are the register's own: an id two maps define differently (PM086).
    Raises `RegisterRefused` for maps of different controllers.
    """
    from privacymap.registerfile import load_organisation
    from privacymap.ropa.register import RegisterError, check_one_controller, conflicts

    organisation = load_organisation(Path(source))
    result = OrganisationResult(organisation)
    if not organisation.usable:
        return result
    overrides = {"strict": strict or None, "select": list(select), "ignore": list(ignore)}
    for member in organisation.members:
        settings = (config or load_config(find_config(member.path))).merged(**overrides)
        result.checks.append(check(member.path, settings, today, law_as_at))
    if not result.usable:
        return result
    members = _members([m.path for m in organisation.members], result.checks)
    try:
        check_one_controller(members)
    except RegisterError as error:
        raise RegisterRefused(str(error)) from None
    result.findings = conflicts(members)
    return result


def build_organisation(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    draft: bool = False,
    only: Iterable[str] | None = None,
    templates: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    strict: bool = False,
    today: dt.date | None = None,
    options: dict[str, object] | None = None,
    law_as_at: dt.date | None = None,
) -> OrganisationResult:
    """Check every member map of the organisation at `source`, then write each one's
    outputs into its own subfolder of `out` and the combined register (`register.xlsx`,
    `register.csv`; with the ROPA among `only`) and `findings.json` beside them.

    `source` is a folder holding `register.yaml` (`privacymap.registerfile`), or that
    file. Each member is checked as by `check_organisation`. Nothing is written unless
    every member passes its check and no two define one id differently (PM086), or
    `draft`; then `out` is replaced whole, as by `build`, under the same rules
    (`privacymap.outfolder`). Raises `RegisterRefused` for maps of different
    controllers, `OutputError` and `BuildError` as `build` does.
    """
    from privacymap.reporters import to_json
    from privacymap.ropa.files import to_csv, to_xlsx

    if templates is not None and not Path(templates).is_dir():
        raise BuildError(f"the templates folder {templates} does not exist or is not a folder")
    result = check_organisation(
        source, config=config, strict=strict, today=today, law_as_at=law_as_at
    )
    target = result.out = Path(out)
    if not result.usable or not (draft or result.passed):
        return result
    organisation = result.organisation
    paths = [m.path for m in organisation.members]
    book, _ = _register(
        paths, result.checks, draft, f"privacymap build {os.fspath(source)} -o {os.fspath(out)}"
    )
    protected: list[Path] = [organisation.file]
    contains: list[Path] = [organisation.folder]
    for path, checked in zip(paths, result.checks, strict=True):
        mine, root = map_paths(path, checked)
        protected.extend(mine)
        contains.extend(root)
    check_output(target, protected=protected, contains=contains)
    artefacts = tuple(only or ARTEFACTS)
    files: dict[str, bytes] = {}
    for member, checked in zip(organisation.members, result.checks, strict=True):
        notes: list[str] = []
        made = emit_all(artefacts, emit_context(checked, draft, templates, options), notes)
        made[FINDINGS_FILE] = to_json(checked.diagnostics).encode("utf-8")
        files.update({f"{member.output}/{name}": data for name, data in made.items()})
        result.notes.extend(f"{member.output}: {note}" for note in notes)
    if "ropa" in artefacts:
        files["register.xlsx"] = to_xlsx(book)
        files["register.csv"] = to_csv(book.ropa)
    files[FINDINGS_FILE] = to_json(result.findings).encode("utf-8")  # each member's: beside it
    replace_folder(target, files, protected=protected, contains=contains)
    result.written = tuple(sorted([*files, MANIFEST]))
    return result


def _as_given(path: Path, root: Path) -> str:
    """The map's root as the user would write it: relative when they gave a relative path."""
    if path.is_absolute():
        return root.as_posix()
    relative = Path(os.path.relpath(root, Path.cwd().resolve())).as_posix()
    return "" if relative == "." else relative


def _may_replace(target: Path) -> None:
    """Refuse to replace anything but a register (or ROPA) privacymap wrote."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_file():
        raise RegisterRefused(f"{target} exists and is not a file; nothing was written")
    head = target.read_bytes()[:4096]
    from privacymap.ropa.columns import HEADINGS

    ours_csv = head.startswith(b"\xef\xbb\xbf" + HEADINGS[0].encode())
    ours_xlsx = head.startswith(b"PK") and _written_by_privacymap(target)
    if not (ours_csv or ours_xlsx):
        raise RegisterRefused(
            f"{target} exists and was not written by privacymap; nothing was written "
            "(choose another file with -o, or move it away)"
        )


def _written_by_privacymap(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            return b"Generated by privacymap" in book.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
