"""What staff typed is shown as they typed it, [brackets] and all.

Textual reads plain strings as markup: an address with "[a栋]" lost those
words, and a name with "[/b]" stopped the screen with a MarkupError. Here every
free-text column of the demo store gets both, and each role opens its screens."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter.app import make_app
from counter.demo.build import build_demo
from counter.store import Store
from screens.home import HomeScreen
from tests.tui.helpers import settled
from tests.tui.test_sign_in import sign_in

CLOSING, TAG = "[/b]", "[a栋]"
TYPED = {
    "staff": ["full_name"],
    "customer": ["name", "address"],
    "call": ["caller_name", "outcome"],
    "follow_up": ["feedback"],
    "phone_order_event": ["note"],
    "complaint": ["summary", "contact", "outcome"],
    "complaint_note": ["text"],
    "cashmovement": ["reason"],
    "invoice": ["customer_name", "customer_address", "remarks", "void_reason"],
    "phone_order": ["delivery_address", "notes", "reason", "deliverer"],
    "phone_order_line": ["name", "brand", "model", "spec", "colour"],
    "product": ["name", "brand", "model", "spec", "colour", "promotion", "function", "strengths"],
    "slip": ["cancel_reason", "delivery_address"],
    "slip_return": ["reason"],
    "slipline": ["name", "brand", "model", "spec", "colour"],
    "shift": ["difference_reason"],
    "rejectednote": ["reason"],
}
# Each role's screens, opened from home by their keys.
WALKS = [
    ("A01", "1111", ["f2", "f4", "y", "f7"]),
    ("C01", "2222", ["f3", "f5", "r", "k"]),
    ("T01", "3333", ["t", "v", "f", "b"]),
    ("M01", "9999", ["d", "u", "o", "z"]),
]


@pytest.fixture
def bracketed(settings):
    build_demo(settings, days=4)
    store = Store.open(settings)
    with store.engine.begin() as conn:
        for table, columns in TYPED.items():
            for column in columns:
                conn.execute(
                    text(f"UPDATE {table} SET {column} = :closing || {column} || :tag WHERE {column} <> ''"),
                    {"closing": CLOSING, "tag": " " + TAG},
                )
    yield store
    store.engine.dispose()


@pytest.mark.parametrize(("code", "pin", "keys"), WALKS, ids=[w[0] for w in WALKS])
async def test_every_screen_shows_bracketed_text_as_typed(settings, bracketed, code, pin, keys):
    app = make_app(settings, bracketed)
    async with app.run_test(size=(140, 40)) as pilot:
        await sign_in(pilot, code, pin)
        home = app.screen
        assert isinstance(home, HomeScreen)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)  # the screen's lists load in workers
            shown = app.export_screenshot()
            opened = type(app.screen).__name__
            assert app.screen is not home, f"{key} opened nothing"
            assert CLOSING in shown and TAG in shown, f"{opened} does not show the text as typed"
            while app.screen is not home:
                await app.pop_screen()
