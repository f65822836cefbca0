from sqlmodel import Field, SQLModel

from models.fen import Fen


class GoodsLine(SQLModel):
    """One line of goods as written on a slip or a phone order: a copy of the
    product's description at the time, so later catalogue edits never change
    what the customer was sold."""

    line_no: int
    product_id: int = Field(foreign_key="product.id", index=True)
    name: str
    brand: str = ""
    model: str = ""
    spec: str = ""
    colour: str = ""
    list_price_fen: int = Field(sa_type=Fen)
    # The real unit price after any discount or special price.
    unit_price_fen: int = Field(sa_type=Fen)
    quantity: int
    # The product's promotion when the line was written (a rule, see
    # counter/domain/promotions.py) and what it took off this line.
    promotion: str = Field(default="", max_length=40)
    promo_fen: int = Field(default=0, sa_type=Fen)
    # quantity × unit price − promo_fen.
    amount_fen: int = Field(sa_type=Fen)
