"""Finding goods on the sale screen (介绍 · 建议): the hits for what is typed,
the product card, and the suggestions for the goods on the card.

A widget that owns its data and reads the store off the UI thread; it tells
the screen what the assistant chose by messages (Chosen, Refused), and the
screen tells it what was typed (find), where to move (move) and which goods
changed at other counters (restock_changed)."""

from __future__ import annotations

import asyncio

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from counter.errors import CounterError, NotFound
from counter.i18n import _
from counter.money import fmt
from counter.services import catalog
from counter.services.catalog import ProductView
from counter.services.goods_lines import promotion_label
from screens.base import StoreAccess
from screens.fixed_size import FixedOptionList


def kind_label(kind: str) -> str:
    return {
        "alternative": _("Alternatives (same kind, near price)"),
        "accessory": _("Accessories"),
        "together": _("Often bought together"),
        "promotion": _("On promotion"),
    }[kind]


def product_line(p: ProductView) -> Text:
    """One line of a list: enough to tell variants apart (the card has the rest)."""
    text = Text()
    text.append(f"{p.brand} {p.name} {p.model}".strip(), style="bold")
    text.append(f" {p.colour} ")
    text.append(fmt(p.unit_price), style="bold")
    text.append(" " + _("({n} left)").format(n=p.available), style="dim" if p.available > 0 else "red")
    return text


def product_card(p: ProductView) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    grid.add_row(Text(_("Product")), Text(f"{p.brand} {p.name}", style="bold"))
    grid.add_row(Text(_("Model")), Text(p.model))
    grid.add_row(Text(_("Spec")), Text(p.spec))
    grid.add_row(Text(_("Colour")), Text(p.colour))
    grid.add_row(Text(_("Price")), Text(fmt(p.unit_price), style="bold"))
    grid.add_row(Text(_("Promotion")), Text(promotion_label(p.promotion) or "—", style="bold yellow" if p.promotion else ""))
    grid.add_row(Text(_("On hand")), Text(str(p.stock_on_hand)))
    grid.add_row(Text(_("Available")), Text(str(p.available), style="bold" if p.available > 0 else "bold red"))
    grid.add_row(Text(_("Function")), Text(p.function or "—"))
    grid.add_row(Text(_("Strengths")), Text(p.strengths or "—"))
    return grid


