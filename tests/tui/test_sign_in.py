"""Signing in at the terminal, as staff would."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from counter.app import make_app
from tests.tui.helpers import settled, until


def signed_in(app) -> bool:
    """Someone is signed in and their home is on screen."""
    return app.actor is not None and bool(app.screen.query("#who"))


async def sign_in(pilot, code: str, pin: str) -> None:
    """Types the code and PIN; returns once signed in with home on screen."""
    await pilot.press(*code, "enter", *pin, "enter")
    await until(pilot, lambda: signed_in(pilot.app), f"{code} signed in, at home")


@pytest.mark.postgres
async def test_staff_sign_in_and_see_their_home(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        assert app.actor is not None and app.actor.code == "C01"
        assert "李秀梅" in str(app.screen.query_one("#who", Static).render())


@pytest.mark.postgres
async def test_wrong_pin_says_so_and_keeps_the_code(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"A01", "enter", *"0000", "enter")
        await until(pilot, lambda: "Wrong staff code or PIN" in str(app.screen.query_one("#message", Static).render()),
                    "the refusal")
        await settled(pilot)  # nobody signed in after all
        assert app.actor is None
        assert "Wrong staff code or PIN" in str(app.screen.query_one("#message", Static).render())
        assert app.screen.query_one("#code").value == "A01"
        assert app.screen.query_one("#pin").value == ""


async def test_code_and_pin_typed_in_one_burst_sign_in(settings, store):
    """A badge reader or a fast typist: every key is in before the app has
    handled the first. The digits after the code's Enter are the PIN's."""
    from textual import events

    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key, char in [*((c, c) for c in "C01"), ("enter", "\r"), *((c, c) for c in "2222"), ("enter", "\r")]:
            app._driver.send_message(events.Key(key, char))
        await until(pilot, lambda: signed_in(app), "C01 signed in, at home")
        assert app.actor is not None and app.actor.code == "C01"
        assert "李秀梅" in str(app.screen.query_one("#who", Static).render())


async def test_signing_out_returns_to_an_empty_sign_in(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "A01", "1111")
        assert app.actor is not None
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.actor is None
        assert type(app.screen).__name__ == "SignInScreen"
        assert app.screen.query_one("#code").value == "" and app.screen.query_one("#pin").value == ""


async def test_what_lives_as_long_as_the_app_is_frozen_once_signed_in_and_thawed_when_it_closes(settings, store):
    """Kept out of the collector's full passes while the app runs (they
    stalled key presses), and handed back to it when the app closes, so a
    process that goes on leaks nothing."""
    import gc

    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert gc.get_freeze_count() == 0
        await sign_in(pilot, "A01", "1111")
        await pilot.pause()
        assert gc.get_freeze_count() > 0
        app.action_sign_out()
        frozen = gc.get_freeze_count()
        await sign_in(pilot, "C01", "2222")
        await pilot.pause()
        assert gc.get_freeze_count() <= frozen  # once per app, not per sign-in
    assert gc.get_freeze_count() == 0


async def test_the_title_bar_is_in_the_staffs_language(settings, store):
    from dataclasses import replace

    from counter.i18n import set_language

    app = make_app(replace(settings, lang="zh"), store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert str(app.screen.query_one("ShopHeader", Static).content).startswith("柜台")
    finally:
        set_language("en")


async def test_the_footers_keys_follow_the_language_whatever_was_imported_first(settings, store):
    from dataclasses import replace

    import screens.home  # noqa: F401 - imported under English first, as in a test run
    from counter.i18n import set_language

    app = make_app(replace(settings, lang="zh"), store)
    try:
        async with app.run_test(size=(160, 30)) as pilot:
            await sign_in(pilot, "A01", "1111")
            labels = {active.binding.description for active in app.screen.active_bindings.values()}
            assert {"退出登录", "销售：找商品、开单"} <= labels
    finally:
        set_language("en")


async def test_the_command_palette_key_is_labelled_in_chinese_and_opens_it(settings, store):
    """Issue 17 item 13: the footer said "palette" under zh."""
    from dataclasses import replace

    from textual.command import CommandPalette

    from counter.i18n import set_language

    app = make_app(replace(settings, lang="zh"), store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "A01", "1111")
            labels = [b.binding.description for b in app.screen.active_bindings.values()]
            assert "命令" in labels and "palette" not in labels
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
    finally:
        set_language("en")


async def test_the_heap_settles_after_the_first_sign_in_and_is_given_back_at_exit(settings, store):
    """counter/heap.py: from the first sign-in on, full collections wait for
    a pause in the typing; a process that goes on (the tests) gets the
    collector back as it was."""
    import gc

    threshold = gc.get_threshold()
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert not app.heap.settled
        await sign_in(pilot, "C01", "2222")
        await until(pilot, lambda: app.heap.settled, "the heap settled")
        assert gc.get_threshold()[2] > threshold[2] and gc.get_freeze_count() > 0
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0
