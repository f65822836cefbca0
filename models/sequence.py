from sqlmodel import Field, SQLModel


class Sequence(SQLModel, table=True):
    """Gapless counters (invoice numbers, slip numbers).

    Taken inside the transaction that uses the number, so a rollback gives
    the number back and no gap is left.
    """

    name: str = Field(primary_key=True, max_length=32)
    value: int = 0
