"""promotions applied by rule: each slip and phone-order line keeps its rule and what it took off

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from counter.domain.promotions import rule_of

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('slipline', 'phone_order_line'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('promotion', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                       server_default=''))
            batch.add_column(sa.Column('promo_fen', sa.BigInteger(), nullable=False, server_default='0'))
    # A promotion on a card is now a rule the slip applies; text that states
    # none (a free-text note) would be shown and never honoured, so it goes.
    product = sa.table('product', sa.column('id', sa.Integer()), sa.column('promotion', sa.String()))
    connection = op.get_bind()
    for id_, text in connection.execute(sa.select(product.c.id, product.c.promotion).where(product.c.promotion != '')):
        if rule_of(text) is None:
            connection.execute(product.update().where(product.c.id == id_).values(promotion=''))


def downgrade() -> None:
    for table in ('slipline', 'phone_order_line'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('promo_fen')
            batch.drop_column('promotion')
