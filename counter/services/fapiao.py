"""E-fapiao requests (开票申请): what the tax platform is asked to issue for a
paid slip, kept with the slip through requested → submitted → issued →
delivered, and red reversals (部分冲红) of what a return took back.

Asking never blocks a sale: a request is a row written in its own short
transaction after the payment, and the platform is reached later (the outbox,
`fapiao_outbox`) or by a person (the manual provider). The shop's own
three-copy invoice (`invoices`) is a separate document and stays as it is.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain import uscc
from counter.domain.fapiao import InvoiceLine, SoldLine, State, can_move, invoice_lines, number_problem, totals
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import N_, _
from counter.money import from_fen
from counter.services.serials import serials_in
from counter.services.slips import find_slip, load_slip, status_label
from counter.services.subsidies import subsidy_in
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork, retrying
from models import (
    BuyerType,
    FapiaoKind,
    FapiaoLine,
    FapiaoRequest,
    Product,
    ReturnLine,
    Slip,
    SlipLine,
    SlipReturn,
    SlipStatus,
)
from models.clock import now
from models.ids import id_of

PAID_STATES = (SlipStatus.PAID, SlipStatus.CLOSED)
LIVE = (State.REQUESTED, State.SUBMITTED, State.ISSUED, State.DELIVERED)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

STATE_LABELS = {
    State.REQUESTED: N_("requested"),
    State.SUBMITTED: N_("submitted"),
    State.ISSUED: N_("issued"),
    State.DELIVERED: N_("delivered"),
    State.WITHDRAWN: N_("withdrawn"),
}
USCC_PROBLEMS = {
    uscc.UsccProblem.LENGTH: N_("it must be 18 characters"),
    uscc.UsccProblem.CHARACTER: N_("it may hold only digits and the capitals A–Y without I, O, S, V, Z"),
    uscc.UsccProblem.AUTHORITY: N_("its first two characters name no registration authority"),
    uscc.UsccProblem.DIVISION: N_("characters 3 to 8 must be the six-digit division code"),
    uscc.UsccProblem.CHECK: N_("the last character does not match the check character"),
}


def state_label(state: str) -> str:
    return _(STATE_LABELS[State(state)])


@dataclass(frozen=True)
class Buyer:
    """Who the invoice is made out to, and where the platform sends it."""

    type: BuyerType
    name: str
    tax_id: str = ""
    address: str = ""  # 地址电话, businesses only, optional
    bank: str = ""  # 开户行及账号, businesses only, optional
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class LineView:
    line_no: int
    discount: bool
    name: str
    tax_code: str
    spec: str
    unit: str
    quantity: int
    unit_price: Decimal
    amount: Decimal
    rate_bp: int
    tax: Decimal


@dataclass(frozen=True)
class RequestView:
    id: int
    number: str
    kind: FapiaoKind
    state: State
    slip_id: int
    slip_number: str
    paid_at: datetime | None
    buyer: Buyer
    total: Decimal
    tax: Decimal
    remarks: str
    fapiao_number: str
    fapiao_file: str
    original_number: str  # a red request: the blue invoice's platform number
    red_form_number: str
    return_number: str
    attempts: int
    last_error: str
    requested_at: datetime
    submitted_at: datetime | None
    issued_at: datetime | None
    delivered_at: datetime | None
    lines: tuple[LineView, ...]

    @property
    def net(self) -> Decimal:
        return self.total - self.tax


def check_buyer(buyer: Buyer) -> Buyer:
    """The buyer as the platform accepts it, or BadInput saying what to fix."""
    name = buyer.name.strip()
    if len(name) < 2:
        raise BadInput(_("Write the buyer's full name (a person's or the business's registered name)."))
    tax_id = ""
    if buyer.type == BuyerType.BUSINESS:
        tax_id = uscc.normalise(buyer.tax_id)
        if not tax_id:
            raise BadInput(_("A business buyer needs its taxpayer number (统一社会信用代码)."))
        problem = uscc.problem(tax_id)
        if problem is not None:
            raise BadInput(
                _("{code} is not a valid taxpayer number: {why}.").format(code=tax_id, why=_(USCC_PROBLEMS[problem]))
            )
    phone = "".join(buyer.phone.split())
    if phone and not _MOBILE.match(phone):
        raise BadInput(_("The platform sends the invoice by text message: {phone!r} is not a mobile number "
                         "(11 digits starting with 1).").format(phone=phone))
    email = buyer.email.strip()
    if email and not _EMAIL.match(email):
        raise BadInput(_("{email!r} is not an email address.").format(email=email))
    if not phone and not email:
        raise BadInput(_("Give a phone number or an email address: the platform sends the invoice there."))
    business = buyer.type == BuyerType.BUSINESS
    return Buyer(
        buyer.type, name, tax_id,
        buyer.address.strip() if business else "", buyer.bank.strip() if business else "", phone, email,
    )


def _sold_lines(session: Session, slip_id: int, parts: dict[int, tuple[int, int]]) -> list[SoldLine]:
    """The slip's lines in `parts` (slip line id → how many, what they paid)
    with their goods' tax details."""
    rows = session.exec(
        select(SlipLine, Product)
        .join(Product, col(Product.id) == SlipLine.product_id)
        .where(SlipLine.slip_id == slip_id)
        .order_by(col(SlipLine.line_no))
    ).all()
    sold = []
    for line, product in rows:
        quantity, paid_fen = parts.get(id_of(line), (0, 0))
        if quantity <= 0:
            continue
        if not product.tax_code:
            raise InvalidState(
                _("{name} ({sku}) has no tax classification code: a manager sets it before an e-fapiao is asked for.")
                .format(name=product.name, sku=product.sku)
            )
        sold.append(
            SoldLine(
                id_of(line), f"{line.brand}{line.name}", product.tax_name, product.tax_code, line.model or line.spec,
                product.unit, quantity, line.list_price_fen, paid_fen, product.vat_rate_bp,
            )
        )
    return sold


