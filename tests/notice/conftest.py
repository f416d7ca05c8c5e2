"""Fixtures: the Lancashire notice (a draft: the published one has defects) and a clean example."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from privacymap.index import Index
from privacymap.notice.young_wording import YOUNG_FILE
from privacymap.pipeline import build, resolve

REPO = Path(__file__).resolve().parents[2]
LANCASHIRE = REPO / "notices" / "lancashire-cfw"
FAMILY = REPO / "examples" / "family-support"
JOINT = REPO / "examples" / "joint-service"
OVERRIDE = REPO / "examples" / "templates-override"


@dataclass
class Built:
    root: Path
    out: Path
    index: Index
    html: str
    md: str
    problems: int
    young: str | None = None
    """notice-young-people.html, when the build wrote it."""

    @property
    def text(self) -> str:
        """The page's visible text, tags removed, entities decoded, whitespace collapsed."""
        return visible_text(self.html)

    @property
    def young_text(self) -> str:
        """The young-people page's visible text (as `text`); empty when not written."""
        return visible_text(self.young or "")

    @property
    def md_text(self) -> str:
        """The Markdown with escapes removed and whitespace collapsed."""
        return " ".join(re.sub(r"\\(.)", r"\1", self.md).split())


def visible_text(page: str) -> str:
    """A page's visible text, tags removed, entities decoded, whitespace collapsed."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S).replace("<wbr>", "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


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
        young=young.read_text(encoding="utf-8") if (young := out / YOUNG_FILE).exists() else None,
    )


@pytest.fixture(scope="session")
def lancashire(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_notice(LANCASHIRE, tmp_path_factory.mktemp("lancashire") / "out")


@pytest.fixture(scope="session")
def joint(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A young carers service (children among the subjects), with its own wording for the
    young-people page."""
    return build_notice(JOINT, tmp_path_factory.mktemp("joint") / "out")


@pytest.fixture(scope="session")
def family(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_notice(FAMILY, tmp_path_factory.mktemp("family") / "out")


def squash(text: str) -> str:
    return " ".join(text.split())
