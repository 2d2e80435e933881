"""partner-seeking profiles

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('seek_profiles',
    sa.Column('id', Id, nullable=False),
    sa.Column('place_id', Id, nullable=False),
    sa.Column('areas', sa.String(length=200), server_default='', nullable=False),
    sa.Column('countries', sa.String(length=400), server_default='', nullable=False),
    sa.Column('bloc', sa.String(length=16), nullable=True),
    sa.Column('min_population', sa.BigInteger(), nullable=True),
    sa.Column('max_population', sa.BigInteger(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('expires', sa.String(length=10), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_seek_profiles_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seek_profiles'))
    )
    with op.batch_alter_table('seek_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seek_profiles_place_id'), ['place_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('seek_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seek_profiles_place_id'))
    op.drop_table('seek_profiles')
