"""The database entry point: an engine built from a URL, with each dialect's quirks in one place."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from amity import settings
from amity.errors import InvalidInput, NotReady
from amity.storage import schema


class Database:
    """A handle on one Amity database. ``begin()`` gives a connection inside one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a transaction that commits on success and rolls back on any error."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading."""
        with self.engine.connect() as conn:
            yield conn

    def is_migrated(self) -> bool:
        from amity.storage.migrate import current_revision, head_revision

        try:
            return current_revision(self) == head_revision()
        except OperationalError:
            return False

    def require_ready(self) -> None:
        """Raise :class:`NotReady` unless the schema is current and the world data is loaded."""
        if not self.is_migrated():
            raise NotReady(f"the database at {self.url} is not set up: run `amity init`")

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    """Open the database at ``url``, or at the ``AMITY_DATABASE_URL`` setting."""
    url = url or str(settings.load_value("database_url"))
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidInput(f"AMITY_DATABASE_URL={url!r} is not a database URL", field="AMITY_DATABASE_URL") from None
    if parsed.get_backend_name() == "sqlite":
        return Database(_sqlite_engine(url, parsed.database))
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return Database(create_engine(parsed, pool_pre_ping=True, pool_size=20, max_overflow=20))
    raise InvalidInput(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql",
                       field="AMITY_DATABASE_URL")


def _sqlite_engine(url: str, path: str | None) -> Engine:
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # As many connections as the web server has worker threads, so no request waits for one.
    engine = create_engine(url, pool_size=40, max_overflow=10) if path and path != ":memory:" else create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Foreign keys are off by default in SQLite; WAL lets readers run during a write.
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return engine


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows at once (the driver batches them into multi-row statements)."""
    if rows:
        conn.execute(table.insert(), list(rows))


def sync_id_sequences(conn: Connection, tables: Sequence[Table]) -> None:
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past them.

    SQLite needs nothing: its rowid keys always continue from the largest id.
    """
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        pk = table.c.id
        if pk.autoincrement is False:
            continue
        top = conn.execute(select(func.max(pk))).scalar() or 0
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if seq:
            conn.execute(text("SELECT setval(:s, :v, :called)"), {"s": seq, "v": max(top, 1), "called": top > 0})


def table_names(db: Database) -> list[str]:
    return inspect(db.engine).get_table_names()


__all__ = ["Database", "open_database", "bulk_insert", "sync_id_sequences", "schema"]
