from datetime import date
from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen
from models.goods_line import GoodsLine


class OrderStatus(StrEnum):
    TAKEN = "taken"  # being written down on the phone
    CONFIRMED = "read_back_confirmed"  # read back and confirmed by the customer
    ACCEPTED = "accepted"  # reviewed: the slip is written and the stock reserved
    REJECTED = "rejected"
    PICKING = "picking"
    SCHEDULED = "scheduled"  # delivery date, address and deliverer set
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"  # goods left the stock; the slip is closed
    CLOSED = "closed"
    CANCELLED = "cancelled"


class PhoneOrder(SQLModel, table=True):
    __tablename__ = "phone_order"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True, max_length=16)
    status: OrderStatus = Field(default=OrderStatus.TAKEN, index=True, sa_type=String(24))
    customer_id: int = Field(foreign_key="customer.id", index=True)
    delivery_phone: str = Field(default="", max_length=32)
    delivery_address: str = Field(default="", max_length=256)
    wished_date: date | None = Field(default=None, index=True)
    notes: str = ""
    total_fen: int = Field(default=0, sa_type=Fen)
    created_by_id: int = Field(foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now, index=True)
    status_at: NaiveDatetime = Field(default_factory=now)
    reviewed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    reviewed_at: NaiveDatetime | None = None
    # Why it was rejected or cancelled.
    reason: str = ""
    # The slip written from the order when it was accepted.
    slip_id: int | None = Field(default=None, foreign_key="slip.id", index=True)
    delivery_date: date | None = Field(default=None, index=True)
    deliverer: str = Field(default="", max_length=64)


class OrderLine(GoodsLine, table=True):
    __tablename__ = "phone_order_line"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="phone_order.id", index=True)
    # A special price (anything but the list price) needs a manager.
    price_approved_by_id: int | None = Field(default=None, foreign_key="staff.id")


class ReadBackOutcome(StrEnum):
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"


class ReadBack(SQLModel, table=True):
    """电话确认: what was read to the caller, and what they said."""

    __tablename__ = "read_back"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="phone_order.id", index=True)
    script: str
    outcome: ReadBackOutcome = Field(sa_type=String(16))
    correction: str = ""
    by_id: int = Field(foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now)


class OrderEvent(SQLModel, table=True):
    """One status change of a phone order: when, who, from what to what."""

    __tablename__ = "phone_order_event"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="phone_order.id", index=True)
    at: NaiveDatetime = Field(default_factory=now)
    by_id: int = Field(foreign_key="staff.id")
    from_status: str = Field(default="", max_length=24)
    to_status: str = Field(max_length=24)
    note: str = ""


class FollowUp(SQLModel, table=True):
    """回访: a call back to the customer after delivery."""

    __tablename__ = "follow_up"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="phone_order.id", index=True)
    due: date = Field(index=True)
    scheduled_by_id: int = Field(foreign_key="staff.id")
    scheduled_at: NaiveDatetime = Field(default_factory=now)
    done_at: NaiveDatetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="staff.id")
    feedback: str = ""
