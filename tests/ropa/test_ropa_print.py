"""The ROPA as a DPO prints it: LibreOffice -> PDF, A3 landscape, one page wide.

Each page's header names its sheet (centre), so the pages are counted per sheet.
LibreOffice leaves out the lines of a cell that its row is too short for, so a
cell whose whole text is in the PDF was given a tall enough row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from privacymap import ropa
from tests.ropa.support import FAMILY, LANCASHIRE, build_ropa
from tests.support.external import xlsx_to_pdf

pytestmark = pytest.mark.external

ROPA_TITLE = "Record of processing activities"
A3_LANDSCAPE = (1191, 842)  # points


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def _sheet(page: str, names: tuple[str, ...]) -> str:
    """The sheet a page prints (the header's centre: "[DRAFT – ]name")."""
    header = page.split("\n", 1)[0]
    return next(n for n in names if re.search(rf"(^|DRAFT \u2013 ){re.escape(n)}( |$)", header))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def lancashire_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = build_ropa(LANCASHIRE, tmp_path_factory.mktemp("print") / "out")
    return xlsx_to_pdf(out / "ropa.xlsx", out / "pdf")


def _by_sheet(pdf: Path) -> dict[str, list[str]]:
    names = (ROPA_TITLE, "Law", "Data flows", "Recipients", "Retention schedule", "Findings",
             "About")  # fmt: skip
    out: dict[str, list[str]] = {}
    for page in _pages(pdf):
        out.setdefault(_sheet(page, names), []).append(page)
    return out


def test_lancashire_ropa_sheet_prints_on_at_most_three_a3_pages(lancashire_pdf: Path):
    reader = pypdf.PdfReader(lancashire_pdf)
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        A3_LANDSCAPE
    }
    sheets = _by_sheet(lancashire_pdf)
    assert 1 <= len(sheets[ROPA_TITLE]) <= 3
    assert list(sheets) == [ROPA_TITLE, "Law", "Data flows", "Recipients", "Retention schedule",
                            "Findings", "About"]  # fmt: skip


def test_every_ropa_page_carries_the_headings_and_the_activity_column(
    lancashire_pdf: Path, lancashire_index
):
    pages = _by_sheet(lancashire_pdf)[ROPA_TITLE]
    activities = [a.name for a in lancashire_index.datamap.activities]
    seen: set[str] = set()
    for page in pages:
        squashed = _squash(page)
        for heading in ("Business function", "Purpose of processing", "Article 30 Record"):
            assert _squash(heading) in squashed, heading
        here = {a for a in activities if _squash(f"{a}:") in squashed}
        assert here, "a page with no activity's name"
        seen |= here
    assert seen == set(activities)


def test_draft_on_page_one_and_in_every_header(lancashire_pdf: Path):
    pages = _pages(lancashire_pdf)
    assert "DRAFT: built with" in pages[0]  # the banner row
    assert all("DRAFT \u2013" in page.split("\n", 1)[0] for page in pages)
    assert all(re.search(r"Page \d+ of \d+", page) for page in pages)


@pytest.mark.parametrize("source", [LANCASHIRE, FAMILY], ids=["lancashire", "family-support"])
def test_no_cell_is_cut_short(source: Path, tmp_path: Path):
    """Every ROPA cell's whole text is printed: its row is tall enough (LibreOffice drops
    the lines that do not fit)."""
    out = build_ropa(source, tmp_path / "out")
    pages = _by_sheet(xlsx_to_pdf(out / "ropa.xlsx", tmp_path / "pdf"))
    printed = _squash("".join(pages[ROPA_TITLE]))
    from privacymap import pipeline

    index = pipeline.check(source).index
    assert index is not None
    missing = [
        (heading, text[:60])
        for row in ropa.rows(index)
        for heading, text in row.items()
        if _squash(text) not in printed
    ]
    assert missing == []
