"""Where the follow-up database lives when no --base is given (kept apart from database.py, which loads SQLAlchemy)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_location() -> Path:
    """The SQLite file used without --base: <user data folder>/clauses/suivi.sqlite3."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / "clauses" / "suivi.sqlite3"
