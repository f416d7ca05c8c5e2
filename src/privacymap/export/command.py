"""`privacymap export`: write the DPV linked data of a map, or the Schedule 1 catalogue."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from privacymap.export import dpv, schedule1
from privacymap.index import Index

FORMATS = ("jsonld", "ttl")


def _write(text: str, output: Path | None) -> None:
    """Print `text`, or write it to a new file (never over one privacymap may not have written)."""
    if output is None:
        sys.stdout.write(text)
        return
    from privacymap.outfile import write_file
    from privacymap.outfolder import OutputError

    try:
        write_file(output, text.encode("utf-8"), force_option=False)
    except OutputError as error:
        sys.stderr.write(f"error: {error}\n")
        raise SystemExit(2) from None


def export_dpv(index: Index, fmt: str, output: Path | None, base: str | None) -> None:
    if fmt == "ttl":
        from privacymap.export.turtle import to_turtle

        _write(to_turtle(dpv.document(index, base)), output)
    else:
        _write(dpv.to_jsonld(index, base), output)


def export_schedule1(fmt: str, output: Path | None) -> None:
    if fmt == "ttl":
        from privacymap.export.turtle import to_turtle

        _write(to_turtle(schedule1.document()), output)
    elif fmt == "jsonld":
        _write(json.dumps(schedule1.document(), indent=2, ensure_ascii=False) + "\n", output)
    else:
        _write(schedule1.to_csv(), output)
