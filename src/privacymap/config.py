"""Project configuration: `privacymap.toml`, or `[tool.privacymap]` in `pyproject.toml`.

    select = ["PM2", "PM3"]        # ids or prefixes to run (default: all)
    ignore = ["PM105"]             # ids or prefixes to drop
    strict = true                  # warnings fail the gate too
    waiver_horizon_days = 180      # waivers may expire at most this far ahead (default: 1 year)
    stale_after_months = 24        # PM659: a notice last updated longer ago is stale
    [severity]                     # per-rule severity
    PM209 = "error"

Locked rules (load errors, PM201) cannot be ignored or lowered here; a waiver
in the data map is the only way to pass one, and it stays visible.
"""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from privacymap.diagnostics import Location, Severity

CONFIG_FILE = "privacymap.toml"
REGISTER_FILE = "register.yaml"
"""An organisation's list of member maps (`privacymap.registerfile`); never a data-map file."""
MAX_CONFIG_BYTES = 1_000_000
"""A configuration file is a few lines; a device such as /dev/zero would never end."""


@dataclass(frozen=True)
class Config:
    """Settings that shape which findings are reported and how the gate judges them."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    strict: bool = False
    file: str | None = None
    waiver_horizon_days: int | None = None
    """How far ahead of the check date a waiver may expire; None: one year."""
    locations: dict[str, Location] = field(default_factory=dict)
    stale_after_months: int = 24

    @property
    def threshold(self) -> Severity:
        return Severity.WARNING if self.strict else Severity.ERROR

    def merged(self, **overrides: object) -> Config:
        """A copy with command-line options applied on top."""
        values = {k: v for k, v in overrides.items() if v not in (None, (), [])}
        if "select" in values:
            values["select"] = tuple(values["select"])  # type: ignore[arg-type]
        if "ignore" in values:
            values["ignore"] = (*self.ignore, *values["ignore"])  # type: ignore[misc]
        return Config(**{**self.__dict__, **values})


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


class ConfigError(Exception):
    """The configuration file cannot be used; carries a located message."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.location = location


def project_folders(start: Path) -> Iterator[Path]:
    """The map's folder and its parents, up to and including the repository root (`.git`)."""
    try:
        is_folder = start.is_dir()
    except (OSError, ValueError):  # a name too long or holding NUL: the loader reports it
        is_folder = False
    folder = (start if is_folder else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        yield candidate
        if (candidate / ".git").exists():
            return


def find_config(start: Path) -> Path | None:
    """`privacymap.toml` in the map's folder or above, else a pyproject.toml with our table."""
    for candidate in project_folders(start):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.privacymap]" in pyproject.read_text("utf-8", "replace"):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read a configuration file (None: defaults)."""
    if path is None:
        return Config()
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError(f"cannot read {path}: it is not a regular file")
        if status.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"cannot read {path}: it is larger than {MAX_CONFIG_BYTES:,} bytes")
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: {error}",
            Location(str(path), getattr(error, "lineno", 1) or 1, getattr(error, "colno", 1) or 1),
        ) from error
    table = data.get("tool", {}).get("privacymap", {}) if path.name == "pyproject.toml" else data
    return _parse(table, str(path), _key_lines(path))


def _key_lines(path: Path) -> dict[str, int]:
    """Line of each rule id or key in the file, for locating configuration findings."""
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        for token in (
            line.replace('"', " ").replace("'", " ").replace(",", " ").replace("=", " ").split()
        ):
            lines.setdefault(token.strip("[]"), number)
    return lines


def _parse(table: dict[str, object], file: str, lines: dict[str, int]) -> Config:
    known = {"select", "ignore", "strict", "severity", "waiver_horizon_days", "stale_after_months"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{file}: unknown setting '{unknown[0]}' (known: {', '.join(sorted(known))})",
            Location(file, lines.get(unknown[0], 1), 1),
        )

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"{file}: '{key}' must be a list of rule ids or prefixes",
                Location(file, lines.get(key, 1), 1),
            )
        return tuple(v.upper() for v in value)

    severities: dict[str, Severity] = {}
    raw = table.get("severity", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: 'severity' must be a table of RULE = \"level\"")
    for rule_id, level in raw.items():
        try:
            severities[rule_id.upper()] = Severity(str(level))
        except ValueError:
            raise ConfigError(
                f"{file}: severity of {rule_id} must be error, warning or info, not {level!r}",
                Location(file, lines.get(rule_id, 1), 1),
            ) from None
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{file}: 'strict' must be true or false")
    horizon = table.get("waiver_horizon_days")
    if horizon is not None and (
        not isinstance(horizon, int) or isinstance(horizon, bool) or not 1 <= horizon <= 3660
    ):
        raise ConfigError(
            f"{file}: 'waiver_horizon_days' must be a whole number of days from 1 to 3660",
            Location(file, lines.get("waiver_horizon_days", 1), 1),
        )
    stale = table.get("stale_after_months", 24)
    if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
        raise ConfigError(
            f"{file}: 'stale_after_months' must be a whole number of months, 1 or more",
            Location(file, lines.get("stale_after_months", 1), 1),
        )
    rule_ids = (*strings("select"), *strings("ignore"), *severities)
    locations = {r: Location(file, lines.get(r, 1), 1) for r in rule_ids}
    return Config(
        strings("select"),
        strings("ignore"),
        severities,
        strict,
        file,
        waiver_horizon_days=horizon,
        locations=locations,
        stale_after_months=stale,
    )
