"""The daily sales report (销售日报) as plain text: for the CLI and the till
printer, with sales by hour and by category drawn as bars of block
characters. The figures and their order are shared with the PDF."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from counter.i18n import _
from counter.money import fmt
from counter.services.payments import tender_label
from receipts.text import WIDTH_80MM, bar, cells, checkpoint_line, clip, rule, signed, spread, wrap

if TYPE_CHECKING:
    from counter.services.reports import DailyReport, Row

# Categories beyond this many are added up as one "other" bar.
MAX_CATEGORY_BARS = 12


def range_label(report: DailyReport) -> str:
    if report.is_one_day:
        return f"{report.start:%Y-%m-%d}"
    return f"{report.start:%Y-%m-%d} – {report.end:%Y-%m-%d}"


def hours(report: DailyReport) -> list[tuple[str, Decimal]]:
    """Every hour from the first sale to the last, quiet hours as zero, so the
    chart reads as a day."""
    if not report.by_hour:
        return []
    found = {int(r.key): r.amount for r in report.by_hour}
    return [(f"{h:02d}", found.get(h, Decimal(0))) for h in range(min(found), max(found) + 1)]


def categories(report: DailyReport) -> list[tuple[str, Decimal]]:
    rows: list[Row] = list(report.by_category)
    shown = [(r.label, r.amount) for r in rows[:MAX_CATEGORY_BARS]]
    rest = sum((r.amount for r in rows[MAX_CATEGORY_BARS:]), Decimal(0))
    if rest:
        shown.append((_("other"), rest))
    return shown


def summary_rows(report: DailyReport) -> list[tuple[str, str]]:
    """The headline figures, shared by the PDF, the screen and the CLI."""
    return [
        (_("Sales"), fmt(report.sales_total)),
        (_("Slips paid"), str(report.slips_paid)),
        (_("Average ticket"), fmt(report.average_ticket)),
        (_("Items sold"), str(report.items_sold)),
        (_("Promotions given"), fmt(report.promotions_total)),
        (_("Slips written"), str(report.slips_written)),
        (_("Slips cancelled"), str(report.slips_cancelled)),
        (_("Takings"), fmt(report.takings)),
        (_("Cheques not yet cleared"), fmt(report.uncleared_cheques)),
        (_("Cash refunds"), fmt(report.refunds)),
        (_("Payouts"), fmt(report.payouts)),
        (_("Invoices voided"), str(len(report.voids))),
        (_("Shifts closed"), str(report.shifts_closed)),
        (_("Cash differences"), signed(report.cash_difference_total)),
        (_("Returns"), str(report.returns.count)),
        (_("Orders overdue"), str(report.phone_orders.overdue)),
    ]


def phone_order_rows(report: DailyReport) -> list[tuple[str, str]]:
    orders = report.phone_orders
    return [
        (_("Orders taken"), str(orders.opened)),
        (_("Orders closed"), str(orders.closed)),
        (_("Orders cancelled or rejected"), str(orders.cancelled)),
        (_("Orders overdue"), str(orders.overdue)),
    ]


def return_rows(report: DailyReport) -> list[tuple[str, str, str]]:
    """(what, how many, amount): the returns section, shared with the PDF."""
    r = report.returns
    return [
        (_("Returns taken"), str(r.count), ""),
        (_("Goods returned"), str(r.items), fmt(r.goods_value)),
        *((_("Refunded: {tender}").format(tender=tender_label(t.key)), str(t.count), fmt(t.amount)) for t in r.refunds),
        (_("Written off"), str(r.written_off_items), fmt(r.written_off)),
    ]


def bar_lines(rows: list[tuple[str, Decimal]], width: int) -> list[str]:
    """One line per row: label, a bar scaled to the largest, the amount."""
    if not rows:
        return ["  " + _("No sales")]
    label_cells = min(12, max(cells(label) for label, _a in rows))
    amount_cells = max(len(fmt(a)) for _l, a in rows)
    room = max(4, width - label_cells - amount_cells - 4)
    most = max(int(a) for _l, a in rows)
    lines = []
    for label, amount in rows:
        label = clip(label, label_cells)
        drawn = bar(int(amount), most, room)
        lines.append(
            " " + label + " " * (label_cells - cells(label)) + " " + drawn + " " * (room - cells(drawn))
            + " " + fmt(amount).rjust(amount_cells)
        )
    return lines


def _table(rows: list[tuple[str, str, str]], width: int) -> list[str]:
    return [spread(f" {a}", f"{b:>5}  {c:>14}", width) for a, b, c in rows]


def daily_report_text(report: DailyReport, width: int = WIDTH_80MM, shop_name: str = "") -> str:
    heading = " · ".join(x for x in (_("Daily sales report"), shop_name, range_label(report)) if x)
    lines = [heading, rule(width, "=")]
    lines += [spread(" " + label, value, width) for label, value in summary_rows(report)]
    lines += ["", _("Sales by hour"), *bar_lines(hours(report), width)]
    lines += ["", _("Sales by category"), *bar_lines(categories(report), width)]
    lines += ["", _("Takings by tender"), *_table([(tender_label(r.key), str(r.count), fmt(r.amount)) for r in report.by_tender], width)]
    if report.by_station:
        lines += ["", _("Takings by station"), *_table([(r.label, str(r.count), fmt(r.amount)) for r in report.by_station], width)]
    lines += ["", _("Sales by assistant"),
              *_table([(f"{r.label} ({r.key})", str(r.count), fmt(r.amount)) for r in report.by_assistant], width)]
    lines += ["", _("Best sellers"),
              *_table([(f"{b.name} {b.brand} {b.model}", str(b.quantity), fmt(b.amount)) for b in report.best_sellers],
                      width)]
    if report.promotions:
        lines += ["", _("Promotions given"),
                  *_table([(r.label, str(r.count), fmt(r.amount)) for r in report.promotions], width)]
    lines += ["", _("Phone orders"), *(spread(" " + label, value, width) for label, value in phone_order_rows(report))]
    lines += ["", _("Returns"), *_table(return_rows(report), width)]
    if report.voids:
        lines += ["", _("Invoices voided")]
        for v in report.voids:
            lines.append(spread(f" {v.number:08d} {_('slip')} {v.slip_number}", fmt(v.total), width))
            lines += wrap(f"{v.reason} ({v.voided_by})", width, "   ")
    if report.cash_differences:
        lines += ["", _("Cash differences")]
        for d in report.cash_differences:
            lines.append(spread(f" {_('Shift')} {d.shift_id} {d.cashier} {d.closed_at:%m-%d %H:%M}",
                                signed(d.difference), width))
            lines += wrap(f"{d.reason} ({d.approved_by})", width, "   ")
    if report.checkpoint is not None:
        lines += ["", *wrap(checkpoint_line(report.checkpoint), width)]
    return "\n".join(lines) + "\n"

