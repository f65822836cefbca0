from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator


class Fen(TypeDecorator):
    """Money as integer fen in a BIGINT column.

    PostgreSQL sums a BIGINT as NUMERIC, which the driver returns as Decimal;
    reading values and their sums back through this type keeps them int, as
    `counter.money.from_fen` requires, on every database."""

    impl = BigInteger
    cache_ok = True

    def process_result_value(self, value, dialect):
        return None if value is None else int(value)
