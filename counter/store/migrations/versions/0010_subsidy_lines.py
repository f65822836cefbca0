"""trade-in subsidy lines

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'subsidy_line',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slip_id', sa.Integer(), nullable=False),
        sa.Column('slip_line_id', sa.Integer(), nullable=False),
        sa.Column('id_number', sa.String(length=18), nullable=False),
        sa.Column('energy_class', sa.Integer(), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('cashier_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cashier_id'], ['staff.id']),
        sa.ForeignKeyConstraint(['slip_id'], ['slip.id']),
        sa.ForeignKeyConstraint(['slip_line_id'], ['slipline.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('slip_line_id'),
    )
    with op.batch_alter_table('subsidy_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subsidy_line_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_subsidy_line_slip_id'), ['slip_id'], unique=False)


def downgrade() -> None:
    op.drop_table('subsidy_line')
