"""Writing the slip (开单): drafts that survive restarts, lines, discounts,
numbering, stock reservation, hold/resume and cancel."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlalchemy.engine import Row
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain.discounts import discount_percent, needs_approval
from counter.domain.lines import line_to_add_to, next_line_no, renumbered
from counter.domain.promotions import rule_of
from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.i18n import _
from counter.money import MAX_AMOUNT, from_fen, line_amount, to_fen
from counter.services.customers import shown_address, shown_phone
from counter.services.goods_lines import GoodsLineView, goods_fields, priced, reprice
from counter.store import lock_order
from counter.store.engine import refuse_what_cannot_be_held
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork, retrying
from models import Customer, PhoneOrder, Product, Role, Slip, SlipLine, SlipStatus, Staff
from models.clock import now
from models.ids import id_of, table_of

MAX_QUANTITY = 9999
EDITABLE = (SlipStatus.DRAFT, SlipStatus.HELD)


@dataclass(frozen=True)
class LineView(GoodsLineView):
    packed: bool


@dataclass(frozen=True)
class SlipView:
    id: int
    number: str
    status: SlipStatus
    assistant: str
    assistant_id: int
    customer_id: int | None
    customer_name: str
    lines: tuple[LineView, ...]
    total: Decimal
    created_at: datetime
    written_at: datetime | None
    paid_at: datetime | None
    cashier: str
    closed_at: datetime | None
    delivery_phone: str
    delivery_address: str
    delivery_date: date | None

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


def status_label(status: SlipStatus | str) -> str:
    return {
        "draft": _("draft"),
        "held": _("on hold"),
        "written": _("waiting for payment"),
        "awaiting_funds": _("awaiting funds"),
        "paid": _("paid"),
        "closed": _("closed"),
        "cancelled": _("cancelled"),
    }[str(status)]


# The statements a sale runs several times are built once: building a select
# cost more than running it. Each takes its slip's id as :slip_id.
LINES_OF_SLIP = select(SlipLine).where(SlipLine.slip_id == bindparam("slip_id")).order_by(col(SlipLine.line_no))


def _lines(session: Session, slip_id: int) -> list[SlipLine]:
    return list(session.exec(LINES_OF_SLIP, params={"slip_id": slip_id}))


# A sale (draft, lines, write, pay) reads and writes plain rows with Core on
# the session's connection: loading and flushing ORM objects cost several
# times the statements themselves. slip_view and digest take either.
SLIP = table_of(Slip)
LINE = table_of(SlipLine)
PRODUCT = table_of(Product)
LINE_ROWS = LINE.select().where(LINE.c.slip_id == bindparam("slip_id")).order_by(LINE.c.line_no)


def line_rows(session: Session, slip_id: int) -> list[Row[Any]]:
    return list(session.connection().execute(LINE_ROWS, {"slip_id": slip_id}))


# Built once (its cache key is worked out once); the SET clause is whichever
# columns each call gives.
_UPDATE_SLIP = SLIP.update().where(SLIP.c.id == bindparam("slip_id")).returning(*SLIP.c)


def update_slip(session: Session, slip_id: int, **values: object) -> Row[Any]:
    """Sets `values` on the slip's row and returns the row as it now is."""
    return session.connection().execute(_UPDATE_SLIP, {"slip_id": slip_id, **values}).one()


_NAME = select(Staff.id, Staff.full_name).where(Staff.id == bindparam("staff_id"))
_NAMES = select(Staff.id, Staff.full_name).where(col(Staff.id).in_(bindparam("staff_ids", expanding=True)))


def _names(session: Session, actor: Actor | None, *staff_ids: int | None) -> dict[int, str]:
    """Full names of the staff ids; the acting person's from the Actor, the
    others in one query."""
    names = {actor.id: actor.full_name} if actor is not None else {}
    wanted = {i for i in staff_ids if i is not None and i not in names}
    if len(wanted) == 1:  # the usual case; an IN list is rendered again at every call
        names.update(session.connection().execute(_NAME, {"staff_id": wanted.pop()}).all())
    elif wanted:
        names.update(session.connection().execute(_NAMES, {"staff_ids": sorted(wanted)}).all())
    return names


