"""the shop's sign-in policy, in the store

Revision ID: 0011
Revises: 0010
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    policy = op.create_table(
        'security_policy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('max_pin_failures', sa.Integer(), nullable=False),
        sa.Column('lockout_minutes', sa.Integer(), nullable=False),
        sa.Column('min_pin_length', sa.Integer(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.bulk_insert(policy, [{'id': 1, 'max_pin_failures': 5, 'lockout_minutes': 5, 'min_pin_length': 6,
                             'updated_by_id': None, 'updated_at': datetime.now().replace(microsecond=0)}])


def downgrade() -> None:
    op.drop_table('security_policy')
