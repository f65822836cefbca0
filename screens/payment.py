"""Take payment (收款): open a written slip, then 查 check, 数 count,
验 verify and 唱 announce.

A cash sale is: slip number + Enter (or Enter for the top of the queue),
cash received + Enter — and the change is on screen. F10 on the queue opens
the highlighted slip and takes it in whole ¥100 notes in one key. Every rule is in
`counter.services.payments`; this screen collects the tenders and shows what
the service says.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from counter.domain.scans import Scan, ScanKind
from counter.domain.subsidies import mask_id
from counter.domain.tenders import is_over_tender, remaining_fen, round_up_to_notes
from counter.errors import BadInput, CounterError
from counter.i18n import N_, _
from counter.money import fmt, fmt_capitals, from_fen, parse_amount, to_fen
from counter.services import cash_queue, claims, payment_undo, payments, slips, subsidies
from counter.services.cash_queue import QueueRead
from counter.services.payments import NoteRejected, PaymentResult, TenderIn
from counter.services.slips import SlipView
from counter.store.faults import SAID, words_for
from counter.store.feed import Changes
from models import Tender
from receipts import customer_display
from receipts.customer_display import Lamp
from screens.base import CounterScreen
from screens.cells import pad, promotion_text
from screens.documents import print_documents
from screens.feed import StoreChanged
from screens.header import ShopHeader
from screens.scan_router import channel_label, channel_name

STAGES = (("check", "查"), ("count", "数"), ("verify", "验"), ("announce", "唱"))
# A count by note ("100x3 50x1") rather than one amount.
COUNT_MARKS = ("x", "X", "×", "*")


def stage_label(stage: str) -> str:
    return {"check": _("check"), "count": _("count"), "verify": _("verify"), "announce": _("announce")}[stage]


def amount_label(tender: Tender) -> str:
    return {
        Tender.CASH: _("Cash received (or count by note: 100x3 50x1)"),
        Tender.CARD: _("Bank card amount"),
        Tender.MOBILE: _("Mobile (WeChat/Alipay) amount"),
        Tender.CHEQUE: _("Cheque amount"),
        Tender.ACCOUNT: _("On account (挂账): charged to the slip's account customer"),
    }[tender]


def reference_hint(tender: Tender) -> str:
    return {
        Tender.CARD: _("Card slip reference (optional)"),
        Tender.MOBILE: _("WeChat/Alipay reference"),
        Tender.CHEQUE: _("Cheque number"),
    }.get(tender, "")


def queue_row(slip: SlipView, order_number: str = "", claimed: str = "") -> str:
    written = f"{slip.written_at:%H:%M}" if slip.written_at else ""
    row = f"{slip.number}  {pad(slip.assistant, 8)}{fmt(slip.total):>13}  {written}"
    # on a line of its own: the queue is narrow
    if order_number:
        row += "\n  " + _("phone order {number}").format(number=order_number)
    return row + "\n  " + claimed if claimed else row


def tender_row(t: TenderIn) -> str:
    row = f"{payments.tender_label(t.tender)} {fmt(t.amount)}"
    if t.counted:
        row += " (" + " ".join(f"{fmt(from_fen(d))}×{n}" for d, n in sorted(t.counted.items(), reverse=True)) + ")"
    if t.reference:
        # The buyer's ID number for a subsidy is shown masked, as everywhere but the claim.
        row += f" · {mask_id(t.reference.strip().upper()) if t.tender == Tender.SUBSIDY else t.reference}"
    return row


class PaymentScreen(CounterScreen[None]):
    CSS_PATH = "payment.tcss"
    # Under 100 columns the received and change figures stand one above the
    # other: side by side they do not fit the pane, and the change was cut.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("f2", "tender('cash')", N_("Cash")),
        Binding("f3", "tender('card')", N_("Card")),
        Binding("f4", "tender('mobile')", N_("Mobile")),
        Binding("f6", "tender('cheque')", N_("Cheque")),
        Binding("f11", "tender('account')", N_("On account")),
        Binding("f7", "exact_cash", N_("Exact cash")),
        Binding("f10", "round_up_cash", N_("Cash ¥100s")),
        Binding("f8", "reject_note", N_("Reject note")),
        Binding("f9", "add_tender", N_("Split")),
        Binding("ctrl+r", "remove_tender", N_("Remove tender")),
        Binding("f5", "invoice", N_("Invoice")),
        # Over the number field's own Ctrl+E (end of line), and only once paid.
        Binding("ctrl+e", "fapiao", N_("E-fapiao"), priority=True),
        Binding("f12", "cheques", N_("Cheques")),
        Binding("ctrl+z", "undo_payment", N_("Undo payment"), priority=True),
        Binding("ctrl+t", "subsidy", N_("Trade-in subsidy"), priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slip: SlipView | None = None
        self.tenders: list[TenderIn] = []
        self.rejected: list[NoteRejected] = []
        self.kind = Tender.CASH
        self.result: PaymentResult | None = None
        self.next_step = ""  # what to do after a payment, kept above each print outcome
        self.display_lock = threading.Lock()
        self.display_failed = False
        self.queue: list[SlipView] = []  # as listed: customers at the desk first
        self.waiting: list[SlipView] = []  # as written, oldest first
        self.merging = threading.Lock()
        self.queue_read = True  # False once reading the queue failed: read it whole next time
        self.order_numbers: dict[int, str] = {}  # slip id -> its phone order's number
        self.check_failed = False
        self.paying = False  # a payment on its way to the store: Enter waits for it
        self.confirmed_over = ""  # the amount a cashier was asked about once already

    # ---- layout -------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="stages"):
            for stage, mark in STAGES:
                yield Static(f"{mark} {stage_label(stage)}", id=f"stage-{stage}", classes="stage", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Label(_("Slip number (type or scan)"))
                yield Input(placeholder="000123", id="number", max_length=16)
                yield Static(_("Waiting for payment · Enter opens the highlighted one, F10 opens and takes it in ¥100 notes"), id="queue-title", markup=False)
                yield OptionList(id="queue")
            with VerticalScroll(id="main"):
                yield Static(_("Open a slip: type its number, or choose it from the queue."), id="slip-head", markup=False)
                yield Static("", id="lines", markup=False)
                yield Static("", id="total", markup=False)
                with Vertical(id="tendering"):
                    yield Label(amount_label(Tender.CASH), id="kind")
                    with Horizontal(id="tender-row"):
                        yield Input(id="amount", max_length=64)
                        yield Input(id="reference", max_length=40)
                    yield Static("", id="tenders", markup=False)
                    yield Static("", id="rejected", markup=False)
                yield Static("", id="message", markup=False)
                with Vertical(id="announce"):
                    with Horizontal(id="big"):
                        with Vertical(classes="figure"):
                            yield Label(_("Received"), classes="figure-label")
                            yield Digits("", id="received")
                        with Vertical(classes="figure"):
                            yield Label(_("Change"), classes="figure-label")
                            yield Digits("", id="change")
                    yield Static("", id="say", markup=False)
                    yield Static("", id="stamp", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # The queue follows other counters from the feed's own thread (screens/feed.py).
        self.app.feed_readers.add(self, self.read_news)
        self.refresh_queue()
        # The open slip stays this counter's while it is open (claims.LEASE).
        self.set_interval(claims.HEARTBEAT_S, self.renew_claim)
        self.show_state()
        self.query_one("#number", Input).focus()

    # ---- what the screen shows ----------------------------------------

    @work(thread=True, group="queue")
    def refresh_queue(self) -> None:
        """The whole queue read again (on opening, and after a payment)."""
        try:
            with self.merging:
                read = cash_queue.read_queue(self.store.uow(), self.actor)
                self.waiting = read.slips
        except SAID as e:
            self.queue_lost(e)
            return
        self.queue_read = True
        self.app.call_from_thread(self.show_queue, read)

    def queue_lost(self, error: BaseException) -> None:
        """From a queue worker: the store failed; the cashier hears it (a slip
        typed is still checked and paid), and the store's next change reads
        the whole queue again."""
        self.queue_read = False
        self.app.call_from_thread(self.say, words_for(error))

    def on_unmount(self) -> None:
        self.app.feed_readers.discard(self)

    def on_store_changed(self, message: StoreChanged) -> None:
        """Slips written, changed, paid or claimed at any counter show here
        as they happen: the feed's thread has already read them (read_news),
        off the UI thread."""
        if isinstance(message.read, QueueRead):
            self.show_queue(message.read)
        elif isinstance(message.read, BaseException):
            self.queue_read = False
            self.say(words_for(message.read))
        elif not self.queue_read:
            self.refresh_queue()

    def read_news(self, changes: Changes) -> QueueRead | BaseException | None:
        """In the feed's thread, at another counter's commit: the queue with
        the slips it names read again, or the store's fault, or None when
        there is nothing for the queue (or it must be read whole)."""
        if not self.queue_read:
            return None
        numbers = {i.split(":", 1)[1] for i in changes.ids if i.startswith("slip:")}
        if not numbers and changes.kinds:  # nothing in the log: a claim taken or let go
            return None
        try:
            return self.merge_slips(numbers)
        except SAID as e:
            return e

    def merge_slips(self, numbers: set[str]) -> QueueRead:
        """The queue with these slips read again; one thread at a time merges."""
        with self.merging:
            read = cash_queue.merged(self.store.uow(), self.actor, self.waiting, numbers)
            self.waiting = read.slips
            return read

    def show_queue(self, read: QueueRead) -> None:
        queue, claimed = read.slips, read.claimed
        seen = [(s.id, s.total) for s in queue], claimed
        if seen == getattr(self, "_queue_seen", None):
            return
        self._queue_seen = seen
        self.order_numbers = read.order_numbers
        # The customers at the desk first, oldest first: a phone order's slip
        # is mostly paid on delivery, and F10 takes the top one in one key.
        queue = self.queue = sorted(queue, key=lambda s: s.id in self.order_numbers)
        options = self.query_one("#queue", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            [Option(Text(queue_row(s, read.order_numbers.get(s.id, ""), claimed.get(s.id, ""))), id=str(s.id)) for s in queue]
        )
        if queue:
            options.highlighted = min(highlighted or 0, len(queue) - 1)

    def renew_claim(self) -> None:
        if self.slip is not None and self.result is None:
            self.keep_claim(self.slip.id)

    @work(thread=True, group="claim")
    def keep_claim(self, slip_id: int) -> None:
        try:
            payments.renew_claim(self.store.uow(), self.actor, slip_id)
        except SAID as e:
            self.app.call_from_thread(self.say, words_for(e))

    @work(thread=True, group="claim")
    def let_go(self, slip_id: int) -> None:
        try:
            claims.release(self.store.uow(), self.actor, slip_id)
        except SAID:
            pass  # the lease runs out by itself

    def remaining(self) -> Decimal:
        assert self.slip is not None
        return from_fen(remaining_fen(to_fen(self.slip.total), (to_fen(t.amount) for t in self.tenders)))

    def show_state(self) -> None:
        slip, result = self.slip, self.result
        states = {"check": "current", "count": "", "verify": "", "announce": ""}
        if self.check_failed:
            states["check"] = "failed"
        elif result is not None:
            states = {"check": "done", "count": "done", "verify": "done", "announce": "current"}
        elif slip is not None:
            states = {"check": "done", "count": "current", "verify": "current", "announce": ""}
        for stage, state in states.items():
            widget = self.query_one(f"#stage-{stage}", Static)
            widget.set_classes(f"stage {state}".strip())

        tendering = slip is not None and result is None
        self.query_one("#tendering").display = tendering
        self.query_one("#announce").display = result is not None
        self.query_one("#kind", Label).update(amount_label(self.kind))
        reference = self.query_one("#reference", Input)
        reference.display = self.kind != Tender.CASH
        reference.placeholder = reference_hint(self.kind)
        if tendering:
            listed = "\n".join(f"  {tender_row(t)}" for t in self.tenders)
            due = self.remaining()
            summary = _("Due {total} · tendered {tendered} · remaining {remaining}").format(
                total=fmt(slip.total), tendered=fmt(slip.total - due), remaining=fmt(max(due, Decimal(0)))
            )
            self.query_one("#tenders", Static).update(
                (_("Tenders:") + "\n" + listed + "\n" if self.tenders else "") + summary
            )
            self.query_one("#rejected", Static).update(
                _("验 Rejected, not counted: {notes}").format(
                    notes="; ".join(f"{fmt(from_fen(n.denomination_fen))} {payments.reason_label(n.reason)}" for n in self.rejected)
                )
                if self.rejected
                else ""
            )
        self.refresh_bindings()

    def show_slip(self, slip: SlipView) -> None:
        written = f"{slip.written_at:%Y-%m-%d %H:%M}" if slip.written_at else ""
        head = _("Slip {number} · written by {assistant} · {time}").format(
            number=slip.number, assistant=slip.assistant, time=written
        )
        if slip.customer_name:
            head += " · " + _("customer {name}").format(name=slip.customer_name)
        if slip.id in self.order_numbers:
            head += " · " + _("phone order {number}").format(number=self.order_numbers[slip.id])
        self.query_one("#slip-head", Static).update(head)
        # Each line as the cashier reads it aloud, goods first, then price ×
        # quantity = amount on a line of its own: in the 30 columns the pane
        # has at 80×24 nothing is dropped or cut, and at 120×36 it reads the same.
        table = Table.grid(expand=True)
        table.add_column(ratio=1)
        for line in slip.lines:
            goods = " ".join(part for part in (line.brand, line.name, line.model, line.spec, line.colour) if part)
            table.add_row(Text(f"{line.line_no}. {goods}"))
            if line.promotion:
                table.add_row(promotion_text(line))
            table.add_row(Text(f"{fmt(line.unit_price)} × {line.quantity} = {fmt(line.amount)}", justify="right", style="bold"))
        self.query_one("#lines", Static).update(table)
        self.query_one("#total", Static).update(
            _("Total {total}  {capitals}").format(total=fmt(slip.total), capitals=fmt_capitals(slip.total))
        )

    def say(self, message: str, *, error: bool = True) -> None:
        widget = self.query_one("#message", Static)
        widget.set_class(error, "error")
        widget.update(message)

    # ---- 查: opening a slip -------------------------------------------

    @on(Input.Submitted, "#number")
    def _number_entered(self) -> None:
        self.open_from_number()

    def open_from_number(self, then: Callable[[], object] | None = None) -> None:
        """Opens the slip whose number is typed, or the highlighted one in the
        queue when none is; `then()` once it is open and checked."""
        text = self.query_one("#number", Input).value.strip()
        if not text:
            if not self.queue:
                self.say(_("No slip is waiting for payment; type a slip number."))
                return
            index = self.query_one("#queue", OptionList).highlighted or 0
            self.open_slip(self.queue[index].id, then)
            return
        self.open_slip(text, then)

    def take_scan(self, scan: Scan) -> bool:
        """A slip number opens that slip, as picking it does; a WeChat Pay or
        Alipay code prepares a mobile tender for what is left, with the
        channel and code as its reference, for the cashier to confirm (Enter):
        a scan alone never takes money."""
        if scan.kind == ScanKind.SLIP:
            self.query_one("#number", Input).value = ""
            self.open_slip(scan.code)
            return True
        if not scan.payment:
            return False
        if self.slip is None or self.result is not None:
            self.say(_("Open the slip first, then scan the customer's payment code."))
            return True
        self.action_tender("mobile")
        self.query_one("#reference", Input).value = f"{channel_label(scan.kind)} {scan.code}"
        self.say(
            _("{channel} payment code scanned: check the amount and press Enter to take it.").format(
                channel=channel_name(scan.kind)
            ),
            error=False,
        )
        return True

    @on(OptionList.OptionSelected, "#queue")
    def _queue_chosen(self, event: OptionList.OptionSelected) -> None:
        self.open_slip(int(event.option.id or 0))

    def open_slip(self, slip: int | str, then: Callable[[], object] | None = None) -> None:
        """查: the slip (by id, or by its number as typed) is checked against
        its lines in a worker, then shown; `then()` after, if it passed."""
        if self.slip is not None and self.result is None and self.slip.id != slip:
            self.let_go(self.slip.id)
        self.slip, self.result = None, None
        self.tenders, self.rejected, self.kind = [], [], Tender.CASH
        for name in ("#amount", "#reference"):
            self.query_one(name, Input).value = ""
        store, actor = self.store, self.actor

        def check() -> SlipView:
            slip_id = slip if isinstance(slip, int) else slips.get_slip(store.uow(), actor=actor, number=slip).id
            return payments.verify_slip(store.uow(), actor, slip_id)

        def checked(view: SlipView) -> None:
            self.show_checked(view)
            if then is not None:
                then()

        self.run_store(check, checked, failed=self.check_refused, group="check", exclusive=True)

    def store_failed(self, error: str) -> None:
        self.say(error)

    def check_refused(self, error: str) -> None:
        self.check_failed = True
        self.show_state()
        self.say(error)
        self.query_one("#number", Input).focus()

    def show_checked(self, slip: SlipView) -> None:
        self.check_failed = False
        self.paying = False
        self.confirmed_over = ""
        self.slip = slip
        self.query_one("#number", Input).value = slip.number
        self.show_slip(slip)
        self.say(_("查 Slip {number} checked: lines and total agree.").format(number=slip.number), error=False)
        self.show_state()
        self.query_one("#amount", Input).focus()
        self.to_display(Lamp.TOTAL, slip.total)

    def to_display(self, lamp: Lamp, amount: Decimal) -> None:
        """The figure on this station's customer display, if it has one, off
        the UI thread; a display that fails is said once, and selling goes on."""
        station = self.store.station
        if station is None or not station.display:
            return
        target = station.display

        def job() -> None:
            with self.display_lock:  # the figures reach the display in the order shown
                problem = customer_display.show(target, lamp, amount)
            if problem and not self.display_failed:
                self.display_failed = True
                self.app.call_from_thread(self.say, problem)

        self.run_worker(job, thread=True, group="display")

    # ---- 数: tenders --------------------------------------------------

    def typed_tender(self) -> TenderIn:
        text = self.query_one("#amount", Input).value.strip()
        reference = self.query_one("#reference", Input).value.strip()
        if any(mark in text for mark in COUNT_MARKS) or len(text.split()) > 1:
            if self.kind != Tender.CASH:
                raise BadInput(_("Only cash is counted by note; type the {tender} amount.").format(
                    tender=payments.tender_label(self.kind)))
            counted = payments.parse_counted(text)
            return TenderIn(Tender.CASH, payments.count_cash(counted), counted=counted)
        return TenderIn(self.kind, parse_amount(text), reference=reference if self.kind != Tender.CASH else "")

    def clear_typed(self) -> None:
        self.kind = Tender.CASH
        for name in ("#amount", "#reference"):
            self.query_one(name, Input).value = ""
        self.query_one("#amount", Input).focus()

    @on(Input.Submitted, "#amount")
    def _amount_entered(self) -> None:
        needs_reference = self.kind in (Tender.MOBILE, Tender.CHEQUE)
        if needs_reference and self.query_one("#amount", Input).value.strip() and not self.query_one("#reference", Input).value.strip():
            self.say(reference_hint(self.kind) + " — " + _("type it, then Enter."), error=False)
            self.query_one("#reference", Input).focus()
            return
        self.submit()

    @on(Input.Submitted, "#reference")
    def _reference_entered(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Enter: the typed tender is listed; once the tenders cover the slip,
        or the tender is cash (cash comes last: change is given from it), the
        payment is taken. An empty field takes the listed tenders as they are."""
        if self.slip is None or self.result is not None:
            return
        if not self.query_one("#amount", Input).value.strip():
            if self.tenders:
                self.pay(self.tenders)
            else:
                self.say(_("Type the cash received, or press F7 for exact cash."))
            return
        try:
            tender = self.typed_tender()
        except CounterError as e:
            self.say(str(e))
            return
        tenders = [*self.tenders, tender]
        if tender.tender == Tender.CASH or sum(t.amount for t in tenders) >= self.slip.total:
            if self.asks_again(tenders):
                return
            self.pay(tenders)
        else:
            self.list_tenders(tenders)

    def asks_again(self, tenders: list[TenderIn]) -> bool:
        """A tender too large to be meant (counter.domain.tenders.is_over_tender)
        is shown with its change and taken only on a second Enter with the same
        amount typed; nothing typed is lost."""
        assert self.slip is not None
        typed = self.query_one("#amount", Input).value.strip()
        tendered = sum((t.amount for t in tenders), Decimal(0))
        if not is_over_tender(to_fen(self.slip.total), to_fen(tendered)) or self.confirmed_over == typed:
            self.confirmed_over = ""
            return False
        self.confirmed_over = typed
        self.say(_("{tendered} for a slip of {total} gives {change} change. Is that right? Enter again takes it; "
                   "or correct the amount.").format(tendered=fmt(tendered), total=fmt(self.slip.total),
                                                    change=fmt(tendered - self.slip.total)))
        return True

    def list_tenders(self, tenders: list[TenderIn]) -> None:
        assert self.slip is not None
        try:
            payments.check_tenders(self.slip.total, tenders)
        except CounterError as e:
            self.say(str(e))
            return
        self.tenders = tenders
        self.clear_typed()
        self.say(_("Listed. {remaining} remaining: next tender, or Enter on an empty field to take payment.").format(
            remaining=fmt(max(self.remaining(), Decimal(0)))), error=False)
        self.show_state()

    def action_tender(self, kind: str) -> None:
        self.kind = Tender(kind)
        amount = self.query_one("#amount", Input)
        if self.kind != Tender.CASH and not amount.value.strip() and self.remaining() > 0:
            # Card, mobile and cheque usually pay what is left; shown, and typed over.
            amount.value = str(self.remaining())
            amount.action_select_all()
        self.say("", error=False)
        self.show_state()
        amount.focus()

    def action_exact_cash(self) -> None:
        self.kind = Tender.CASH
        self.query_one("#amount", Input).value = str(max(self.remaining(), Decimal(0))) if self.remaining() > 0 else ""
        self.show_state()
        self.submit()

    def action_round_up_cash(self) -> None:
        """The most common cash payment in one key: the customer hands over
        what is left rounded up to whole ¥100 notes (¥3,478.80 -> ¥3,500).
        It pays the slip on screen after its 查 check, or first opens the one
        whose number was typed or scanned — never one only highlighted in
        the queue: the top of the queue need not be this customer's slip."""
        if self.slip is None or self.result is not None:
            if not self.query_one("#number", Input).value.strip():
                self.say(_("F10 pays the customer's own slip: type or scan its number first "
                           "(or Enter to check the highlighted one)."))
                return
            self.open_from_number(then=self.pay_in_hundreds)
        else:
            self.pay_in_hundreds()

    def pay_in_hundreds(self) -> None:
        self.kind = Tender.CASH
        left = max(self.remaining(), Decimal(0))
        notes = from_fen(round_up_to_notes(to_fen(left)))
        self.query_one("#amount", Input).value = str(notes) if left > 0 else ""
        self.show_state()
        self.submit()

    def action_add_tender(self) -> None:
        try:
            tender = self.typed_tender()
        except CounterError as e:
            self.say(str(e))
            return
        self.list_tenders([*self.tenders, tender])

    def action_remove_tender(self) -> None:
        if self.tenders:
            removed = self.tenders.pop()
            self.say(_("Removed {tender}.").format(tender=tender_row(removed)), error=False)
            self.show_state()

    # ---- 验: rejected notes -------------------------------------------

    def action_reject_note(self) -> None:
        from screens.reject_note import RejectNote

        def rejected(note: NoteRejected | None) -> None:
            if note is not None:
                self.rejected.append(note)
                self.say(
                    _("验 {value} rejected as {reason}: recorded, not counted.").format(
                        value=fmt(from_fen(note.denomination_fen)), reason=payments.reason_label(note.reason)
                    ),
                    error=False,
                )
                self.show_state()
            self.call_after_refresh(self.query_one("#amount", Input).focus)

        self.app.push_screen(RejectNote(), rejected)

    # ---- 唱: taking the payment ---------------------------------------

    def pay(self, tenders: list[TenderIn]) -> None:
        assert self.slip is not None
        if self.paying:
            return  # Enter pressed again while the payment is on its way to the store
        self.paying = True
        store, actor, slip_id, rejected = self.store, self.actor, self.slip.id, list(self.rejected)

        def refused(error: str) -> None:
            self.paying = False
            self.say(error)

        def taken(result: PaymentResult) -> None:
            self.paying = False
            self.paid(result, tenders)

        self.run_store(lambda: payments.take_payment(store.uow(), actor, slip_id, tenders, rejected), taken, failed=refused)

    def paid(self, result: PaymentResult, tenders: list[TenderIn]) -> None:
        self.result = result
        self.tenders = tenders
        self.announce(result)
        # The receipt prints (and a cash sale kicks the drawer) while the
        # cashier carries on; a failed print only leaves a kept copy.
        print_documents(self, result.documents, say=self.printed)
        self.refresh_queue()
        number = self.query_one("#number", Input)
        number.value = ""
        number.focus()

    def announce(self, result: PaymentResult) -> None:
        if result.change:
            self.to_display(Lamp.CHANGE, result.change)
        else:
            self.to_display(Lamp.RECEIVED, result.received)
        self.query_one("#received", Digits).update(f"{result.received:,.2f}")
        change = self.query_one("#change", Digits)
        change.update(f"{result.change:,.2f}")
        change.scroll_visible(animate=False)
        self.query_one("#say", Static).update(
            result.announcement + "\n" + " · ".join(tender_row(t) for t in self.tenders)
        )
        slip = result.slip
        when = f"{slip.paid_at:%Y-%m-%d %H:%M}" if slip.paid_at else ""
        stamp = self.query_one("#stamp", Static)
        if result.awaiting_funds:
            stamp.update(_("AWAITING FUNDS") + "\n" + _("cheque not yet cleared") + f"\n{slip.cashier}  {when}")
        else:
            stamp.update("收款专用章  " + _("PAID") + f"\n{slip.cashier}\n{when}")
        stamp.set_class(result.awaiting_funds, "awaiting")
        self.next_step = _("Slip {number}: type the next slip number, F5 for the invoice or Ctrl+E for an e-fapiao.").format(
            number=slip.number)
        self.say(self.next_step, error=False)
        self.show_state()

    def printed(self, message: str, ok: bool) -> None:
        """A document that did not print is said under what to do next, never
        in a toast over the change; one that printed needs no words (the
        receipt is in the cashier's hand), and at 80×24 a second line would
        push the change off the pane."""
        if not ok:
            self.say(f"{self.next_step}\n{message}")

    # ---- after payment, and around it --------------------------------

    def action_invoice(self) -> None:
        from screens.invoice import InvoiceScreen

        if self.result is not None:
            self.app.push_screen(InvoiceScreen(slip_number=self.result.slip.number))

    def action_fapiao(self) -> None:
        from screens.fapiao import FapiaoScreen

        if self.result is not None:
            self.app.push_screen(FapiaoScreen(slip_number=self.result.slip.number or ""))

    def action_subsidy(self) -> None:
        """以旧换新: the buyer's ID number typed or scanned; the amount comes
        from the goods' energy classes and is listed as a tender."""
        from screens.ask import Ask

        if self.slip is None:
            return
        store, actor, slip_id = self.store, self.actor, self.slip.id

        def quoted(answer: str) -> TenderIn:
            number = subsidies.check_id(answer)
            quote = subsidies.quote(store.uow(), actor, slip_id)
            return TenderIn(Tender.SUBSIDY, quote.total, reference=number)

        def listed(tender: TenderIn | None) -> None:
            if tender is not None:
                self.list_tenders([*(t for t in self.tenders if t.tender != Tender.SUBSIDY), tender])

        self.app.push_screen(
            Ask.one(_("Trade-in subsidy (以旧换新)"), quoted, label=_("The buyer's resident ID number (type or scan)"),
                    scan=True),  # 18 digits from provinces 11–15 read like a WeChat code
            listed,
        )

    def action_undo_payment(self) -> None:
        """The cashier's own last payment in this shift, taken by mistake:
        reversed with a reason (payment_undo says when it may be)."""
        from screens.ask import Ask

        store, actor = self.store, self.actor

        def undone(view: SlipView | None) -> None:
            if view is None:
                return
            if self.result is not None and self.result.slip.id == view.id:
                self.slip, self.result = None, None
                self.show_state()
            self.say(_("The payment of slip {number} is undone: it waits in the queue again.").format(
                number=view.number), error=False)

        self.app.push_screen(
            Ask.one(_("Undo your last payment"), lambda reason: payment_undo.undo_last_payment(store.uow(), actor, reason),
                    label=_("Why (it is kept in the audit log)")),
            undone,
        )

    def action_cheques(self) -> None:
        from screens.cheques import AwaitingCheques

        def chosen(slip_id: int | None) -> None:
            if slip_id is None:
                return
            store, actor = self.store, self.actor
            self.run_store(
                lambda: payments.clear_cheque(store.uow(), actor, slip_id),
                lambda slip: self.say(_("Slip {number}: cheque cleared, the slip is PAID.").format(number=slip.number),
                                      error=False),
            )

        self.app.push_screen(AwaitingCheques(), chosen)

    def action_back(self) -> None:
        if self.slip is not None and self.result is None:
            self.let_go(self.slip.id)
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tendering = self.slip is not None and self.result is None
        if action in ("tender", "exact_cash", "add_tender", "reject_note", "subsidy"):
            return tendering
        if action == "remove_tender":
            return tendering and bool(self.tenders)
        if action in ("invoice", "fapiao"):
            return self.result is not None
        if action in ("cheques", "undo_payment"):
            return not tendering
        return True
