from datetime import date
from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen
from models.goods_line import GoodsLine


class SlipStatus(StrEnum):
    DRAFT = "draft"  # being written; survives restarts
    HELD = "held"  # draft put aside while the customer steps away
    WRITTEN = "written"  # numbered, stock reserved, in the cashier's queue
    AWAITING_FUNDS = "awaiting_funds"  # paid by a cheque not yet cleared
    PAID = "paid"  # stamped 收款专用章
    CLOSED = "closed"  # goods handed over or delivery scheduled
    CANCELLED = "cancelled"


class Slip(SQLModel, table=True):
    # Covers the daily report's sums by day, hour and assistant, so a year of
    # slips is read from the index alone.
    __table_args__ = (Index("ix_slip_paid_report", "paid_at", "assistant_id", "total_fen"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, index=True, unique=True, max_length=32)
    status: SlipStatus = Field(default=SlipStatus.DRAFT, index=True, sa_type=String(16))
    assistant_id: int = Field(foreign_key="staff.id", index=True)
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    total_fen: int = Field(default=0, sa_type=Fen)
    # A digest of the lines taken when written; the cashier's 查 recomputes it.
    check_digest: str = ""
    created_at: NaiveDatetime = Field(default_factory=now)
    written_at: NaiveDatetime | None = Field(default=None, index=True)
    paid_at: NaiveDatetime | None = Field(default=None, index=True)
    cashier_id: int | None = Field(default=None, foreign_key="staff.id")
    closed_at: NaiveDatetime | None = None
    cancelled_at: NaiveDatetime | None = Field(default=None, index=True)
    cancel_reason: str = ""
    handed_over_by_id: int | None = Field(default=None, foreign_key="staff.id")
    release_override_by_id: int | None = Field(default=None, foreign_key="staff.id")
    delivery_phone: str = ""
    delivery_address: str = ""
    delivery_date: date | None = None


class SlipLine(GoodsLine, table=True):
    # Covers the report's sums by product and category (lines found by slip).
    __table_args__ = (Index("ix_slipline_report", "slip_id", "product_id", "quantity", "amount_fen"),)

    id: int | None = Field(default=None, primary_key=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    discount_approved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    packed: bool = False
