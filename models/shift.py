from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import Index, String, text
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class ShiftStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Shift(SQLModel, table=True):
    """A cashier's turn at the drawer (交班): opened with a counted float,
    closed by counting the drawer by denomination. Every payment, refund and
    payout the cashier takes in between is tied to it."""

    # One open shift per cashier, held by the database as well as the service,
    # so two terminals opening at once cannot both succeed.
    __table_args__ = (
        Index(
            "ix_shift_one_open_per_cashier",
            "cashier_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    cashier_id: int = Field(foreign_key="staff.id", index=True)
    status: ShiftStatus = Field(default=ShiftStatus.OPEN, index=True, sa_type=String(16))
    opened_at: NaiveDatetime = Field(default_factory=now, index=True)
    float_fen: int = Field(sa_type=Fen)
    # The float counted by note, as "100x3 50x1".
    float_counted: str = ""
    # The counter whose drawer it is (None: before stations, or a till with none).
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    closed_at: NaiveDatetime | None = Field(default=None, index=True)
    closed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    # Set at close: what the drawer should hold, what was counted, counted - expected.
    expected_fen: int | None = Field(default=None, sa_type=Fen)
    counted_fen: int | None = Field(default=None, sa_type=Fen)
    counted: str = ""
    difference_fen: int | None = Field(default=None, sa_type=Fen)
    difference_reason: str = ""
    # The manager who signed off a difference.
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")


class CashMovementKind(StrEnum):
    REFUND = "refund"  # cash back to a customer for a return
    PAYOUT = "payout"  # petty cash out of the drawer (delivery fee, supplies)


class CashMovement(SQLModel, table=True):
    """Cash taken out of the drawer other than change: always within a shift,
    always with a reason and a manager's approval."""

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    kind: CashMovementKind = Field(sa_type=String(16))
    amount_fen: int = Field(gt=0, sa_type=Fen)
    reason: str
    # What it was for: a return's number, a receipt number.
    reference: str = ""
    slip_id: int | None = Field(default=None, foreign_key="slip.id", index=True)
    cashier_id: int = Field(foreign_key="staff.id")
    approved_by_id: int = Field(foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now, index=True)
