"""Fulfil phone orders: picking, delivery scheduling (day, address, who
delivers), dispatch, payment (in advance or on delivery, taken by a cashier
through the counter's payment and invoice rules), delivered, closed — or
cancelled before delivery, the goods going back on sale."""

from __future__ import annotations

from textual.binding import Binding

from counter.i18n import N_, _
from counter.services import orders
from models import OrderStatus
from screens.documents import print_documents
from screens.order_queue import OrderQueueScreen

S = OrderStatus


class FulfilScreen(OrderQueueScreen):
    STATUSES = (S.ACCEPTED, S.PICKING, S.SCHEDULED, S.DISPATCHED, S.DELIVERED)
    HEADING = _("Orders to fulfil")
    BINDINGS = [
        Binding("p", "pick", N_("Picking")),
        Binding("s", "schedule", N_("Schedule")),
        Binding("d", "dispatch", N_("Dispatch")),
        Binding("m", "payment", N_("Payment")),
        Binding("v", "delivered", N_("Delivered")),
        Binding("x", "close", N_("Close")),
        Binding("c", "cancel_order", N_("Cancel order")),
        Binding("escape", "back", N_("Back")),
    ]

    def action_pick(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda order_id: orders.start_picking(store.uow(), actor, order_id),
                 _("Order {number}: picking."))

    def action_schedule(self) -> None:
        from screens.ask import Ask, Question

        order = self.selected
        if order is None:
            return
        store, actor = self.store, self.actor
        day = order.delivery_date or order.wished_date

        def schedule(values: dict[str, str], _approver) -> orders.OrderView:
            return orders.schedule_delivery(store.uow(), actor, order.id, orders.parse_day(values["day"]),
                                            values["address"], values["deliverer"])

        questions = [
            Question("day", _("Day (2025-06-01, 6-1, +2, tomorrow)"), day.isoformat() if day else ""),
            Question("address", _("Address"), order.delivery_address),
            Question("deliverer", _("Who delivers"), order.deliverer),
        ]
        self.app.push_screen(
            Ask(_("Schedule the delivery of {number}").format(number=order.number), questions, schedule,
                start_at="deliverer" if day else ""),
            lambda after: self.changed(after, _("Order {number} scheduled.")),
        )

    def action_dispatch(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda order_id: orders.dispatch(store.uow(), actor, order_id),
                 _("Order {number} is out for delivery."))

    def action_payment(self, then_deliver: bool = False) -> None:
        from screens.order_dialogs import OrderPaid, OrderPayment

        order = self.selected
        if order is None:
            return
        if order.paid:
            self.show(_("Order {number} is already paid.").format(number=order.number))
            return

        def done(paid: OrderPaid | None) -> None:
            if paid is None:
                return
            self.reload(order.id)
            self.show(paid.announcement)
            self.app.notify(paid.announcement, title=_("Payment taken"), timeout=10, markup=False)
            print_documents(self, paid.documents)
            if then_deliver:
                self.deliver(order)

        self.app.push_screen(OrderPayment(order), done)

    def action_delivered(self) -> None:
        order = self.selected
        if order is not None and order.status == S.DISPATCHED and not order.paid and order.slip_status == "written":
            # Payment on delivery: the deliverer brings the money back to the cashier first.
            self.action_payment(then_deliver=True)
            return
        self.deliver(order)

    def deliver(self, order: orders.OrderView | None) -> None:
        store, actor = self.store, self.actor
        self.run(lambda order_id: orders.deliver(store.uow(), actor, order_id),
                 _("Order {number} delivered; a follow-up call is in the diary."), order)

    def action_close(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda order_id: orders.close_order(store.uow(), actor, order_id),
                 _("Order {number} closed."))

    def action_cancel_order(self) -> None:
        from screens.ask import Ask

        order = self.selected
        if order is None:
            return
        store, actor = self.store, self.actor

        def apply(reason: str):
            return orders.cancel_order(store.uow(), actor, order.id, reason)

        self.app.push_screen(
            Ask.one(_("Cancel {number}").format(number=order.number), apply, label=_("Why is it cancelled?")),
            lambda after: self.changed(after, _("Order {number} cancelled; its goods are back on sale.")),
        )