def _returned(session: Session, slip_id: int, return_id: int | None = None) -> dict[int, tuple[int, int]]:
    """Slip line id → (units returned, what they refunded)."""
    query = (
        select(ReturnLine.slip_line_id, ReturnLine.quantity, ReturnLine.amount_fen)
        .join(SlipReturn, col(SlipReturn.id) == ReturnLine.return_id)
        .where(SlipReturn.slip_id == slip_id)
    )
    if return_id is not None:
        query = query.where(ReturnLine.return_id == return_id)
    out: dict[int, tuple[int, int]] = {}
    for line_id, quantity, amount_fen in session.exec(query):
        before = out.get(line_id, (0, 0))
        out[line_id] = (before[0] + quantity, before[1] + amount_fen)
    return out


def _kept(session: Session, slip_id: int) -> dict[int, tuple[int, int]]:
    """Slip line id → (units the customer kept, what they paid)."""
    returned = _returned(session, slip_id)
    out: dict[int, tuple[int, int]] = {}
    for line_id, quantity, amount_fen in session.exec(
        select(SlipLine.id, SlipLine.quantity, SlipLine.amount_fen).where(SlipLine.slip_id == slip_id)
    ):
        assert line_id is not None  # read from the store
        back, refunded = returned.get(line_id, (0, 0))
        out[line_id] = (quantity - back, amount_fen - refunded)
    return out


def _live_blue(session: Session, slip_id: int) -> FapiaoRequest | None:
    return session.exec(
        select(FapiaoRequest)
        .where(FapiaoRequest.slip_id == slip_id, FapiaoRequest.kind == FapiaoKind.BLUE)
        .where(col(FapiaoRequest.state).in_([s.value for s in LIVE]))
        .with_for_update()
    ).first()


def _add(session: Session, request: FapiaoRequest, lines: list[InvoiceLine]) -> None:
    session.add(request)
    session.flush()
    for n, line in enumerate(lines, 1):
        session.add(
            FapiaoLine(
                request_id=id_of(request), line_no=n, slip_line_id=line.slip_line_id, discount=line.discount,
                name=line.name, tax_code=line.tax_code, spec=line.spec, unit=line.unit, quantity=line.quantity,
                unit_price_fen=line.unit_price_fen, amount_fen=line.amount_fen, rate_bp=line.rate_bp,
                tax_fen=line.tax_fen,
            )
        )


def _new_request(
    session: Session, actor: Actor, slip: Slip, buyer: Buyer, lines: list[InvoiceLine], remarks: str, *,
    kind: FapiaoKind = FapiaoKind.BLUE, original_id: int | None = None, return_id: int | None = None,
) -> FapiaoRequest:
    total_fen, tax_fen = totals(lines)
    request = FapiaoRequest(
        number=f"FQ{bump(session, 'fapiao_request'):06d}",
        slip_id=id_of(slip),
        buyer_type=buyer.type,
        buyer_name=buyer.name,
        buyer_tax_id=buyer.tax_id,
        buyer_address=buyer.address,
        buyer_bank=buyer.bank,
        deliver_phone=buyer.phone,
        deliver_email=buyer.email,
        total_fen=total_fen,
        tax_fen=tax_fen,
        remarks=remarks[:400],
        requested_by_id=actor.id,
        kind=kind,
        original_id=original_id,
        return_id=return_id,
    )
    _add(session, request, lines)
    audit.record(
        session, actor.id, f"fapiao.{request.kind}_requested", "fapiao_request", request.number,
        after={"slip": slip.number, "total_fen": total_fen, "tax_fen": tax_fen, "buyer": buyer.type.value},
    )
    return request


