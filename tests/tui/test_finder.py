"""The assistant's sale screen: find, add, edit and write the slip by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from counter.app import make_app
from models import Product, Slip, SlipLine, SlipStatus
from screens.ask import Ask
from screens.choose import Choose
from screens.customer_picker import CustomerPicker
from screens.finder import FinderScreen
from screens.manager_pin import ManagerApproval
from tests.tui.helpers import open_flow, rows_of, settled, text_of, until

FRIDGE_BARCODE = "6901234500042"  # 西门子 对开门冰箱, BX-1


async def open_finder(pilot) -> FinderScreen:
    await open_flow(pilot, "A01", "1111", "f2", FinderScreen)
    screen = pilot.app.screen
    await until(pilot, lambda: screen.draft is not None, "the draft slip")
    return screen


async def add(pilot, typed: str) -> None:
    """Types into the search box and presses Enter: the hit goes on the slip."""
    screen = pilot.app.screen
    before = screen.draft.item_count
    await pilot.press(*typed, "enter")
    await until(pilot, lambda: screen.draft.item_count > before, f"{typed} on the slip")


def lines_in_store(store, slip_id: int) -> list[SlipLine]:
    with store.uow() as u:
        return list(u.session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id).order_by(SlipLine.line_no)))


def slip_in_store(store, slip_id: int) -> Slip:
    with store.uow() as u:
        return u.session.get(Slip, slip_id)


@pytest.mark.postgres
async def test_pinyin_initials_find_washing_machines(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await pilot.press(*"xyj")
        await until(pilot, lambda: screen.browser.results_for == "xyj", "results for xyj")
        names = {p.name for p in screen.browser.results}
        assert {"滚筒洗衣机", "波轮洗衣机", "洗烘一体机"} <= names
        assert all("洗" in name for name in names)
        results = screen.query_one("#results")
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any("滚筒洗衣机" in line for line in shown)
        # The card shows the highlighted hit, with price and stock.
        await until(pilot, lambda: screen.browser.results[0].name in text_of(pilot, "#card"), "the product card")
        card = text_of(pilot, "#card")
        assert screen.browser.results[0].model in card and "Available" in card


async def test_a_scanned_barcode_adds_its_line_and_an_unknown_one_adds_nothing(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, FRIDGE_BARCODE)
        assert "对开门冰箱" in rows_of(pilot, "#slip")[0]
        assert screen.query_one("#search").value == ""  # ready for the next scan
        [line] = lines_in_store(store, screen.draft.id)
        assert (line.name, line.quantity, line.amount_fen) == ("对开门冰箱", 1, 599900)
        # A misread scan must not add some product that merely contains the digits.
        await pilot.press(*"6901234599999", "enter")
        await until(pilot, lambda: "No goods with barcode" in text_of(pilot, "#message"), "the refusal")
        assert screen.query_one("#search").value == "6901234599999"
        assert len(lines_in_store(store, screen.draft.id)) == 1


async def test_quantity_edit_shows_the_total_in_figures_and_capitals(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "gtxyj")  # 滚筒洗衣机 ¥3,299.00
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the quantity question")
        # A bad quantity keeps the question open with what was typed.
        await pilot.press("0", "enter")
        await until(pilot, lambda: "whole number from 1" in text_of(pilot, "#message"), "the refusal")
        assert app.screen.query_one("#quantity").value == "0"
        assert lines_in_store(store, screen.draft.id)[0].quantity == 1
        await pilot.press("backspace", "2", "enter")
        await until(pilot, lambda: screen.draft.item_count == 2, "quantity 2")
        total = text_of(pilot, "#total")
        assert "¥6,598.00" in total and "⊗陆仟伍佰玖拾捌元整" in total
        assert "¥6,598.00" in rows_of(pilot, "#slip")[0]
        [line] = lines_in_store(store, screen.draft.id)
        assert (line.quantity, line.amount_fen) == (2, 659800)
        assert slip_in_store(store, screen.draft.id).total_fen == 659800


async def test_a_discount_past_the_limit_asks_for_a_manager_and_records_the_approver(settings, store, staff):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "gtxyj")  # list ¥3,299.00; A01 may give 5% off
        await add(pilot, "dfb")  # 电饭煲 ¥399.00
        # Within the limit: no manager.
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the discount question")
        await pilot.press(*"390", "enter")  # 2.3% off
        await until(pilot, lambda: screen.draft.lines[1].unit_price == 390, "the small discount")
        # Past it: a manager's code and PIN, then the price stands.
        await pilot.press("up", "f4")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the discount question")
        await pilot.press(*"3000", "enter")  # 9.1% off
        await until(pilot, lambda: isinstance(app.screen, ManagerApproval), "the manager's PIN")
        await pilot.press(*"M01", "enter", *"9999", "enter")
        await until(pilot, lambda: screen.draft.lines[0].unit_price == 3000, "the discounted price")
        assert "¥3,000.00 ↓9.1%" in rows_of(pilot, "#slip")[0]
        assert "¥3,390.00" in text_of(pilot, "#total") and "⊗叁仟叁佰玖拾元整" in text_of(pilot, "#total")
        big, small = lines_in_store(store, screen.draft.id)
        assert (big.list_price_fen, big.unit_price_fen, big.discount_approved_by_id) == (329900, 300000, staff["M01"].id)
        assert (small.unit_price_fen, small.discount_approved_by_id) == (39000, None)


async def test_a_suggestion_goes_on_the_slip_with_one_key(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "gtxyj")
        # The card now shows the washing machine; its accessory is suggested.
        await until(pilot, lambda: any(p and p.name == "洗衣机底座" for p in screen.browser.suggestions), "the accessory")
        highlighted = screen.query_one("#suggestions").highlighted
        suggested = screen.browser.suggestions[highlighted]
        await pilot.press("f5")
        await until(pilot, lambda: len(screen.draft.lines) == 2, "the suggestion on the slip")
        assert {line.product_id for line in lines_in_store(store, screen.draft.id)} >= {suggested.id}


async def test_hold_and_resume_bring_the_slip_back(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "dfb")  # 电饭煲
        held_id = screen.draft.id
        await pilot.press("f7")
        await until(pilot, lambda: screen.draft.id != held_id, "a fresh draft")
        assert rows_of(pilot, "#slip") == []
        assert "on hold" in text_of(pilot, "#message")
        assert slip_in_store(store, held_id).status == SlipStatus.HELD
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, Choose), "the held slips")
        await pilot.press("enter")
        await until(pilot, lambda: screen.draft.id == held_id, "the held slip back")
        assert "电饭煲" in rows_of(pilot, "#slip")[0]
        assert slip_in_store(store, held_id).status == SlipStatus.DRAFT


async def test_a_new_customer_is_added_and_set_on_the_slip(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "dfb")
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, CustomerPicker), "the customer finder")
        await pilot.press(*"13912345678")
        await until(pilot, lambda: "No customer matches" in text_of(pilot, "#message"), "no match")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the new customer form")
        assert app.screen.query_one("#phone").value == "13912345678"
        await pilot.press(*"张三", "enter", "enter", *"Beijing", "enter")
        await until(pilot, lambda: screen.draft.customer_name == "张三", "the customer on the slip")
        assert "customer: 张三" in text_of(pilot, "#total")
        assert slip_in_store(store, screen.draft.id).customer_id is not None


def reserved_by_sku(store) -> dict[str, int]:
    with store.uow() as u:
        return {p.sku: p.reserved for p in u.session.exec(select(Product)) if p.reserved}


@pytest.mark.postgres
async def test_writing_the_slip_numbers_it_and_reserves_stock_and_cancelling_releases_it(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        # The assistant's side of a 3-item sale: 5 + 1 keys, a scan, 3 + 1 keys, then F9.
        await add(pilot, "gtxyj")
        await add(pilot, FRIDGE_BARCODE)
        await add(pilot, "dfb")
        slip_id = screen.draft.id
        await pilot.press("f9")
        await until(pilot, lambda: screen.last_written is not None, "the written slip")
        number = screen.last_written.number
        assert number == "000001"
        assert str(screen.query_one("#written-number").value) == number
        assert screen.query_one("#written").display and not screen.query_one("#slip").display
        assert f"Slip {number} written" in text_of(pilot, "#message")
        written = slip_in_store(store, slip_id)
        assert (written.status, written.number, written.total_fen) == (SlipStatus.WRITTEN, number, 969700)
        assert reserved_by_sku(store) == {"XYJ-1": 1, "BX-1": 1, "DFB-1": 1}
        # With no printer set up, the paper slip is kept as a file and the screen says where.
        await until(pilot, lambda: any(number in str(n.message) for n in app._notifications), "the printed slip")
        assert list(Path(settings.documents_dir).rglob(f"*{number}*"))
        # A fresh, empty draft is open for the next customer.
        assert screen.draft.id != slip_id and screen.draft.lines == ()

        # The customer changes their mind before paying: the goods go back on sale.
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the cancel form")
        assert app.screen.query_one("#number").value == number
        await pilot.press("enter", *"changed mind", "enter")
        await until(pilot, lambda: "cancelled" in text_of(pilot, "#message"), "the cancellation")
        slip = slip_in_store(store, slip_id)
        assert (slip.status, slip.cancel_reason) == (SlipStatus.CANCELLED, "changed mind")
        assert reserved_by_sku(store) == {}


@pytest.mark.postgres
async def test_f9_puts_the_goods_typed_but_not_yet_added_on_the_slip_before_writing_it(settings, store):
    """A typed item is never left off the written slip (it was, silently), and
    the bench's 3-item cash sale is 14 actions: x y j ⏎ d k m ⏎ d f b F9, a scan, F10."""
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "xyj")
        await pilot.press(*"dfb")
        await until(pilot, lambda: screen.browser.results_for == "dfb", "the hits for dfb")
        slip_id = screen.draft.id
        await pilot.press("f9")
        await until(pilot, lambda: screen.last_written is not None, "the written slip")
        assert len(lines_in_store(store, slip_id)) == 2 and lines_in_store(store, slip_id)[1].name == "电饭煲"
        assert screen.query_one("#search").value == ""

        # Text that finds nothing writes nothing, and stays in the box to be put right.
        await add(pilot, "dfb")
        draft = screen.draft.id
        await pilot.press(*"zzzz", "f9")
        await until(pilot, lambda: "Nothing matches" in text_of(pilot, "#message"), "the refusal")
        assert slip_in_store(store, draft).status == SlipStatus.DRAFT
        assert screen.query_one("#search").value == "zzzz"


