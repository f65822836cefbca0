from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.clock import now


class SecurityPolicy(SQLModel, table=True):
    """The shop's sign-in rules, set by a manager and kept in the store (one
    row): not in a till's environment, where anyone starting it could loosen them."""

    __tablename__ = "security_policy"

    id: int | None = Field(default=None, primary_key=True)
    max_pin_failures: int = 5  # wrong PINs in a row before the code locks
    lockout_minutes: int = 5
    min_pin_length: int = 6  # for PINs set from now on (the demo's are 4)
    updated_by_id: int | None = Field(default=None, foreign_key="staff.id")
    updated_at: NaiveDatetime = Field(default_factory=now)
