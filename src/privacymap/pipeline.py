"""The phases, in one direction: load -> resolve -> check -> gate -> emit.

Nothing is written until everything is checked, and nothing here prints:
callers (the CLI, the Python API) decide what to show.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privacymap import gate, parallel, progress
from privacymap.archive import NOTICE as ARCHIVED_NOTICE
from privacymap.archive import Plan as ArchivePlan
from privacymap.archive import plan as plan_archive
from privacymap.checks import Context, run_checks
from privacymap.config import Config, find_config, load_config
from privacymap.diagnostics import Diagnostic, sort_diagnostics
from privacymap.index import Index, build_index
from privacymap.loader import LoadResult, load
from privacymap.model import DataMap
from privacymap.outfolder import MANIFEST, check_output, replace_folder
from privacymap.output import BuildError, EmitContext, Emitter, Output
from privacymap.yamlio import gc_paused

if TYPE_CHECKING:
    from privacymap.registerfile import Organisation
    from privacymap.ropa.register import Member as RegisterMember
    from privacymap.ropa.sheets import Workbook

FINDINGS_FILE = "findings.json"

ARTEFACTS: tuple[str, ...] = ("notice", "ropa", "graph")
"""The output packages, in build order: `privacymap.<name>.emit(context) -> Output`."""
PHASE_NAMES = {"ropa": "ROPA"}
"""How progress names an artefact's phase, where it is not its own name."""


Source = DataMap | str | os.PathLike[str]
"""A loaded data map, or the path of one."""


class LoadError(Exception):
    """The data map cannot be used; `diagnostics` holds every located problem."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        where = f"{first.location}: " if first and first.location else ""
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{where}{first.rule} {first.message}{more}" if first else "unusable")


@dataclass
class CheckResult:
    """The outcome of load, resolve, check and gate.

    `diagnostics` holds every finding (load errors included), sorted by file
    and line; `index` is the resolved map, or None when it is unusable.
    """

    loaded: LoadResult
    index: Index | None
    config: Config
    diagnostics: list[Diagnostic]
    law_as_at: dt.date | None = None
    """The date whose law the map was judged against (None when it could not be loaded)."""
    law_as_at_reason: str = ""
    """Where `law_as_at` came from: given, the notice's last_updated, or today."""

    @property
    def root(self) -> Path:
        """The data map's project root; diagnostics' files are relative to it."""
        return self.loaded.root

    @property
    def usable(self) -> bool:
        """The map loaded and resolved; outputs can be built from it."""
        return self.index is not None and not any(d.fatal for d in self.diagnostics)

    @property
    def passed(self) -> bool:
        """Usable, and no finding stops the gate (errors; warnings too when strict)."""
        return self.usable and gate.passed(self.diagnostics, self.config)

    @property
    def exit_code(self) -> int:
        """What `privacymap check` exits with: 0 passed, 1 findings at the gate, 2 unusable."""
        if not self.usable:
            return 2
        return 0 if self.passed else 1


@dataclass
class BuildResult:
    """What a build wrote, or why it wrote nothing.

    `check` is the check that gated the build; `written` lists the file names
    written into `out`, the manifest `.privacymap-build.json` included (empty
    when the gate stopped the build); `notes` are
    remarks for the user, e.g. that SVG needs Graphviz.
    """

    check: CheckResult
    out: Path
    written: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    archived: tuple[str, ...] = ()
    """Files written into the `archive` folder (empty when this notice was already there)."""

    @property
    def exit_code(self) -> int:
        """What `privacymap build` exits with: 0 written, 1 stopped by the gate, 2 unusable."""
        if not self.check.usable:
            return 2
        return 0 if self.written else 1


def resolve(path: str | os.PathLike[str]) -> tuple[LoadResult, Index | None, list[Diagnostic]]:
    """Load and resolve; the index is None when the map is unusable."""
    progress.phase("load", os.fspath(path))
    loaded = load(path)
    diagnostics = list(loaded.diagnostics)
    index = None
    if loaded.datamap is not None:
        index, problems = build_index(loaded)
        diagnostics.extend(problems)
        if any(d.fatal for d in diagnostics):
            index = None
    return loaded, index, sort_diagnostics(diagnostics)