async def test_the_draft_comes_back_after_the_app_is_closed_and_started_again(settings, store):
    first = make_app(settings, store)
    async with first.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "gtxyj")
        await add(pilot, "dfb")
        draft_id = screen.draft.id
    again = make_app(settings, store)
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        assert screen.draft.id == draft_id
        rows = rows_of(pilot, "#slip")
        assert len(rows) == 2 and "滚筒洗衣机" in rows[0] and "电饭煲" in rows[1]
        assert "¥3,698.00" in text_of(pilot, "#total")


def painted(pilot, selector: str) -> str:
    """What the widget paints: its rendered lines, not only the data behind them."""
    widget = pilot.app.screen.query_one(selector)
    return "\n".join(strip.text for strip in widget.render_lines(widget.size.region))


async def test_enter_on_goods_already_on_the_slip_shows_one_more_and_stores_it(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, FRIDGE_BARCODE)
        await add(pilot, FRIDGE_BARCODE)
        await until(pilot, lambda: not screen.pending and "¥11,998.00" in painted(pilot, "#slip"), "quantity 2 painted")
        assert "¥11,998.00" in text_of(pilot, "#total")
        [line] = lines_in_store(store, screen.draft.id)
        assert (line.quantity, line.amount_fen) == (2, 1199800)
        assert slip_in_store(store, screen.draft.id).total_fen == 1199800