def _remarks(slip: Slip) -> str:
    return f"销售单 {slip.number}"


def _sale_remarks(session: Session, slip: Slip) -> str:
    """备注 of a blue request: the slip, its units' serial numbers and the
    trade-in subsidy (the one place the buyer's ID number is shown whole)."""
    remarks = _remarks(slip)
    units = [s for line in serials_in(session, id_of(slip)).values() for s in line]
    if units:
        remarks += f" 序列号 {' '.join(units)}"
    subsidy = subsidy_in(session, id_of(slip))
    if subsidy is not None:
        grades = "、".join(sorted({f"{grade}级" for _n, grade, _a in subsidy.lines}))
        remarks += f" 以旧换新补贴 {subsidy.total:.2f}元 能效{grades} 身份证号 {subsidy.id_number}"
    return remarks


@retrying
def request_fapiao(uow: UnitOfWork, actor: Actor, slip_id: int, buyer: Buyer) -> RequestView:
    """Queues a request for the goods the customer kept on a paid slip."""
    require(actor, "issue_invoice")
    buyer = check_buyer(buyer)
    with uow:
        session = uow.session
        slip = load_slip(session, slip_id)
        if slip.status not in PAID_STATES:
            raise InvalidState(
                _("Slip {number} is {status}: an e-fapiao is asked for only for a paid slip.").format(
                    number=slip.number or slip.id, status=status_label(slip.status)
                )
            )
        live = _live_blue(session, id_of(slip))
        if live is not None:
            raise InvalidState(
                _("Slip {slip} already has e-fapiao request {number} ({state}).").format(
                    slip=slip.number, number=live.number, state=state_label(live.state)
                )
            )
        lines = invoice_lines(_sold_lines(session, id_of(slip), _kept(session, id_of(slip))))
        if not lines:
            raise InvalidState(_("Every line of slip {number} was returned: there is nothing to invoice.").format(
                number=slip.number))
        request = _new_request(session, actor, slip, buyer, lines, _sale_remarks(session, slip))
        view = request_view(session, request)
        uow.commit()
        return view


def after_return(session: Session, actor: Actor, slip: Slip, slip_return: SlipReturn) -> None:
    """Inside the return's transaction: a request not yet handed to the platform
    is asked again for what the customer kept; one already handed over or
    issued gets a red request for the goods that came back."""
    live = _live_blue(session, id_of(slip))
    if live is None:
        return
    if live.state == State.REQUESTED:
        _move(session, actor, live, State.WITHDRAWN, withdrawn_at=now(), withdraw_reason=f"退货 {slip_return.number}")
        lines = invoice_lines(_sold_lines(session, id_of(slip), _kept(session, id_of(slip))))
        if lines:
            _new_request(session, actor, slip, _buyer_of(live), lines, f"{_remarks(slip)} 退货 {slip_return.number}")
        return
    returned = _returned(session, id_of(slip), id_of(slip_return))
    lines = invoice_lines(_sold_lines(session, id_of(slip), returned), sign=-1)
    remarks = f"{_remarks(slip)} 退货 {slip_return.number} 冲红 {live.number}"
    _new_request(
        session, actor, slip, _buyer_of(live), lines, remarks,
        kind=FapiaoKind.RED, original_id=live.id, return_id=slip_return.id,
    )


def _buyer_of(request: FapiaoRequest) -> Buyer:
    return Buyer(
        BuyerType(request.buyer_type), request.buyer_name, request.buyer_tax_id, request.buyer_address,
        request.buyer_bank, request.deliver_phone, request.deliver_email,
    )


def _move(session: Session, actor: Actor, request: FapiaoRequest, new: State, **changes: object) -> None:
    old = State(request.state)
    if not can_move(old, new):
        raise InvalidState(
            _("E-fapiao request {number} is {old}: it cannot become {new}.").format(
                number=request.number, old=state_label(old), new=state_label(new)
            )
        )
    request.state = new.value
    for name, value in changes.items():
        setattr(request, name, value)
    session.add(request)
    audit.record(
        session, actor.id, f"fapiao.{new.value}", "fapiao_request", request.number,
        before={"state": old.value}, after={k: str(v) for k, v in changes.items() if k != "state"} | {"state": new.value},
    )


