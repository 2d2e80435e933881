"""Shared fixtures: databases on every backend, the small registry, and the full world data.

Database tests run on SQLite always and on PostgreSQL when ``AMITY_TEST_POSTGRES_URL``
names a server (``.ci/run`` sets it). In CI (``CI=true``) a missing PostgreSQL fails the
run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from amity import world
from amity.fixtures import SmallRegistry, build_small_registry
from amity.storage import Database, migrate, open_database
from amity.storage.schema import metadata

PG_URL = os.environ.get("AMITY_TEST_POSTGRES_URL")
IN_CI = os.environ.get("CI") == "true"
BACKENDS = ["sqlite", "postgresql"] if (PG_URL or IN_CI) else ["sqlite"]


def _require_postgres() -> str:
    if not PG_URL:
        pytest.fail("CI needs PostgreSQL: set AMITY_TEST_POSTGRES_URL (see .ci/run)")
    return PG_URL


def _fresh_pg_database(name: str) -> str:
    """Create (or re-create) database ``name`` on the test server; return its URL."""
    base = make_url(_require_postgres())
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_empty_url() -> Iterator[str]:
    url = _fresh_pg_database(f"amity_test_{os.getpid()}")
    db = open_database(url)
    migrate.upgrade(db)
    db.dispose()
    yield url
    _drop_pg_database(url)


def _truncate(db: Database) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables if t.name != "alembic_version")
    with db.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database on each backend."""
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'amity.sqlite3'}")
        migrate.upgrade(database)
    else:
        database = open_database(request.getfixturevalue("pg_empty_url"))
        _truncate(database)
    yield database
    database.dispose()


@pytest.fixture
def small(db: Database) -> SmallRegistry:
    """The small hand-built registry in ``db``."""
    with db.begin() as conn:
        return build_small_registry(conn)


@pytest.fixture(scope="session")
def world_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the full shipped world data, built once per test session."""
    path = tmp_path_factory.mktemp("world") / "amity.sqlite3"
    database = open_database(f"sqlite:///{path}")
    migrate.upgrade(database)
    world.load(database)
    database.dispose()
    return path


@pytest.fixture(scope="session")
def world_pg_url() -> Iterator[str]:
    url = _fresh_pg_database(f"amity_test_world_{os.getpid()}")
    database = open_database(url)
    migrate.upgrade(database)
    world.load(database)
    database.dispose()
    yield url
    _drop_pg_database(url)


@pytest.fixture(params=BACKENDS)
def world_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The full world registry on each backend. Tests may change it: each gets its own copy
    (SQLite) or has its changes rolled back (PostgreSQL, see ``world_conn``)."""
    if request.param == "sqlite":
        copy = tmp_path / "world.sqlite3"
        shutil.copy(request.getfixturevalue("world_sqlite_file"), copy)
        database = open_database(f"sqlite:///{copy}")
    else:
        database = open_database(request.getfixturevalue("world_pg_url"))
    yield database
    database.dispose()


@pytest.fixture
def world_conn(world_db: Database):
    """A connection to the world registry whose changes are rolled back after the test."""
    with world_db.engine.connect() as conn:
        transaction = conn.begin()
        yield conn
        transaction.rollback()


@pytest.fixture
def world_cli(world_sqlite_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI (AMITY_DATABASE_URL) at a private copy of the world registry."""
    copy = tmp_path / "cli.sqlite3"
    shutil.copy(world_sqlite_file, copy)
    monkeypatch.setenv("AMITY_DATABASE_URL", f"sqlite:///{copy}")
    return copy


@pytest.fixture
def small_client(db: Database, small: SmallRegistry):
    """An in-process HTTP client (httpx over ASGI) on the small registry."""
    import httpx

    from amity.app import create_app

    transport = httpx.ASGITransport(app=create_app(db))
    with_client = httpx.AsyncClient(transport=transport, base_url="http://amity.test")
    return _SyncClient(with_client)


class _SyncClient:
    """Runs an httpx.AsyncClient's requests one at a time, for plain (non-async) tests."""

    def __init__(self, client) -> None:
        import asyncio

        self._client = client
        self._loop = asyncio.new_event_loop()

    def request(self, method: str, url: str, **kwargs):
        return self._loop.run_until_complete(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs):
        return self.request("POST", url, **kwargs)
