from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel


class Role(StrEnum):
    ASSISTANT = "assistant"
    CASHIER = "cashier"
    ORDER_TRACKER = "order_tracker"
    MANAGER = "manager"


class StaffBase(SQLModel):
    code: str = Field(index=True, unique=True, max_length=16)
    full_name: str = Field(max_length=64)
    role: Role = Field(sa_type=String(16))
    # How far below list price this person may sell without a manager (percent).
    discount_limit_pct: int = 5
    active: bool = True


class Staff(StaffBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    pin_hash: str
    failed_pins: int = 0
    locked_until: NaiveDatetime | None = None
