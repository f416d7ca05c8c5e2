"""`python -m privacymap._gen [--check]`: rewrite (or check) every generated file."""

from __future__ import annotations

import sys
from pathlib import Path

from privacymap._gen import stale, write_all

ROOT = Path(__file__).resolve().parents[3]
"""The repository root (this runs from a source checkout, not an installed wheel)."""


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        names = stale(ROOT)
        for name in names:
            print(f"{name} is stale: run `python -m privacymap._gen`")
        return 1 if names else 0
    for name in write_all(ROOT):
        print(f"rewrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
