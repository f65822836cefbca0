from sqlmodel import Field, SQLModel

from models.fen import Fen


class ProductBase(SQLModel):
    sku: str = Field(index=True, unique=True, max_length=32)
    barcode: str | None = Field(default=None, index=True, unique=True, max_length=32)
    name: str = Field(index=True, max_length=128)
    brand: str = Field(default="", index=True, max_length=64)
    model: str = Field(default="", index=True, max_length=64)
    spec: str = Field(default="", max_length=128)
    colour: str = Field(default="", max_length=32)
    category: str = Field(default="", index=True, max_length=32)
    unit_price_fen: int = Field(ge=0, sa_type=Fen)
    stock_on_hand: int = 0
    promotion: str = ""
    function: str = ""
    strengths: str = ""
    # For accessories: the category of goods this one goes with.
    accessory_for: str = Field(default="", index=True, max_length=32)
    # For the e-fapiao: 税收分类编码 (19 digits) and its 简称, VAT rate in basis
    # points (1300 = 13 %), the unit printed on the invoice, energy class 1–5 (0: none).
    tax_code: str = Field(default="", max_length=19)
    tax_name: str = Field(default="", max_length=32)
    vat_rate_bp: int = 1300
    unit: str = Field(default="台", max_length=8)
    energy_class: int = 0
    # Each unit carries a serial number, scanned at hand-over (warranty, subsidy).
    serialised: bool = False


class Product(ProductBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # Held for written, unpaid or undelivered slips; available = on hand - reserved.
    reserved: int = 0
    # Lower-case search keys, kept in step with the name by the catalogue service.
    pinyin_initials: str = Field(default="", index=True, max_length=128)
    pinyin_full: str = Field(default="", max_length=512)
