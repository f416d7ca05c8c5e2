"""privacymap.lazy: names a package imports on first use (PEP 562)."""

from __future__ import annotations

import pytest

import privacymap
import privacymap.pipeline
from privacymap.lazy import first_use


def test_a_name_is_imported_when_first_asked_for_and_kept() -> None:
    namespace: dict[str, object] = {}
    getattr_, dir_ = first_use("pkg", {"dedent": "textwrap"}, namespace)
    assert "dedent" in dir_() and "dedent" not in namespace
    import textwrap

    assert getattr_("dedent") is textwrap.dedent
    assert namespace["dedent"] is textwrap.dedent


def test_an_unknown_name_is_an_attribute_error_naming_the_package() -> None:
    getattr_, _ = first_use("pkg", {}, {})
    with pytest.raises(AttributeError, match="module 'pkg' has no attribute 'nope'"):
        getattr_("nope")
    for module in (privacymap, privacymap.pipeline):
        with pytest.raises(AttributeError, match=f"module '{module.__name__}' has no attribute"):
            module.nope  # noqa: B018


def test_the_packages_list_their_first_use_names() -> None:
    assert {"check", "build", "DataMap"} <= set(dir(privacymap))
    assert {"emitter", "build_register"} <= set(dir(privacymap.pipeline))
