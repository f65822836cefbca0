"""shifts, cash movements and report indexes

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 18:05:54.539386
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cashier_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('float_fen', sa.Integer(), nullable=False),
    sa.Column('float_counted', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('expected_fen', sa.Integer(), nullable=True),
    sa.Column('counted_fen', sa.Integer(), nullable=True),
    sa.Column('counted', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('difference_fen', sa.Integer(), nullable=True),
    sa.Column('difference_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['cashier_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['closed_by_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_cashier_id'), ['cashier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index('ix_shift_one_open_per_cashier', ['cashier_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.create_index(batch_op.f('ix_shift_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_status'), ['status'], unique=False)

    op.create_table('cashmovement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('slip_id', sa.Integer(), nullable=True),
    sa.Column('cashier_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['cashier_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cashmovement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cashmovement_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashmovement_shift_id'), ['shift_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cashmovement_slip_id'), ['slip_id'], unique=False)

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shift_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_payment_shift_id'), ['shift_id'], unique=False)
        batch_op.create_foreign_key('fk_payment_shift_id_shift', 'shift', ['shift_id'], ['id'])

    with op.batch_alter_table('slip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slip_cancelled_at'), ['cancelled_at'], unique=False)
        batch_op.create_index('ix_slip_paid_report', ['paid_at', 'assistant_id', 'total_fen'], unique=False)

    with op.batch_alter_table('slipline', schema=None) as batch_op:
        batch_op.create_index('ix_slipline_report', ['slip_id', 'product_id', 'quantity', 'amount_fen'], unique=False)

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index('ix_payment_report', ['created_at', 'tender', 'amount_fen', 'cleared'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_report')

    with op.batch_alter_table('slipline', schema=None) as batch_op:
        batch_op.drop_index('ix_slipline_report')

    with op.batch_alter_table('slip', schema=None) as batch_op:
        batch_op.drop_index('ix_slip_paid_report')
        batch_op.drop_index(batch_op.f('ix_slip_cancelled_at'))

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_constraint('fk_payment_shift_id_shift', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_payment_shift_id'))
        batch_op.drop_column('shift_id')

    with op.batch_alter_table('cashmovement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cashmovement_slip_id'))
        batch_op.drop_index(batch_op.f('ix_cashmovement_shift_id'))
        batch_op.drop_index(batch_op.f('ix_cashmovement_created_at'))

    op.drop_table('cashmovement')
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_status'))
        batch_op.drop_index(batch_op.f('ix_shift_opened_at'))
        batch_op.drop_index('ix_shift_one_open_per_cashier', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_shift_closed_at'))
        batch_op.drop_index(batch_op.f('ix_shift_cashier_id'))

    op.drop_table('shift')