def _locked(session: Session, request_id: int) -> FapiaoRequest:
    request = session.get(FapiaoRequest, request_id, with_for_update=True, populate_existing=True)
    if request is None:
        raise NotFound(_("No e-fapiao request with id {id}.").format(id=request_id))
    return request


@retrying
def mark_submitted(uow: UnitOfWork, actor: Actor, request_ids: list[int]) -> list[RequestView]:
    """Handed to the platform: exported for its batch import, copied into its
    form, or sent by a provider."""
    require(actor, "issue_invoice")
    with uow:
        session = uow.session
        views = []
        for request_id in sorted(request_ids):
            request = _locked(session, request_id)
            if request.kind == FapiaoKind.RED:
                original = session.get(FapiaoRequest, request.original_id)
                if original is None or not original.fapiao_number:
                    raise InvalidState(
                        _("Red request {number} waits for the invoice it reverses to be issued first.").format(
                            number=request.number)
                    )
            _move(session, actor, request, State.SUBMITTED, submitted_at=now())
            views.append(request_view(session, request))
        uow.commit()
        return views


def _on_request(uow: UnitOfWork, request_id: int, change: Callable[[Session, FapiaoRequest], None]) -> RequestView:
    """`change` applied to the request, locked, in one transaction."""
    with uow:
        session = uow.session
        request = _locked(session, request_id)
        change(session, request)
        view = request_view(session, request)
        uow.commit()
        return view


@retrying
def send_back(uow: UnitOfWork, actor: Actor, request_id: int, error: str) -> RequestView:
    """The platform refused it: back in the outbox with the reason, to correct and resend."""
    require(actor, "issue_invoice")

    def refuse(session: Session, request: FapiaoRequest) -> None:
        refusal = {"last_error": error[:400], "attempts": request.attempts + 1}
        if request.state != State.REQUESTED:
            _move(session, actor, request, State.REQUESTED, **refusal)
            return
        # Refused as it was sent: it never left the outbox.
        for name, value in refusal.items():
            setattr(request, name, value)
        session.add(request)
        audit.record(session, actor.id, "fapiao.refused", "fapiao_request", request.number, after=refusal)

    return _on_request(uow, request_id, refuse)


def check_fapiao_number(number: str) -> str:
    number = "".join(number.split())
    problem = number_problem(number)
    if problem == "length":
        raise BadInput(_("An e-fapiao number is 20 digits; {number!r} has {n}.").format(number=number, n=len(number)))
    if problem == "digits":
        raise BadInput(_("An e-fapiao number is digits only: {number!r}.").format(number=number))
    return number


RED_FORM = re.compile(r"^[0-9A-Za-z]{10,32}$")


@retrying
def record_issued(
    uow: UnitOfWork, actor: Actor, request_id: int, number: str, red_form_number: str = "",
    file: Path | None = None, keep_in: Path | None = None,
) -> RequestView:
    """The platform's 20-digit number (typed or scanned), the 红字确认单 number
    for a red one, and the issued PDF/OFD copied next to the store's documents."""
    require(actor, "issue_invoice")
    number = check_fapiao_number(number)
    red_form_number = red_form_number.strip()
    if file is not None and not file.is_file():
        raise BadInput(_("There is no file {path}.").format(path=file))

    def issue(session: Session, request: FapiaoRequest) -> None:
        if request.kind == FapiaoKind.RED and not RED_FORM.match(red_form_number):
            raise BadInput(_("A red invoice needs its red-letter confirmation form number (红字确认单编号)."))
        taken = session.exec(select(FapiaoRequest.number).where(FapiaoRequest.fapiao_number == number)).first()
        if taken is not None:
            raise BadInput(_("E-fapiao number {fapiao} is already recorded on request {number}.").format(
                fapiao=number, number=taken))
        kept = ""
        if file is not None and keep_in is not None:
            keep_in.mkdir(parents=True, exist_ok=True)
            target = keep_in / f"{number}{file.suffix.lower()}"
            shutil.copyfile(file, target)
            kept = str(target)
        _move(session, actor, request, State.ISSUED, issued_at=now(), fapiao_number=number,
              red_form_number=red_form_number, fapiao_file=kept, last_error="")

    return _on_request(uow, request_id, issue)


@retrying
def mark_delivered(uow: UnitOfWork, actor: Actor, request_id: int) -> RequestView:
    require(actor, "issue_invoice")
    return _on_request(uow, request_id, lambda s, r: _move(s, actor, r, State.DELIVERED, delivered_at=now()))