async def test_enter_adds_the_hit_empties_the_box_and_keeps_the_hits_until_something_new_is_typed(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await pilot.press(*"xyj")
        await until(pilot, lambda: screen.browser.results_for == "xyj" and screen.browser.results, "the hits for xyj")
        hits = list(screen.browser.results)
        await pilot.press("enter")
        await until(pilot, lambda: screen.draft.item_count == 1 and not screen.pending, "the hit on the slip")
        assert screen.query_one("#search").value == ""
        assert screen.browser.results == hits and screen.query_one("#results").option_count == len(hits)
        await pilot.press("enter")  # an empty box: Enter adds nothing
        await settled(pilot)
        assert screen.draft.item_count == 1 and len(lines_in_store(store, screen.draft.id)) == 1
        await pilot.press(*"dkm")
        await until(pilot, lambda: screen.browser.results_for == "dkm", "the new hits")
        assert all(p.id not in {h.id for h in hits} for p in screen.browser.results)


async def test_a_refused_add_puts_back_the_stored_line_and_says_why(settings, store, monkeypatch):
    from counter.errors import InvalidState
    from counter.services import slips

    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, FRIDGE_BARCODE)
        await pilot.press(*"BX-1")
        await until(pilot, lambda: screen.browser.results_for == "BX-1" and screen.browser.results, "the fridge found")

        def refused(*_args, **_kwargs):
            raise InvalidState("This slip was written at another counter.")

        monkeypatch.setattr(slips, "add_line", refused)
        await pilot.press("enter")
        await until(pilot, lambda: "written at another counter" in text_of(pilot, "#message"), "the refusal")
        await until(pilot, lambda: not screen.pending, "the edit settled")
        assert screen.draft.lines[0].quantity == 1
        assert "¥5,999.00" in painted(pilot, "#slip") and "¥11,998.00" not in painted(pilot, "#slip")
        assert "¥5,999.00" in text_of(pilot, "#total")
        [line] = lines_in_store(store, screen.draft.id)
        assert line.quantity == 1