def slip_view(
    session: Session, slip: Slip | Row[Any], lines: Sequence[SlipLine | Row[Any]] | None = None,
    actor: Actor | None = None,
) -> SlipView:
    """The slip as screens see it. A service that has just read (and changed)
    the lines passes them, and the Actor it acts for, so that nothing is read
    twice in one transaction; the delivery phone and address are then shown
    as that Actor may see them (in full without an Actor: for documents)."""
    assert slip.id is not None
    customer = session.get(Customer, slip.customer_id) if slip.customer_id else None
    names = _names(session, actor, slip.assistant_id, slip.cashier_id)
    if lines is None:
        lines = _lines(session, slip.id)
    views = tuple(
        LineView(**goods_fields(line), packed=line.packed)
        for line in sorted(lines, key=lambda line: line.line_no)
    )
    return SlipView(
        id=slip.id,
        number=slip.number or "",
        status=SlipStatus(slip.status),
        assistant=names.get(slip.assistant_id, ""),
        assistant_id=slip.assistant_id,
        customer_id=slip.customer_id,
        customer_name=customer.name if customer else "",
        lines=views,
        total=from_fen(slip.total_fen),
        created_at=slip.created_at,
        written_at=slip.written_at,
        paid_at=slip.paid_at,
        cashier=names.get(slip.cashier_id, "") if slip.cashier_id is not None else "",
        closed_at=slip.closed_at,
        delivery_phone=slip.delivery_phone if actor is None else shown_phone(actor, slip.delivery_phone),
        delivery_address=slip.delivery_address if actor is None else shown_address(actor, slip.delivery_address),
        delivery_date=slip.delivery_date,
    )


def digest(lines: Sequence[SlipLine | Row[Any]]) -> str:
    """A fingerprint of what was written, so 查 can tell if it changed since."""
    body = ";".join(
        f"{line.line_no}:{line.product_id}:{line.unit_price_fen}:{line.quantity}:{line.amount_fen}" for line in lines
    )
    return hashlib.sha256(body.encode()).hexdigest()


# Row locks (PostgreSQL; SQLite's BEGIN IMMEDIATE already lets one writer in at
# a time). A service locks its slip first, so two counters acting on one slip
# take turns and the second sees what the first did; then the goods, in id
# order, in one statement; then the counters; the audit chain last, at the
# commit. The whole order: counter/store/lock_order.py.
# FOR NO KEY UPDATE (key_share): rows that merely refer to a locked one are not blocked.


_LOCKED_SLIP = (
    select(Slip)
    .where(Slip.id == bindparam("slip_id"))
    .with_for_update(key_share=True)
    .execution_options(populate_existing=True)
)


def load_slip(session: Session, slip_id: int) -> Slip:
    """The slip, its row locked until the transaction ends."""
    slip = session.exec(_LOCKED_SLIP, params={"slip_id": slip_id}).first()
    if slip is None:
        raise NotFound(_("No slip with id {id}.").format(id=slip_id))
    return slip


_LOCKED_SLIP_ROW = SLIP.select().where(SLIP.c.id == bindparam("slip_id")).with_for_update(key_share=True)


def slip_row(session: Session, slip_id: int) -> Row[Any]:
    """load_slip as a plain row."""
    slip = session.connection().execute(_LOCKED_SLIP_ROW, {"slip_id": slip_id}).first()
    if slip is None:
        raise NotFound(_("No slip with id {id}.").format(id=slip_id))
    return slip


