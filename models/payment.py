from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class Tender(StrEnum):
    CASH = "cash"
    CARD = "card"
    MOBILE = "mobile"
    CHEQUE = "cheque"
    # 挂账: charged to an account customer within their credit limit.
    ACCOUNT = "account"
    # 以旧换新补贴: the trade-in subsidy, paid to the shop by the programme.
    SUBSIDY = "subsidy"


class Payment(SQLModel, table=True):
    # Covers the report's takings by tender over a day or a year.
    __table_args__ = (Index("ix_payment_report", "created_at", "tender", "amount_fen", "cleared"),)

    id: int | None = Field(default=None, primary_key=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    tender: Tender = Field(sa_type=String(16))
    # What this tender pays towards the slip (after change, for cash).
    amount_fen: int = Field(sa_type=Fen)
    # Cash only: what the customer handed over, and the change given back.
    received_fen: int = Field(default=0, sa_type=Fen)
    change_fen: int = Field(default=0, sa_type=Fen)
    # Denomination count as "100x3,50x1" when the cashier counted by note.
    counted: str = ""
    reference: str = ""  # card slip, WeChat/Alipay or cheque number
    cleared: bool = True  # cheques start uncleared
    cleared_at: NaiveDatetime | None = None
    cashier_id: int = Field(foreign_key="staff.id")
    # The cashier's shift (交班) the money went into; every payment has one
    # once shifts exist (rows from before have none).
    shift_id: int | None = Field(default=None, foreign_key="shift.id", index=True)
    # The counter it was taken at (None: before stations, or a till with none).
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    created_at: NaiveDatetime = Field(default_factory=now, index=True)


class RejectedNote(SQLModel, table=True):
    """A note the cashier refused at 验: suspect or damaged, not counted."""

    id: int | None = Field(default=None, primary_key=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    denomination_fen: int = Field(sa_type=Fen)
    reason: str
    cashier_id: int = Field(foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now)
