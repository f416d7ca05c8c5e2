"""Fixtures: the Lancashire notice (a draft: the published one has defects) and a clean example."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from privacymap.index import Index
from privacymap.pipeline import build, resolve

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
FAMILY = REPO / "examples" / "family-support"
OVERRIDE = REPO / "examples" / "templates-override"


@dataclass
class Built:
    root: Path
    out: Path
    index: Index
    html: str
    md: str
    problems: int

    @property
    def text(self) -> str:
        """The page's visible text, tags removed, entities decoded, whitespace collapsed."""
        body = re.sub(r"<(style|script)\b.*?</\1>", " ", self.html, flags=re.S)
        body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S).replace("<wbr>", "")
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())

    @property
    def md_text(self) -> str:
        """The Markdown with escapes removed and whitespace collapsed."""
        return " ".join(re.sub(r"\\(.)", r"\1", self.md).split())


def build_notice(root: Path, out: Path, **options: object) -> Built:
    result = build(root, out, draft=True, only=["notice"], **options)  # type: ignore[arg-type]
    assert result.written, f"build wrote nothing: {result.notes}"
    _, index, _ = resolve(root)
    assert index is not None
    problems = sum(1 for d in result.check.diagnostics if not d.waived and d.severity != "info")
    return Built(
        root=root,
        out=out,
        index=index,
        html=(out / "notice.html").read_text(encoding="utf-8"),
        md=(out / "notice.md").read_text(encoding="utf-8"),
        problems=problems,
    )


@pytest.fixture(scope="session")
def lancashire(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_notice(LANCASHIRE, tmp_path_factory.mktemp("lancashire") / "out")


@pytest.fixture(scope="session")
def family(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_notice(FAMILY, tmp_path_factory.mktemp("family") / "out")


def squash(text: str) -> str:
    return " ".join(text.split())
