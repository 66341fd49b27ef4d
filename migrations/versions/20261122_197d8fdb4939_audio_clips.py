"""Audio clips: which audio file belongs to which term or dialogue line.

Revision ID: 197d8fdb4939
Revises: 58fe5f2adcd8
Create Date: 2026-11-22 05:09:01.071275

"""
import sqlalchemy as sa
from alembic import op

import vaktaal.core.types


# revision identifiers, used by Alembic.
revision = '197d8fdb4939'
down_revision = '58fe5f2adcd8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audio_clip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=True),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('engine', sa.String(length=20), nullable=False),
    sa.Column('voice', sa.String(length=80), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('created_at', vaktaal.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', vaktaal.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(term_id IS NULL) <> (line_id IS NULL)', name=op.f('ck_audio_clip_one_item')),
    sa.ForeignKeyConstraint(['line_id'], ['dialogue_line.id'], name=op.f('fk_audio_clip_line_id_dialogue_line')),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'], name=op.f('fk_audio_clip_term_id_term')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audio_clip')),
    sa.UniqueConstraint('line_id', 'kind', name=op.f('uq_audio_clip_line_id_kind')),
    sa.UniqueConstraint('term_id', 'kind', name=op.f('uq_audio_clip_term_id_kind'))
    )
    with op.batch_alter_table('audio_clip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audio_clip_key'), ['key'], unique=False)



def downgrade():
    with op.batch_alter_table('audio_clip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audio_clip_key'))

    op.drop_table('audio_clip')
