"""The assistant's sale screen (介绍 · 建议 · 开单): find goods as you type,
read the product card, add suggestions, and write the slip, all on one screen.

The slip on screen is the assistant's current draft in the store: every edit
commits at once, so quitting, a crash or a restart brings the draft back.
Focus lives in the search box: type, Enter adds the highlighted hit, and the
box is cleared for the next item; a scanner's digits + Enter add by barcode.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, Static

from counter.domain.lines import line_to_add_to
from counter.domain.scans import Scan, ScanKind
from counter.errors import BadInput, CounterError, NotFound
from counter.i18n import N_, _
from counter.money import MoneyError, fmt, fmt_capitals, from_fen, parse_amount, to_fen
from counter.services import catalog, slips
from counter.services.catalog import ProductView
from counter.services.customers import CustomerView
from counter.services.goods_lines import priced
from counter.services.slips import LineView, SlipView
from counter.store.uow import UnitOfWork
from models import SlipStatus
from screens.ask import Ask, Question
from screens.base import CounterScreen
from screens.documents import print_in_background
from screens.feed import StoreChanged
from screens.fixed_size import FixedInput
from screens.goods_browser import GoodsBrowser
from screens.header import ShopHeader
from screens.slip_panel import SlipPanel
from screens.strip_text import StripText

# A scanner types a whole barcode, so a run of this many digits is a scan:
# it must match a barcode exactly, never a part of some other product's keys.
SCAN_DIGITS = 6


def is_scan(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) >= SCAN_DIGITS


class FinderScreen(CounterScreen[None]):
    CSS_PATH = "finder.tcss"
    BINDINGS = [
        Binding("f2", "quantity", N_("Qty")),
        Binding("f3", "remove_line", N_("Remove")),
        Binding("f4", "discount", N_("Discount")),
        Binding("f5", "add_suggestion", N_("Suggestion"), show=False),  # the suggestions box says "F5 adds"
        Binding("f6", "customer", N_("Customer")),
        Binding("f7", "hold", N_("Hold")),
        Binding("f8", "resume", N_("Resume")),
        Binding("f9", "write", N_("Write slip")),
        Binding("f11", "reopen", N_("Change slip")),
        Binding("f12", "cancel_written", N_("Cancel slip")),
        Binding("escape", "back", N_("Back")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # Enter in the search box is taken as the key arrives, not after the
        # box's key, its Submitted message and that message's way up to the
        # screen: a third of a millisecond each, before the slip can change.
        Binding("enter", "add_typed", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: SlipView | None = None
        self.last_written: SlipView | None = None
        # The slip as the store last returned it, and how many shown edits
        # are still on their way there (an error goes back to `confirmed`).
        self.confirmed: SlipView | None = None
        self.pending = 0
        # Slip edits run one after another, in the order the keys were pressed.
        self.edit_lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield FixedInput(
            placeholder=_("Find goods: name, brand, model, barcode or pinyin initials (xyj) — Enter adds"),
            id="search",
        )
        yield GoodsBrowser(id="browse")
        yield SlipPanel(id="slip-area")
        yield StripText(id="total")
        yield StripText(id="message")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self.load_draft()
        self.warm_up()

    # --- the store, off the UI thread -------------------------------------

    def uow(self) -> UnitOfWork:
        return self.store.uow()

    @property
    def browser(self) -> GoodsBrowser:
        return self.query_one(GoodsBrowser)

    @property
    def panel(self) -> SlipPanel:
        return self.query_one(SlipPanel)

    @work(thread=True, group="warm-up")
    def warm_up(self) -> None:
        catalog.warm_up(self.uow())

    def on_show(self) -> bool:
        """Still on show after a wait in a thread: the app may have begun
        closing meanwhile (Ctrl+Q right after Enter), and its widgets be gone."""
        return self.app.is_running and self.is_attached

    @work(group="slip")
    async def load_draft(self) -> None:
        await self.edit(lambda: slips.current_draft(self.uow(), self.actor))

    async def edit(
        self, change: Callable[[], SlipView], focus_product: int | None = None, shown: bool = False
    ) -> SlipView | None:
        """Runs one slip change in a thread, in turn, and shows the slip it
        returns. `shown`: the change is already on screen (optimistically), so
        the store's slip is drawn only once no other shown edit is on its way,
        and an error puts back the slip as the store has it."""
        async with self.edit_lock:
            try:
                view = await self.in_thread(change)
            except CounterError as e:
                if not self.on_show():
                    return None
                if shown:
                    self.pending -= 1
                    if self.confirmed is not None:
                        self.show_slip(self.confirmed)
                self.say(str(e), error=True)
                return None
            self.confirmed = view
            if not self.on_show():
                return None  # stored; nothing left to draw it on
            if shown:
                self.pending -= 1
                if self.pending:
                    return view
        line_no = None
        if focus_product is not None:
            line_no = max((l.line_no for l in view.lines if l.product_id == focus_product), default=None)
        self.show_slip(view, line_no)
        return view

    # --- finding goods (the GoodsBrowser widget) ------------------------

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.browser.find(event.value.strip())

    def action_move(self, step: int) -> None:
        """Up/Down from the search box: through the hits while something is
        typed, else through the slip's lines (the line F2/F3/F4 act on)."""
        typed = bool(self.query_one("#search", Input).value.strip())
        if not (typed and self.browser.move(step)) and self.draft is not None and self.draft.lines:
            self.panel.move(step)

    def on_store_changed(self, message: StoreChanged) -> None:
        """Another counter sold, reserved or took back goods: the stock
        figures on show follow."""
        changed = {int(i[8:]) for i in message.ids if i.startswith("product:") and i[8:].isdigit()}
        self.browser.restock_changed(changed)

    @on(GoodsBrowser.Chosen)
    def _chosen(self, event: GoodsBrowser.Chosen) -> None:
        self.add(event.product.label, event.product)

    @on(GoodsBrowser.Refused)
    def _refused(self, event: GoodsBrowser.Refused) -> None:
        self.say(event.error, error=True)

    # --- adding to the slip -----------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_typed":  # elsewhere Enter does what it does there
            return self.focused is self.query_one("#search")
        return True

    def action_add_typed(self) -> None:
        search = self.query_one("#search", Input)
        query = search.value.strip()
        if not query:
            return
        chosen = None if is_scan(query) else self.browser.hit_for(query)
        # Cleared at once, so a scanner's next barcode starts in an empty box.
        # The hits stay on show until something new is typed: clearing them
        # too was the costliest repaint of the key press.
        with self.prevent(Input.Changed):
            search.value = ""
        self.add(query, chosen)

    def action_add_suggestion(self) -> None:
        self.browser.choose_suggestion()

    def lookup(self, query: str) -> ProductView:
        if is_scan(query):
            product = catalog.find_by_barcode(self.uow(), query)
            if product is None:
                raise NotFound(_("No goods with barcode {barcode}.").format(barcode=query))
            return product
        found = catalog.find_products(self.uow(), query, limit=1)
        if not found:
            raise NotFound(_("Nothing matches {query!r}.").format(query=query))
        return found[0]

    def add(self, query: str, product: ProductView | None, *, scanned: bool = False) -> None:
        # Goods already known and on the slip show their new quantity now, in
        # the same frame as the cleared box: one repaint for the key, not two.
        shown = product is not None and self.show_one_more(product)
        self.store_add(query, product, shown, scanned)

    def take_scan(self, scan: Scan) -> bool:
        """A goods barcode scanned whatever has focus: one unit on the slip;
        the search box keeps what was typed in it."""
        if scan.kind != ScanKind.GOODS:
            return False
        self.add(scan.code, None, scanned=True)
        return True

    def show_one_more(self, product: ProductView) -> bool:
        """Puts one more of the goods on screen at once when the store's answer
        can be foretold (see with_one_more); the durable commit follows."""
        predicted = self.with_one_more(product)
        if predicted is None:
            return False
        self.pending += 1
        self.last_written = None
        self.show_slip(predicted, max(l.line_no for l in predicted.lines if l.product_id == product.id))
        # The slip and its total in the key's own frame; the words a frame later.
        self.call_after_refresh(self.say, _("Added {product}.").format(product=product.label))
        return True

    @work(group="slip")
    async def store_add(self, query: str, product: ProductView | None, shown: bool, scanned: bool = False) -> None:
        await self.added(query, product, shown, scanned)

    async def added(self, query: str, product: ProductView | None, shown: bool, scanned: bool = False) -> bool:
        """Stores one more of the goods (found for `query` if not given); False
        when they could not be added, said on the screen."""
        try:
            if product is None:
                product = await self.in_thread(self.lookup, query)
        except CounterError as e:
            if not self.on_show():
                return False
            self.say(str(e), error=True)
            self.keep_typed(query, scanned)
            return False
        found = product
        shown = shown or self.show_one_more(found)
        if shown:
            await self.wait_for_refresh()  # painted before the commit takes the CPU
        slip_id = self.draft.id
        view = await self.edit(
            lambda: slips.add_line(self.uow(), self.actor, slip_id, found.id), found.id, shown=shown
        )
        if view is None:
            if self.on_show():
                self.keep_typed(query, scanned)  # Enter again adds them, once the store can
            return False
        self.last_written = None
        if not shown:
            self.say(_("Added {product}.").format(product=found.label))
        self.query_one("#search", Input).focus()
        self.browser.show_product(found)
        return True

    def keep_typed(self, query: str, scanned: bool) -> None:
        """Goods not added: what was typed goes back in the search box, so
        nothing typed is lost (a scan was never typed)."""
        search = self.query_one("#search", Input)
        if not search.value and not scanned:
            search.value = query

    def with_one_more(self, product: ProductView) -> SlipView | None:
        """The draft as slips.add_line will return it when the goods are already
        on it at list price (one more on that line), else None: a new line or
        a change the service may refuse is shown only once it is stored."""
        draft = self.draft
        if draft is None or draft.status != SlipStatus.DRAFT:
            return None
        same = line_to_add_to(draft.lines, product.id, to_fen(product.unit_price))
        if same is None:
            return None
        more = [replace(l, quantity=l.quantity + 1) if l is same else l for l in draft.lines]
        try:
            prices = priced(more)
        except MoneyError:
            return None

        def repriced(line: LineView) -> LineView:  # a line left as it was is not copied
            promo, amount = (from_fen(fen) for fen in prices[line.line_no])
            return line if (line.promo, line.amount) == (promo, amount) else replace(line, promo=promo, amount=amount)

        lines = tuple(map(repriced, more))
        return replace(draft, lines=lines, total=sum((l.amount for l in lines), Decimal(0)))

    # --- the slip on screen -----------------------------------------------

    def show_slip(self, view: SlipView, line_no: int | None = None) -> None:
        before = self.draft.lines if self.draft is not None else ()
        self.draft = view
        if not self.pending:
            self.confirmed = view
        self.panel.show(before, view, line_no, written=self.last_written is not None and not view.lines)
        # The total and the message have fixed heights: repaint, no new layout;
        # and none when the store confirms what is already shown.
        total, shown = self.total_text(view), self.query_one("#total", Static)
        if total != shown.content:
            shown.update(total, layout=False)

    def total_text(self, view: SlipView) -> Text:
        text = Text()
        text.append(_("Total") + "  ", style="bold")
        text.append(fmt(view.total), style="bold")
        text.append("   ")
        text.append(fmt_capitals(view.total), style="bold")
        promotions = sum((line.promo for line in view.lines), Decimal(0))
        if promotions:
            text.append("   " + _("promotions −{amount}").format(amount=fmt(promotions)), style="yellow")
        text.append("\n")
        heading = (
            _("Slip {number} being changed · {lines} lines, {items} items · customer: {customer}")
            if view.number
            else _("Draft slip · {lines} lines, {items} items · customer: {customer}")
        )
        text.append(
            heading.format(number=view.number, lines=len(view.lines), items=view.item_count,
                           customer=view.customer_name or "—"),
            style="yellow" if view.number else "dim",
        )
        return text

    def say(self, message: str, error: bool = False) -> None:
        note = self.query_one("#message", Static)
        note.update(message, layout=False)
        note.set_class(error, "error")

    def selected_line(self) -> LineView | None:
        if self.draft is None or not self.draft.lines:
            self.say(_("The slip has no lines yet: find goods and press Enter."), error=True)
            return None
        return self.draft.lines[min(self.panel.cursor_row, len(self.draft.lines) - 1)]

    def _edited(self, line_no: int | None = None) -> Callable[[SlipView | None], None]:
        def shown(view: SlipView | None) -> None:
            if view is not None:
                self.show_slip(view, line_no)
                self.say("")
            self.query_one("#search", Input).focus()

        return shown

    # --- keys on the slip ---------------------------------------------------

    def action_quantity(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        store, actor, slip_id = self.store, self.actor, self.draft.id

        def set_quantity(values: dict[str, str], _approver) -> SlipView:
            return slips.set_quantity(store.uow(), actor, slip_id, line.line_no, values["quantity"])

        self.app.push_screen(
            Ask(
                _("Quantity for line {n}: {name} {model}").format(n=line.line_no, name=line.name, model=line.model),
                [Question("quantity", _("Quantity"), str(line.quantity), restrict=r"[0-9]*", max_length=4)],
                set_quantity,
            ),
            self._edited(line.line_no),
        )

    def action_remove_line(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        self.remove_line(line)

    @work(group="slip")
    async def remove_line(self, line: LineView) -> None:
        view = await self.edit(lambda: slips.remove_line(self.uow(), self.actor, self.draft.id, line.line_no))
        if view is not None:
            self.say(_("Line {n} removed: {name}.").format(n=line.line_no, name=line.name))

    def action_discount(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        store, actor, slip_id = self.store, self.actor, self.draft.id

        def set_price(values: dict[str, str], approver) -> SlipView:
            price = parse_amount(values["price"])
            return slips.set_unit_price(store.uow(), actor, slip_id, line.line_no, price, approver)

        self.app.push_screen(
            Ask(
                _("Discount on line {n}: {name} {model}, list price {price}. Your limit: {limit}%.").format(
                    n=line.line_no, name=line.name, model=line.model, price=fmt(line.list_price),
                    limit=actor.discount_limit_pct,
                ),
                [Question("price", _("Real unit price after discount"), str(line.unit_price), placeholder="1280.50")],
                set_price,
                manager_may_approve=True,
            ),
            self._edited(line.line_no),
        )

    def action_customer(self) -> None:
        from screens.customer_picker import CustomerPicker

        self.app.push_screen(CustomerPicker(), self.set_customer)

    @work(group="slip")
    async def set_customer(self, customer: CustomerView | None) -> None:
        self.query_one("#search", Input).focus()
        if customer is None:
            return
        view = await self.edit(lambda: slips.set_customer(self.uow(), self.actor, self.draft.id, customer.id))
        if view is not None:
            self.say(_("Customer: {name} {phone}.").format(name=customer.name, phone=customer.phone))

    @work(group="slip")
    async def action_hold(self) -> None:
        def hold() -> SlipView:
            slips.hold_slip(self.uow(), self.actor, self.draft.id)
            return slips.current_draft(self.uow(), self.actor)

        held = self.draft
        self.last_written = None
        view = await self.edit(hold)
        if view is not None:
            self.say(
                _("Slip on hold ({items} items, {total}); F8 brings it back. A new slip is open.").format(
                    items=held.item_count, total=fmt(held.total)
                )
            )

    @work(group="slip")
    async def action_resume(self) -> None:
        from screens.choose import Choose

        try:
            held = await self.in_thread(slips.held_slips, self.uow(), self.actor)
        except CounterError as e:
            self.say(str(e), error=True)
            return
        if not held:
            self.say(_("No slips are on hold."), error=True)
            return
        choices = [
            (
                _("{time} · {assistant} · {lines} lines · {total} · {customer} · {first}").format(
                    time=s.created_at.strftime("%m-%d %H:%M"), assistant=s.assistant, lines=len(s.lines),
                    total=fmt(s.total), customer=s.customer_name or "—",
                    first=s.lines[0].name if s.lines else "",
                ),
                s,
            )
            for s in held
        ]
        chosen = await self.app.push_screen_wait(Choose(_("Resume which slip on hold?"), choices))
        self.query_one("#search", Input).focus()
        if chosen is None:
            return
        self.last_written = None
        had_lines = bool(self.draft and self.draft.lines)
        view = await self.edit(lambda: slips.resume_slip(self.uow(), self.actor, chosen.id))
        if view is not None:
            self.say(
                _("Resumed the held slip; the lines you had are on hold in its place (F8).")
                if had_lines
                else _("Resumed the held slip.")
            )

    @work(group="slip")
    async def action_write(self) -> None:
        search = self.query_one("#search", Input)
        query = search.value.strip()
        if query:
            # Goods found for what is typed (or scanned) and not yet added go
            # on the slip first: writing without them would leave the
            # customer's last item off the slip.
            chosen = None if is_scan(query) else self.browser.hit_for(query)
            search.value = ""
            if not await self.added(query, chosen, shown=False):
                return
        written: list[SlipView] = []

        def write() -> SlipView:
            written.append(slips.write_slip(self.uow(), self.actor, self.draft.id))
            return slips.current_draft(self.uow(), self.actor)

        view = await self.edit(write)
        if view is None:
            return
        slip = written[0]
        self.last_written = slip
        self.panel.show_written(slip)
        self.show_slip(view)
        self.say(
            _("Slip {number} written: {total}. Stock is reserved; the slip waits at the cashier.").format(
                number=slip.number, total=fmt(slip.total)
            )
        )
        # The paper slip goes with the customer to the cashier.
        print_in_background(self, "slip", slip.number)
        self.query_one("#search", Input).focus()

    def action_cancel_written(self) -> None:
        store, actor = self.store, self.actor
        number = self.last_written.number if self.last_written else ""

        def cancel(values: dict[str, str], _approver) -> SlipView:
            if not values["reason"].strip():
                raise BadInput(_("Say why the slip is cancelled."))
            slip = slips.get_slip(store.uow(), number=values["number"])
            return slips.cancel_slip(store.uow(), actor, slip.id, values["reason"])

        self.app.push_screen(
            Ask(
                _("Cancel a written slip before payment: its goods go back on sale."),
                [
                    Question("number", _("Slip number (or scan it)"), number, placeholder="000123", scan=True),
                    Question("reason", _("Why it is cancelled"), placeholder=_("customer changed their mind")),
                ],
                cancel,
            ),
            self._cancelled,
        )

    def action_reopen(self) -> None:
        store, actor = self.store, self.actor
        number = self.last_written.number if self.last_written else ""

        def reopen(values: dict[str, str], _approver) -> SlipView:
            slip = slips.get_slip(store.uow(), number=values["number"])
            return slips.reopen_slip(store.uow(), actor, slip.id)

        self.app.push_screen(
            Ask(
                _("Change a written slip before payment: it comes back here, and F9 writes it again."),
                [Question("number", _("Slip number (or scan it)"), number, placeholder="000123", scan=True)],
                reopen,
            ),
            self._reopened,
        )

    def _reopened(self, slip: SlipView | None) -> None:
        self.query_one("#search", Input).focus()
        if slip is None:
            return
        self.last_written = None
        self.show_slip(slip)
        self.say(
            _("Slip {number} is back for changing; its goods are not reserved until F9 writes it again, "
              "with the same number.").format(number=slip.number)
        )

    def _cancelled(self, slip: SlipView | None) -> None:
        self.query_one("#search", Input).focus()
        if slip is None:
            return
        if self.last_written is not None and self.last_written.number == slip.number:
            self.last_written = None
            if self.draft is not None:
                self.show_slip(self.draft)
        self.say(_("Slip {number} cancelled; its goods are back on sale.").format(number=slip.number))

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            search.focus()
        else:
            self.app.pop_screen()
