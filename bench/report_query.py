"""A stand-in for the daily sales report while counter.services.reports is
being written on another branch: the aggregates that report needs, as plain
queries through the store's unit of work.

At merge, the "daily report" benchmark calls
counter.services.reports.daily_report instead and this module is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, text
from sqlmodel import col, select

from counter.uow import UnitOfWork
from models import Payment, Product, Slip, SlipLine, SlipStatus

SOLD = (SlipStatus.PAID, SlipStatus.CLOSED)


@dataclass(frozen=True)
class Totals:
    by_tender_hour: list[tuple[str, str, int, int]]  # tender, hour "09", payments, fen
    by_category: list[tuple[str, int, int]]  # category, quantity, fen


def sales_totals(uow: UnitOfWork, first: date, last: date) -> Totals:
    """Payments by tender and hour, and lines by category, for paid slips
    between `first` and `last` inclusive."""
    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    hour = func.strftime("%H", Payment.created_at)
    with uow:
        session = uow.session
        by_tender_hour = session.exec(
            select(Payment.tender, hour, func.count(), func.sum(Payment.amount_fen))
            .where(Payment.created_at >= start, Payment.created_at < end)
            .group_by(Payment.tender, hour)
            .order_by(Payment.tender, hour)
        ).all()
        by_category = session.exec(
            select(Product.category, func.sum(SlipLine.quantity), func.sum(SlipLine.amount_fen))
            .select_from(Slip)
            .join(SlipLine, col(SlipLine.slip_id) == Slip.id)
            .join(Product, col(Product.id) == SlipLine.product_id)
            # Unary + keeps SQLite off ix_slip_status: without ANALYZE statistics
            # it would walk every sold slip of the year instead of the paid_at range.
            .where(Slip.paid_at >= start, Slip.paid_at < end, text(f"+slip.status IN {tuple(str(s) for s in SOLD)}"))
            .group_by(Product.category)
            .order_by(Product.category)
        ).all()
    return Totals([tuple(r) for r in by_tender_hour], [tuple(r) for r in by_category])
