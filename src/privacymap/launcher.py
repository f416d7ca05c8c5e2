"""The console entry point: `privacymap check` starts without typer; the rest goes to the CLI.

Importing typer, click and the pydantic adapters typer builds for each
parameter costs more than checking a small map, and `check` runs in
pre-commit hooks and editors. `main` reads a plain `check` command line here
(`check MAP` with the options `privacymap check --help` lists, spelled as click
accepts them) and runs `privacymap.checkcommand.run_check`, the function the
typer command calls too. Anything else (help, completion, a usage error, an
option this parser does not know) goes to the typer app in `privacymap.cli`,
which answers it as before. tests/cli/test_launcher.py keeps the two paths'
options and outputs equal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

VALUE_OPTIONS = {
    "--format": "fmt",
    "-f": "fmt",
    "--output": "output",
    "--select": "select",
    "--ignore": "ignore",
    "--config": "config",
    "--today": "today",
    "--law-as-at": "law_as_at",
}
"""`check`'s options that take a value, and the `run_check` parameter each sets."""
FLAG_OPTIONS = {"--force": "force", "--strict": "strict", "--quiet": "quiet", "-q": "quiet"}
"""`check`'s on/off options."""
REPEATABLE = frozenset({"select", "ignore"})


@dataclass
class CheckArgs:
    """A `check` command line, parsed."""

    path: Path
    options: dict[str, object] = field(default_factory=dict)


def parse_check(argv: list[str]) -> CheckArgs | None:
    """`argv` (without the program name) as a `check` command, or None to let typer answer it.

    None whenever the line is not an ordinary `check` call: another command,
    --help, `--`, an unknown or repeated-when-single option, a missing value,
    a format that is not a reporter's name, or not exactly one MAP.
    """
    from privacymap.reporters import REPORTERS

    if not argv or argv[0] != "check" or os.environ.get("_PRIVACYMAP_COMPLETE"):
        return None
    positional: list[str] = []
    options: dict[str, object] = {}
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, has_value, value = token.partition("=")
        if not name.startswith("--") and len(name) > 2:  # -fjson, as click reads it
            name, has_value, value = token[:2], "=", token[2:]
        if name in FLAG_OPTIONS and not has_value:
            options[FLAG_OPTIONS[name]] = True
            continue
        if name not in VALUE_OPTIONS:
            return None
        if not has_value:
            following = next(tokens, None)
            if following is None:
                return None
            value = following
        key = VALUE_OPTIONS[name]
        if key in REPEATABLE:
            options.setdefault(key, [])
            options[key].append(value)  # type: ignore[attr-defined]
        else:
            options[key] = value
    if len(positional) != 1 or not positional[0]:
        return None
    if options.get("fmt", "text") not in REPORTERS:
        return None
    for key in ("output", "config"):
        if key in options:
            if not options[key]:
                return None  # typer's reading of an empty path is its own
            options[key] = Path(str(options[key]))
    return CheckArgs(Path(positional[0]), options)


def main() -> None:
    """Console entry point: run the command; turn any unexpected exception into a short message."""
    try:
        _run(sys.argv[1:])
    except KeyboardInterrupt:
        sys.stderr.write("privacymap: interrupted; nothing was changed\n")
        sys.exit(130)
    except MemoryError:
        sys.stderr.write(
            "privacymap: out of memory; nothing was written. Split the data map into smaller "
            "files, or run with more memory\n"
        )
        sys.exit(2)
    except Exception as error:  # the user must never see a traceback
        if os.environ.get("PRIVACYMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"privacymap: internal error ({type(error).__name__}: {error}).\n"
            "This is a bug in privacymap; please report it with the command you ran. "
            "Set PRIVACYMAP_DEBUG=1 to see the details.\n"
        )
        sys.exit(3)


def _run(argv: list[str]) -> None:
    parsed = parse_check(argv)
    if parsed is None:
        from privacymap.cli import app

        app()  # standalone: usage errors exit 2, typer.Exit carries codes
        return
    from privacymap.checkcommand import run_check

    sys.exit(run_check(parsed.path, **parsed.options))  # type: ignore[arg-type]
