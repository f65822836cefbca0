from pydantic import NaiveDatetime
from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from models.clock import now


class UnitSerial(SQLModel, table=True):
    """One unit of serialised goods as it went out: its serial number, the
    slip line it was sold on, who scanned it. A unit that comes back is
    marked returned and may be sold again under a new row."""

    __tablename__ = "unit_serial"
    # A serial is on one unit of a product at a time: unique among the rows
    # not returned (a partial index, on SQLite and PostgreSQL alike).
    __table_args__ = (
        Index(
            "ux_unit_serial_live", "product_id", "serial", unique=True,
            sqlite_where=text("returned_at IS NULL"), postgresql_where=text("returned_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id")
    serial: str = Field(index=True, max_length=64)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    slip_line_id: int = Field(foreign_key="slipline.id")
    recorded_by_id: int = Field(foreign_key="staff.id")
    recorded_at: NaiveDatetime = Field(default_factory=now)
    returned_at: NaiveDatetime | None = None
    return_id: int | None = Field(default=None, foreign_key="slip_return.id")
