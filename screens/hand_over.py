"""Handing over the goods (取货、打包): the assistant opens a paid slip, ticks
each line as checked and packed, then hands the goods over or schedules a
delivery. Only a slip stamped paid opens; a cheque not yet cleared needs a
manager's override."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from counter.auth import Actor
from counter.domain.scans import Scan, ScanKind
from counter.errors import CounterError, NotPermitted
from counter.i18n import N_, _
from counter.money import fmt, fmt_capitals
from counter.services import customers, handover, serials, slips
from counter.services.slips import SlipView, status_label
from models import SlipStatus
from models.clock import now
from screens.ask import Ask, Question
from screens.base import CounterScreen
from screens.cells import promoted
from screens.feed import StoreChanged
from screens.header import ShopHeader
from screens.plain import PlainTable


def unpacked_lines(slip: SlipView) -> list[int]:
    return [line.line_no for line in slip.lines if not line.packed]


class HandOverScreen(CounterScreen[None]):
    CSS_PATH = "hand_over.tcss"
    BINDINGS = [
        Binding("space", "tick", N_("Tick packed")),
        Binding("f5", "carry_out", N_("Hand over")),
        Binding("f6", "deliver", N_("Deliver")),
        Binding("f8", "refresh", N_("Refresh list")),
        Binding("f7", "remove_serial", N_("Remove a serial")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slip: SlipView | None = None
        self.override: Actor | None = None
        self.waiting: list[SlipView] = []
        # Line number -> serial numbers still to scan on the open slip.
        self.wanted: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Input(placeholder=_("Slip number, or scan the slip — Enter opens it"), id="number")
        with Horizontal(id="body"):
            yield OptionList(id="waiting")
            with Vertical(id="opened"):
                yield Static(_("Open a paid slip: type or scan its number, or pick it from the list."), id="slip-head", markup=False)
                yield PlainTable(id="lines", cursor_type="row", zebra_stripes=True)
                yield Input(placeholder=_("Serial number: scan each unit's label — Enter records it"), id="serial",
                            max_length=64)
        yield Static("", id="message", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#waiting").border_title = _("Paid, to hand over")
        self.query_one("#opened").border_title = _("Slip")
        table = self.query_one("#lines", DataTable)
        table.add_column(_("Packed"), key="packed")
        table.add_column(_("No."), key="no")
        table.add_column(_("Goods"), key="goods")
        table.add_column(_("Model / spec"), key="model")
        table.add_column(_("Colour"), key="colour")
        table.add_column(Text(_("Qty"), justify="right"), key="qty")
        table.add_column(Text(_("Amount"), justify="right"), key="amount")
        self.query_one("#number", Input).focus()
        self.action_refresh()

    def uow(self):
        return self.store.uow()

    def say(self, message: str, error: bool = False) -> None:
        note = self.query_one("#message", Static)
        note.update(message)
        note.set_class(error, "error")

    # --- the list of paid slips -------------------------------------------

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.touches("slip"):  # paid, or handed over, at another counter
            self.action_refresh()

    @work(exclusive=True, group="waiting")
    async def action_refresh(self) -> None:
        try:
            waiting = await self.in_thread(handover.waiting, self.uow(), self.actor)
        except CounterError as e:
            self.say(str(e), error=True)
            return
        found = self.query("#waiting").results(OptionList)
        listed = next(found, None)
        if listed is None:
            return  # the screen closed while the list was read (the app ending)
        self.waiting = waiting
        listed.set_options(
            Option(
                Text(
                    f"{s.number}  {fmt(s.total)}  "
                    + _("{items} items").format(items=s.item_count)
                    + (f"  {s.customer_name}" if s.customer_name else "")
                ),
                id=str(i),
            )
            for i, s in enumerate(waiting)
        )
        if waiting:
            listed.highlighted = 0

    def take_scan(self, scan: Scan) -> bool:
        """The slip's barcode opens it, as typing its number does; a Code 128
        label (ScanKind.OTHER) is a unit's serial number."""
        if scan.kind == ScanKind.SLIP:
            self.open_slip(scan.code)
            return True
        if scan.kind == ScanKind.OTHER:
            self.add_serial(scan.code)
            return True
        return False

    @on(OptionList.OptionSelected, "#waiting")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.open_slip(self.waiting[int(event.option.id)].number)

    # --- opening a slip -----------------------------------------------------

    @on(Input.Submitted, "#number")
    def _enter(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.open_slip(event.value)

    @work(exclusive=True, group="open")
    async def open_slip(self, number: str) -> None:
        from screens.manager_pin import ManagerApproval

        actor = self.actor
        override = None
        try:
            found = await self.in_thread(slips.get_slip, self.uow(), number=number)
            while True:
                try:
                    view = await self.in_thread(handover.open_for_hand_over, self.uow(), actor, found.id, override)
                    break
                except NotPermitted as e:
                    if found.status != SlipStatus.AWAITING_FUNDS or override is not None:
                        raise
                    override = await self.app.push_screen_wait(ManagerApproval(str(e)))
                    if override is None:
                        raise
        except CounterError as e:
            self.say(str(e), error=True)
            self.query_one("#number", Input).focus()  # the number typed stays for a retry
            return
        self.override = override
        self.query_one("#number", Input).value = ""
        self.show_slip(view)
        self.query_one("#lines", DataTable).focus()
        self.ask_serials()
        if override is not None:
            self.say(
                _("Released on {manager}'s override: the cheque has not cleared yet.").format(
                    manager=override.full_name
                )
            )
        else:
            self.say(_("Check and pack each line, then Space ticks it."))

    def show_slip(self, view: SlipView | None, line_no: int | None = None) -> None:
        self.slip = view
        table = self.query_one("#lines", DataTable)
        table.clear()
        head = self.query_one("#slip-head", Static)
        if view is None:
            self.wanted = {}
            self.query_one("#serial", Input).set_class(False, "-wanted")
            head.update(_("Open a paid slip: type or scan its number, or pick it from the list."))
            return
        text = Text()
        text.append(_("Slip {number}").format(number=view.number), style="bold")
        text.append(f"  ·  {status_label(view.status)}", style="bold green" if view.status == SlipStatus.PAID else "bold yellow")
        text.append(f"  ·  {fmt(view.total)}  {fmt_capitals(view.total)}\n")
        text.append(
            _("Written by {assistant} · paid to {cashier} · customer: {customer}").format(
                assistant=view.assistant, cashier=view.cashier or "—", customer=view.customer_name or "—"
            ),
            style="dim",
        )
        head.update(text)
        for line in view.lines:
            table.add_row(
                Text("[✓]" if line.packed else "[ ]", style="bold green" if line.packed else ""),
                str(line.line_no),
                promoted(f"{line.brand} {line.name}".strip(), line),
                Text(" ".join(x for x in (line.model, line.spec) if x)),
                Text(line.colour),
                Text(str(line.quantity), justify="right"),
                Text(fmt(line.amount), justify="right"),
                key=str(line.line_no),
            )
        if view.lines:
            rows = [line.line_no for line in view.lines]
            table.move_cursor(row=rows.index(line_no) if line_no in rows else 0)

    # --- ticking lines --------------------------------------------------------

    @on(DataTable.RowSelected, "#lines")
    def _row_enter(self) -> None:
        self.action_tick()

    def action_tick(self) -> None:
        if self.slip is None or not self.slip.lines:
            self.say(_("Open a paid slip first."), error=True)
            return
        row = self.query_one("#lines", DataTable).cursor_row
        self.tick(self.slip.lines[min(row, len(self.slip.lines) - 1)])

    @work(group="tick")
    async def tick(self, line) -> None:
        try:
            view = await self.in_thread(
                handover.pack_line, self.uow(), self.actor, self.slip.id, line.line_no, not line.packed
            )
        except CounterError as e:
            self.say(str(e), error=True)
            if self.wanted.get(line.line_no):
                self.query_one("#serial", Input).focus()
            return
        # Ticking walks down the slip: the cursor goes to the next line to pack.
        left = unpacked_lines(view)
        after = [n for n in left if n > line.line_no]
        self.show_slip(view, (after or left or [line.line_no])[0])
        if left:
            self.say(_("Line {n} packed; {left} to go.").format(n=line.line_no, left=len(left)))
        else:
            self.say(_("Every line is checked and packed: F5 hands the goods over, F6 schedules a delivery."))

    # --- serial numbers ------------------------------------------------------

    def ask_serials(self, said: str = "") -> None:
        """Shows the serial field while the open slip has units without one."""
        if self.slip is None:
            return
        store, slip_id = self.store, self.slip.id

        def shown(wanted: dict[int, int]) -> None:
            self.wanted = wanted
            field = self.query_one("#serial", Input)
            field.set_class(bool(wanted), "-wanted")
            if not wanted:
                if said:
                    self.say(said + " " + _("Every serial number is in: tick the lines."))
                self.query_one("#lines", DataTable).focus()
                return
            todo = ", ".join(_("line {n}: {left}").format(n=n, left=left) for n, left in sorted(wanted.items()))
            self.say(f"{said} " + _("Scan the serial number of each unit ({todo}).").format(todo=todo))
            field.focus()

        self.run_store(lambda: serials.wanted(store.uow(), slip_id), shown, group="serials", exclusive=True)

    @on(Input.Submitted, "#serial")
    def _serial_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.add_serial(event.value)

    def add_serial(self, code: str) -> None:
        """Records one unit's serial number on the open slip (typed, or a
        Code 128 label scanned: the scan router calls this)."""
        if self.slip is None:
            self.say(_("Open a paid slip first."), error=True)
            return
        store, actor, slip_id = self.store, self.actor, self.slip.id

        def recorded(done: tuple[int, str]) -> None:
            line_no, serial = done
            self.query_one("#serial", Input).value = ""
            self.ask_serials(_("Serial {serial} recorded for line {n}.").format(serial=serial, n=line_no))

        def refused(error: str) -> None:
            self.say(error, error=True)  # what was scanned stays in the field to look at

        self.run_store(lambda: serials.record_serial(store.uow(), actor, slip_id, code), recorded, failed=refused)

    def action_remove_serial(self) -> None:
        """A label scanned by mistake (the box's, another unit's) comes off again."""
        if self.slip is None:
            self.say(_("Open a paid slip first."), error=True)
            return
        store, actor, slip_id = self.store, self.actor, self.slip.id

        def removed(serial: str | None) -> None:
            if serial is not None:
                self.ask_serials(_("Serial {serial} taken off.").format(serial=serial.strip().upper()))

        def remove(text: str) -> str:
            serials.remove_serial(store.uow(), actor, slip_id, text)
            return text

        self.app.push_screen(Ask.one(_("Take a serial number off this slip"), remove, label=_("Serial number")), removed)

    # --- releasing the goods ------------------------------------------------

    def ready(self) -> SlipView | None:
        if self.slip is None:
            self.say(_("Open a paid slip first."), error=True)
            return None
        left = unpacked_lines(self.slip)
        if left:
            self.say(
                _("Tick every line as checked and packed first (lines {lines}).").format(
                    lines=", ".join(map(str, left))
                ),
                error=True,
            )
            return None
        return self.slip

    @work(group="release")
    async def action_carry_out(self) -> None:
        slip = self.ready()
        if slip is None:
            return
        try:
            done = await self.in_thread(
                handover.hand_over, self.uow(), self.actor, slip.id, None, self.override
            )
        except CounterError as e:
            self.say(str(e), error=True)
            return
        self.released(done, _("Slip {number} handed over: the goods have left with the customer.").format(
            number=done.number
        ))

    @work(group="release")
    async def action_deliver(self) -> None:
        slip = self.ready()
        if slip is None:
            return
        phone, address = slip.delivery_phone, slip.delivery_address
        if slip.customer_id is not None and not (phone and address):
            try:
                customer = await self.in_thread(customers.get_customer, self.uow(), self.actor, slip.customer_id)
                phone, address = phone or customer.phone, address or customer.address
            except CounterError:
                pass  # a customer not on file only means nothing to prefill
        store, actor, override = self.store, self.actor, self.override

        def deliver(values: dict[str, str], _approver) -> SlipView:
            when = handover.parse_delivery_date(values["date"])
            delivery = handover.Delivery(values["phone"], values["address"], when)
            return handover.hand_over(store.uow(), actor, slip.id, delivery, override)

        tomorrow = (now().date() + timedelta(days=1)).isoformat()
        done = await self.app.push_screen_wait(
            Ask(
                _("Schedule delivery of slip {number}").format(number=slip.number),
                [
                    Question("phone", _("Phone"), phone, placeholder=_("e.g. 13800138000"), replace_on_focus=False),
                    Question("address", _("Delivery address"), address, replace_on_focus=False),
                    Question("date", _("Delivery date (YYYY-MM-DD)"), tomorrow, placeholder=tomorrow),
                ],
                deliver,
            )
        )
        if done is None:
            self.query_one("#lines", DataTable).focus()
            return
        self.released(
            done,
            _("Slip {number}: delivery to {address} on {date}, phone {phone}.").format(
                number=done.number, address=done.delivery_address, date=done.delivery_date, phone=done.delivery_phone
            ),
        )

    def released(self, done: SlipView, message: str) -> None:
        from counter.printing import DocKind, Document
        from screens.documents import print_documents

        store = self.store

        def reprint(found: dict[int, list[str]]) -> None:
            if found:  # the receipt again, now with each unit's serial number: the warranty's proof
                print_documents(self, [Document(DocKind.RECEIPT, done.number)])

        self.run_store(lambda: serials.serials_of_slip(store.uow(), done.id), reprint)
        if done.status == SlipStatus.AWAITING_FUNDS:
            message += " " + _("The cheque is still awaiting funds.")
        else:
            message += " " + _("The sale is closed.")
        self.override = None
        self.show_slip(None)
        self.say(message)
        self.query_one("#number", Input).focus()
        self.action_refresh()

    def action_back(self) -> None:
        if self.slip is not None:
            self.override = None
            self.show_slip(None)
            self.say("")
            self.query_one("#number", Input).focus()
        else:
            self.app.pop_screen()
