from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class CreditAccount(SQLModel, table=True):
    """An account customer (应收款): how much they may owe, set by a manager."""

    __tablename__ = "credit_account"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", unique=True, index=True)
    limit_fen: int = Field(ge=0, sa_type=Fen)
    set_by_id: int = Field(foreign_key="staff.id")
    set_at: NaiveDatetime = Field(default_factory=now)


class EntryKind(StrEnum):
    CHARGE = "charge"  # a slip paid on account: the customer owes more
    REPAYMENT = "repayment"  # money received against the account
    RETURN = "return"  # goods bought on account and returned: owes less


class AccountEntry(SQLModel, table=True):
    """One movement on an account. `amount_fen` is what the customer owes
    more (+, a charge) or less (−, a repayment or return)."""

    __tablename__ = "account_entry"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: EntryKind = Field(sa_type=String(16))
    amount_fen: int = Field(sa_type=Fen)
    slip_id: int | None = Field(default=None, foreign_key="slip.id", index=True)
    tender: str = Field(default="", sa_type=String(16))  # how a repayment was paid
    reference: str = ""
    by_id: int = Field(foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now, index=True)
