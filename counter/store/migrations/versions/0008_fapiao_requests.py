"""e-fapiao requests and their lines; each product's tax code, VAT rate, unit and energy class

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'fapiao_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', S(length=16), nullable=False),
        sa.Column('slip_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('state', S(length=16), nullable=False),
        sa.Column('original_id', sa.Integer(), nullable=True),
        sa.Column('return_id', sa.Integer(), nullable=True),
        sa.Column('red_form_number', S(length=32), nullable=False),
        sa.Column('buyer_type', sa.String(length=8), nullable=False),
        sa.Column('buyer_name', S(length=100), nullable=False),
        sa.Column('buyer_tax_id', S(length=20), nullable=False),
        sa.Column('buyer_address', S(length=200), nullable=False),
        sa.Column('buyer_bank', S(length=200), nullable=False),
        sa.Column('deliver_phone', S(length=20), nullable=False),
        sa.Column('deliver_email', S(length=100), nullable=False),
        sa.Column('total_fen', sa.BigInteger(), nullable=False),
        sa.Column('tax_fen', sa.BigInteger(), nullable=False),
        sa.Column('remarks', S(length=400), nullable=False),
        sa.Column('provider', S(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', S(length=400), nullable=False),
        sa.Column('fapiao_number', S(length=20), nullable=True),
        sa.Column('fapiao_file', S(length=400), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('submitted_at', sa.DateTime(), nullable=True),
        sa.Column('issued_at', sa.DateTime(), nullable=True),
        sa.Column('delivered_at', sa.DateTime(), nullable=True),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.Column('withdraw_reason', S(length=200), nullable=False),
        sa.ForeignKeyConstraint(['original_id'], ['fapiao_request.id']),
        sa.ForeignKeyConstraint(['requested_by_id'], ['staff.id']),
        sa.ForeignKeyConstraint(['return_id'], ['slip_return.id']),
        sa.ForeignKeyConstraint(['slip_id'], ['slip.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('fapiao_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fapiao_request_fapiao_number'), ['fapiao_number'], unique=True)
        batch_op.create_index(batch_op.f('ix_fapiao_request_number'), ['number'], unique=True)
        batch_op.create_index(batch_op.f('ix_fapiao_request_requested_at'), ['requested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_fapiao_request_slip_id'), ['slip_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fapiao_request_state'), ['state'], unique=False)

    op.create_table(
        'fapiao_line',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('line_no', sa.Integer(), nullable=False),
        sa.Column('slip_line_id', sa.Integer(), nullable=False),
        sa.Column('discount', sa.Boolean(), nullable=False),
        sa.Column('name', S(length=200), nullable=False),
        sa.Column('tax_code', S(length=19), nullable=False),
        sa.Column('spec', S(length=128), nullable=False),
        sa.Column('unit', S(length=8), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('unit_price_fen', sa.BigInteger(), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('rate_bp', sa.Integer(), nullable=False),
        sa.Column('tax_fen', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['fapiao_request.id']),
        sa.ForeignKeyConstraint(['slip_line_id'], ['slipline.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('fapiao_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fapiao_line_request_id'), ['request_id'], unique=False)

    # Goods already in the catalogue get the appliance defaults: 13 %, 台.
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tax_code', S(length=19), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tax_name', S(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('vat_rate_bp', sa.Integer(), nullable=False, server_default='1300'))
        batch_op.add_column(sa.Column('unit', S(length=8), nullable=False, server_default='台'))
        batch_op.add_column(sa.Column('energy_class', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        for column in ('energy_class', 'unit', 'vat_rate_bp', 'tax_name', 'tax_code'):
            batch_op.drop_column(column)
    op.drop_table('fapiao_line')
    op.drop_table('fapiao_request')
