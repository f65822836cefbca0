"""E-fapiao requests (电子发票 开票申请): the outbox of what the tax platform
is asked to issue, each request shown ready to copy into the portal's form.

n asks for one for a paid slip; x exports what waits as the portal's batch
workbook; s marks one handed over by hand; i enters (or scans) the number
the platform issued; d marks it sent to the buyer; w withdraws one not yet
issued; c copies the highlighted request to the clipboard; a shows every
request or only the open ones.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from counter.domain.fapiao import State
from counter.domain.vat import rate_label
from counter.fapiao_export import Exported, export_requests, fapiao_folder
from counter.i18n import N_, _
from counter.money import fmt
from counter.services import fapiao
from counter.services.fapiao import Buyer, RequestView, state_label
from counter.services.slips import get_slip
from models import FapiaoKind
from models.clock import now
from screens.ask import Ask, Question
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable, plain_row

OPEN = (State.REQUESTED, State.SUBMITTED, State.ISSUED)


def copy_text(r: RequestView) -> str:
    """The request as lines to paste into the portal's form, field by field."""
    rows = [
        f"购买方名称\t{r.buyer.name}",
        f"纳税人识别号\t{r.buyer.tax_id}",
        f"地址电话\t{r.buyer.address}",
        f"开户行及账号\t{r.buyer.bank}",
        f"手机\t{r.buyer.phone}",
        f"邮箱\t{r.buyer.email}",
    ]
    if r.kind == FapiaoKind.RED:
        rows.append(f"被红冲蓝字发票号码\t{r.original_number}")
    rows.append("项目名称\t商品和服务税收分类编码\t规格型号\t单位\t数量\t单价(含税)\t金额(含税)\t税率\t税额")
    for l in r.lines:
        rows.append("\t".join((
            l.name, l.tax_code, l.spec, l.unit, str(l.quantity or ""), f"{l.unit_price:.2f}" if l.unit_price else "",
            f"{l.amount:.2f}", rate_label(l.rate_bp), f"{l.tax:.2f}",
        )))
    rows.append(f"价税合计\t{r.total:.2f}\t税额\t{r.tax:.2f}")
    rows.append(f"备注\t{r.remarks}")
    return "\n".join(rows)


