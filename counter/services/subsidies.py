"""The trade-in subsidy at the cash desk: the cashier types (or scans) the
buyer's ID number, the amount comes from the rule (counter.domain.subsidies)
and the goods' energy classes, and it is taken as a tender the programme
pays the shop later — so the slip and the invoice keep the goods' price, and
the day's report counts the subsidy apart, by its tender.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlmodel import Session, col, select

from counter.auth import Actor, require
from counter.domain.subsidies import Unit, id_problem, mask_id, subsidy_fen
from counter.errors import BadInput, InvalidState
from counter.i18n import N_, _
from counter.money import fmt, from_fen, to_fen
from counter.store.uow import UnitOfWork
from models import Product, SlipLine, SubsidyLine
from models.ids import id_of

ID_PROBLEMS = {
    "length": N_("it must be 18 characters"),
    "character": N_("it is 17 digits and a last digit or X"),
    "birth date": N_("characters 7 to 14 are not a birth date"),
    "check": N_("the last character does not match the check character"),
}


def check_id(text: str) -> str:
    number = "".join(text.split()).upper()
    problem = id_problem(number)
    if problem is not None:
        raise BadInput(_("{number} is not a resident ID number: {why}.").format(
            number=mask_id(number), why=_(ID_PROBLEMS[problem])))
    return number


@dataclass(frozen=True)
class Quote:
    lines: dict[int, Decimal]  # slip line number -> its subsidy
    total: Decimal


def _units(session: Session, slip_id: int) -> list[tuple[SlipLine, Product]]:
    return list(session.exec(
        select(SlipLine, Product).join(Product, col(Product.id) == SlipLine.product_id)
        .where(SlipLine.slip_id == slip_id).order_by(col(SlipLine.line_no))
    ).all())


def _quote(session: Session, slip_id: int) -> dict[int, int]:
    return subsidy_fen(
        Unit(line.line_no, line.quantity, line.unit_price_fen, product.energy_class)
        for line, product in _units(session, slip_id)
    )


def quote(uow: UnitOfWork, actor: Actor, slip_id: int) -> Quote:
    """What the programme pays on the slip's goods (grade 1 and 2 only)."""
    require(actor, "take_payment")
    with uow:
        found = _quote(uow.session, slip_id)
    if not found:
        raise InvalidState(_("Nothing on this slip is grade 1 or 2 energy class: no trade-in subsidy."))
    return Quote({n: from_fen(f) for n, f in found.items()}, from_fen(sum(found.values())))


def claim_in(session: Session, actor: Actor, slip: Row[Any], amount: Decimal, id_text: str) -> str:
    """Inside take_payment: records the subsidy lines for the tender and
    returns the reference the payment keeps (the ID number masked)."""
    number = check_id(id_text)
    found = _quote(session, slip.id)
    if not found:
        raise InvalidState(_("Nothing on this slip is grade 1 or 2 energy class: no trade-in subsidy."))
    if to_fen(amount) != sum(found.values()):
        raise BadInput(_("The trade-in subsidy on slip {number} is {amount}.").format(
            number=slip.number, amount=fmt(from_fen(sum(found.values())))))
    lines = {line.line_no: (line, product) for line, product in _units(session, slip.id)}
    for line_no, fen in found.items():
        line, product = lines[line_no]
        session.add(SubsidyLine(slip_id=id_of(slip), slip_line_id=id_of(line), id_number=number,
                                energy_class=product.energy_class, amount_fen=fen, cashier_id=actor.id))
    return mask_id(number)


@dataclass(frozen=True)
class SubsidyView:
    id_number: str  # in full: for the e-fapiao request and the programme's claim only
    lines: tuple[tuple[int, int, Decimal], ...]  # (slip line number, energy class, amount)
    total: Decimal


def subsidy_in(session: Session, slip_id: int) -> SubsidyView | None:
    rows = session.exec(
        select(SubsidyLine, SlipLine.line_no).join(SlipLine, col(SlipLine.id) == SubsidyLine.slip_line_id)
        .where(SubsidyLine.slip_id == slip_id).order_by(col(SlipLine.line_no))
    ).all()
    if not rows:
        return None
    return SubsidyView(
        rows[0][0].id_number,
        tuple((n, s.energy_class, from_fen(s.amount_fen)) for s, n in rows),
        from_fen(sum(s.amount_fen for s, _n in rows)),
    )


def subsidy_of_slip(uow: UnitOfWork, slip_id: int) -> SubsidyView | None:
    with uow:
        return subsidy_in(uow.session, slip_id)
