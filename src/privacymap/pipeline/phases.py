"""The phases for one map, in one direction: load -> resolve -> check -> gate -> emit.

Nothing is written until everything is checked, and nothing here prints:
callers (the CLI, the Python API) decide what to show. What only a build uses (the
outputs, the output folder, the archive) is imported by `build`, so that
`privacymap check` does not load it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privacymap import gate, progress
from privacymap.checks import Context, run_checks
from privacymap.config import Config, find_config, load_config
from privacymap.diagnostics import Diagnostic, sort_diagnostics
from privacymap.index import Index, build_index
from privacymap.loader import LoadResult, load
from privacymap.model import DataMap

if TYPE_CHECKING:
    from privacymap.archive import Plan as ArchivePlan
    from privacymap.output import EmitContext

FINDINGS_FILE = "findings.json"


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


def open_map(source: Source) -> tuple[LoadResult, Index | None, list[Diagnostic]]:
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
    loaded, index, diagnostics = open_map(source)
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
    from privacymap.outfolder import MANIFEST, check_output, replace_folder
    from privacymap.output import BuildError
    from privacymap.pipeline.emitting import ARTEFACTS, emit_all
    from privacymap.reporters import to_json

    if templates is not None and not Path(templates).is_dir():
        raise BuildError(f"the templates folder {templates} does not exist or is not a folder")
    result = check(source, config, today, law_as_at)
    target = Path(out)
    built = BuildResult(result, target)
    if not result.usable or not (result.passed or draft):
        return built
    protected, contains = map_paths(source, result)
    check_output(target, protected=protected, contains=contains)  # before the work of emitting
    context = emit_context(result, draft, templates, options)
    files = emit_all(tuple(only or ARTEFACTS), context, built.notes)
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


def emit_context(
    result: CheckResult,
    draft: bool,
    templates: str | os.PathLike[str] | None,
    options: dict[str, object] | None,
) -> EmitContext:
    """What the outputs of one checked, usable map are made from."""
    from privacymap.output import EmitContext

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
    from privacymap.archive import NOTICE as ARCHIVED_NOTICE
    from privacymap.archive import plan as plan_archive
    from privacymap.output import BuildError

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


def map_paths(source: Source, result: CheckResult) -> tuple[list[Path], list[Path]]:
    """What OUT may not touch: the map's files (and its folder), and the project root."""
    root = result.loaded.root
    protected = [root / name for name in result.loaded.files]
    if not isinstance(source, DataMap):
        protected.append(Path(source))
    return protected, [root]