class FapiaoScreen(CounterScreen[None]):
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("n", "new", N_("New")),
        Binding("x", "export", N_("Export")),
        Binding("s", "submitted", N_("Submitted")),
        Binding("i", "issued", N_("Issued no.")),
        Binding("d", "delivered", N_("Sent")),
        Binding("w", "withdraw", N_("Withdraw")),
        Binding("c", "copy", N_("Copy")),
        Binding("a", "toggle_all", N_("All / open")),
    ]
    CSS_PATH = "fapiao.tcss"

    def __init__(self, slip_number: str = "") -> None:
        super().__init__()
        self.rows: list[RequestView] = []
        self.all = False
        # Opened for a slip just paid: the form asks for that slip's request.
        self.slip_number = slip_number

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield PlainTable(id="requests", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="detail-box"):
            yield Static("", id="detail")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#requests", DataTable)
        table.add_columns(_("Request"), _("State"), _("Slip"), _("Buyer"), _("Total"), _("E-fapiao number"))
        table.focus()
        self.reload()
        if self.slip_number:
            self.action_new()

    def say(self, message: str, error: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(error, "error")
        widget.set_class(not error and bool(message), "done")

    def store_failed(self, error: str) -> None:
        self.say(error, error=True)

    def reload(self, select: str = "") -> None:
        store, actor, states = self.store, self.actor, () if self.all else OPEN
        self.run_store(lambda: fapiao.requests(store.uow(), actor, states=states),
                       lambda rows: self.show_rows(rows, select), group="list", exclusive=True)

    def show_rows(self, rows: list[RequestView], select: str = "") -> None:
        self.rows = rows
        table = self.query_one("#requests", DataTable)
        row = table.cursor_row
        table.clear()
        for r in rows:
            state = state_label(r.state)
            if r.last_error:
                state = _("refused")
            table.add_row(
                f"{r.number} {_('red') if r.kind == FapiaoKind.RED else ''}".strip(), state, r.slip_number,
                r.buyer.name, Text(fmt(r.total), justify="right"), r.fapiao_number,
            )
        numbers = [r.number for r in rows]
        if select in numbers:
            row = numbers.index(select)
        if rows:
            table.move_cursor(row=min(max(row, 0), len(rows) - 1))
        self.show_detail()

    @on(DataTable.RowHighlighted, "#requests")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()  # the keys follow the request's state

    def chosen(self, quiet: bool = False) -> RequestView | None:
        row = self.query_one("#requests", DataTable).cursor_row
        if 0 <= row < len(self.rows):
            return self.rows[row]
        if not quiet:
            self.say(_("No request chosen: press n to ask for one."), error=True)
        return None

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        r = self.chosen(quiet=True)
        if r is None:
            detail.update(_("No e-fapiao request is open. Press n to ask for one for a paid slip, a to see all."))
            return
        detail.update(self.render_request(r))

    def render_request(self, r: RequestView) -> Group:
        head = Table.grid(padding=(0, 2))
        head.add_column(style="dim", no_wrap=True)
        head.add_column()
        kind = _("Red reversal of {number}").format(number=r.original_number) if r.kind == FapiaoKind.RED else ""
        plain_row(head, _("Request"), f"{r.number}  {state_label(r.state)}  {kind}".strip())
        plain_row(head, _("Buyer"), r.buyer.name)
        if r.buyer.tax_id:
            plain_row(head, _("Taxpayer number"), r.buyer.tax_id)
        for label, value in ((_("Address, phone"), r.buyer.address), (_("Bank, account"), r.buyer.bank),
                             (_("Send to"), " ".join(v for v in (r.buyer.phone, r.buyer.email) if v))):
            if value:
                plain_row(head, label, value)
        if r.fapiao_number:
            plain_row(head, _("E-fapiao number"), f"{r.fapiao_number}  {r.red_form_number}".strip())
        if r.last_error:
            head.add_row(_("Refused"), Text(r.last_error, style="bold red"))
        lines = Table(header_style="bold", expand=True, box=None)
        lines.add_column(_("Item"), ratio=1, min_width=16)
        for heading in (_("Qty"), _("Price"), _("Amount"), _("Rate"), _("Tax")):
            lines.add_column(heading, justify="right", no_wrap=True)
        for l in r.lines:
            item = Text(l.name)
            item.append(f"  ({_('discount')})" if l.discount else f"\n{l.tax_code} {l.spec} {l.unit}", style="dim")
            lines.add_row(item, str(l.quantity or ""), fmt(l.unit_price) if l.unit_price else "", fmt(l.amount),
                          rate_label(l.rate_bp), fmt(l.tax))
        foot = Text(_("Total {total}   tax {tax}   net {net}").format(total=fmt(r.total), tax=fmt(r.tax), net=fmt(r.net)),
                    style="bold")
        return Group(head, lines, foot, Text(f"{_('Remarks')}: {r.remarks}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        r = self.chosen(quiet=True) if self.is_mounted else None
        needs = {
            "submitted": (State.REQUESTED,),
            "issued": (State.SUBMITTED,),
            "delivered": (State.ISSUED,),
            "withdraw": (State.REQUESTED, State.SUBMITTED),
        }
        if action in needs:
            return r is not None and r.state in needs[action]
        if action == "copy":
            return r is not None
        return True

    def action_new(self) -> None:
        from screens.fapiao_buyer import BuyerForm

        store, actor = self.store, self.actor

        def make(slip_number: str, buyer: Buyer) -> RequestView:
            slip = get_slip(store.uow(), number=slip_number)
            return fapiao.request_fapiao(store.uow(), actor, slip.id, buyer)

        def made(request: RequestView | None) -> None:
            if request is not None:
                self.say(_("Request {number} for slip {slip} is in the outbox.").format(
                    number=request.number, slip=request.slip_number))
                self.reload(select=request.number)

        self.app.push_screen(BuyerForm(make, self.slip_number), made)
        self.slip_number = ""

    def action_export(self) -> None:
        store, actor, settings = self.store, self.actor, self.counter.settings

        def exported(done: Exported) -> None:
            if done.path is None:
                self.say(_("No e-fapiao request waits for the platform."))
                return
            self.say(_("{n} request(s) written to {path} for the portal's batch import ({marked} newly marked submitted).")
                     .format(n=done.requests, path=done.path, marked=done.marked))
            self.reload()

        self.run_store(lambda: export_requests(store, settings, actor, now().date()), exported)

    def _changed(self, view: RequestView, message: str = "") -> None:
        self.say(message or _("{number} is now {state}.").format(number=view.number, state=state_label(view.state)))
        self.reload(select=view.number)

    def action_submitted(self) -> None:
        r = self.chosen()
        if r is not None:
            store, actor = self.store, self.actor
            self.run_store(lambda: fapiao.mark_submitted(store.uow(), actor, [r.id])[0],
                           self._changed)

    def action_delivered(self) -> None:
        r = self.chosen()
        if r is not None:
            store, actor = self.store, self.actor
            self.run_store(lambda: fapiao.mark_delivered(store.uow(), actor, r.id),
                           self._changed)

    def action_withdraw(self) -> None:
        r = self.chosen()
        if r is None:
            return
        store, actor = self.store, self.actor

        def done(view: RequestView | None) -> None:
            if view is not None:
                self._changed(view, _("{number} is withdrawn; ask again with n if the buyer needs one.").format(
                    number=view.number))

        self.app.push_screen(
            Ask.one(_("Withdraw request {number}").format(number=r.number),
                    lambda reason: fapiao.withdraw(store.uow(), actor, r.id, reason), label=_("Why")),
            done,
        )

    def action_issued(self) -> None:
        r = self.chosen()
        if r is None:
            return
        store, actor, keep_in = self.store, self.actor, fapiao_folder(self.counter.settings)
        questions = [Question("number", _("E-fapiao number (20 digits; type or scan)"), restrict=r"[0-9 ]*", scan=True,
                              max_length=24)]
        if r.kind == FapiaoKind.RED:
            questions.append(Question("red_form", _("Red-letter confirmation form number (红字确认单编号)"), max_length=32))
        questions.append(Question("file", _("Its PDF or OFD file (optional)"), placeholder="~/Downloads/dzfp.pdf",
                                  max_length=400))

        def submit(values: dict[str, str], _approver) -> RequestView:
            from pathlib import Path

            file = Path(values["file"].strip()).expanduser() if values["file"].strip() else None
            return fapiao.record_issued(store.uow(), actor, r.id, values["number"], values.get("red_form", ""), file,
                                        keep_in)

        def done(view: RequestView | None) -> None:
            if view is not None:
                self._changed(view, _("{number} is issued: e-fapiao {fapiao}.").format(
                    number=view.number, fapiao=view.fapiao_number))

        self.app.push_screen(Ask(_("The number the platform issued for {number}").format(number=r.number),
                                 questions, submit), done)

    def action_copy(self) -> None:
        r = self.chosen()
        if r is not None:
            self.app.copy_to_clipboard(copy_text(r))
            self.say(_("{number} copied: paste it into the portal's form.").format(number=r.number))

    def action_toggle_all(self) -> None:
        self.all = not self.all
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