def lock_products(session: Session, product_ids: list[int]) -> dict[int, Product]:
    """The goods by id, their rows locked in id order (FOR NO KEY UPDATE), in one read."""
    lock_order.reached(session.connection(), lock_order.GOODS)
    rows = session.exec(
        select(Product)
        .where(col(Product.id).in_(set(product_ids)))
        .order_by(col(Product.id))
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    return {id_of(p): p for p in rows}


# A slip number as a scanner reads it: the printed barcode carries "S" and
# the number (so it is never taken for goods or a payment code); six bare
# digits are the number as the slip shows it in large figures.
SCAN_PATTERN = re.compile(r"S\d{6,12}|\d{6}")


def barcode_text(number: str) -> str:
    """What the slip's barcode encodes (SCAN_PATTERN reads it back)."""
    return "S" + number


def normalise_number(text: str) -> str:
    """A slip number as typed or scanned ("12", "000012", "S000012") in stored form."""
    digits = text.strip().upper().removeprefix("S")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise BadInput(_("A slip number is digits only, e.g. 000123; got {text!r}.").format(text=text.strip()))
    return f"{int(digits):06d}"


def find_slip(session: Session, number: str) -> Slip:
    slip = session.exec(select(Slip).where(Slip.number == normalise_number(number))).first()
    if slip is None:
        raise NotFound(_("No slip numbered {number}.").format(number=number.strip()))
    return slip


def get_slip(
    uow: UnitOfWork, *, slip_id: int | None = None, number: str | None = None, actor: Actor | None = None
) -> SlipView:
    """The slip as `actor` may see it (see slip_view)."""
    with uow:
        slip = load_slip(uow.session, slip_id) if slip_id is not None else find_slip(uow.session, number or "")
        return slip_view(uow.session, slip, actor=actor)


def _refuse_unless_editable(slip: Slip | Row[Any]) -> None:
    if slip.status not in EDITABLE:
        raise InvalidState(
            _("Slip {number} is {status}; only a draft can be changed.").format(
                number=slip.number or slip.id, status=status_label(slip.status)
            )
        )


def _editable(session: Session, actor: Actor, slip_id: int) -> Slip:
    require(actor, "write_slip")
    slip = load_slip(session, slip_id)
    _refuse_unless_editable(slip)
    return slip


def _editable_row(session: Session, actor: Actor, slip_id: int) -> Row[Any]:
    require(actor, "write_slip")
    slip = slip_row(session, slip_id)
    _refuse_unless_editable(slip)
    return slip


def _total(lines: list[SlipLine] | list[Row[Any]]) -> int:
    total = sum(line.amount_fen for line in lines)
    if from_fen(total) > MAX_AMOUNT:
        raise BadInput(_("The slip total would pass the largest a slip allows."))
    return total


def _retotal(session: Session, slip: Slip, lines: list[SlipLine]) -> None:
    """The lines priced again (promotions) and the slip's total from them as
    they now are (read once by the caller)."""
    reprice(session, lines)
    slip.total_fen = _total(lines)
    session.add(slip)


_DRAFT_OF = (
    SLIP.select()
    # "+ 0" keeps SQLite on ix_slip_status (a handful of drafts) rather
    # than ix_slip_assistant_id, which walks every slip the assistant
    # ever wrote: 300 ms a sale after a year of trading.
    .where(SLIP.c.assistant_id + 0 == bindparam("assistant_id"), SLIP.c.status == SlipStatus.DRAFT)
    .order_by(SLIP.c.id.desc())
    .limit(1)
)
_NEW_DRAFT = SLIP.insert().returning(*SLIP.c)


@retrying
def current_draft(uow: UnitOfWork, actor: Actor) -> SlipView:
    """The assistant's open draft, made if there is none: what the finder
    writes into, and what comes back after a restart."""
    require(actor, "write_slip")
    with uow.for_draft():
        session = uow.session
        connection = session.connection()
        slip = connection.execute(_DRAFT_OF, {"assistant_id": actor.id}).first()
        if slip is None:
            slip = connection.execute(_NEW_DRAFT, {"assistant_id": actor.id}).one()
            view = slip_view(session, slip, [], actor)
        else:
            view = slip_view(session, slip, line_rows(session, slip.id), actor)
        uow.commit()
        return view


def check_quantity(quantity: object) -> int:
    if isinstance(quantity, str):
        text = quantity.strip()
        # The length check first: int() of thousands of digits raises ValueError.
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            raise BadInput(_("Quantity must be a whole number from 1 to {max}.").format(max=MAX_QUANTITY))
        quantity = int(text)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise BadInput(_("Quantity must be a whole number from 1 to {max}.").format(max=MAX_QUANTITY))
    return quantity


_PRODUCT_FOR_LINE = core_select(
    PRODUCT.c.name, PRODUCT.c.brand, PRODUCT.c.model, PRODUCT.c.spec, PRODUCT.c.colour, PRODUCT.c.unit_price_fen,
    PRODUCT.c.promotion,
).where(PRODUCT.c.id == bindparam("product_id"))
_NEW_LINE = LINE.insert().returning(*LINE.c)
_UPDATE_LINE = LINE.update().where(LINE.c.id == bindparam("line_id")).returning(*LINE.c)


def _repriced_rows(session: Session, lines: list[Row[Any]]) -> list[Row[Any]]:
    """reprice for plain rows: the lines whose promotion changes are written."""
    prices = priced(lines)
    out = []
    for line in lines:
        promo_fen, amount_fen = prices[line.line_no]
        if (line.promo_fen, line.amount_fen) != (promo_fen, amount_fen):
            line = session.connection().execute(
                _UPDATE_LINE, {"line_id": line.id, "promo_fen": promo_fen, "amount_fen": amount_fen}
            ).one()
        out.append(line)
    return out


@retrying
def add_line(uow: UnitOfWork, actor: Actor, slip_id: int, product_id: int, quantity: int = 1) -> SlipView:
    """Adds goods to a draft; the same goods at list price again add to that line."""
    quantity = check_quantity(quantity)
    with uow.for_draft():
        session = uow.session
        connection = session.connection()
        _editable_row(session, actor, slip_id)
        product = connection.execute(_PRODUCT_FOR_LINE, {"product_id": product_id}).first()
        if product is None:
            raise NotFound(_("No product with id {id}.").format(id=product_id))
        lines = line_rows(session, slip_id)
        same = line_to_add_to(lines, product_id, product.unit_price_fen)
        if same is not None:
            more = check_quantity(same.quantity + quantity)
            amount_fen = to_fen(line_amount(more, from_fen(same.unit_price_fen)))
            lines[lines.index(same)] = connection.execute(
                _UPDATE_LINE, {"line_id": same.id, "quantity": more, "amount_fen": amount_fen}
            ).one()
        else:
            values = {
                "slip_id": slip_id,
                "line_no": next_line_no(lines),
                "product_id": product_id,
                "name": product.name,
                "brand": product.brand,
                "model": product.model,
                "spec": product.spec,
                "colour": product.colour,
                "list_price_fen": product.unit_price_fen,
                "unit_price_fen": product.unit_price_fen,
                "quantity": quantity,
                "amount_fen": to_fen(line_amount(quantity, from_fen(product.unit_price_fen))),
                # Only a rule is copied: text that states none is no promotion.
                "promotion": product.promotion if rule_of(product.promotion) else "",
            }
            # Core skips the flush, so the flush's check is made here.
            refuse_what_cannot_be_held(SlipLine, values.get)
            lines.append(connection.execute(_NEW_LINE, values).one())
        lines = _repriced_rows(session, lines)
        slip = update_slip(session, slip_id, total_fen=_total(lines))
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


def _line(lines: list[SlipLine], line_no: int) -> SlipLine:
    line = next((line for line in lines if line.line_no == line_no), None)
    if line is None:
        raise NotFound(_("The slip has no line {n}.").format(n=line_no))
    return line


@retrying
def set_quantity(uow: UnitOfWork, actor: Actor, slip_id: int, line_no: int, quantity: object) -> SlipView:
    quantity = check_quantity(quantity)
    with uow.for_draft():
        session = uow.session
        slip = _editable(session, actor, slip_id)
        lines = _lines(session, slip_id)
        line = _line(lines, line_no)
        line.quantity = quantity
        session.add(line)
        _retotal(session, slip, lines)
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


@retrying
def remove_line(uow: UnitOfWork, actor: Actor, slip_id: int, line_no: int) -> SlipView:
    with uow.for_draft():
        session = uow.session
        slip = _editable(session, actor, slip_id)
        lines = _lines(session, slip_id)
        line = _line(lines, line_no)
        session.delete(line)
        lines.remove(line)
        # The written slip reads 1, 2, 3 ... with no hole where a line was.
        for kept, n in renumbered(lines):
            kept.line_no = n
            session.add(kept)
        _retotal(session, slip, lines)
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


@retrying
def set_unit_price(
    uow: UnitOfWork,
    actor: Actor,
    slip_id: int,
    line_no: int,
    unit_price: Decimal,
    approver: Actor | None = None,
) -> SlipView:
    """A discount, given as the real unit price after it. Past the actor's
    limit it needs a manager (`approver`, from a manager's code and PIN)."""
    # to_fen first: it refuses NaN and infinities, which cannot be compared.
    if to_fen(unit_price) <= 0:
        raise BadInput(_("The price after discount must be more than zero."))
    with uow:
        session = uow.session
        slip = _editable(session, actor, slip_id)
        lines = _lines(session, slip_id)
        line = _line(lines, line_no)
        list_price = from_fen(line.list_price_fen)
        if unit_price > list_price:
            raise BadInput(_("A discount cannot raise the price above the list price {price}.").format(price=list_price))
        percent = discount_percent(line.list_price_fen, to_fen(unit_price))
        approved_by = None
        if needs_approval(line.list_price_fen, to_fen(unit_price), actor.discount_limit_pct):
            if actor.role == Role.MANAGER:
                approved_by = actor.id
            elif approver is None:
                raise NotPermitted(
                    _("A discount of {pct:.1f}%, past your limit of {limit}%: a manager must approve it.").format(
                        pct=percent, limit=actor.discount_limit_pct
                    )
                )
            else:
                require(approver, "approve_discount")
                approved_by = approver.id
        before = line.unit_price_fen
        line.unit_price_fen = to_fen(unit_price)
        line.discount_approved_by_id = approved_by
        session.add(line)
        _retotal(session, slip, lines)
        audit.record(
            session,
            actor.id,
            "slip.discount",
            "slip_line",
            line.id,
            before={"unit_price_fen": before},
            after={"unit_price_fen": line.unit_price_fen, "approved_by": approved_by},
        )
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


@retrying
def set_customer(uow: UnitOfWork, actor: Actor, slip_id: int, customer_id: int | None) -> SlipView:
    with uow.for_draft():
        session = uow.session
        slip = _editable(session, actor, slip_id)
        if customer_id is not None and session.get(Customer, customer_id) is None:
            raise NotFound(_("No customer with id {id}.").format(id=customer_id))
        slip.customer_id = customer_id
        session.add(slip)
        view = slip_view(session, slip)
        uow.commit()
        return view


@retrying
def hold_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Puts a draft aside (the customer stepped away); a new draft starts."""
    with uow.for_draft():
        session = uow.session
        slip = _editable(session, actor, slip_id)
        if not _lines(session, slip_id):
            raise InvalidState(_("An empty slip has nothing to hold."))
        slip.status = SlipStatus.HELD
        session.add(slip)
        view = slip_view(session, slip)
        uow.commit()
        return view


def held_slips(uow: UnitOfWork, actor: Actor) -> list[SlipView]:
    require(actor, "write_slip")
    with uow:
        slips = uow.session.exec(select(Slip).where(Slip.status == SlipStatus.HELD).order_by(col(Slip.created_at)))
        return [slip_view(uow.session, s) for s in slips]


@retrying
def resume_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Brings a held slip back as the actor's draft; their current draft, if it
    has lines, is held in its place so nothing typed is lost."""
    with uow.for_draft():
        session = uow.session
        slip = _editable(session, actor, slip_id)
        if slip.status != SlipStatus.HELD:
            raise InvalidState(_("Only a slip on hold can be resumed."))
        for draft in session.exec(
            select(Slip).where(Slip.assistant_id == actor.id, Slip.status == SlipStatus.DRAFT)
        ):
            if _lines(session, id_of(draft)):
                draft.status = SlipStatus.HELD
                session.add(draft)
            else:
                session.delete(draft)
        slip.status = SlipStatus.DRAFT
        slip.assistant_id = actor.id
        session.add(slip)
        view = slip_view(session, slip)
        uow.commit()
        return view


@retrying
def write_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Numbers the slip, reserves its goods and puts it in the cashier's queue."""
    with uow:
        session = uow.session
        slip = _editable_row(session, actor, slip_id)
        view = write_in(session, actor, slip)
        uow.commit()
        return view


# The slip's goods by a subquery, not a list of ids: an IN list is rendered
# again at every call.
_STOCK_TO_RESERVE = (
    core_select(PRODUCT.c.id, PRODUCT.c.name, PRODUCT.c.model, PRODUCT.c.stock_on_hand, PRODUCT.c.reserved)
    .where(PRODUCT.c.id.in_(core_select(LINE.c.product_id).where(LINE.c.slip_id == bindparam("slip_id"))))
    .order_by(PRODUCT.c.id)
    .with_for_update(key_share=True)
)
_RESERVE = PRODUCT.update().where(PRODUCT.c.id == bindparam("product_id")).values(reserved=bindparam("now_reserved"))


def write_in(session: Session, actor: Actor, slip: Slip | Row[Any]) -> SlipView:
    """`write_slip` inside the caller's transaction. An accepted phone order
    writes its slip this way, so the order and the slip (and the one
    reservation of stock) commit together. The slip's row is written with
    Core: a caller holding it as an ORM object must expire it."""
    connection = session.connection()
    slip_id = id_of(slip)
    lines = line_rows(session, slip_id)
    if not lines:
        raise InvalidState(_("The slip has no lines: add goods before writing it."))
    lock_order.reached(connection, lock_order.GOODS)
    stock = {p.id: p for p in connection.execute(_STOCK_TO_RESERVE, {"slip_id": slip_id})}
    reserved = {product_id: p.reserved for product_id, p in stock.items()}
    events: list[tuple[int | None, str, str, object, Any, Any]] = []
    for line in lines:
        product = stock[line.product_id]
        before = reserved[product.id]
        available = product.stock_on_hand - before
        if line.quantity > available:
            raise InvalidState(
                _("Only {available} of {name} {model} in stock; the slip wants {quantity}.").format(
                    available=max(available, 0), name=product.name, model=product.model, quantity=line.quantity
                )
            )
        reserved[product.id] = before + line.quantity
        events.append(
            (actor.id, "stock.reserved", "product", product.id, {"reserved": before}, {"reserved": before + line.quantity})
        )
    connection.execute(_RESERVE, [{"product_id": i, "now_reserved": n} for i, n in reserved.items()])
    audit.record_all(session, events)  # chained at the commit, after the sequence (lock_order)
    written = update_slip(
        session,
        slip_id,
        # A slip reopened to be changed (改单) keeps its number and its place in the queue.
        number=slip.number or f"{bump(session, 'slip'):06d}",
        status=SlipStatus.WRITTEN,
        written_at=slip.written_at or now(),
        check_digest=digest(lines),
    )
    audit.record(session, actor.id, "slip.written", "slip", written.number, after={"total_fen": written.total_fen})
    return slip_view(session, written, lines, actor)


def release_stock(session: Session, actor: Actor, slip: Slip) -> None:
    lines = _lines(session, id_of(slip))
    stock = lock_products(session, [line.product_id for line in lines])
    for line in lines:
        product = stock[line.product_id]
        product.reserved -= line.quantity
        session.add(product)
        audit.record(
            session,
            actor.id,
            "stock.released",
            "product",
            product.id,
            before={"reserved": product.reserved + line.quantity},
            after={"reserved": product.reserved},
        )


@retrying
def cancel_slip(uow: UnitOfWork, actor: Actor, slip_id: int, reason: str) -> SlipView:
    """Cancels a slip before payment; reserved goods go back on sale."""
    require(actor, "cancel_slip")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the slip is cancelled."))
    with uow:
        session = uow.session
        slip = load_slip(session, slip_id)
        if slip.status not in (SlipStatus.DRAFT, SlipStatus.HELD, SlipStatus.WRITTEN):
            raise InvalidState(
                _("Slip {number} is {status}; only an unpaid slip can be cancelled.").format(
                    number=slip.number or slip.id, status=status_label(slip.status)
                )
            )
        if slip.status == SlipStatus.WRITTEN:
            release_stock(session, actor, slip)
        slip.status = SlipStatus.CANCELLED
        slip.cancelled_at = now()
        slip.cancel_reason = reason
        session.add(slip)
        audit.record(session, actor.id, "slip.cancelled", "slip", slip.number or slip.id, after={"reason": reason})
        view = slip_view(session, slip)
        uow.commit()
        return view


@retrying
def reopen_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """改单: a written slip not yet paid comes back as the assistant's draft,
    number kept, so a line can be changed before the customer pays; its
    goods are no longer reserved and it leaves the cashiers' queue until it
    is written again (F9). Refused while a cashier is taking its payment.
    The assistant's own draft, if it has lines, is held so nothing is lost."""
    from counter.services import claims

    require(actor, "write_slip")
    with uow.for_draft():
        session = uow.session
        slip = load_slip(session, slip_id)
        if slip.status != SlipStatus.WRITTEN:
            raise InvalidState(
                _("Slip {number} is {status}; only a written slip waiting for payment can be changed.").format(
                    number=slip.number or slip.id, status=status_label(slip.status)
                )
            )
        if session.exec(select(PhoneOrder.number).where(PhoneOrder.slip_id == slip_id)).first() is not None:
            raise InvalidState(
                _("Slip {number} is a phone order's: change the order on the order screens.").format(number=slip.number)
            )
        if claims.refuse_if_claimed(session, uow.station, actor, slip_id, slip.number or ""):
            claims.release_in(session, slip_id)  # this counter's own, or one run out
        for draft in session.exec(select(Slip).where(Slip.assistant_id == actor.id, Slip.status == SlipStatus.DRAFT)):
            if _lines(session, id_of(draft)):
                draft.status = SlipStatus.HELD
                session.add(draft)
            else:
                session.delete(draft)
        release_stock(session, actor, slip)
        slip.status = SlipStatus.DRAFT
        slip.assistant_id = actor.id
        slip.check_digest = ""
        session.add(slip)
        audit.record(session, actor.id, "slip.reopened", "slip", slip.number, before={"total_fen": slip.total_fen})
        view = slip_view(session, slip, actor=actor)
        uow.commit()
        return view


def slips_with_status(uow: UnitOfWork, *statuses: SlipStatus, limit: int = 200) -> list[SlipView]:
    """The cashier's queue (written), or slips waiting to be handed over (paid)."""
    with uow:
        slips = uow.session.exec(
            select(Slip).where(col(Slip.status).in_(statuses)).order_by(col(Slip.written_at)).limit(limit)
        )
        return [slip_view(uow.session, s) for s in slips]