def load_map(path: str | os.PathLike[str]) -> DataMap:
    """Load and resolve a data map, or raise `LoadError` with every problem found."""
    _loaded, index, diagnostics = resolve(path)
    if index is None:
        raise LoadError([d for d in diagnostics if d.fatal] or diagnostics)
    return index.datamap


def _open(source: Source) -> tuple[LoadResult, Index | None, list[Diagnostic]]:
    if isinstance(source, DataMap):
        index = source.index
        loaded = LoadResult(index.root, index.files, index.sourcemap, [], source)
        return loaded, index, []
    return resolve(source)


def check(
    source: Source,
    config: Config | None = None,
    today: dt.date | None = None,
    law_as_at: dt.date | None = None,
) -> CheckResult:
    """Load (if given a path), resolve, run every rule and apply configuration and waivers.

    `source` is a loaded `DataMap` or the path of one. Without `config`, the
    nearest ``privacymap.toml`` (or ``[tool.privacymap]`` in pyproject.toml)
    above the map applies. `today` dates waiver expiry and stale dates
    (default: today). `law_as_at` is the date whose law the map is judged
    against (default: the notice's `last_updated`, else `today`). A map that
    cannot be loaded gives a result with ``usable`` False and its load errors
    in ``diagnostics``; nothing raises.
    """
    loaded, index, diagnostics = _open(source)
    if config is None:
        config = load_config(
            find_config(loaded.root if isinstance(source, DataMap) else Path(source))
        )
    today = today or dt.date.today()
    diagnostics.extend(gate.config_findings(config))
    if index is None:
        return CheckResult(loaded, index, config, sort_diagnostics(diagnostics))
    as_at, reason = law_date(index, today, law_as_at)
    context = Context(today=today, law_as_at=as_at, stale_after_months=config.stale_after_months)
    findings = run_checks(index, context)
    findings = gate.apply_waivers(gate.apply_config(findings, config), index, today, config)
    diagnostics.extend(findings)
    return CheckResult(loaded, index, config, sort_diagnostics(diagnostics), as_at, reason)


def law_date(index: Index, today: dt.date, given: dt.date | None) -> tuple[dt.date, str]:
    """The date to judge the law at, and why: given, else the notice's date (a month
    alone is judged at its first day), else today."""
    if given is not None:
        return given, "given with --law-as-at"
    updated = index.datamap.notice.last_updated
    if updated is not None:
        return updated.first_day, "the notice's last_updated"
    return today, "today (the notice has no last_updated)"


