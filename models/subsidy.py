from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class SubsidyLine(SQLModel, table=True):
    """The trade-in subsidy (以旧换新补贴) on one slip line: the buyer's ID
    number (shown masked everywhere but the claim and the e-fapiao request),
    the unit's energy class and the amount, taken at payment as a tender the
    government pays the shop later."""

    __tablename__ = "subsidy_line"

    id: int | None = Field(default=None, primary_key=True)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    slip_line_id: int = Field(foreign_key="slipline.id", unique=True)
    id_number: str = Field(max_length=18)
    energy_class: int
    amount_fen: int = Field(sa_type=Fen)
    cashier_id: int = Field(foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now, index=True)
