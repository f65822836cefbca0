from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.clock import now
from models.fen import Fen


class FapiaoKind(StrEnum):
    BLUE = "blue"  # the invoice for a sale
    RED = "red"  # reverses (part of) an issued blue one, for a return


class BuyerType(StrEnum):
    PERSON = "person"
    BUSINESS = "business"


class FapiaoRequest(SQLModel, table=True):
    """An e-fapiao request (开票申请) for a paid slip, kept until the tax
    platform's number comes back; the outbox is the requests still REQUESTED."""

    __tablename__ = "fapiao_request"

    id: int | None = Field(default=None, primary_key=True)
    # Our own number for it (the export's 发票流水号), FQ000001.
    number: str = Field(index=True, unique=True, max_length=16)
    slip_id: int = Field(foreign_key="slip.id", index=True)
    kind: FapiaoKind = Field(default=FapiaoKind.BLUE, sa_type=String(8))
    state: str = Field(default="requested", index=True, max_length=16)
    # A red request: the blue one it reverses, the return and 红字确认单 number.
    original_id: int | None = Field(default=None, foreign_key="fapiao_request.id")
    return_id: int | None = Field(default=None, foreign_key="slip_return.id")
    red_form_number: str = Field(default="", max_length=32)
    buyer_type: BuyerType = Field(default=BuyerType.PERSON, sa_type=String(8))
    buyer_name: str = Field(max_length=100)
    buyer_tax_id: str = Field(default="", max_length=20)
    buyer_address: str = Field(default="", max_length=200)
    buyer_bank: str = Field(default="", max_length=200)
    deliver_phone: str = Field(default="", max_length=20)
    deliver_email: str = Field(default="", max_length=100)
    total_fen: int = Field(sa_type=Fen)
    tax_fen: int = Field(sa_type=Fen)
    remarks: str = Field(default="", max_length=400)
    provider: str = Field(default="manual", max_length=16)
    attempts: int = 0
    last_error: str = Field(default="", max_length=400)
    fapiao_number: str | None = Field(default=None, index=True, unique=True, max_length=20)
    # Where the issued PDF/OFD was kept (a copy under the store's folder).
    fapiao_file: str = Field(default="", max_length=400)
    requested_by_id: int = Field(foreign_key="staff.id")
    requested_at: NaiveDatetime = Field(default_factory=now, index=True)
    submitted_at: NaiveDatetime | None = None
    issued_at: NaiveDatetime | None = None
    delivered_at: NaiveDatetime | None = None
    withdrawn_at: NaiveDatetime | None = None
    withdraw_reason: str = Field(default="", max_length=200)


class FapiaoLine(SQLModel, table=True):
    __tablename__ = "fapiao_line"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="fapiao_request.id", index=True)
    line_no: int
    slip_line_id: int = Field(foreign_key="slipline.id")
    discount: bool = False  # a 折扣行 following its goods line
    name: str = Field(max_length=200)
    tax_code: str = Field(max_length=19)
    spec: str = Field(default="", max_length=128)
    unit: str = Field(default="", max_length=8)
    quantity: int
    unit_price_fen: int = Field(sa_type=Fen)
    amount_fen: int = Field(sa_type=Fen)
    rate_bp: int
    tax_fen: int = Field(sa_type=Fen)
