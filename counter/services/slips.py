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
from counter.money import MAX_AMOUNT, from_fen, line_amount_fen, to_fen
from counter.services.customers import shown_address, shown_phone
from counter.services.goods_lines import GoodsLineView, goods_fields, priced
from counter.services.slip_rows import SlipRows
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


# A sale (draft, lines, write, pay) reads and writes the slip and its lines
# as plain rows through one repository (slip_rows.SlipRows); slip_view and
# digest also take the ORM objects the after-sale services read.
PRODUCT = table_of(Product)
LINE = table_of(SlipLine)


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
        session.flush()  # what an after-sale service changed on ORM lines, read back as rows
        lines = SlipRows(session).lines(slip.id)
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
    """The slip as an ORM object, its row locked until the transaction ends:
    for the services after the sale (hand-over, returns, invoices), which
    change the slip along with other objects. The sale itself works on rows
    (slip_rows.SlipRows)."""
    slip = session.exec(_LOCKED_SLIP, params={"slip_id": slip_id}).first()
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
        rows = SlipRows(uow.session)
        slip = rows.locked(slip_id) if slip_id is not None else rows.numbered(normalise_number(number or ""))
        if slip is None:
            raise NotFound(_("No slip numbered {number}.").format(number=(number or "").strip()))
        return slip_view(uow.session, slip, actor=actor)


def _refuse_unless_editable(slip: Row[Any]) -> None:
    if slip.status not in EDITABLE:
        raise InvalidState(
            _("Slip {number} is {status}; only a draft can be changed.").format(
                number=slip.number or slip.id, status=status_label(slip.status)
            )
        )


def _editable_row(session: Session, actor: Actor, slip_id: int) -> Row[Any]:
    require(actor, "write_slip")
    slip = SlipRows(session).locked(slip_id)
    _refuse_unless_editable(slip)
    return slip


def _total(lines: list[Row[Any]]) -> int:
    total = sum(int(line.amount_fen) for line in lines)
    if from_fen(total) > MAX_AMOUNT:
        raise BadInput(_("The slip total would pass the largest a slip allows."))
    return total


def _retotaled(session: Session, slip_id: int, lines: list[Row[Any]]) -> tuple[Row[Any], list[Row[Any]]]:
    """The lines priced again (promotions) and the slip's total from them as
    they now are (read once by the caller): the slip's row and the lines."""
    lines = _repriced_rows(session, lines)
    return SlipRows(session).update(slip_id, total_fen=_total(lines)), lines


@retrying
def current_draft(uow: UnitOfWork, actor: Actor) -> SlipView:
    """The assistant's open draft, made if there is none: what the finder
    writes into, and what comes back after a restart."""
    require(actor, "write_slip")
    with uow.for_draft():
        session = uow.session
        rows = SlipRows(session)
        drafts = rows.drafts_of(actor.id)
        if not drafts:
            view = slip_view(session, rows.insert(assistant_id=actor.id), [], actor)
        else:
            view = slip_view(session, drafts[0], rows.lines(drafts[0].id), actor)
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


def _repriced_rows(session: Session, lines: list[Row[Any]]) -> list[Row[Any]]:
    """reprice for plain rows: the lines whose promotion changes are written."""
    prices = priced(lines)
    rows, out = SlipRows(session), []
    for line in lines:
        promo_fen, amount_fen = prices[line.line_no]
        if (line.promo_fen, line.amount_fen) != (promo_fen, amount_fen):
            line = rows.update_line(line.id, promo_fen=promo_fen, amount_fen=amount_fen)
        out.append(line)
    return out


