"""Follow-up after notification: contracts, monthly sheets, people register, hours realised,
attestation and bilan, kept in a database (SQLAlchemy + Alembic, SQLite or PostgreSQL)."""
