"""Printer set-up: for each document a printer (the documents folder, a CUPS
queue, or an ESC/POS printer on the network, USB or a serial port), a test
print, and the receipt roll width; saved to the config file."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Footer, Input, Label, Select, Static

from counter.i18n import N_, _
from screens.base import CounterScreen
from screens.documents import kind_label
from screens.header import ShopHeader

DOCUMENTS = ("receipt", "slip", "invoice")
PAGE_KINDS = ("folder", "lp")
ALL_KINDS = ("folder", "lp", "escpos-net", "escpos-usb", "escpos-serial", "escpos-file")


def kind_choice(kind: str) -> str:
    return {
        "folder": _("Save in the documents folder"),
        "lp": _("System printer (CUPS lp)"),
        "escpos-net": _("ESC/POS on the network"),
        "escpos-usb": _("ESC/POS on USB"),
        "escpos-serial": _("ESC/POS on a serial port"),
        "escpos-file": _("ESC/POS device file"),
    }[kind]


def address_hint(kind: str) -> str:
    return {
        "folder": "",
        "lp": _("queue name, empty = default printer"),
        "escpos-net": "192.168.1.50:9100",
        "escpos-usb": "0416:5011",
        "escpos-serial": "/dev/ttyUSB0@9600",
        "escpos-file": "/dev/usb/lp0",
    }[kind]


class PrinterSettingsScreen(CounterScreen[None]):
    CSS_PATH = "printer_settings.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("ctrl+t", "test", N_("Test print")),
        Binding("escape", "back", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        printers = self.app.settings.printers
        yield ShopHeader()
        with Vertical(id="printers"):
            yield Static(_("Where each document prints. A document is always kept in {folder} too.").format(
                folder=self.app.settings.documents_dir), id="intro", markup=False)
            with Grid(id="rows"):
                for doc in DOCUMENTS:
                    kind, _sep, address = getattr(printers, doc).partition(":")
                    kinds = ALL_KINDS if doc == "receipt" else PAGE_KINDS
                    yield Label(kind_label(doc), classes="doc")
                    yield Select([(kind_choice(k), k) for k in kinds], value=kind, allow_blank=False, id=f"{doc}-kind")
                    yield Input(address, placeholder=address_hint(kind), id=f"{doc}-address", disabled=kind == "folder")
            with Grid(id="width-row"):
                yield Label(_("Receipt roll"), classes="doc")
                yield Select([("58 mm (32)", 58), ("80 mm (48)", 80)], value=printers.receipt_width,
                             allow_blank=False, id="receipt-width")
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#receipt-kind", Select).focus()

    @on(Select.Changed)
    def _kind_changed(self, event: Select.Changed) -> None:
        doc = (event.select.id or "").removesuffix("-kind")
        if doc not in DOCUMENTS:
            return
        address = self.query_one(f"#{doc}-address", Input)
        address.disabled = event.value == "folder"
        address.placeholder = address_hint(str(event.value))
        if event.value == "folder":
            address.value = ""

    def target(self, doc: str) -> str:
        kind = str(self.query_one(f"#{doc}-kind", Select).value)
        address = self.query_one(f"#{doc}-address", Input).value.strip()
        return f"{kind}:{address}" if address and kind != "folder" else kind

    def chosen(self):
        """The printers as chosen on screen, checked; BadInput names the bad one."""
        from counter.config import check_printers

        values = {doc: self.target(doc) for doc in DOCUMENTS}
        values["receipt_width"] = int(self.query_one("#receipt-width", Select).value)
        return check_printers(values, _("printer settings"))

    def say(self, message: str, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(Text(message))  # plain: a message may hold [brackets]

    def action_save(self) -> None:
        from counter.config import config_path, save_printers
        from counter.errors import CounterError

        try:
            printers = self.chosen()
            path = save_printers(printers, config_path())
        except CounterError as e:
            self.say(str(e), error=True)
            return
        except OSError as e:
            self.say(_("Could not write the config file: {why}").format(why=e), error=True)
            return
        self.app.settings = replace(self.app.settings, printers=printers)
        if self.store is not None:
            self.store.settings = self.app.settings
        self.say(_("Saved to {path}.").format(path=path))

    def action_test(self) -> None:
        from counter.errors import CounterError

        focused = self.focused.id if self.focused is not None and self.focused.id else ""
        doc = next((d for d in DOCUMENTS if focused.startswith(d)), "receipt")
        try:
            printers = self.chosen()
        except CounterError as e:
            self.say(str(e), error=True)
            return
        self.say(_("Test print of the {doc} printer …").format(doc=kind_label(doc)))
        self.test_print(doc, printers)

    @work(thread=True, exclusive=True, group="test-print")
    def test_print(self, doc: str, printers) -> None:
        from counter.printing import print_test_page

        outcome = print_test_page(replace(self.app.settings, printers=printers), doc)
        self.app.call_from_thread(self.say, outcome.message, not outcome.ok)

    def action_back(self) -> None:
        self.app.pop_screen()
