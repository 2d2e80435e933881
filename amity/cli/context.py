"""The database a command works on, opened once per command and ready to use."""

from __future__ import annotations

from amity.storage import Database, open_database


def ready_database() -> Database:
    """The configured database; raises NotReady with a hint to run ``amity init`` if it is not set up."""
    db = open_database()
    db.require_ready()
    return db
