from datetime import date
from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class InvoiceStatus(StrEnum):
    ISSUED = "issued"
    VOID = "void"  # 废: kept, never edited, replaced by a new number


class Invoice(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(index=True, unique=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    status: InvoiceStatus = Field(default=InvoiceStatus.ISSUED, sa_type=String(16))
    customer_name: str
    customer_address: str
    customer_phone: str
    issued_at: NaiveDatetime = Field(default_factory=now)
    sale_date: date
    # 补开: issued on a later day than the sale.
    reissued_late: bool = False
    remarks: str = ""
    total_fen: int = Field(sa_type=Fen)
    filled_by_id: int = Field(foreign_key="staff.id")
    cashier_id: int = Field(foreign_key="staff.id")
    replaces_id: int | None = Field(default=None, foreign_key="invoice.id")
    void_reason: str = ""
    voided_by_id: int | None = Field(default=None, foreign_key="staff.id")
    voided_at: NaiveDatetime | None = None
