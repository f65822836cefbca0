from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now


class ShopIdentity(SQLModel, table=True):
    """Which shop a store belongs to (one row, made with the store): a restore
    refuses another shop's backup unless told."""

    __tablename__ = "shop_identity"

    id: int | None = Field(default=None, primary_key=True)
    shop_id: str = Field(max_length=36)
    created_at: NaiveDatetime = Field(default_factory=now)
