"""The invoice PDF (3 copies, 10 lines) and the ESC/POS receipt bytes of a
paid sale, rendered from the views the services return."""

from __future__ import annotations

import io
from decimal import Decimal

from bench.context import Run
from bench.harness import Figure, median, ms, timed

INVOICE_TIMES = 30
RECEIPT_LIMIT = 0.002  # seconds
LINES = 10


def _paid_sale(run: Run, lines: int):
    """A paid slip of `lines` different goods, and the invoice issued for it."""
    from bench.figures.sale import _goods, _open_shift
    from counter.services import invoices, payments, slips
    from models import Tender

    store = run.data.store
    assistant, cashier = run.data.staff["A01"], run.data.staff["C01"]
    _open_shift(run, cashier)
    draft = slips.current_draft(store.uow(), assistant)
    for pid in _goods(run, 200)[-lines:]:
        slips.add_line(store.uow(), assistant, draft.id, pid)
    written = slips.write_slip(store.uow(), assistant, draft.id)
    handed = (written.total / 100).to_integral_value(rounding="ROUND_CEILING") * 100 + 100
    payments.take_payment(store.uow(), cashier, written.id, [payments.TenderIn(Tender.CASH, Decimal(handed))])
    invoice = invoices.issue_invoice(
        store.uow(), cashier, written.id, invoices.InvoiceDetails("上海申达贸易有限公司", "上海市黄浦区南京东路100号", "021-63211234")
    )
    return written, invoice


def invoice_and_receipt(run: Run) -> list[Figure]:
    from reportlab.pdfgen.canvas import Canvas

    from counter.services.payments import payments_of
    from counter.services.slips import get_slip
    from receipts import invoice as invoice_doc
    from receipts import pdfkit
    from receipts import receipt as receipt_doc
    from receipts.shop import Shop

    repeat = run.repeat(15, 2)
    written, invoice = _paid_sale(run, LINES)
    shop = Shop.of(run.data.settings)
    # Registering the embedded Chinese font is once per process, for the
    # floor and the invoice alike, so it is done here, outside the timings.
    pdfkit.register_fonts(mono=True)

    def floor_pdf() -> None:
        c = Canvas(io.BytesIO(), pageCompression=1)
        c.setFont(pdfkit.FONT, 12)
        c.drawString(72, 720, "发票 Counter 00000001 ¥1,280.50")
        c.showPage()
        c.save()

    def invoice_pdf() -> None:
        invoice_doc.render_pdf(invoice, shop, io.BytesIO())

    floor_pdf()
    invoice_pdf()
    floor = median(timed(floor_pdf, repeat * 3))
    took = median(timed(invoice_pdf, repeat))

    slip = get_slip(run.data.store.uow(), slip_id=written.id)
    paid = payments_of(run.data.store.uow(), written.id)

    def receipt_bytes() -> bytes:
        return receipt_doc.escpos(receipt_doc.lines(slip, paid, shop, 80), kick_drawer=True)

    receipt_bytes()
    receipt = median(timed(receipt_bytes, repeat * 20))
    size = len(receipt_bytes())
    return [
        Figure(
            f"invoice PDF, 3 copies, {LINES} lines ({len(invoice_doc.COPIES) * 2} pages)",
            f"reportlab: one line of text to a PDF, same font: {ms(floor)}",
            f"≤ {INVOICE_TIMES}× floor ({ms(INVOICE_TIMES * floor)})",
            result=f"{ms(took)} ({took / floor:.1f}× floor)",
            note="font registered once outside the loop; the invoice view is read once, rendering is timed",
            numbers={"seconds": took, "floor": floor, "ratio": took / floor},
        ).judge(took <= INVOICE_TIMES * floor),
        Figure(
            f"ESC/POS receipt bytes ({LINES} lines, 80 mm, drawer kick)",
            "—",
            f"≤ {ms(RECEIPT_LIMIT)}",
            result=f"{ms(receipt)} ({size:,} bytes)",
            numbers={"seconds": receipt, "bytes": size},
        ).judge(receipt <= RECEIPT_LIMIT),
    ]
