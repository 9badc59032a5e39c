"""LibreOffice helpers for the follow-up documents (the conversion itself is tested in test_suivi_bilan)."""

from __future__ import annotations

from tests.test_libreoffice import convert, soffice

__all__ = ["convert", "soffice"]
