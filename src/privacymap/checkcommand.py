"""`privacymap check` and the helpers the commands share, without typer.

`privacymap check` runs in pre-commit hooks and editors, where start-up time is
the whole cost, so its body lives here, free of typer and click:
`privacymap.launcher` parses a plain `check` command line itself and calls
`run_check`; `privacymap.cli` (typer) calls the same function for everything
the launcher leaves to it (help, usage errors, unusual spellings). Errors are
printed to stderr and end with `SystemExit`, which typer passes through.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from privacymap.config import Config
    from privacymap.diagnostics import Diagnostic
    from privacymap.pipeline import CheckResult


def run_check(
    path: Path,
    fmt: str = "text",
    output: Path | None = None,
    force: bool = False,
    strict: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config: Path | None = None,
    today: str | None = None,
    quiet: bool = False,
    law_as_at: str | None = None,
) -> int:
    """Check the map at `path` and print (or write) the report; return the exit code.

    A check that runs for more than a second shows its phases on a terminal
    (`privacymap.progress`), unless `quiet`.
    """
    from privacymap import progress
    from privacymap.config import is_organisation
    from privacymap.pipeline import check

    require_map(path)
    date, law_date = parse_date(today), parse_date(law_as_at, "--law-as-at")
    if is_organisation(path):
        given = load_settings(path, config, strict, select, ignore) if config else None
        with progress.shown(sys.stderr, progress.wanted(sys.stderr, quiet)):
            return _check_organisation(
                path, fmt, output, force, given, strict, select, ignore, date, law_date
            )
    settings = load_settings(path, config, strict, select, ignore)
    with progress.shown(sys.stderr, progress.wanted(sys.stderr, quiet)):
        result = check(path, settings, date, law_date)
    report(path, result, fmt, output, force)
    return result.exit_code


def _check_organisation(
    path: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    config: Config | None,
    strict: bool,
    select: list[str] | None,
    ignore: list[str] | None,
    today: dt.date | None,
    law_as_at: dt.date | None,
) -> int:
    """`check ORG`: every member map, and what the register adds (PM086), in one report;
    exit 1 when `build ORG` would stop for a finding."""
    from privacymap.config import ConfigError
    from privacymap.pipeline import RegisterRefused, check_organisation
    from privacymap.reporters import REPORTERS

    try:
        result = check_organisation(
            path, config=config, strict=strict,
            select=[s.upper() for s in select or []], ignore=[s.upper() for s in ignore or []],
            today=today, law_as_at=law_as_at,
        )  # fmt: skip
    except ConfigError as error:
        where = f"{error.location}: " if error.location else ""
        fail(f"{where}error PM903 [bad-config] {visible(str(error))}")
    except RegisterRefused as error:
        fail(f"error: {visible(str(error))}")
    members = [m.path for m in result.organisation.members]
    found = together(result.organisation.diagnostics, members, result.checks, result.findings)
    code = 2 if not result.usable else 0 if result.passed else 1
    protected = tuple(
        file
        for checked in result.checks
        for file in map_files(checked.root, checked.loaded.files, None)
    )
    if fmt == "text":
        from privacymap.reporters import should_colour, to_text, verdict

        colour = output is None and should_colour(sys.stdout)
        outcome = verdict(found, code, strict or any(c.config.strict for c in result.checks))
        text = to_text(found, colour=colour, verdict=outcome)
        emit(text, output, force, (result.organisation.file, *protected))
    else:
        emit(REPORTERS[fmt](found, ""), output, force, (result.organisation.file, *protected))
    return code


def together(
    problems: list[Diagnostic],
    paths: list[Path],
    checks: list[CheckResult],
    findings: list[Diagnostic],
) -> list[Diagnostic]:
    """The findings of several maps in one report: a register file's problems, each
    map's findings named from the current folder, then the register's own."""
    located = [
        d.under(base_of(path, checked.loaded.root))
        for path, checked in zip(paths, checks, strict=False)
        for d in checked.diagnostics
    ]
    return [*problems, *located, *findings]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `message` as an error line on stderr and exit with `code`."""
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def base_of(path: Path, root: Path) -> str:
    """The map's root as the user would write it: relative when they gave a relative path.

    Locations are root-relative file names joined to this, so `check
    notices/x` prints `notices/x/law.yaml:3:5` and `check /abs/x` prints
    `/abs/x/law.yaml:3:5`.
    """
    if path.is_absolute():
        return root.as_posix()
    relative = Path(os.path.relpath(root, Path.cwd().resolve())).as_posix()
    return "" if relative == "." else relative


def emit(
    data: str | bytes, output: Path | None, force: bool = False, protected: tuple[Path, ...] = ()
) -> None:
    """Print `data`, or write it to `output`, never over a file privacymap may not have written."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    from privacymap.outfile import write_file
    from privacymap.outfolder import OutputError

    try:
        write_file(output, raw, overwrite=force, protected=protected)
    except OutputError as error:
        fail(f"error: {visible(str(error))}")


def visible(text: str) -> str:
    """A message that may quote a path or a value, with control characters escaped."""
    from privacymap.reporters import visible as escape

    return escape(text)


def map_files(root: Path, files: tuple[str, ...], config: Path | None) -> tuple[Path, ...]:
    """The data map's own files (and its configuration), which no output may replace."""
    return (*(root / name for name in files), *((config,) if config else ()))


def require_map(path: Path) -> None:
    """Stop with a plain message (exit 2) when the path the user gave does not exist."""
    try:
        missing = not path.exists()
    except OSError:
        return  # a name the system refuses (too long...): the loader reports it, located
    if missing:
        fail(f"error: no such file or folder: {path}")


def load_settings(
    path: Path,
    config_file: Path | None,
    strict: bool,
    select: list[str] | None,
    ignore: list[str] | None,
) -> Config:
    """The configuration in force: the file given (or the nearest one), then the options."""
    from privacymap.config import ConfigError, find_config, load_config

    try:
        base = load_config(config_file or find_config(path))
    except ConfigError as error:
        where = f"{error.location}: " if error.location else ""
        fail(f"{where}error PM903 [bad-config] {error}")
    return base.merged(
        strict=strict or None,
        select=[s.upper() for s in select or []],
        ignore=[s.upper() for s in ignore or []],
    )


def report(
    path: Path, result: CheckResult, fmt: str, output: Path | None, force: bool = False
) -> None:
    """Print the check's findings in `fmt` (or write them to `output`)."""
    from privacymap.reporters import REPORTERS

    base = base_of(path, result.loaded.root)
    config_file = Path(result.config.file) if result.config.file else None
    protected = map_files(result.loaded.root, result.loaded.files, config_file)
    if fmt == "text":
        from privacymap.reporters import should_colour, to_text, verdict

        colour = output is None and should_colour(sys.stdout)
        outcome = verdict(result.diagnostics, result.exit_code, result.config.strict)
        text = to_text(result.diagnostics, base, colour=colour, verdict=outcome)
        emit(law_header(result) + text, output, force, protected)
        return
    emit(REPORTERS[fmt](result.diagnostics, base), output, force, protected)


def law_header(result: CheckResult) -> str:
    """The first line of a text report: the date whose law the map was judged against."""
    if result.law_as_at is None:
        return ""
    return f"Law as at {result.law_as_at.isoformat()} ({result.law_as_at_reason})\n\n"


def parse_date(text: str | None, option: str = "--today") -> dt.date | None:
    """The date given as YYYY-MM-DD to `option`; exit 2 with a message when it is not one."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"error: {option} must be a date as YYYY-MM-DD, not {text!r}")
