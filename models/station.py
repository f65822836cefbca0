from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now


class Station(SQLModel, table=True):
    """A named counter of the shop (收银台 2, 服务台 …), registered in the
    store so that every till started as it (`--station NAME`) prints to its
    own printers and what it takes is told apart in the books. Printers are
    target strings as in config.toml's [printers]; "" = the machine's own."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True, index=True)
    receipt_printer: str = Field(default="", max_length=200)
    # Where the cash drawer's kick goes: "" = through the receipt printer.
    drawer: str = Field(default="", max_length=200)
    receipt_width: int = 80  # mm: 58 or 80
    # A customer-facing display (pole or second screen): "" = none.
    customer_display: str = Field(default="", max_length=200)
    created_at: NaiveDatetime = Field(default_factory=now)


class SlipClaim(SQLModel, table=True):
    """A slip opened for payment at a station: the other stations show it as
    being paid there and may look but not take it. A lease: the till renews
    `until` while the slip is open (a heartbeat), so a claim left by a till
    that crashed or was closed runs out by itself."""

    __tablename__ = "slip_claim"

    slip_id: int = Field(foreign_key="slip.id", primary_key=True)
    station_id: int | None = Field(default=None, foreign_key="station.id")
    # The station's name as the other counters show it ("收银台 2").
    station_name: str = Field(max_length=40)
    staff_id: int = Field(foreign_key="staff.id")
    until: NaiveDatetime
