from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now


class Channel(StrEnum):
    COUNTER = "counter"
    PHONE = "phone"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Complaint(SQLModel, table=True):
    """顾客异议处理单: a customer's complaint, from logging to its outcome."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True, max_length=16)
    channel: Channel = Field(sa_type=String(16))
    status: ComplaintStatus = Field(default=ComplaintStatus.OPEN, index=True, sa_type=String(16))
    summary: str
    # Who complained, as told; linked to the customer record when there is one.
    contact: str = Field(default="", max_length=128)
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    slip_id: int | None = Field(default=None, foreign_key="slip.id", index=True)
    # A phone order's id; kept plain so complaints do not depend on that table.
    phone_order_id: int | None = Field(default=None, index=True)
    logged_by_id: int = Field(foreign_key="staff.id")
    logged_at: NaiveDatetime = Field(default_factory=now, index=True)
    assigned_to_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    outcome: str = ""
    closed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    closed_at: NaiveDatetime | None = None


class ComplaintNote(SQLModel, table=True):
    """A follow-up (跟进): what was done or said, when and by whom."""

    __tablename__ = "complaint_note"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    text: str
    by_id: int = Field(foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now)
