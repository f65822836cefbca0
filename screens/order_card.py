"""A phone order at a glance: customer, delivery, goods, total, payment.
Shared by the review, fulfil and board screens."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from counter.i18n import _
from counter.money import fmt, fmt_capitals
from counter.services.orders import OrderView
from counter.services.slips import status_label as slip_status_label
from screens.cells import promoted
from screens.plain import plain_row


class OrderCard(Static):
    DEFAULT_CSS = """
    OrderCard { height: auto; padding: 0 1; border: round $primary; }
    """

    def show(self, order: OrderView | None, flags: tuple[str, ...] = (), note: str = "") -> None:
        if order is None:
            self.update(_("No order selected."))
            return
        head = Text.assemble(
            (f"{order.number}  ", "bold"),
            (order.status_text, "bold reverse" if not order.overdue else "bold white on red"),
            ("  " + _("overdue") if order.overdue else "", "bold red"),
        )
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="dim")
        facts.add_column()
        plain_row(facts, _("Customer"), f"{order.customer_name}  {order.delivery_phone}")
        if order.assistant:
            plain_row(facts, _("Belongs to"), order.assistant)
        plain_row(facts, _("Address"), order.delivery_address or "—")
        wished = order.wished_date.isoformat() if order.wished_date else "—"
        plain_row(facts, _("Wished date"), wished)
        if order.delivery_date:
            plain_row(facts, _("Delivery"), f"{order.delivery_date.isoformat()}  {order.deliverer}")
        if order.notes:
            plain_row(facts, _("Notes"), order.notes)
        if order.slip_number:
            paid = slip_status_label(order.slip_status) if order.slip_status else ""
            plain_row(facts, _("Slip"), f"{order.slip_number}  ({paid})")
        if order.reason:
            plain_row(facts, _("Reason"), order.reason)
        goods = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
        for heading, justify in ((_("Goods"), "left"), (_("Qty"), "right"), (_("Unit price"), "right"),
                                 (_("Amount"), "right")):
            goods.add_column(heading, justify=justify)
        for line in order.lines:
            price = fmt(line.unit_price)
            if line.discounted:
                price += "*"
            plain_row(goods, promoted(f"{line.label} {line.spec} {line.colour}", line), str(line.quantity), price,
                      fmt(line.amount))
        total = Text.assemble((_("Total") + " ", "bold"), (fmt(order.total), "bold"), "  ", fmt_capitals(order.total))
        parts: list = [head, facts, goods, total]
        for flag in flags:
            parts.append(Text("⚠ " + flag, style="bold yellow"))
        if note:
            parts.append(Text("✓ " + note, style="bold green"))
        self.update(Group(*parts))
