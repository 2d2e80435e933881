"""Alembic environment: runs migrations on the engine that :mod:`amity.storage.migrate` passes in."""

from alembic import context

from amity.storage.schema import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
