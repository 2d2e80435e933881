from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from amity.storage import migrate
from amity.storage.schema import metadata


def test_migrations_create_exactly_the_schema(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_downgrade_then_upgrade(db):
    migrate.downgrade(db, "base")
    assert "partnerships" not in inspect(db.engine).get_table_names()
    migrate.upgrade(db)
    assert db.is_migrated()
