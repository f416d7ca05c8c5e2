"""Shared helpers for privacymap's tests (see tests/support/external.py)."""
