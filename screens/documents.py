"""Documents: find a slip, receipt or invoice by number, see it on screen as
it will print, and print it again. Also the helper the counter screens use
to print after payment or issue without waiting for the printer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, RadioButton, RadioSet, Static

from counter.i18n import N_, _
from counter.printing import Document, PrintOutcome, kind_of
from counter.store.faults import SAID, words_for
from screens.base import CounterScreen
from screens.header import ShopHeader

KINDS = ("slip", "receipt", "invoice", "refund")


def kind_label(kind: str) -> str:
    return {"slip": _("Sales slip"), "receipt": _("Receipt"), "invoice": _("Invoice"), "refund": _("Refund slip")}[kind]


def print_in_background(screen: CounterScreen[object], kind: str, number: str | int, *, after_payment: bool = False) -> None:
    """Prints one document from a counter screen without blocking it (see print_documents)."""
    print_documents(screen, [Document(kind_of(kind), str(number), after_payment)])


def print_documents(
    screen: CounterScreen[object], documents: Sequence[Document], *, say: Callable[[str, bool], object] | None = None
) -> None:
    """Prints the documents some money made, in order, without blocking the
    screen: each outcome (printed, or where the kept copy is) pops up as a
    notification. Every payment, return and invoice goes through here with
    the `documents` its result lists.

        print_documents(self, result.documents)

    `say(message, ok)`: where a screen wants each outcome said on itself
    instead of a toast (the cashier's screen: a toast would sit over the
    change figure)."""
    app, store = screen.counter, screen.store

    def job() -> None:
        from counter.errors import CounterError
        from counter.printing import print_document

        for doc in documents:
            try:
                outcome = print_document(store.uow(), app.settings, doc.kind, doc.number, after_payment=doc.after_payment)
            except CounterError as e:
                outcome = PrintOutcome(False, None, "", str(e))
            if say is not None:
                app.call_from_thread(say, f"{kind_label(doc.kind)}: {outcome.message}", outcome.ok)
                continue
            app.call_from_thread(
                app.notify, outcome.message, title=kind_label(doc.kind),
                severity="information" if outcome.ok else "warning", timeout=8 if outcome.ok else 20, markup=False,
            )

    if documents:
        screen.run_worker(job, thread=True, group="print", name="print " + ", ".join(d.number for d in documents))


class DocumentsScreen(CounterScreen[None]):
    """Look up a document by number, preview it, reprint it."""

    CSS_PATH = "documents.tcss"
    BINDINGS = [
        Binding("f2", "kind('slip')", N_("Slip")),
        Binding("f3", "kind('receipt')", N_("Receipt")),
        Binding("f4", "kind('invoice')", N_("Invoice")),
        Binding("ctrl+r", "reprint", N_("Print again")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = "slip"
        self.shown: tuple[str, str] | None = None  # (kind, number) in the preview

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="find"):
            with RadioSet(id="kinds"):
                for kind in KINDS:
                    yield RadioButton(kind_label(kind), value=kind == self.kind, id=f"kind-{kind}")
            with VerticalScroll(id="ask"):
                yield Label(_("Number (slip 000123, invoice 00000012), then Enter"))
                yield Input(id="number", max_length=14, placeholder="000123")
                yield Static("", id="message", markup=False)
        with VerticalScroll(id="preview-box"):
            yield Static(_("The document shows here as it prints."), id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#number", Input).focus()

    def action_kind(self, kind: str) -> None:
        self.query_one(f"#kind-{kind}", RadioButton).value = True
        self.query_one("#number", Input).focus()

    @on(RadioSet.Changed, "#kinds")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        self.kind = KINDS[event.index]
        number = self.query_one("#number", Input).value
        if number.strip():
            self.preview(self.kind, number)

    @on(Input.Submitted, "#number")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.say(_("Type the number of a slip or an invoice."), error=True)
            return
        self.preview(self.kind, event.value)

    def say(self, message: str, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(Text(message))  # plain: a message may hold [brackets]

    @work(thread=True, exclusive=True, group="preview")
    def preview(self, kind: str, number: str) -> None:
        from counter.printing import render

        try:
            doc = render(self.store.uow(), self.app.settings, kind, number.strip())
        except SAID as e:
            self.app.call_from_thread(self._not_found, words_for(e))
            return
        self.app.call_from_thread(self._show, kind, number.strip(), doc.text)

    def _not_found(self, message: str) -> None:
        self.shown = None
        self.say(message, error=True)
        self.query_one("#preview", Static).update("")

    def _show(self, kind: str, number: str, text: str) -> None:
        self.shown = (kind, number)
        self.say(_("{kind} {number}: Ctrl+R prints it again.").format(kind=kind_label(kind), number=number))
        self.query_one("#preview", Static).update(Text(text))

    def action_reprint(self) -> None:
        if self.shown is None:
            self.say(_("Find a document first: type its number and press Enter."), error=True)
            return
        kind, number = self.shown
        self.say(_("Printing {kind} {number} …").format(kind=kind_label(kind), number=number))
        print_in_background(self, kind, number)

    def action_back(self) -> None:
        self.app.pop_screen()
