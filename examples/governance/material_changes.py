"""Material changes to a data map since the last release tag, with the law behind each.

Before a release, the information-governance team asks: what have we changed
in law since the last published version, and have we told people? This lists
every material change between the map at the last git tag (or `--since REV`)
and the working tree: the class (tell people first, or tell people), the
object, what changed and the provisions the classification rests on; then
whether the map's `changes:` history has a new entry for them (PM620).

Usage::

    python examples/governance/material_changes.py notices/lancashire-cfw
    python examples/governance/material_changes.py notices/lancashire-cfw --since v1.2 --csv

Exit codes: 0 no material change; 1 material changes (listed); 2 no tag, not a
git repository, or a version of the map cannot be loaded.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from contextlib import ExitStack

import privacymap
from privacymap.changes.revisions import RevisionError, versions
from privacymap.text import csv_escape

COLUMNS = ("Class", "Object", "What changed", "Law")


def last_tag() -> str | None:
    """The most recent tag reachable from HEAD, or None."""
    done = subprocess.run(
        ["git", "describe", "--tags", "--abbrev=0"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or None if done.returncode == 0 else None


def rows(diff: privacymap.Diff) -> list[tuple[str, ...]]:
    """One row per material change, most serious first."""
    return [
        (c.classification.value, c.label, c.what, "; ".join(c.references)) for c in diff.material
    ]


def print_table(columns: tuple[str, ...], table: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [columns, *table]) for i in range(len(columns))]
    for row in [columns, tuple("-" * w for w in widths), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datamap", help="a data map: a YAML file or a folder of them")
    parser.add_argument("--since", help="the revision to compare with (default: the last tag)")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    args = parser.parse_args(argv)
    since = args.since or last_tag()
    if since is None:
        print("no tag to compare with: tag the last release, or give --since REV", file=sys.stderr)
        return 2
    with ExitStack() as stack:
        try:
            old_version, new_version = versions(since, args.datamap, stack)
            old = privacymap.load(old_version.path)
            new = privacymap.load(new_version.path)
        except RevisionError as error:
            print(f"cannot read {since}: {error}", file=sys.stderr)
            return 2
        except privacymap.LoadError as error:
            print(f"cannot load the data map: {error}", file=sys.stderr)
            return 2
        diff = privacymap.diff(old, new)
    table = rows(diff)
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([csv_escape(cell) for cell in row] for row in table)  # never a formula
        return diff.exit_code
    if table:
        print_table(COLUMNS, table)
        print()
    first = len(diff.tell_first)
    print(
        f"{len(table)} material change(s) since {since} ({first} to tell people about "
        f"before the processing starts), {len(diff.editorial)} editorial"
    )
    for finding in diff.findings:
        print(f"{finding.rule}: {finding.message}")
    return diff.exit_code


if __name__ == "__main__":
    sys.exit(main())
