"""A copy of the clean example with a hostile string in every free-text field and name.

The strings are put in by walking the data against the model: every string value
except ids gets one of PAYLOADS (in turn) followed by a unique marker `⟦n⟧`, so a
test can find each field's text in an output. Fields the model or the resolver
constrain (enumerations, references, citations, addresses) refuse such text; they
are put back, one round at a time, until the map loads, so what remains is every
field that accepts free text.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from privacymap.loader.schema_problems import _fields_by_name, _model_at
from privacymap.model import LIST_SECTIONS, DataMap
from privacymap.pipeline import resolve

REPO = Path(__file__).resolve().parents[2]
FAMILY = REPO / "examples" / "family-support"

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#x6A;avascript:alert(1)",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    '"];\nevil [label="x',
    "A-->B; click A callback",
    "}}{{ 7*7 }}{% raw %}",
    "\u202eevil\u202c right-to-left",
    "zero\u200bwidth\u200d\ufeffjoin",
    "<iframe src=https://evil.example></iframe><svg onload=alert(1)>",
    "`code` **bold** <b onclick=alert(1)>b</b>",
    "tab\tcarriage\rreturn\u2028line separator",  # other controls are refused on load (PM016)
)
LONG = "L" * 99_000  # under the 100,000-character limit of one value, with the payload

Path_ = tuple[str | int, ...]


@dataclass
class Hostile:
    data: dict[str, Any]
    text: dict[Path_, str] = field(default_factory=dict)
    """The hostile value of each field that kept it."""
    markdown: set[Path_] = field(default_factory=set)
    """Fields that are Markdown (rendered), the others being plain text."""


def merged_example() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for file in sorted(FAMILY.glob("*.yaml")):
        for key, value in (yaml.safe_load(file.read_text("utf-8")) or {}).items():
            if key in LIST_SECTIONS:
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged


def _leaves(data: Any, path: Path_ = ()) -> list[Path_]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _leaves(v, (*path, i))]
    return [path] if isinstance(data, str) else []


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _is_markdown(path: Path_) -> bool:
    names = [p for p in path if isinstance(p, str)]
    owner = path[: max(i for i, p in enumerate(path) if isinstance(p, str))]
    info = _fields_by_name(_model_at(DataMap, owner)).get(names[-1])
    return info is not None and "markdown" in repr(info)


def _diagnostic_paths(data: dict[str, Any], folder: Path) -> set[str] | None:
    (folder / "map.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), "utf-8"
    )
    _loaded, index, diagnostics = resolve(folder / "map.yaml")
    if index is not None:
        return None
    return {d.path or "" for d in diagnostics if d.fatal}


def _format(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def make_hostile(folder: Path, *, long_fields: int = 2) -> Hostile:
    """Write `folder/map.yaml`: the example with hostile text in every free-text field."""
    folder.mkdir(parents=True, exist_ok=True)
    original = merged_example()
    data = copy.deepcopy(original)
    result = Hostile(data)
    for n, path in enumerate(_leaves(original)):
        if path[-1] == "id":
            continue
        text = f"{PAYLOADS[n % len(PAYLOADS)]} ⟦{n}⟧"
        if n < long_fields:
            text += " " + LONG
        _set(data, path, text)
        result.text[path] = text
    for _round in range(10):
        failing = _diagnostic_paths(data, folder)
        if failing is None:
            break
        reverted = 0
        for path in list(result.text):
            shown = _format(path)
            if any(shown == f or shown.startswith(f + ".") or f.startswith(shown) for f in failing):
                _set(data, path, _get(original, path))
                del result.text[path]
                reverted += 1
        if not reverted:  # a problem with no path: give up on the fields it cannot name
            raise AssertionError(f"hostile map does not load: {sorted(failing)}")
    else:
        raise AssertionError("hostile map does not load after 10 rounds")
    result.markdown = {p for p in result.text if _is_markdown(p)}
    return result
