"""Every flow of special-category data that leaves the organisation, with its legal grounds.

For each disclosure of special category data (UK GDPR Art 9(1)) to a recipient
outside the controller's organisation, print the recipient, the special
categories carried, the Art 6(1) lawful basis, the Art 9(2) condition and the
DPA 2018 Schedule 1 condition relied on. A blank ground shows as "NONE", which
is what an auditor asks about first.

Usage::

    python examples/governance/special_category_disclosures.py notices/lancashire-cfw
    python examples/governance/special_category_disclosures.py notices/lancashire-cfw --csv

Exit codes: 0 printed (even when empty), 2 the data map cannot be loaded.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

import privacymap
from privacymap import graph

COLUMNS = ("Recipient", "Special categories", "Art 6 basis", "Art 9 condition", "Schedule 1")


def rows(datamap: privacymap.DataMap) -> list[tuple[str, ...]]:
    """One row per external disclosure carrying special category data, in map order."""
    g = graph.build(datamap.index)
    out: list[tuple[str, ...]] = []
    for flow in graph.flows_by_category(g, "special"):
        if flow["direction"] != "disclosure" or g.nodes[flow["target"]]["internal"]:
            continue
        out.append(
            (
                g.nodes[flow["target"]]["label"],
                ", ".join(flow["special"]),
                _join(f"{b['name']} ({b['article']})" for b in flow["bases"]),
                _join(f"{c['name']} ({c['article']})" for c in flow["art9"]),
                _join(p["reference"] for p in flow["schedule1"]),
            )
        )
    return out


def _join(items: Any) -> str:
    return "; ".join(items) or "NONE"


def print_table(columns: tuple[str, ...], table: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [columns, *table]) for i in range(len(columns))]
    for row in [columns, tuple("-" * w for w in widths), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datamap", help="a data map: a YAML file or a folder of them")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    args = parser.parse_args(argv)
    try:
        datamap = privacymap.load(args.datamap)
    except privacymap.LoadError as error:
        print(f"cannot load {args.datamap}: {error}", file=sys.stderr)
        return 2
    table = rows(datamap)
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    else:
        print_table(COLUMNS, table)
        print(f"\n{len(table)} disclosure(s) of special category data outside the organisation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
