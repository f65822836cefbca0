"""serial numbers of the units handed over; which goods are serialised

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'unit_serial',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('serial', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('slip_id', sa.Integer(), nullable=False),
        sa.Column('slip_line_id', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('returned_at', sa.DateTime(), nullable=True),
        sa.Column('return_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['product_id'], ['product.id']),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['staff.id']),
        sa.ForeignKeyConstraint(['return_id'], ['slip_return.id']),
        sa.ForeignKeyConstraint(['slip_id'], ['slip.id']),
        sa.ForeignKeyConstraint(['slip_line_id'], ['slipline.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('unit_serial', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_serial_serial'), ['serial'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_serial_slip_id'), ['slip_id'], unique=False)
        batch_op.create_index(
            'ux_unit_serial_live', ['product_id', 'serial'], unique=True,
            sqlite_where=sa.text('returned_at IS NULL'), postgresql_where=sa.text('returned_at IS NULL'),
        )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('serialised', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('serialised')
    op.drop_table('unit_serial')