@retrying
def add_line(uow: UnitOfWork, actor: Actor, slip_id: int, product_id: int, quantity: int = 1) -> SlipView:
    """Adds goods to a draft; the same goods at list price again add to that line."""
    quantity = check_quantity(quantity)
    with uow.for_draft():
        session = uow.session
        rows = SlipRows(session)
        _editable_row(session, actor, slip_id)
        product = rows.connection.execute(_PRODUCT_FOR_LINE, {"product_id": product_id}).first()
        if product is None:
            raise NotFound(_("No product with id {id}.").format(id=product_id))
        lines = rows.lines(slip_id)
        same = line_to_add_to(lines, product_id, product.unit_price_fen)
        if same is not None:
            more = check_quantity(same.quantity + quantity)
            amount_fen = line_amount_fen(more, same.unit_price_fen)
            lines[lines.index(same)] = rows.update_line(same.id, quantity=more, amount_fen=amount_fen)
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
                "amount_fen": line_amount_fen(quantity, product.unit_price_fen),
                # Only a rule is copied: text that states none is no promotion.
                "promotion": product.promotion if rule_of(product.promotion) else "",
            }
            # Core skips the flush, so the flush's check is made here.
            refuse_what_cannot_be_held(SlipLine, values.get)
            lines.append(rows.add_line(values))
        slip, lines = _retotaled(session, slip_id, lines)
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


def _line(lines: list[Row[Any]], line_no: int) -> Row[Any]:
    line = next((line for line in lines if line.line_no == line_no), None)
    if line is None:
        raise NotFound(_("The slip has no line {n}.").format(n=line_no))
    return line


@retrying
def set_quantity(uow: UnitOfWork, actor: Actor, slip_id: int, line_no: int, quantity: object) -> SlipView:
    quantity = check_quantity(quantity)
    with uow.for_draft():
        session = uow.session
        rows = SlipRows(session)
        _editable_row(session, actor, slip_id)
        lines = rows.lines(slip_id)
        line = _line(lines, line_no)
        amount_fen = line_amount_fen(quantity, line.unit_price_fen)
        lines[lines.index(line)] = rows.update_line(line.id, quantity=quantity, amount_fen=amount_fen)
        slip, lines = _retotaled(session, slip_id, lines)
        view = slip_view(session, slip, lines, actor)
        uow.commit()
        return view


@retrying
def remove_line(uow: UnitOfWork, actor: Actor, slip_id: int, line_no: int) -> SlipView:
    with uow.for_draft():
        session = uow.session
        rows = SlipRows(session)
        _editable_row(session, actor, slip_id)
        lines = rows.lines(slip_id)
        line = _line(lines, line_no)
        rows.delete_line(line.id)
        lines.remove(line)
        # The written slip reads 1, 2, 3 ... with no hole where a line was.
        for kept, n in renumbered(lines):
            lines[lines.index(kept)] = rows.update_line(kept.id, line_no=n)
        slip, lines = _retotaled(session, slip_id, lines)
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
        rows = SlipRows(session)
        _editable_row(session, actor, slip_id)
        lines = rows.lines(slip_id)
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
        at = lines.index(line)
        line = lines[at] = rows.update_line(line.id, unit_price_fen=to_fen(unit_price), discount_approved_by_id=approved_by)
        slip, lines = _retotaled(session, slip_id, lines)
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
        _editable_row(session, actor, slip_id)
        if customer_id is not None and session.get(Customer, customer_id) is None:
            raise NotFound(_("No customer with id {id}.").format(id=customer_id))
        view = slip_view(session, SlipRows(session).update(slip_id, customer_id=customer_id))
        uow.commit()
        return view


@retrying
def hold_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Puts a draft aside (the customer stepped away); a new draft starts."""
    with uow.for_draft():
        session = uow.session
        rows = SlipRows(session)
        _editable_row(session, actor, slip_id)
        if not rows.has_lines(slip_id):
            raise InvalidState(_("An empty slip has nothing to hold."))
        view = slip_view(session, rows.update(slip_id, status=SlipStatus.HELD))
        uow.commit()
        return view


def held_slips(uow: UnitOfWork, actor: Actor) -> list[SlipView]:
    require(actor, "write_slip")
    with uow:
        held = SlipRows(uow.session).with_status(SlipStatus.HELD, order="created_at")
        return [slip_view(uow.session, s) for s in held]


@retrying
def resume_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Brings a held slip back as the actor's draft; their current draft, if it
    has lines, is held in its place so nothing typed is lost."""
    with uow.for_draft():
        session = uow.session
        slip = _editable_row(session, actor, slip_id)
        if slip.status != SlipStatus.HELD:
            raise InvalidState(_("Only a slip on hold can be resumed."))
        rows = SlipRows(session)
        _set_aside_drafts(rows, actor)
        view = slip_view(session, rows.update(slip_id, status=SlipStatus.DRAFT, assistant_id=actor.id))
        uow.commit()
        return view


