"""Retention periods by record type, as a table; records with no period are flagged.

A record type with neither an ISO 8601 period nor stated criteria cannot be
kept "no longer than necessary" (UK GDPR Art 5(1)(e)) in any checkable way,
and one with criteria only ("governed by legislation") is worth a second look.
Each row shows the record type, its period in words, the trigger that starts
the clock, the criteria or authority, the activities that keep it, and a flag.

Usage::

    python examples/governance/retention_schedule.py notices/lancashire-cfw
    python examples/governance/retention_schedule.py notices/lancashire-cfw --csv
    python examples/governance/retention_schedule.py notices/lancashire-cfw --fail-on-missing

Exit codes: 0 printed; 1 with --fail-on-missing when a record type has no
period; 2 the data map cannot be loaded.
"""

from __future__ import annotations

import argparse
import csv
import sys

import privacymap
from privacymap import law

COLUMNS = ("Record type", "Period", "Trigger", "Criteria or authority", "Kept by", "Flag")
NO_PERIOD = "NO PERIOD"


def rows(datamap: privacymap.DataMap) -> list[tuple[str, ...]]:
    """One row per retention rule of the map, in map order."""
    kept_by: dict[str, list[str]] = {}
    for activity in datamap.activities:
        for rule_id in activity.retention:
            kept_by.setdefault(rule_id, []).append(activity.name)
    out: list[tuple[str, ...]] = []
    for rule in datamap.retention:
        out.append(
            (
                " ".join(rule.record.split()),
                law.period_in_words(rule.period) if rule.period else "-",
                rule.trigger.replace("-", " ") if rule.trigger else "-",
                " ".join((rule.criteria or rule.authority or "-").split()),
                "; ".join(kept_by.get(rule.id, [])) or "-",
                "" if rule.period else NO_PERIOD,
            )
        )
    return out


def print_table(columns: tuple[str, ...], table: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [columns, *table]) for i in range(len(columns))]
    for row in [columns, tuple("-" * w for w in widths), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datamap", help="a data map: a YAML file or a folder of them")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    parser.add_argument(
        "--fail-on-missing",
        action="store_true",
        help="exit 1 when a record type has no retention period",
    )
    args = parser.parse_args(argv)
    try:
        datamap = privacymap.load(args.datamap)
    except privacymap.LoadError as error:
        print(f"cannot load {args.datamap}: {error}", file=sys.stderr)
        return 2
    table = rows(datamap)
    missing = sum(1 for row in table if row[-1] == NO_PERIOD)
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    else:
        print_table(COLUMNS, table)
        print(f"\n{len(table)} record type(s), {missing} without a retention period")
    return 1 if args.fail_on_missing and missing else 0


if __name__ == "__main__":
    sys.exit(main())
