"""stations (named counters), what they take, and claims on slips being paid

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'station',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('receipt_printer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('drawer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('receipt_width', sa.Integer(), nullable=False),
        sa.Column('customer_display', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('station', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_station_name'), ['name'], unique=True)

    op.create_table(
        'slip_claim',
        sa.Column('slip_id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=True),
        sa.Column('station_name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('until', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['slip_id'], ['slip.id']),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('slip_id'),
    )

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('station_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_payment_station_id'), ['station_id'], unique=False)
        batch_op.create_foreign_key('fk_payment_station_id', 'station', ['station_id'], ['id'])

    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.add_column(sa.Column('station_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_shift_station_id'), ['station_id'], unique=False)
        batch_op.create_foreign_key('fk_shift_station_id', 'station', ['station_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_constraint('fk_shift_station_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_shift_station_id'))
        batch_op.drop_column('station_id')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_constraint('fk_payment_station_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_payment_station_id'))
        batch_op.drop_column('station_id')
    op.drop_table('slip_claim')
    with op.batch_alter_table('station', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_station_name'))
    op.drop_table('station')
