from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen
from models.payment import Tender


class Disposition(StrEnum):
    RESTOCK = "restock"  # back on the shelf: stock on hand goes up
    WRITE_OFF = "write_off"  # damaged: kept out of stock, recorded


class SlipReturn(SQLModel, table=True):
    """A return (退货) against a handed-over slip, approved by a manager."""

    __tablename__ = "slip_return"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True, max_length=16)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    reason: str
    taken_by_id: int = Field(foreign_key="staff.id")
    approved_by_id: int = Field(foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now, index=True)
    refund_fen: int = Field(sa_type=Fen)
    # The invoice sequence when the return was made: invoices numbered above
    # it show the slip without the returned goods.
    invoice_seq: int = 0
    voided_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    replacement_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")


class ReturnLine(SQLModel, table=True):
    __tablename__ = "return_line"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="slip_return.id", index=True)
    slip_line_id: int = Field(foreign_key="slipline.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    quantity: int
    amount_fen: int = Field(sa_type=Fen)
    disposition: Disposition = Field(sa_type=String(16))


class Refund(SQLModel, table=True):
    """Money given back for a return. A cash refund leaves the drawer."""

    id: int | None = Field(default=None, primary_key=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    return_id: int = Field(foreign_key="slip_return.id", index=True)
    tender: Tender = Field(sa_type=String(16))
    amount_fen: int = Field(sa_type=Fen)
    reference: str = ""
    by_id: int = Field(foreign_key="staff.id")
    approved_by_id: int = Field(foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now, index=True)
