"""Storage: one database entry point built from a URL, the schema, and migrations.

Every dialect difference between SQLite and PostgreSQL is kept in :mod:`amity.storage.database`.
"""

from amity.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
