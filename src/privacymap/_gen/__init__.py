"""Every generated file of the repository, and the one command that rewrites them.

    python -m privacymap._gen           # rewrite them all
    python -m privacymap._gen --check   # list the stale ones; exit 1 if any

Each file is derived from its source of truth (the rule catalogue, the model,
the docstrings), so it cannot drift; tests/test_generated.py holds the
committed copies to what this produces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from privacymap._gen import api, format, rules
from privacymap.registerfile import REGISTER_SCHEMA_PATH, register_schema_text
from privacymap.schema import SCHEMA_PATH, schema_text

GENERATED: dict[str, Callable[[], str]] = {
    "docs/rules.md": rules.rules_markdown,
    "docs/format.md": format.reference,
    "docs/api.md": api.reference,
    SCHEMA_PATH: schema_text,
    REGISTER_SCHEMA_PATH: register_schema_text,
}
"""Path (relative to the repository root) -> the function producing its text."""


def stale(root: Path) -> list[str]:
    """The generated files under `root` whose committed text differs from what they
    would be generated as now."""
    out = []
    for name, generate in GENERATED.items():
        path = root / name
        if not path.is_file() or path.read_text("utf-8") != generate():
            out.append(name)
    return out


def write_all(root: Path) -> list[str]:
    """Rewrite every generated file under `root`; returns the ones that changed."""
    changed = stale(root)
    for name in changed:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(GENERATED[name](), "utf-8")
    return changed
