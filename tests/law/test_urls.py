"""One rule for link addresses, judged as a browser (WHATWG URL Standard) reads them."""

from __future__ import annotations

import pytest

from privacymap.law.urls import browser_form, safe_url, scheme, url_problem

ALLOWED = [
    "https://www.example.gov.uk/privacy",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/X",
    "mailto:dpo@example.gov.uk",
    "tel:+441234567890",
    "privacy.pdf",
    "docs/policy.html",
    "/about/privacy",
    "#your-rights",
    "?page=2",
    "../shared/notice.html",
]

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    "javascript\x0b:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    " //evil.example",
    "",
    "   ",
]

WITHOUT_SCHEME = [
    ("www.example.gov.uk/privacy", "https://www.example.gov.uk/privacy"),
    ("example.gov.uk", "https://example.gov.uk"),
    ("northshire.nhs.uk/privacy?x=1", "https://northshire.nhs.uk/privacy?x=1"),
    ("dpo@example.gov.uk", "mailto:dpo@example.gov.uk"),
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed(url: str) -> None:
    assert url_problem(url) is None
    assert safe_url(url) == url


@pytest.mark.parametrize("url", REFUSED)
def test_refused(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and not problem.without_scheme
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "fixed"), WITHOUT_SCHEME)
def test_a_host_or_mailbox_without_scheme_is_refused_with_the_fix(url: str, fixed: str) -> None:
    problem = url_problem(url)
    assert problem is not None and problem.without_scheme
    assert fixed in problem.hint
    assert safe_url(url) is None  # never published as a relative link
    assert url_problem(fixed) is None


def test_browser_form_strips_what_browsers_strip() -> None:
    assert browser_form("\x01 java\tscr\nipt:x \x1f") == "javascript:x"
    assert scheme("\x01java\tscript:alert(1)") == "javascript"
    assert scheme("privacy.pdf") is None


def test_the_notice_and_the_ropa_share_the_rule() -> None:
    """One home: neither output keeps a copy of the rule of its own."""
    from pathlib import Path

    import privacymap

    source = Path(privacymap.__file__).parent
    for module in ("notice/parts.py", "ropa/cells.py"):
        text = (source / module).read_text("utf-8")
        assert "privacymap.law.urls import" in text, module
        assert '"javascript' not in text and "_SCHEME" not in text, module
    assert privacymap.ropa.safe_url("/\\evil.example/x") is None
    assert privacymap.ropa.safe_url("privacy.pdf") is None  # relative: not a spreadsheet link
    assert privacymap.ropa.safe_url("tel:+441234567890") == "tel:+441234567890"
