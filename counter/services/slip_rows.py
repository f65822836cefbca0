"""The slips and their lines as stored: the one way the sale's services
(slips, payments, and the phone order's slip) read and write them. Plain
rows through SQLAlchemy Core on the unit of work's connection, with the
statements built once: ORM objects cost several times the statements
themselves (a sale runs ~30), and a slip held both ways needed "expire it
after" caveats. A row is read-only; a change returns the row as it now is
(RETURNING), which the service then works with."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.engine import Connection, Row
from sqlmodel import Session

from counter.errors import NotFound
from counter.i18n import _
from models import Slip, SlipLine, SlipStatus
from models.ids import table_of

SLIP = table_of(Slip)
LINE = table_of(SlipLine)

# Row locks (PostgreSQL; SQLite's BEGIN IMMEDIATE already lets one writer in
# at a time): FOR NO KEY UPDATE (key_share), so rows that merely refer to a
# locked slip are not blocked. The whole lock order: counter/store/lock_order.py.
_LOCKED = SLIP.select().where(SLIP.c.id == bindparam("slip_id")).with_for_update(key_share=True)
_BY_ID = SLIP.select().where(SLIP.c.id == bindparam("slip_id"))
_NUMBERED = SLIP.select().where(SLIP.c.number == bindparam("number"))
_UPDATE = SLIP.update().where(SLIP.c.id == bindparam("slip_id")).returning(*SLIP.c)
_INSERT = SLIP.insert().returning(*SLIP.c)
_DELETE = SLIP.delete().where(SLIP.c.id == bindparam("slip_id"))
_DRAFTS_OF = (
    SLIP.select()
    # "+ 0" keeps SQLite on ix_slip_status (a handful of drafts) rather
    # than ix_slip_assistant_id, which walks every slip the assistant
    # ever wrote: 300 ms a sale after a year of trading.
    .where(SLIP.c.assistant_id + 0 == bindparam("assistant_id"), SLIP.c.status == SlipStatus.DRAFT)
    .order_by(SLIP.c.id.desc())
)
_LINES = LINE.select().where(LINE.c.slip_id == bindparam("slip_id")).order_by(LINE.c.line_no)
_HAS_LINES = LINE.select().with_only_columns(LINE.c.id).where(LINE.c.slip_id == bindparam("slip_id")).limit(1)
_INSERT_LINE = LINE.insert().returning(*LINE.c)
_UPDATE_LINE = LINE.update().where(LINE.c.id == bindparam("line_id")).returning(*LINE.c)
_DELETE_LINE = LINE.delete().where(LINE.c.id == bindparam("line_id"))


class SlipRows:
    """Slips and lines in the caller's unit of work (its session's connection)."""

    def __init__(self, session: Session) -> None:
        self.connection: Connection = session.connection()

    # ---- slips --------------------------------------------------------

    def locked(self, slip_id: int) -> Row[Any]:
        """The slip, its row locked until the transaction ends."""
        slip = self.connection.execute(_LOCKED, {"slip_id": slip_id}).first()
        if slip is None:
            raise NotFound(_("No slip with id {id}.").format(id=slip_id))
        return slip

    def get(self, slip_id: int) -> Row[Any] | None:
        """The slip as it is, no lock taken."""
        return self.connection.execute(_BY_ID, {"slip_id": slip_id}).first()

    def numbered(self, number: str) -> Row[Any] | None:
        """The slip with this stored number (slips.normalise_number), if any."""
        return self.connection.execute(_NUMBERED, {"number": number}).first()

    def update(self, slip_id: int, **values: object) -> Row[Any]:
        """Sets `values` on the slip's row and returns the row as it now is."""
        return self.connection.execute(_UPDATE, {"slip_id": slip_id, **values}).one()

    def insert(self, **values: object) -> Row[Any]:
        return self.connection.execute(_INSERT, values).one()

    def delete(self, slip_id: int) -> None:
        """An empty draft, gone (its lines first, if it had any)."""
        self.connection.execute(LINE.delete().where(LINE.c.slip_id == slip_id))
        self.connection.execute(_DELETE, {"slip_id": slip_id})

    def drafts_of(self, assistant_id: int) -> list[Row[Any]]:
        """The assistant's drafts, newest first (one, but for a race)."""
        return list(self.connection.execute(_DRAFTS_OF, {"assistant_id": assistant_id}))

    def with_status(self, *statuses: SlipStatus, order: str = "written_at", limit: int = 200) -> list[Row[Any]]:
        query = SLIP.select().where(SLIP.c.status.in_(statuses)).order_by(SLIP.c[order], SLIP.c.id).limit(limit)
        return list(self.connection.execute(query))

    # ---- lines --------------------------------------------------------

    def lines(self, slip_id: int) -> list[Row[Any]]:
        """The slip's lines by line number."""
        return list(self.connection.execute(_LINES, {"slip_id": slip_id}))

    def has_lines(self, slip_id: int) -> bool:
        return self.connection.execute(_HAS_LINES, {"slip_id": slip_id}).first() is not None

    def add_line(self, values: dict[str, object]) -> Row[Any]:
        return self.connection.execute(_INSERT_LINE, values).one()

    def update_line(self, line_id: int, **values: object) -> Row[Any]:
        return self.connection.execute(_UPDATE_LINE, {"line_id": line_id, **values}).one()

    def delete_line(self, line_id: int) -> None:
        self.connection.execute(_DELETE_LINE, {"line_id": line_id})
