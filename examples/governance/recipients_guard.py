"""CI guard: fail when the data map names a recipient the last release did not.

A new recipient means personal data goes somewhere new: the privacy notice,
the ROPA and perhaps a data-sharing agreement or DPIA must follow, so a
reviewer should see it. The baseline is a small JSON file committed at each
release (``--write-baseline`` writes it); the guard compares the map's
recipients (id and name) with it.

Usage::

    # at a release: record the recipients
    python examples/governance/recipients_guard.py notices/lancashire-cfw \\
        --baseline recipients-baseline.json --write-baseline
    # in CI: exit 1 when a recipient was added since
    python examples/governance/recipients_guard.py notices/lancashire-cfw \\
        --baseline recipients-baseline.json

Exit codes: 0 no new recipient (removed ones are listed, they do not fail);
1 new recipients; 2 the data map or the baseline cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import privacymap


def recipients(datamap: privacymap.DataMap) -> dict[str, str]:
    """Recipient id -> name, in map order."""
    return {r.id: r.name for r in datamap.recipients}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datamap", help="a data map: a YAML file or a folder of them")
    parser.add_argument(
        "--baseline", required=True, type=Path, help="JSON file of the last release's recipients"
    )
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="write the baseline from the map instead of comparing",
    )
    args = parser.parse_args(argv)
    try:
        datamap = privacymap.load(args.datamap)
    except privacymap.LoadError as error:
        print(f"cannot load {args.datamap}: {error}", file=sys.stderr)
        return 2
    current = recipients(datamap)
    if args.write_baseline:
        document = {"datamap": args.datamap, "recipients": current}
        args.baseline.parent.mkdir(parents=True, exist_ok=True)
        args.baseline.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {len(current)} recipient(s) to {args.baseline}")
        return 0
    try:
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))["recipients"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"cannot read the baseline {args.baseline}: {error}", file=sys.stderr)
        return 2
    added = [r for r in current if r not in baseline]
    removed = [r for r in baseline if r not in current]
    for rid in removed:
        print(f"removed recipient: {rid} ({baseline[rid]})")
    for rid in added:
        print(f"NEW recipient: {rid} ({current[rid]})")
    if added:
        print(
            f"{len(added)} new recipient(s) since the baseline: update the notice and the "
            f"ROPA, then --write-baseline",
            file=sys.stderr,
        )
        return 1
    print(f"no new recipients ({len(current)} in the map, {len(removed)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
