from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now


class CallPurpose(StrEnum):
    ORDER = "order"
    ENQUIRY = "enquiry"
    COMPLAINT = "complaint"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class Call(SQLModel, table=True):
    """来电登记: one incoming call, whether or not it ordered anything."""

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(default_factory=now, index=True)
    phone: str = Field(index=True, max_length=32)
    caller_name: str = Field(default="", max_length=128)
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    purpose: CallPurpose = Field(sa_type=String(16))
    outcome: str = ""
    taken_by_id: int = Field(foreign_key="staff.id")
    # The phone order this call started, if it started one.
    order_id: int | None = Field(default=None, foreign_key="phone_order.id", index=True)
