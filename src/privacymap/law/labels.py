"""How the Art 6 bases and Art 9 conditions are named when cited by id.

Messages use the short label ("Public task (Art 6(1)(e))"); records use the
title ("UK GDPR Art 6(1)(e) – Public task"). An id the catalogue does not know
is shown as written.
"""

from __future__ import annotations

import functools

from privacymap.law.catalogue import art6_basis, art9_condition


def basis_label(basis_id: str) -> str:
    """`public-task` -> "Public task (Art 6(1)(e))"."""
    found = art6_basis(basis_id)
    return f"{found.name} (Art 6(1)({found.point}))" if found else basis_id


def condition_label(condition_id: str) -> str:
    """`substantial-public-interest` -> "Substantial public interest (Art 9(2)(g))"."""
    found = art9_condition(condition_id)
    return f"{found.name} (Art 9(2)({found.point}))" if found else condition_id


@functools.lru_cache(maxsize=256)
def basis_title(basis_id: str) -> str:
    """`public-task` -> "UK GDPR Art 6(1)(e) – Public task"."""
    found = art6_basis(basis_id)
    return f"UK GDPR Art {found.article} \u2013 {found.name}" if found else basis_id


@functools.lru_cache(maxsize=256)
def condition_title(condition_id: str) -> str:
    """`explicit-consent` -> "UK GDPR Art 9(2)(a) – Explicit consent"."""
    found = art9_condition(condition_id)
    return f"UK GDPR Art {found.article} \u2013 {found.name}" if found else condition_id