async def test_quitting_while_an_add_is_being_stored_keeps_it_and_closes_cleanly(settings, store, monkeypatch):
    """Ctrl+Q right after Enter, while the store is slow to answer: the app
    closes without an error and the line is stored all the same."""
    import threading

    from counter.services import slips

    stored = slips.add_line
    answer, done = threading.Event(), threading.Event()

    def slow_add_line(*args, **kwargs):
        answer.wait(5)
        try:
            return stored(*args, **kwargs)
        finally:
            done.set()

    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, FRIDGE_BARCODE)
        await until(pilot, lambda: not screen.pending, "the first add stored")
        monkeypatch.setattr(slips, "add_line", slow_add_line)
        await pilot.press(*FRIDGE_BARCODE, "enter")
        await until(pilot, lambda: screen.pending, "the second add on its way")
        draft_id = screen.draft.id
        await pilot.press("ctrl+q")
        answer.set()
    # The process waits for the store's thread before it ends; so does the test.
    assert done.wait(5)
    [line] = lines_in_store(store, draft_id)
    assert line.quantity == 2


async def test_the_hit_list_scrollbar_comes_and_goes_with_the_hits_and_a_long_query_scrolls(settings, store):
    """The search box and hit lists skip Textual's screen-wide layout on every
    change of content (screens/fixed_size.py): their scrollbars still follow."""
    from decimal import Decimal

    from counter.services import catalog

    with store.uow() as uow:  # more kettles than the hit list has lines
        catalog.add_products(
            uow.session, None,
            [catalog.NewProduct(sku=f"KT-{n:02}", name="电水壶", model=f"KT-{n:02}", unit_price=Decimal("99")) for n in range(20)],
        )
        uow.commit()
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        results = screen.query_one("#results")
        search = screen.query_one("#search")
        await pilot.press(*"dsh")
        await until(pilot, lambda: screen.browser.results_for == "dsh", "results for dsh")
        await pilot.pause()
        assert results.option_count > results.scrollable_content_region.height
        assert results.show_vertical_scrollbar
        # Placed on the screen (a layout ran), with a thumb for all the hits.
        assert screen.find_widget(results.vertical_scrollbar).region.height == results.scrollable_content_region.height
        assert results.vertical_scrollbar.window_virtual_size == results.option_count
        await pilot.press("backspace", "backspace", "backspace")
        await until(pilot, lambda: results.option_count == 0, "the hits cleared")
        await pilot.pause()
        assert not results.show_vertical_scrollbar
        assert results.scrollable_content_region.width == results.content_region.width
        long_query = "洗衣机" + "x" * 120
        search.value = long_query
        search.cursor_position = len(long_query)
        await pilot.pause()
        assert search.scroll_x > 0  # the cursor end of the text is in view
        assert search.value == long_query


async def test_f11_brings_a_written_slip_back_to_be_changed_and_f9_writes_it_again_with_its_number(settings, store):
    """改单: the customer wants one fewer before paying. The assistant's F11
    offers the slip just written; it comes back on the finder with its
    number, a line is changed, and F9 writes it again, same number, new total."""
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await add(pilot, "xyj")
        await pilot.press("f2", "3", "enter")
        await until(pilot, lambda: screen.draft.item_count == 3, "three washers")
        slip_id = screen.draft.id
        await pilot.press("f9")
        await until(pilot, lambda: screen.last_written is not None, "the written slip")
        number = screen.last_written.number
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the slip number asked")
        assert app.screen.query_one("#number").value == number
        await pilot.press("enter")
        await until(pilot, lambda: screen.draft.id == slip_id, "the slip back on the finder")
        assert f"Slip {number} is back for changing" in text_of(pilot, "#message")
        assert f"Slip {number} being changed" in text_of(pilot, "#total")
        assert slip_in_store(store, slip_id).status == SlipStatus.DRAFT and reserved_by_sku(store) == {}
        await pilot.press("f2", "2", "enter")
        await until(pilot, lambda: screen.draft.item_count == 2, "one washer fewer")
        await pilot.press("f9")
        await until(pilot, lambda: screen.last_written is not None, "the slip written again")
        assert screen.last_written.number == number and f"Slip {number} written" in text_of(pilot, "#message")
    slip = slip_in_store(store, slip_id)
    (line,) = lines_in_store(store, slip_id)
    assert (slip.status, slip.number, line.quantity, slip.total_fen) == (SlipStatus.WRITTEN, number, 2, line.amount_fen)
    assert sum(reserved_by_sku(store).values()) == 2
