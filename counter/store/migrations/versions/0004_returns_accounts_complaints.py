"""returns, account customers and complaints

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23 18:05:50.740859
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('credit_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('limit_fen', sa.Integer(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['set_by_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('credit_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_account_customer_id'), ['customer_id'], unique=True)

    op.create_table('account_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('slip_id', sa.Integer(), nullable=True),
    sa.Column('tender', sa.String(length=16), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('account_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_entry_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_entry_slip_id'), ['slip_id'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('slip_id', sa.Integer(), nullable=True),
    sa.Column('phone_order_id', sa.Integer(), nullable=True),
    sa.Column('logged_by_id', sa.Integer(), nullable=False),
    sa.Column('logged_at', sa.DateTime(), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['closed_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['logged_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_logged_at'), ['logged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_number'), ['number'], unique=True)
        batch_op.create_index(batch_op.f('ix_complaint_phone_order_id'), ['phone_order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_slip_id'), ['slip_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_status'), ['status'], unique=False)

    op.create_table('complaint_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('complaint_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_note_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('slip_return',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('slip_id', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('refund_fen', sa.Integer(), nullable=False),
    sa.Column('invoice_seq', sa.Integer(), nullable=False),
    sa.Column('voided_invoice_id', sa.Integer(), nullable=True),
    sa.Column('replacement_invoice_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['replacement_invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.ForeignKeyConstraint(['taken_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['voided_invoice_id'], ['invoice.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('slip_return', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slip_return_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_slip_return_number'), ['number'], unique=True)
        batch_op.create_index(batch_op.f('ix_slip_return_slip_id'), ['slip_id'], unique=False)

    op.create_table('refund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slip_id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('tender', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['return_id'], ['slip_return.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_return_id'), ['return_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_slip_id'), ['slip_id'], unique=False)

    op.create_table('return_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('slip_line_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('disposition', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.ForeignKeyConstraint(['return_id'], ['slip_return.id'], ),
    sa.ForeignKeyConstraint(['slip_line_id'], ['slipline.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('return_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_line_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_line_return_id'), ['return_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_line_slip_line_id'), ['slip_line_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('return_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_line_slip_line_id'))
        batch_op.drop_index(batch_op.f('ix_return_line_return_id'))
        batch_op.drop_index(batch_op.f('ix_return_line_product_id'))

    op.drop_table('return_line')
    with op.batch_alter_table('refund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_slip_id'))
        batch_op.drop_index(batch_op.f('ix_refund_return_id'))
        batch_op.drop_index(batch_op.f('ix_refund_at'))

    op.drop_table('refund')
    with op.batch_alter_table('slip_return', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slip_return_slip_id'))
        batch_op.drop_index(batch_op.f('ix_slip_return_number'))
        batch_op.drop_index(batch_op.f('ix_slip_return_at'))

    op.drop_table('slip_return')
    with op.batch_alter_table('complaint_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_note_complaint_id'))

    op.drop_table('complaint_note')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_status'))
        batch_op.drop_index(batch_op.f('ix_complaint_slip_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_phone_order_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_number'))
        batch_op.drop_index(batch_op.f('ix_complaint_logged_at'))
        batch_op.drop_index(batch_op.f('ix_complaint_customer_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_assigned_to_id'))

    op.drop_table('complaint')
    with op.batch_alter_table('account_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_entry_slip_id'))
        batch_op.drop_index(batch_op.f('ix_account_entry_customer_id'))
        batch_op.drop_index(batch_op.f('ix_account_entry_at'))

    op.drop_table('account_entry')
    with op.batch_alter_table('credit_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_account_customer_id'))

    op.drop_table('credit_account')