@retrying
def withdraw(uow: UnitOfWork, actor: Actor, request_id: int, reason: str) -> RequestView:
    """Takes back a request the platform has not issued (a wrong buyer, say)."""
    require(actor, "issue_invoice")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the request is withdrawn."))
    return _on_request(
        uow, request_id,
        lambda s, r: _move(s, actor, r, State.WITHDRAWN, withdrawn_at=now(), withdraw_reason=reason[:200]),
    )


def request_view(session: Session, request: FapiaoRequest) -> RequestView:
    slip = session.get(Slip, request.slip_id)
    assert slip is not None  # a request's slip is never deleted (foreign key)
    original = session.get(FapiaoRequest, request.original_id) if request.original_id else None
    slip_return = session.get(SlipReturn, request.return_id) if request.return_id else None
    lines = session.exec(
        select(FapiaoLine).where(FapiaoLine.request_id == request.id).order_by(col(FapiaoLine.line_no))
    ).all()
    return RequestView(
        id=id_of(request),
        number=request.number,
        kind=FapiaoKind(request.kind),
        state=State(request.state),
        slip_id=request.slip_id,
        slip_number=slip.number or "",
        paid_at=slip.paid_at,
        buyer=_buyer_of(request),
        total=from_fen(request.total_fen),
        tax=from_fen(request.tax_fen),
        remarks=request.remarks,
        fapiao_number=request.fapiao_number or "",
        fapiao_file=request.fapiao_file,
        original_number=(original.fapiao_number or original.number) if original else "",
        red_form_number=request.red_form_number,
        return_number=slip_return.number if slip_return else "",
        attempts=request.attempts,
        last_error=request.last_error,
        requested_at=request.requested_at,
        submitted_at=request.submitted_at,
        issued_at=request.issued_at,
        delivered_at=request.delivered_at,
        lines=tuple(
            LineView(
                l.line_no, l.discount, l.name, l.tax_code, l.spec, l.unit, l.quantity, from_fen(l.unit_price_fen),
                from_fen(l.amount_fen), l.rate_bp, from_fen(l.tax_fen),
            )
            for l in lines
        ),
    )


def requests(
    uow: UnitOfWork, actor: Actor, day: date | None = None, states: tuple[State, ...] = (), slip_number: str = ""
) -> list[RequestView]:
    """Requests made on `day` (any day when None), in `states` (all when empty), newest first."""
    require(actor, "issue_invoice")
    with uow.for_reading():
        session = uow.session
        query = select(FapiaoRequest).order_by(col(FapiaoRequest.id).desc())
        if day is not None:
            start = datetime.combine(day, time())
            query = query.where(FapiaoRequest.requested_at >= start, FapiaoRequest.requested_at < start + timedelta(1))
        if states:
            query = query.where(col(FapiaoRequest.state).in_([s.value for s in states]))
        if slip_number.strip():
            query = query.where(FapiaoRequest.slip_id == find_slip(session, slip_number).id)
        return [request_view(session, r) for r in session.exec(query.limit(500))]


def get_request(uow: UnitOfWork, actor: Actor, number: str) -> RequestView:
    require(actor, "issue_invoice")
    with uow:
        request = uow.session.exec(
            select(FapiaoRequest).where(FapiaoRequest.number == number.strip().upper())
        ).first()
        if request is None:
            raise NotFound(_("No e-fapiao request numbered {number}.").format(number=number.strip()))
        return request_view(uow.session, request)


def for_export(uow: UnitOfWork, actor: Actor, day: date) -> list[RequestView]:
    """What goes into the portal's batch import: every blue request still in
    the outbox, and those of `day` already handed over but not yet issued (a
    re-export after a failed upload carries them again). Not one the platform
    refused: it is withdrawn and asked again with the details put right."""
    require(actor, "issue_invoice")
    with uow:
        session = uow.session
        start = datetime.combine(day, time())
        waiting = State.REQUESTED.value
        submitted = State.SUBMITTED.value
        query = (
            select(FapiaoRequest)
            .where(FapiaoRequest.kind == FapiaoKind.BLUE, FapiaoRequest.last_error == "")
            .where(
                (col(FapiaoRequest.state) == waiting)
                | (
                    (col(FapiaoRequest.state) == submitted)
                    & (col(FapiaoRequest.submitted_at) >= start)
                    & (col(FapiaoRequest.submitted_at) < start + timedelta(1))
                )
            )
            .order_by(col(FapiaoRequest.id))
        )
        return [request_view(session, r) for r in session.exec(query)]
