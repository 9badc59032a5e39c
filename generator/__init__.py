"""clauses: drafts the social-insertion clauses of French public tenders."""

from .documents import generate
from .resolve import resolve
from .spec import load_spec

__all__ = ["generate", "load_spec", "resolve"]
