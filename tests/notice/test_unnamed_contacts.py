"""A contact with no name (a DPO known only by an e-mail address) still reads as a
sentence: the first layer names the address to write to, and a one-line contact
does not begin with a separator."""

from __future__ import annotations

from pathlib import Path

from privacymap.notice import render_notice
from privacymap.pipeline import resolve

MAP = Path(__file__).resolve().parent / "data" / "unnamed-contacts.yaml"
DPO = "dpo@riverside.example.gov.uk"


def _texts() -> tuple[str, str]:
    _, index, _ = resolve(MAP)
    assert index is not None
    built = render_notice(index)
    return built["notice.html"].decode("utf-8"), built["notice.md"].decode("utf-8")


def test_the_first_layer_names_the_address_not_a_heading() -> None:
    html, md = _texts()
    assert f"- Contact {DPO} first. If you are still not happy" in md
    assert "Contact Complain to us" not in html + md


def test_a_one_line_contact_starts_with_what_it_has() -> None:
    html, md = _texts()
    assert f"**Who to contact:** email <{DPO}>." in md
    assert f'<strong>Who to contact:</strong> email <a href="mailto:{DPO}">' in html
    assert ":** ," not in md and ":</strong> ," not in html
