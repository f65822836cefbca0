"""A small modal question: a few typed fields handed to the service they
feed before the modal closes, so a bad value keeps everything typed and the
service's own message says what is wrong.

Where a rule needs a manager (a discount past the assistant's limit), the
service refuses with NotPermitted; `manager_may_approve` then asks for a
manager's code and PIN and tries again with that approver.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Label, Static

from counter.auth import Actor
from counter.domain.scans import Scan
from counter.errors import CounterError, NotPermitted
from counter.i18n import N_
from screens.base import CounterModal

T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    value: str = ""
    placeholder: str = ""
    restrict: str | None = None
    max_length: int = 0
    # A prefilled figure (a quantity, a price) is selected on focus, so typing
    # replaces it; prefilled text (an address) is kept and typing edits it.
    replace_on_focus: bool = True
    # The field asks for a scanned code (a slip or e-fapiao number): a scan
    # read while it has focus fills it, where any other field never gets one.
    scan: bool = False


# values by Question.id, and the approving manager once one has given a PIN
Submit = Callable[[dict[str, str], Actor | None], T]


class Ask(CounterModal[T | None], Generic[T]):
    """Dismisses with what `submit` returned, or None if cancelled."""

    DEFAULT_CSS = """
    Ask { align: center middle; }
    Ask > Vertical { width: 70; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    Ask #title { text-style: bold; margin-bottom: 1; }
    Ask #message { color: $error; height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        title: str,
        questions: list[Question],
        submit: Submit[T],
        *,
        manager_may_approve: bool = False,
        start_at: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.questions = questions
        self.submit = submit
        self.manager_may_approve = manager_may_approve
        # the question to start on when the ones before it come filled in
        self.start_at = start_at

    @classmethod
    def one(
        cls, title: str, apply: Callable[[str], T], value: str = "", label: str = "", placeholder: str = "",
        scan: bool = False,
    ) -> Ask[T]:
        """One line of text (a reason, a quantity, a price, a note...) handed to `apply`."""
        question = Question("answer", label, value, placeholder, scan=scan)
        return cls(title, [question], lambda values, _approver: apply(values["answer"]))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="title", markup=False)
            for q in self.questions:
                if q.label:
                    yield Label(q.label)
                yield Input(
                    q.value, placeholder=q.placeholder, id=q.id, restrict=q.restrict, max_length=q.max_length,
                    select_on_focus=q.replace_on_focus,
                )
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.start_at:
            self.query_one(f"#{self.start_at}", Input).focus()

    def take_scan(self, scan: Scan) -> bool:
        focused = self.focused
        question = next((q for q in self.questions if focused is not None and q.id == focused.id), None)
        if question is None or not question.scan or not isinstance(focused, Input):
            return False
        if (question.restrict and not re.fullmatch(question.restrict, scan.code)) or (
            question.max_length and len(scan.code) > question.max_length
        ):
            return False  # not what the field takes: the app says what it was
        focused.value = scan.code
        return True

    def values(self) -> dict[str, str]:
        return {q.id: self.query_one(f"#{q.id}", Input).value for q in self.questions}

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        ids = [q.id for q in self.questions]
        at = ids.index(event.input.id)
        if at + 1 < len(ids):
            self.query_one(f"#{ids[at + 1]}", Input).focus()
        else:
            self.run_submit(self.values(), None)

    @work(thread=True, exclusive=True)
    def run_submit(self, values: dict[str, str], approver: Actor | None) -> None:
        try:
            result = self.submit(values, approver)
        except NotPermitted as e:
            if self.manager_may_approve and approver is None:
                self.app.call_from_thread(self._ask_manager, str(e), values)
            else:
                self.app.call_from_thread(self.show, str(e))
            return
        except CounterError as e:
            self.app.call_from_thread(self.show, str(e))
            return
        self.app.call_from_thread(self.dismiss, result)

    def _ask_manager(self, why: str, values: dict[str, str]) -> None:
        from screens.manager_pin import ManagerApproval

        def approved(manager: Actor | None) -> None:
            if manager is None:
                self.show(why)
            else:
                self.run_submit(values, manager)

        self.app.push_screen(ManagerApproval(why), approved)

    def show(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