class GoodsBrowser(StoreAccess, Horizontal):
    class Chosen(Message):
        """Goods picked from the hits or the suggestions: the screen adds them."""

        def __init__(self, product: ProductView) -> None:
            super().__init__()
            self.product = product

    class Refused(Message):
        """What the assistant asked for could not be done: the screen says why."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[ProductView] = []
        self.results_for: str | None = None  # the query the hits are for
        self.suggestions: list[ProductView | None] = []  # None: a heading
        self.on_card: ProductView | None = None

    def compose(self) -> ComposeResult:
        yield FixedOptionList(id="results")
        yield Static(id="card", markup=False)
        yield FixedOptionList(id="suggestions")

    def on_mount(self) -> None:
        self.query_one("#results").border_title = _("Goods")
        self.query_one("#card").border_title = _("Product")
        self.query_one("#suggestions").border_title = _("Suggestions (F5 adds)")

    def on_show(self) -> bool:
        """Still on show after a wait in a thread (the app may be closing)."""
        return self.app.is_running and self.is_attached

    # --- what the screen asks -------------------------------------------

    def find(self, query: str) -> None:
        """The hits for `query`, as it is typed; "" clears them."""
        if query:
            self.search(query)
            return
        self.workers.cancel_group(self, "search")
        self.results, self.results_for = [], None
        self.query_one("#results", OptionList).clear_options()

    def hit_for(self, query: str) -> ProductView | None:
        """The highlighted hit, if the hits are for `query`."""
        highlighted = self.query_one("#results", OptionList).highlighted
        if self.results_for != query or highlighted is None or highlighted >= len(self.results):
            return None
        return self.results[highlighted]

    def move(self, step: int) -> bool:
        """Up/Down through the hits; False when there are none to move through."""
        if not self.results:
            return False
        results = self.query_one("#results", OptionList)
        results.highlighted = max(0, min(len(self.results) - 1, (results.highlighted or 0) + step))
        return True

    def suggestion(self) -> ProductView | None:
        highlighted = self.query_one("#suggestions", OptionList).highlighted
        return self.suggestions[highlighted] if highlighted is not None else None

    def show_product(self, product: ProductView) -> None:
        if product == self.on_card:
            return  # already there, with its suggestions: drawing it again only costs time
        self.on_card = product
        self.query_one("#card", Static).update(product_card(product))
        self.suggest(product.id)

    def restock_changed(self, product_ids: set[int]) -> None:
        """Goods sold, reserved or taken back at another counter: those on show
        here are read again (only those)."""
        shown = {p.id for p in self.results} & product_ids
        if shown:
            self.restock(shown)

    # --- the store, off the UI thread -----------------------------------

    @work(exclusive=True, group="search")
    async def search(self, query: str) -> None:
        # A short pause first: a burst of keys (or a scanner) searches once,
        # and a newer key press cancels this search before it starts.
        await asyncio.sleep(0.04)
        try:
            found = await self.in_thread(catalog.find_products, self.store.uow(), query)
        except CounterError as e:
            if self.on_show():
                self.post_message(self.Refused(str(e)))
            return
        if not self.on_show():
            return
        self.results, self.results_for = found, query
        results = self.query_one("#results", OptionList)
        results.set_options(Option(product_line(p), id=str(i)) for i, p in enumerate(found))
        if found:
            results.highlighted = 0
        else:
            results.add_option(Option(Text(_("Nothing matches {query!r}.").format(query=query), style="red"), disabled=True))

    @work(group="stock")
    async def restock(self, product_ids: set[int]) -> None:
        fresh = {}
        for product_id in product_ids:
            try:
                fresh[product_id] = await self.in_thread(catalog.get_product, self.store.uow(), product_id)
            except NotFound:
                continue
            except CounterError:
                return  # stock figures stay as shown; the next change tries again
        if not self.on_show():
            return
        results = self.query_one("#results", OptionList)
        for i, product in enumerate(self.results):
            if product.id in fresh and i < results.option_count:
                self.results[i] = fresh[product.id]
                results.replace_option_prompt_at_index(i, product_line(fresh[product.id]))
        if self.on_card is not None and self.on_card.id in fresh:
            self.on_card = fresh[self.on_card.id]
            self.query_one("#card", Static).update(product_card(self.on_card))

    @work(exclusive=True, group="suggest")
    async def suggest(self, product_id: int) -> None:
        await asyncio.sleep(0.04)  # moving through results quickly asks once
        try:
            recs = await self.in_thread(catalog.recommend, self.store.uow(), product_id)
        except CounterError:
            return  # no suggestions this time (gone goods, or the store failing)
        if not self.on_show():
            return
        options: list[Option] = []
        self.suggestions = []
        kind = None
        for k, product in recs.all():
            if k != kind:
                kind = k
                options.append(Option(Text(kind_label(k), style="bold underline"), disabled=True))
                self.suggestions.append(None)
            options.append(Option(product_line(product)))
            self.suggestions.append(product)
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.set_options(options)
        if len(options) > 1:
            suggestions.highlighted = 1

    # --- the assistant's picks ------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_product(self.results[int(event.option.id)])

    @on(OptionList.OptionSelected, "#results")
    def _result_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.post_message(self.Chosen(self.results[int(event.option.id)]))

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_chosen(self) -> None:
        self.choose_suggestion()

    def choose_suggestion(self) -> None:
        product = self.suggestion()
        if product is None:
            self.post_message(self.Refused(_("No suggestion to add: find a product first.")))
            return
        self.post_message(self.Chosen(product))
