"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blocs',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('name_ru', sa.String(length=200), nullable=True),
    sa.Column('founded', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_blocs'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('places',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('parent_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('name_ru', sa.String(length=200), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lng', sa.Float(), nullable=True),
    sa.Column('population', sa.BigInteger(), nullable=True),
    sa.Column('geonames_id', sa.BigInteger(), nullable=True),
    sa.Column('wikidata_id', sa.String(length=16), nullable=True),
    sa.Column('admin1_code', sa.String(length=20), nullable=True),
    sa.Column('timezone', sa.String(length=40), nullable=True),
    sa.Column('origin', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("kind IN ('country', 'province', 'city', 'district', 'other')", name=op.f('ck_places_kind')),
    sa.CheckConstraint('lat IS NULL OR (lat >= -90 AND lat <= 90)', name=op.f('ck_places_lat')),
    sa.CheckConstraint('lng IS NULL OR (lng >= -180 AND lng <= 180)', name=op.f('ck_places_lng')),
    sa.ForeignKeyConstraint(['parent_id'], ['places.id'], name=op.f('fk_places_parent_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('geonames_id', name=op.f('uq_places_geonames_id')),
    sa.UniqueConstraint('wikidata_id', name=op.f('uq_places_wikidata_id'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_places_parent_id'), ['parent_id'], unique=False)

    op.create_table('bloc_memberships',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('bloc_code', sa.String(length=16), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('start', sa.String(length=10), nullable=False),
    sa.Column('end', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.CheckConstraint("role IN ('member', 'observer', 'dialogue_partner', 'partner')", name=op.f('ck_bloc_memberships_role')),
    sa.ForeignKeyConstraint(['bloc_code'], ['blocs.code'], name=op.f('fk_bloc_memberships_bloc_code_blocs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_memberships'))
    )
    with op.batch_alter_table('bloc_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_memberships_bloc_code'), ['bloc_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_bloc_memberships_country_code'), ['country_code'], unique=False)

    op.create_table('countries',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('iso3', sa.String(length=3), nullable=False),
    sa.Column('isonumeric', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('continent', sa.String(length=2), nullable=False),
    sa.Column('capital', sa.String(length=100), nullable=True),
    sa.Column('population', sa.BigInteger(), nullable=True),
    sa.Column('area_km2', sa.Float(), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=True),
    sa.Column('neighbours', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_countries_place_id_places')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_countries')),
    sa.UniqueConstraint('place_id', name=op.f('uq_countries_place_id'))
    )
    op.create_table('events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_zh', sa.String(length=300), nullable=True),
    sa.Column('name_ru', sa.String(length=300), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('place_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('mode', sa.String(length=10), server_default='offline', nullable=False),
    sa.Column('attendance', sa.Integer(), nullable=True),
    sa.Column('organiser', sa.String(length=300), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.CheckConstraint("mode IN ('online', 'offline', 'hybrid')", name=op.f('ck_events_mode')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_events_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('uq_events_name_date', ['name', 'date'], unique=True)

    op.create_table('place_names',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('place_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('lang', sa.String(length=8), server_default='', nullable=False),
    sa.Column('script', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_place_names_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_names'))
    )
    with op.batch_alter_table('place_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_names_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_place_names_place_id'), ['place_id'], unique=False)
        batch_op.create_index('uq_place_names_place_name_lang', ['place_id', 'name', 'lang'], unique=True)

    op.create_table('partnerships',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('place_a_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('place_b_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('established', sa.String(length=10), nullable=True),
    sa.Column('established_basis', sa.Text(), nullable=True),
    sa.Column('ended', sa.String(length=10), nullable=True),
    sa.Column('ended_basis', sa.Text(), nullable=True),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("kind IN ('sister', 'friendly_exchange')", name=op.f('ck_partnerships_kind')),
    sa.CheckConstraint("status IN ('proposed', 'negotiating', 'active', 'dormant', 'suspended', 'ended')", name=op.f('ck_partnerships_status')),
    sa.CheckConstraint('place_a_id < place_b_id', name=op.f('ck_partnerships_ordered_pair')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_partnerships_event_id_events')),
    sa.ForeignKeyConstraint(['place_a_id'], ['places.id'], name=op.f('fk_partnerships_place_a_id_places')),
    sa.ForeignKeyConstraint(['place_b_id'], ['places.id'], name=op.f('fk_partnerships_place_b_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_place_a_id'), ['place_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_place_b_id'), ['place_b_id'], unique=False)
        batch_op.create_index('uq_partnerships_current_pair', ['place_a_id', 'place_b_id'], unique=True, sqlite_where=sa.text("status != 'ended'"), postgresql_where=sa.text("status != 'ended'"))

    op.create_table('partnership_sources',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('partnership_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('retrieved', sa.String(length=10), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.CheckConstraint("kind IN ('dataset', 'document', 'url')", name=op.f('ck_partnership_sources_kind')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_partnership_sources_confidence')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_sources_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_sources'))
    )
    with op.batch_alter_table('partnership_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_sources_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('partnership_status_changes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('partnership_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_status_changes_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_status_changes'))
    )
    with op.batch_alter_table('partnership_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_status_changes_partnership_id'), ['partnership_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('partnership_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_status_changes_partnership_id'))

    op.drop_table('partnership_status_changes')
    with op.batch_alter_table('partnership_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_sources_partnership_id'))

    op.drop_table('partnership_sources')
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_index('uq_partnerships_current_pair', sqlite_where=sa.text("status != 'ended'"), postgresql_where=sa.text("status != 'ended'"))
        batch_op.drop_index(batch_op.f('ix_partnerships_place_b_id'))
        batch_op.drop_index(batch_op.f('ix_partnerships_place_a_id'))

    op.drop_table('partnerships')
    with op.batch_alter_table('place_names', schema=None) as batch_op:
        batch_op.drop_index('uq_place_names_place_name_lang')
        batch_op.drop_index(batch_op.f('ix_place_names_place_id'))
        batch_op.drop_index(batch_op.f('ix_place_names_key'))

    op.drop_table('place_names')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('uq_events_name_date')

    op.drop_table('events')
    op.drop_table('countries')
    with op.batch_alter_table('bloc_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_memberships_country_code'))
        batch_op.drop_index(batch_op.f('ix_bloc_memberships_bloc_code'))

    op.drop_table('bloc_memberships')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_parent_id'))
        batch_op.drop_index(batch_op.f('ix_places_country_code'))

    op.drop_table('places')
    op.drop_table('meta')
    op.drop_table('blocs')
