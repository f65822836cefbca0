"""Printing a slip, receipt or invoice: the one call the screens and the CLI
make after payment, after issuing, or to reprint.

    outcome = print_document(store.uow(), settings, "receipt", "000123", after_payment=True)
    show(outcome.message)

The document is first saved in the documents folder (a PDF; a receipt also
as text), then sent to the printer configured for it. A printer that is
missing or fails never raises: the outcome says what went wrong and where
the kept copy is, and the document can be printed again at any time from
the store. Errors in what was asked for (no such slip, an unpaid slip's
receipt) are raised as CounterError, like any service's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from counter.auth import Actor, require
from counter.config import Settings
from counter.errors import BadInput, InvalidState
from counter.i18n import _
from counter.store.uow import UnitOfWork


class DocKind(StrEnum):
    INVOICE = "invoice"
    SLIP = "slip"
    RECEIPT = "receipt"
    REFUND = "refund"  # 退款单, on the receipt printer


# Printed on the receipt printer's roll: text and ESC/POS besides the PDF.
ROLL_DOCUMENTS = (DocKind.RECEIPT, DocKind.REFUND)


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool  # False: the printer did not take it (the copy is still kept)
    path: Path | None  # the copy kept on disk (None only if even saving failed)
    printer: str  # the target it went to: folder, lp:QUEUE, escpos-net:...
    message: str  # what to show the person at the counter


@dataclass(frozen=True)
class Rendered:
    """One document in every form its printers take."""

    kind: DocKind
    stem: str  # file name without suffix: invoice-00000012
    title: str
    pdf: bytes
    text: str
    escpos: bytes = b""


@dataclass(frozen=True)
class Document:
    """A document some money made: what the counter prints once it is stored.
    Every result that moves money lists its documents (PaymentResult,
    ReturnView, an issued invoice), and the screens print that list through
    one helper (screens.documents.print_documents), so none is forgotten."""

    kind: DocKind
    number: str
    after_payment: bool = False


def kind_of(text: str) -> DocKind:
    try:
        return DocKind(text.strip().lower())
    except ValueError:
        raise BadInput(_("A document is an invoice, a slip, a receipt or a refund, not {kind!r}.").format(
            kind=text)) from None


def render(
    uow: UnitOfWork, settings: Settings, kind: DocKind | str, number: str | int, *,
    width: int | None = None, after_payment: bool = False,
) -> Rendered:
    """The document read from the store and rendered; raises CounterError if
    there is no such document or it cannot be printed yet."""
    from receipts import invoice as invoice_doc
    from receipts import receipt as receipt_doc
    from receipts import slip as slip_doc
    from receipts.shop import Shop

    kind = kind_of(str(kind))
    shop = Shop.of(settings)
    if kind == DocKind.INVOICE:
        from counter.services.invoices import get_invoice, parse_invoice_number

        view = get_invoice(uow, parse_invoice_number(str(number)))
        pdf = io.BytesIO()
        invoice_doc.render_pdf(view, shop, pdf)
        return Rendered(kind, f"invoice-{view.number_text}", f"发票 {view.number_text}", pdf.getvalue(),
                        invoice_doc.text(view, shop))
    if kind == DocKind.REFUND:
        return _refund(uow, settings, shop, str(number), width)
    from counter.services.customers import mask_phone
    from counter.services.payments import payments_of
    from counter.services.slips import get_slip

    slip = get_slip(uow, number=str(number))
    # Slip and receipt go home with the customer: the phone masked. The
    # delivery address stays on the slip, the paper the goods go out with.
    if slip.delivery_phone:
        slip = replace(slip, delivery_phone=mask_phone(slip.delivery_phone))
    paid = payments_of(uow, slip.id)
    if kind == DocKind.SLIP:
        pdf = io.BytesIO()
        slip_doc.render_pdf(slip, paid, shop, pdf)
        return Rendered(kind, f"slip-{slip.number}", f"销售单 {slip.number}", pdf.getvalue(),
                        slip_doc.text(slip, paid, shop))
    if not paid:
        raise InvalidState(
            _("Slip {number} has not been paid: a receipt is printed after payment.").format(number=slip.number)
        )
    width = width or settings.printers.receipt_width
    if width not in receipt_doc.COLUMNS:
        raise BadInput(_("Receipt paper is 58 or 80 mm wide, not {width}.").format(width=width))
    from counter.services.serials import serials_of_slip

    lines = receipt_doc.lines(slip, paid, shop, width, reprint=not after_payment,
                              serials=serials_of_slip(uow, slip.id))
    cash = any(str(p.tender) == "cash" for p in paid)
    pdf = io.BytesIO()
    receipt_doc.render_pdf(lines, pdf, width)
    return Rendered(
        kind, f"receipt-{slip.number}-{width}mm", f"小票 {slip.number}", pdf.getvalue(),
        receipt_doc.text(lines, width), receipt_doc.escpos(lines, kick_drawer=after_payment and cash),
    )


def _refund(uow: UnitOfWork, settings: Settings, shop, number: str, width: int | None) -> Rendered:
    from counter.services.returns import get_return
    from receipts import receipt as receipt_doc
    from receipts import refund as refund_doc

    view = get_return(uow, number)
    width = width or settings.printers.receipt_width
    if width not in receipt_doc.COLUMNS:
        raise BadInput(_("Receipt paper is 58 or 80 mm wide, not {width}.").format(width=width))
    lines = refund_doc.lines(view, shop, width)
    pdf = io.BytesIO()
    receipt_doc.render_pdf(lines, pdf, width)
    # The drawer opens for a cash refund when it is taken, not on a reprint.
    return Rendered(DocKind.REFUND, f"refund-{view.number}-{width}mm", f"退款单 {view.number}", pdf.getvalue(),
                    receipt_doc.text(lines, width), receipt_doc.escpos(lines, kick_drawer=False))


def keep(doc: Rendered, folder: Path) -> Path:
    """Saves the PDF (and a receipt's text) in the documents folder; a reprint
    writes over the same file, so the folder holds each document once."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc.stem}.pdf"
    _write(path, doc.pdf)
    if doc.kind in ROLL_DOCUMENTS:
        _write(folder / f"{doc.stem}.txt", doc.text.encode("utf-8"))
    return path


def _write(path: Path, data: bytes) -> None:
    side = path.with_name(path.name + ".part")
    side.write_bytes(data)
    side.replace(path)


def write_to(doc: Rendered, path: Path) -> Path:
    """The document written where the person asked, in the form its suffix
    names: .pdf, .txt, or .escpos/.bin for a receipt's printer bytes."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        data = doc.pdf
    elif suffix == ".txt":
        data = doc.text.encode("utf-8")
    elif suffix in (".escpos", ".bin") and doc.kind in ROLL_DOCUMENTS:
        data = doc.escpos
    else:
        allowed = ".pdf, .txt, .escpos" if doc.kind in ROLL_DOCUMENTS else ".pdf or .txt"
        raise BadInput(_("Write a {kind} to a file ending {allowed}, not {path}.").format(
            kind=doc.kind.value, allowed=allowed, path=path.name))
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, data)
    return path


def deliver(doc: Rendered, settings: Settings) -> PrintOutcome:
    """Keeps the document, then sends it to its printer. Never raises for a
    printer or a folder that fails; the outcome says what happened."""
    from receipts.printers import PrinterFailed, send_escpos, send_lp

    target = settings.printers.target(DocKind.RECEIPT.value if doc.kind in ROLL_DOCUMENTS else doc.kind.value)
    folder = Path(settings.documents_dir)
    try:
        path: Path | None = keep(doc, folder)
        kept = _("A copy is kept at {path}.").format(path=path)
    except OSError as e:
        path = None
        kept = _("It could not be saved in {folder} ({why}); print it again from the store.").format(
            folder=folder, why=e.strerror or e)
    if target.kind == "folder":
        if path is None:
            return PrintOutcome(False, None, str(target), _("Not saved: no printer is set for it. {kept}").format(kept=kept))
        return PrintOutcome(True, path, str(target), _("Saved to {path}.").format(path=path))
    try:
        if target.escpos:
            send_escpos(target, doc.escpos)
        else:
            send_lp(target, doc.pdf, doc.title)
    except PrinterFailed as e:
        return PrintOutcome(False, path, str(target), _("Not printed on {printer}: {why} {kept}").format(
            printer=target, why=e, kept=kept))
    return PrintOutcome(True, path, str(target), _("Sent to {printer}. {kept}").format(printer=target, kept=kept))


def print_document(
    uow: UnitOfWork, settings: Settings, kind: DocKind | str, number: str | int, *,
    width: int | None = None, to: Path | None = None, after_payment: bool = False,
) -> PrintOutcome:
    """Renders the document from the store and prints it (or, with `to`,
    writes it to that file only). `after_payment`: the receipt printed right
    after take_payment kicks the drawer open for a cash sale; a reprint does
    not, and says 重印 on it."""
    doc = render(uow, settings, kind, number, width=width, after_payment=after_payment)
    if to is not None:
        try:
            path = write_to(doc, to)
        except OSError as e:
            return PrintOutcome(False, None, str(to), _("Could not write {path}: {why}").format(
                path=to, why=e.strerror or e))
        return PrintOutcome(True, path, str(to), _("Written to {path}.").format(path=path))
    return deliver(doc, settings)


def print_test_page(settings: Settings, kind: DocKind | str) -> PrintOutcome:
    """A short page to the printer set for `kind`: checks the link, the
    paper and the Chinese characters before a customer is waiting."""
    from models.clock import now
    from receipts import pdfkit
    from receipts import receipt as receipt_doc

    kind = kind_of(str(kind))
    width = settings.printers.receipt_width
    lines = [
        receipt_doc.Line(settings.shop_name, "bold", True),
        receipt_doc.Line("打印测试 PRINTER TEST", centred=True),
        receipt_doc.Line(f"{kind.value} · {settings.printers.target(kind.value)}"),
        receipt_doc.Line(f"{now():%Y-%m-%d %H:%M:%S}"),
        receipt_doc.Line("洗衣机 冰箱 电饭煲 ￥1,280.50"),
        receipt_doc.Line("⊗壹仟贰佰捌拾元伍角整"),
        receipt_doc.Line("-" * receipt_doc.COLUMNS[width]),
    ]
    pdf = io.BytesIO()
    if kind == DocKind.RECEIPT:
        receipt_doc.render_pdf(lines, pdf, width)
    else:
        c = pdfkit.new_canvas(pdf, "打印测试")
        for i, line in enumerate(lines):
            c.setFont(pdfkit.FONT, 14)
            c.drawString(pdfkit.MARGIN, pdfkit.PAGE[1] - pdfkit.MARGIN - 24 * (i + 1), line.text)
        c.showPage()
        c.save()
    doc = Rendered(kind, f"test-{kind.value}", "打印测试", pdf.getvalue(), receipt_doc.text(lines, width),
                   receipt_doc.escpos(lines, kick_drawer=False))
    return deliver(doc, settings)


def open_drawer(uow: UnitOfWork, settings: Settings, actor: Actor, reason: str) -> PrintOutcome:
    """Opens the cash drawer on the receipt printer's drawer port, without
    printing. The opening is audited first (who, when, why); raises only for
    permission or a missing reason."""
    from counter.services.drawer import open_drawer as record_opening
    from receipts.printers import PrinterFailed, send_escpos
    from receipts.receipt import drawer_kick

    opening = record_opening(uow, actor, reason)
    target = settings.printers.target("receipt")
    if uow.station is not None and uow.station.drawer:  # a station's drawer on a printer of its own
        from receipts.printers import parse_target

        target = parse_target(uow.station.drawer)
    if not target.escpos:
        return PrintOutcome(False, None, str(target), _(
            "Opening recorded ({at:%H:%M}), but no drawer is connected: the receipt printer is {printer}, "
            "not an ESC/POS printer. Open the drawer by its key.").format(at=opening.at, printer=target))
    try:
        send_escpos(target, drawer_kick())
    except PrinterFailed as e:
        return PrintOutcome(False, None, str(target), _(
            "Opening recorded, but the drawer did not open: {why} Open it by its key.").format(why=e))
    return PrintOutcome(True, None, str(target), _("Drawer opened ({at:%H:%M}) — recorded: {reason}.").format(
        at=opening.at, reason=opening.reason))


def print_for(actor: Actor, uow: UnitOfWork, settings: Settings, kind: DocKind | str, number: str | int,
              **options) -> PrintOutcome:
    """print_document for someone signed in: customer documents carry names,
    addresses and phones, so only the roles that print them may."""
    require(actor, "print_documents")
    return print_document(uow, settings, kind, number, **options)
