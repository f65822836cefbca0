"""phone orders, calls, read-backs, follow-ups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:06:12.004036
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('phone_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('delivery_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('delivery_address', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('wished_date', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status_at', sa.DateTime(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('slip_id', sa.Integer(), nullable=True),
    sa.Column('delivery_date', sa.Date(), nullable=True),
    sa.Column('deliverer', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['slip_id'], ['slip.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('phone_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phone_order_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_delivery_date'), ['delivery_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_number'), ['number'], unique=True)
        batch_op.create_index(batch_op.f('ix_phone_order_slip_id'), ['slip_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_wished_date'), ['wished_date'], unique=False)

    op.create_table('call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('caller_name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['phone_order.id'], ),
    sa.ForeignKeyConstraint(['taken_by_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_phone'), ['phone'], unique=False)

    op.create_table('follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('scheduled_by_id', sa.Integer(), nullable=False),
    sa.Column('scheduled_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('feedback', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['done_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['phone_order.id'], ),
    sa.ForeignKeyConstraint(['scheduled_by_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_due'), ['due'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_order_id'), ['order_id'], unique=False)

    op.create_table('phone_order_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['phone_order.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('phone_order_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phone_order_event_order_id'), ['order_id'], unique=False)

    op.create_table('phone_order_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('brand', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('spec', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('colour', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('list_price_fen', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('price_approved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['phone_order.id'], ),
    sa.ForeignKeyConstraint(['price_approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('phone_order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phone_order_line_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_order_line_product_id'), ['product_id'], unique=False)

    op.create_table('read_back',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('script', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('correction', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['phone_order.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('read_back', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_read_back_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('read_back', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_read_back_order_id'))

    op.drop_table('read_back')
    with op.batch_alter_table('phone_order_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phone_order_line_product_id'))
        batch_op.drop_index(batch_op.f('ix_phone_order_line_order_id'))

    op.drop_table('phone_order_line')
    with op.batch_alter_table('phone_order_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phone_order_event_order_id'))

    op.drop_table('phone_order_event')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_order_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_due'))

    op.drop_table('follow_up')
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_phone'))
        batch_op.drop_index(batch_op.f('ix_call_order_id'))
        batch_op.drop_index(batch_op.f('ix_call_customer_id'))
        batch_op.drop_index(batch_op.f('ix_call_at'))

    op.drop_table('call')
    with op.batch_alter_table('phone_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phone_order_wished_date'))
        batch_op.drop_index(batch_op.f('ix_phone_order_status'))
        batch_op.drop_index(batch_op.f('ix_phone_order_slip_id'))
        batch_op.drop_index(batch_op.f('ix_phone_order_number'))
        batch_op.drop_index(batch_op.f('ix_phone_order_delivery_date'))
        batch_op.drop_index(batch_op.f('ix_phone_order_customer_id'))
        batch_op.drop_index(batch_op.f('ix_phone_order_created_at'))

    op.drop_table('phone_order')
