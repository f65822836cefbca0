"""Each screen's stylesheet styles that screen alone: Textual keeps every
loaded CSS_PATH for the whole app, so an unscoped `#paper { width: 50 }` in
the shift report made every later invoice preview 50 columns wide."""

from __future__ import annotations

import re
from pathlib import Path

from counter.app import make_app
from screens.invoice import InvoiceScreen
from screens.shift_report import ShiftReportScreen
from tests.tui.helpers import until
from tests.tui.test_sign_in import sign_in

SCREENS = Path(__file__).resolve().parents[2] / "screens"


def owners() -> dict[str, str]:
    """Stylesheet -> the class whose CSS_PATH names it."""
    found = {}
    for py in SCREENS.glob("*.py"):
        cls = None
        for line in py.read_text().splitlines():
            if m := re.match(r"class (\w+)\(", line):
                cls = m.group(1)
            if m := re.search(r'CSS_PATH = "([\w.]+)"', line):
                found[m.group(1)] = cls
    return found


def test_every_selector_in_a_screens_stylesheet_starts_with_that_screen():
    unscoped = []
    for sheet, owner in owners().items():
        text = re.sub(r"\{[^{}]*\}", "{}", (SCREENS / sheet).read_text())
        for selector in (s.strip() for group in text.split("{}") for s in group.split(",") if s.strip()):
            if not re.match(rf"{owner}\b", selector):
                unscoped.append(f"{sheet}: {selector}")
    assert not unscoped, "selectors not under their screen's type:\n" + "\n".join(unscoped)


async def test_the_shift_reports_paper_width_does_not_reach_the_invoice(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await app.push_screen(ShiftReportScreen(1))
        await pilot.pause()
        app.pop_screen()
        await app.push_screen(InvoiceScreen())
        await until(pilot, lambda: isinstance(app.screen, InvoiceScreen), "the invoice screen")
        await pilot.pause()
        assert app.screen.query_one("#paper").size.width > 50
