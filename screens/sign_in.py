"""Sign-in: staff code and PIN."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Footer, Input, Label, Static

from counter.i18n import _
from screens.base import CounterScreen
from screens.header import ShopHeader


class CodeInput(Input):
    """The staff code. Enter moves to the PIN at once, from the app's own key
    dispatch (a priority binding), so digits typed straight after it — by a
    fast typist or a badge reader — land in the PIN field, not behind the code."""

    BINDINGS = [Binding("enter", "to_pin", show=False, priority=True)]

    def action_to_pin(self) -> None:
        # screen.set_focus, not focus(): focus() waits for the next idle turn,
        # and the next key is dispatched before that.
        self.screen.set_focus(self.screen.query_one("#pin", Input))


class SignInScreen(CounterScreen[None]):
    CSS_PATH = "sign_in.tcss"

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Center():
            with Vertical(id="sign-in-box"):
                yield Static(_("Sign in"), id="title", markup=False)
                yield Label(_("Staff code"))
                yield CodeInput(placeholder="A01", id="code", max_length=16)
                yield Label(_("PIN"))
                yield Input(password=True, id="pin", max_length=8, restrict=r"[0-9]*")
                yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#pin")
    def _submit(self) -> None:
        code = self.query_one("#code", Input).value
        pin = self.query_one("#pin", Input).value
        if not code.strip():
            self.show(_("Type your staff code first."))
            self.query_one("#code", Input).focus()
            return
        self.sign_in(code, pin)

    def reset(self) -> None:
        """Back to empty fields for the next person."""
        for field in self.query(Input):
            field.value = ""
        self.show("")
        self.query_one("#code", Input).focus()

    def show(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    @work(exclusive=True)
    async def sign_in(self, code: str, pin: str) -> None:
        from counter.errors import CounterError

        if self.app.store is None and self.app.store_fault is not None:
            self.app.open_store_again()
        try:  # the store opens in the background at start
            await asyncio.wait_for(self.app.store_tried.wait(), timeout=15)
        except TimeoutError:
            self.show(_("The store is not open yet; see the message above."))
            return
        if self.app.store is None:
            self.refused(self.app.store_fault or _("The store is not open yet; see the message above."))
            return
        try:
            actor = await self.in_thread(self.app.store.sign_in, code, pin)
        except CounterError as e:
            self.refused(str(e))
            return
        self.app.signed_in(actor)

    def refused(self, why: str) -> None:
        """Said, with the code kept and the PIN to type again."""
        self.show(why)
        pin_input = self.query_one("#pin", Input)
        pin_input.value = ""
        pin_input.focus()
