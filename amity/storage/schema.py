"""The database schema of Amity, as SQLAlchemy Core tables.

The Alembic migrations in ``amity/storage/migrations`` create exactly this schema;
``tests/storage/test_migrations.py`` fails if the two drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)

# BIGINT in PostgreSQL; INTEGER in SQLite, where only that spelling makes the rowid key.
Id = BigInteger().with_variant(Integer(), "sqlite")

NameKey = String(200).with_variant(String(200, collation="C"), "postgresql")

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    Column("kind", String(16), nullable=False),
    Column("parent_id", Id, ForeignKey("places.id"), index=True),
    Column("country_code", String(2), index=True),
    Column("name", String(200), nullable=False),
    Column("name_en", String(200)),
    Column("name_zh", String(200)),
    Column("name_ru", String(200)),
    Column("lat", Float),
    Column("lng", Float),
    Column("population", BigInteger),
    Column("geonames_id", BigInteger, unique=True),
    Column("wikidata_id", String(16), unique=True),
    Column("admin1_code", String(20)),
    Column("timezone", String(40)),
    Column("origin", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("kind IN ('country', 'province', 'city', 'district', 'other')", name="kind"),
    CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat"),
    CheckConstraint("lng IS NULL OR (lng >= -180 AND lng <= 180)", name="lng"),
)

place_names = Table(
    "place_names",
    metadata,
    Column("id", Id, primary_key=True),
    Column("place_id", Id, ForeignKey("places.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    # '' when the data does not say which language a name is in (most GeoNames alternates).
    Column("lang", String(8), nullable=False, server_default=""),
    Column("script", String(8), nullable=False),
    Column("kind", String(16), nullable=False),
    # Byte order ("C" collation) in PostgreSQL, as SQLite has, so prefix ranges work on the index.
    Column("key", NameKey, nullable=False, index=True),
    Index("uq_place_names_place_name_lang", "place_id", "name", "lang", unique=True),
)

countries = Table(
    "countries",
    metadata,
    Column("code", String(2), primary_key=True),
    Column("iso3", String(3), nullable=False),
    Column("isonumeric", Integer),
    Column("place_id", Id, ForeignKey("places.id"), nullable=False, unique=True),
    Column("continent", String(2), nullable=False),
    Column("capital", String(100)),
    Column("population", BigInteger),
    Column("area_km2", Float),
    Column("languages", String(200)),
    Column("neighbours", String(200)),
)

blocs = Table(
    "blocs",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name_en", String(200), nullable=False),
    Column("name_zh", String(200)),
    Column("name_ru", String(200)),
    Column("founded", String(10)),
    Column("source", Text),
)

bloc_memberships = Table(
    "bloc_memberships",
    metadata,
    Column("id", Id, primary_key=True),
    Column("bloc_code", String(16), ForeignKey("blocs.code", ondelete="CASCADE"), nullable=False, index=True),
    Column("country_code", String(2), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("start", String(10), nullable=False),
    Column("end", String(10)),
    Column("source", Text),
    CheckConstraint("role IN ('member', 'observer', 'dialogue_partner', 'partner')", name="role"),
)

events = Table(
    "events",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("name_zh", String(300)),
    Column("name_ru", String(300)),
    Column("date", String(10), nullable=False),
    Column("place_id", Id, ForeignKey("places.id")),
    Column("mode", String(10), nullable=False, server_default="offline"),
    Column("attendance", Integer),
    Column("organiser", String(300)),
    Column("url", Text),
    CheckConstraint("mode IN ('online', 'offline', 'hybrid')", name="mode"),
    Index("uq_events_name_date", "name", "date", unique=True),
)

partnerships = Table(
    "partnerships",
    metadata,
    Column("id", Id, primary_key=True),
    # Stored in canonical order (a < b) so that A–B and B–A are one row.
    Column("place_a_id", Id, ForeignKey("places.id"), nullable=False, index=True),
    Column("place_b_id", Id, ForeignKey("places.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("status", String(12), nullable=False),
    Column("established", String(10)),
    Column("established_basis", Text),
    Column("ended", String(10)),
    Column("ended_basis", Text),
    Column("event_id", Id, ForeignKey("events.id")),
    Column("notes", Text),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("place_a_id < place_b_id", name="ordered_pair"),
    CheckConstraint("kind IN ('sister', 'friendly_exchange')", name="kind"),
    CheckConstraint(
        "status IN ('proposed', 'negotiating', 'active', 'dormant', 'suspended', 'ended')", name="status"
    ),
    # At most one current (not ended) partnership per pair of places.
    Index(
        "uq_partnerships_current_pair",
        "place_a_id",
        "place_b_id",
        unique=True,
        sqlite_where=text("status != 'ended'"),
        postgresql_where=text("status != 'ended'"),
    ),
)

status_changes = Table(
    "partnership_status_changes",
    metadata,
    Column("id", Id, primary_key=True),
    Column("partnership_id", Id, ForeignKey("partnerships.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(12), nullable=False),
    Column("date", String(10)),
    Column("note", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

sources = Table(
    "partnership_sources",
    metadata,
    Column("id", Id, primary_key=True),
    Column("partnership_id", Id, ForeignKey("partnerships.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("citation", Text, nullable=False),
    Column("url", Text),
    Column("reference", String(100)),
    Column("retrieved", String(10)),
    Column("confidence", Float, nullable=False),
    CheckConstraint("kind IN ('dataset', 'document', 'url')", name="kind"),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
)

seek_profiles = Table(
    "seek_profiles",
    metadata,
    Column("id", Id, primary_key=True),
    Column("place_id", Id, ForeignKey("places.id", ondelete="CASCADE"), nullable=False, index=True),
    # Comma-separated codes: areas from amity.matching.seeking.AREAS, countries ISO alpha-2.
    Column("areas", String(200), nullable=False, server_default=""),
    Column("countries", String(400), nullable=False, server_default=""),
    Column("bloc", String(16)),
    Column("min_population", BigInteger),
    Column("max_population", BigInteger),
    Column("text", Text),
    Column("expires", String(10)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
