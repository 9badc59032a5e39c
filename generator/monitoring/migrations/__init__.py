"""Alembic migrations of the follow-up database (versions/ holds one file per revision)."""
