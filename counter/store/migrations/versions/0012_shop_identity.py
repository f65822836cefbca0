"""which shop a store belongs to

Revision ID: 0012
Revises: 0011
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    shop = op.create_table(
        'shop_identity',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.bulk_insert(shop, [{'id': 1, 'shop_id': str(uuid.uuid4()), 'created_at': datetime.now().replace(microsecond=0)}])


def downgrade() -> None:
    op.drop_table('shop_identity')
