from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now


class AuditEvent(SQLModel, table=True):
    """One money- or stock-changing action. Written in the same transaction as
    the change; each row carries a hash of the row before it, so an edit or a
    deleted row breaks the chain."""

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(default_factory=now, index=True)
    actor_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    action: str = Field(index=True, max_length=64)
    entity: str = Field(max_length=32)
    entity_id: str = Field(default="", max_length=64)
    before: str = ""  # JSON
    after: str = ""  # JSON
    prev_hash: str = ""
    hash: str = ""