def build(
    source: Source,
    out: str | os.PathLike[str],
    *,
    draft: bool = False,
    only: Iterable[str] | None = None,
    templates: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
    options: dict[str, object] | None = None,
    law_as_at: dt.date | None = None,
    archive: str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Check, then (if the gate passes, or `draft`) emit every artefact into `out` atomically.

    `out` is a folder, replaced as a whole only once every file is ready.
    `draft` writes despite errors, with a "Draft" banner and the findings in
    the outputs. `only` restricts the artefacts (``"notice"``, ``"ropa"``,
    ``"graph"``); `templates` is a folder of notice templates overriding the
    packaged ones; `config`, `today` and `law_as_at` are as for `check`;
    `options` passes emitter options (``{"diagrams": False}`` draws no SVG
    diagram, as ``--no-diagrams``; without it a missing Graphviz is a
    `BuildError`). findings.json is always written with the outputs.
    `archive` is a folder keeping every published notice as
    `<date>-<hash>/notice.html` with an index (`privacymap.archive`); it only
    ever adds files. A draft with findings is not archived: it is not published.

    Raises `OutputError` when `out` may not be replaced: it is not empty and
    holds files no earlier build wrote, or it is (or contains) the map, the
    project root, the home or current folder, or is a file or a symlink (see
    `privacymap.outfolder`), and `BuildError` when the outputs cannot be made
    (a missing or broken template folder, Graphviz failing or timing out, no
    memory left). Either way nothing is written.
    """
    from privacymap.reporters import to_json

    if templates is not None and not Path(templates).is_dir():
        raise BuildError(f"the templates folder {templates} does not exist or is not a folder")
    result = check(source, config, today, law_as_at)
    target = Path(out)
    built = BuildResult(result, target)
    if not result.usable or not (result.passed or draft):
        return built
    protected, contains = _map_paths(source, result)
    check_output(target, protected=protected, contains=contains)  # before the work of emitting
    context = _context(result, draft, templates, options)
    files = _emit_all(tuple(only or ARTEFACTS), context, built.notes)
    files[FINDINGS_FILE] = to_json(result.diagnostics).encode("utf-8")
    keeping = None
    if archive is not None and draft and context.problems:
        built.notes.append("not archived: a draft with findings is not a published notice")
    elif archive is not None:
        keeping = _archive_plan(Path(archive), files, result, protected, contains)
    if keeping is not None:  # first: a failure to archive leaves `out` as it was
        built.archived = keeping.apply()
        if not built.archived:
            built.notes.append(f"{keeping.path} is already in the archive")
    replace_folder(target, files, protected=protected, contains=contains)
    built.written = tuple(sorted([*files, MANIFEST]))
    return built


def _context(
    result: CheckResult,
    draft: bool,
    templates: str | os.PathLike[str] | None,
    options: dict[str, object] | None,
) -> EmitContext:
    """What the outputs of one checked, usable map are made from."""
    assert result.index is not None
    return EmitContext(
        index=result.index,
        diagnostics=tuple(result.diagnostics),
        draft=draft,
        templates=Path(templates) if templates else None,
        options={"map_root": result.loaded.root, **(options or {})},
        law_as_at=result.law_as_at,
    )


def _archive_plan(
    folder: Path,
    files: dict[str, bytes],
    result: CheckResult,
    protected: list[Path],
    contains: list[Path],
) -> ArchivePlan:
    """The archiving of this build's notice, checked before anything is written."""
    assert result.index is not None
    notice = files.get(ARCHIVED_NOTICE)
    if notice is None:
        raise BuildError("--archive keeps the notice: build it too (add notice to --only)")
    datamap = result.index.datamap
    dates = [c.date.isoformat() for c in datamap.changes]
    if datamap.notice.last_updated is not None:
        dates = [datamap.notice.last_updated.isoformat()]
    if not dates:
        raise BuildError(
            "the archive names each version by its date, and the notice has none: add "
            "`notice.last_updated` or a `changes:` entry"
        )
    return plan_archive(
        folder, notice, date=max(dates), title=datamap.notice.title,
        version=datamap.notice.version, protected=protected, contains=contains,
    )  # fmt: skip


def emitter(name: str) -> Emitter:
    """The `emit` function of output `name` (one of `ARTEFACTS`), imported on first use.

    It runs with the cyclic garbage collector paused: an output allocates
    hundreds of thousands of short-lived strings and cells, and each
    collection rescans the whole index (every model object of the map), which
    at 10,000 activities took as long as the emitting itself. Reference
    counting still frees the output's garbage; the collector resumes after.
    """
    if name not in ARTEFACTS:
        raise ValueError(f"unknown artefact {name!r}: expected one of {', '.join(ARTEFACTS)}")
    emit: Emitter = importlib.import_module(f"privacymap.{name}").emit

    def run(context: EmitContext) -> Output:
        with gc_paused():
            return emit(context)

    return run


SHARING: tuple[tuple[str, ...], ...] = (("notice", "graph"), ("ropa",))
"""Outputs that share work run in one process: the notice builds the data-flow graph
(memoised on the index) that the graph output then reuses."""


def _emit_all(
    artefacts: tuple[str, ...], context: EmitContext, notes: list[str]
) -> dict[str, bytes]:
    """Every artefact's files (their notes added to `notes`); the failures a user can act
    on become a `BuildError` (a broken template is one already, raised by the notice).

    With more than one core (`privacymap.parallel.jobs()`), the groups of `SHARING`
    run side by side: the first here, the others in forked copies of this process
    (sharing the checked index, not copying it). Files, notes and the error raised
    are the same as one after the other: outputs are merged, and the first failure
    raised, in the order of `artefacts`.
    """
    from privacymap.graph.render import GraphvizError

    try:
        workers = parallel.jobs()
    except parallel.JobsError as error:
        raise BuildError(str(error)) from None
    activities = f"{len(context.index.datamap.activities):,} activities"
    groups = _groups(artefacts, workers if parallel.can_fork() else 1)
    outcomes: dict[str, Output | BaseException] = {}
    try:
        with progress.held():  # no thread of ours is writing while the process forks
            forked = [
                parallel.Forked(functools.partial(_emit_group, group, context, None), _named(group))
                for group in groups[1:]
            ]
        try:
            for group in groups[1:]:
                progress.phase(_named(group), f"{activities}, alongside")
            outcomes.update(_emit_group(groups[0], context, activities))
            for group, worker in zip(groups[1:], forked, strict=True):
                progress.phase(_named(group), f"{activities}, finishing")
                outcomes.update(worker.result())
        finally:
            for worker in forked:
                worker.stop()
        for name in artefacts:
            outcome = outcomes.get(name)
            if isinstance(outcome, BaseException):
                raise outcome
    except UnicodeDecodeError as error:
        if context.templates is None:
            raise
        raise BuildError(f"a template in {context.templates} is not UTF-8 text: {error}") from None
    except GraphvizError as error:
        raise BuildError(f"the diagram could not be drawn: {error}") from None
    except parallel.WorkerDied as error:
        raise BuildError(
            f"{error}: was it out of memory? Build with PRIVACYMAP_JOBS=1 to make one output "
            "at a time, or with --no-per-activity-diagrams"
        ) from None
    except MemoryError:
        raise BuildError(
            "out of memory while writing the outputs; split the data map, or build with "
            "--no-per-activity-diagrams"
        ) from None
    files: dict[str, bytes] = {}
    for name in artefacts:
        made = outcomes[name]
        assert isinstance(made, Output)
        files.update(made.files)
        notes.extend(made.notes)
    return files


def _groups(artefacts: tuple[str, ...], workers: int) -> list[tuple[str, ...]]:
    """`artefacts` in at most `workers` groups, keeping together those of `SHARING`."""
    if workers <= 1:
        return [artefacts]
    groups = [g for g in (tuple(a for a in s if a in artefacts) for s in SHARING) if g]
    groups += [(a,) for a in artefacts if not any(a in g for g in groups)]
    while len(groups) > workers:
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def _named(group: tuple[str, ...]) -> str:
    return ", ".join(PHASE_NAMES.get(name, name) for name in group)


def _emit_group(
    group: tuple[str, ...], context: EmitContext, activities: str | None
) -> dict[str, Output | BaseException]:
    """Each output of `group` in turn, up to the first failure (kept as its outcome).

    `activities` is the count progress shows; None in a forked worker, which leaves
    progress to its parent.
    """
    if activities is None:
        progress.detach()
    made: dict[str, Output | BaseException] = {}
    for name in group:
        if activities is not None:
            progress.phase(PHASE_NAMES.get(name, name), activities)
        try:
            made[name] = emitter(name)(context)
        except Exception as error:  # raised by `_emit_all` in the order of the artefacts
            made[name] = error
            break
    return made


def _map_paths(source: Source, result: CheckResult) -> tuple[list[Path], list[Path]]:
    """What OUT may not touch: the map's files (and its folder), and the project root."""
    root = result.loaded.root
    protected = [root / name for name in result.loaded.files]
    if not isinstance(source, DataMap):
        protected.append(Path(source))
    return protected, [root]


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
    wrote.
    """
    from privacymap.config import is_organisation
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
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)
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
        mine, root = _map_paths(path, checked)
        protected.extend(mine)
        contains.extend(root)
    check_output(target, protected=protected, contains=contains)
    artefacts = tuple(only or ARTEFACTS)
    files: dict[str, bytes] = {}
    for member, checked in zip(organisation.members, result.checks, strict=True):
        notes: list[str] = []
        made = _emit_all(artefacts, _context(checked, draft, templates, options), notes)
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