def _set_aside_drafts(rows: SlipRows, actor: Actor) -> None:
    """Another slip becomes the actor's draft: the draft they had, if it has
    lines, is held (F8 brings it back), so nothing typed is lost; an empty
    one goes."""
    for draft in rows.drafts_of(actor.id):
        if rows.has_lines(draft.id):
            rows.update(draft.id, status=SlipStatus.HELD)
        else:
            rows.delete(draft.id)


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


def write_in(session: Session, actor: Actor, slip: Row[Any]) -> SlipView:
    """`write_slip` inside the caller's transaction. An accepted phone order
    writes its slip this way, so the order and the slip (and the one
    reservation of stock) commit together."""
    rows = SlipRows(session)
    connection = rows.connection
    slip_id = slip.id
    lines = rows.lines(slip_id)
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
    written = rows.update(
        slip_id,
        # A slip reopened to be changed (改单) keeps its number and its place in the queue.
        number=slip.number or f"{bump(session, 'slip'):06d}",
        status=SlipStatus.WRITTEN,
        written_at=slip.written_at or now(),
        check_digest=digest(lines),
    )
    audit.record(session, actor.id, "slip.written", "slip", written.number, after={"total_fen": written.total_fen})
    return slip_view(session, written, lines, actor)


def release_stock(session: Session, actor: Actor, slip_id: int) -> None:
    """The goods a written slip reserved go back on sale (write_in undone)."""
    connection = session.connection()
    lock_order.reached(connection, lock_order.GOODS)
    reserved = {p.id: p.reserved for p in connection.execute(_STOCK_TO_RESERVE, {"slip_id": slip_id})}
    events: list[tuple[int | None, str, str, object, Any, Any]] = []
    for line in SlipRows(session).lines(slip_id):
        before = reserved[line.product_id]
        reserved[line.product_id] = before - line.quantity
        events.append((actor.id, "stock.released", "product", line.product_id, {"reserved": before},
                       {"reserved": before - line.quantity}))
    if reserved:
        connection.execute(_RESERVE, [{"product_id": i, "now_reserved": n} for i, n in reserved.items()])
    audit.record_all(session, events)


@retrying
def cancel_slip(uow: UnitOfWork, actor: Actor, slip_id: int, reason: str) -> SlipView:
    """Cancels a slip before payment; reserved goods go back on sale."""
    require(actor, "cancel_slip")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the slip is cancelled."))
    with uow:
        session = uow.session
        rows = SlipRows(session)
        slip = rows.locked(slip_id)
        if slip.status not in (SlipStatus.DRAFT, SlipStatus.HELD, SlipStatus.WRITTEN):
            raise InvalidState(
                _("Slip {number} is {status}; only an unpaid slip can be cancelled.").format(
                    number=slip.number or slip.id, status=status_label(slip.status)
                )
            )
        if slip.status == SlipStatus.WRITTEN:
            release_stock(session, actor, slip_id)
        slip = rows.update(slip_id, status=SlipStatus.CANCELLED, cancelled_at=now(), cancel_reason=reason)
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
        rows = SlipRows(session)
        slip = rows.locked(slip_id)
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
        _set_aside_drafts(rows, actor)
        release_stock(session, actor, slip_id)
        slip = rows.update(slip_id, status=SlipStatus.DRAFT, assistant_id=actor.id, check_digest="")
        audit.record(session, actor.id, "slip.reopened", "slip", slip.number, before={"total_fen": slip.total_fen})
        view = slip_view(session, slip, actor=actor)
        uow.commit()
        return view


def slips_with_status(uow: UnitOfWork, *statuses: SlipStatus, limit: int = 200) -> list[SlipView]:
    """The cashier's queue (written), or slips waiting to be handed over (paid)."""
    with uow:
        slips = SlipRows(uow.session).with_status(*statuses, limit=limit)
        return [slip_view(uow.session, s) for s in slips]
