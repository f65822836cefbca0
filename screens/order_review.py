"""Order review (订单评审): stock, price and delivery date of each confirmed
order are checked and flagged; the reviewer accepts it (the slip is written
and the stock reserved) or rejects it with a reason."""

from __future__ import annotations

from textual.binding import Binding

from counter.i18n import N_, _
from counter.services import orders
from models import OrderStatus
from screens.order_card import OrderCard
from screens.order_queue import OrderQueueScreen


class ReviewScreen(OrderQueueScreen):
    STATUSES = (OrderStatus.CONFIRMED,)
    HEADING = _("Orders waiting for review")
    BINDINGS = [
        Binding("a", "accept", N_("Accept")),
        Binding("r", "reject", N_("Reject")),
        Binding("escape", "back", N_("Back")),
    ]

    def show_selected(self) -> None:
        order = self.selected
        card = self.query_one("#card", OrderCard)
        if order is None:
            card.show(None)
            return
        store, actor = self.store, self.actor

        def refused(error: str) -> None:
            card.show(order)
            self.show(error, True)

        self.run_store(
            lambda: orders.review(store.uow(), actor, order.id),
            lambda check: card.show(check.order, check.flags,
                                    note="" if check.flags else _("Checked: stock, price and date are fine.")),
            failed=refused,
            group="review",
            exclusive=True,
        )

    def action_accept(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda order_id: orders.accept_order(store.uow(), actor, order_id),
                 _("Order {number} accepted: its slip is written and the goods are reserved."))

    def action_reject(self) -> None:
        from screens.ask import Ask

        order = self.selected
        if order is None:
            self.show(_("No order to work on."), True)
            return
        store, actor = self.store, self.actor

        def apply(reason: str):
            return orders.reject_order(store.uow(), actor, order.id, reason)

        self.app.push_screen(
            Ask.one(_("Reject {number}").format(number=order.number), apply, label=_("Why? The customer will be told.")),
            lambda after: self.changed(after, _("Order {number} rejected.")),
        )
