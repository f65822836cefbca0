from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now


class CustomerBase(SQLModel):
    name: str = Field(max_length=128)
    phone: str = Field(default="", index=True, max_length=32)
    address: str = Field(default="", max_length=256)
    # 客户归属: the assistant this customer belongs to.
    assistant_id: int | None = Field(default=None, foreign_key="staff.id")


class Customer(CustomerBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: NaiveDatetime = Field(default_factory=now)
