"""Documents rendered from a real sale and read back: the invoice's copies
and fields through pdftotext, the slip's stamp, the receipt's ESC/POS bytes
from python-escpos' Dummy printer, and printers that fail."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from counter.auth import actor_of
from counter.config import Printers, Settings
from counter.printing import DocKind, print_document, render
from counter.store import Store
from models import Product, Staff
from receipts import columns
from receipts import receipt as receipt_doc
from receipts.invoice import qr_payload
from receipts.shop import Shop
from tests.conftest import _seed
from tests.integration.documents_sale import CUSTOMER, make_sale, write


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        # .ci/run installs it, so CI always reads the PDFs back.
        pytest.skip(f"{tool} is missing: apt-get install poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, check=True).stdout.decode("utf-8")


@pytest.fixture(scope="module")
def sold(tmp_path_factory, template_db):
    """One store with the sale, shared by the tests that only read it."""
    path = tmp_path_factory.mktemp("sold") / "counter.db"
    if template_db is None:  # COUNTER_TEST_DB: these read-only tests still run on SQLite
        _seed(f"sqlite:///{path}")
    else:
        shutil.copy(template_db, path)
    store = Store.open(replace(Settings(), db_url=f"sqlite:///{path}", lang="en"))
    with store.uow() as u:
        staff = {s.code: actor_of(s) for s in u.session.exec(select(Staff))}
        products = dict(u.session.exec(select(Product.sku, Product.id)).all())
    yield store, make_sale(store, staff, products)
    store.engine.dispose()


@pytest.fixture
def sale(sold):
    return sold[1]


@pytest.fixture
def shop(sold):
    """The store holding `sale`."""
    return sold[0]


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return poppler("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def flat(page: str) -> str:
    """Page text without the layout's spaces, for phrases pdftotext may split."""
    return "".join(page.split())


def test_invoice_prints_three_labelled_copies_with_every_field(shop, settings, sale, tmp_path):
    doc = render(shop.uow(), settings, DocKind.INVOICE, sale.invoice.number)
    pages = pdf_pages(doc.pdf, tmp_path)
    assert len(pages) == 3
    for page, label in zip(pages, ("财务联", "底联", "用户联"), strict=True):
        text = flat(page)
        assert label in text
        assert "No.00000001" in text
        for field in (
            CUSTOMER.customer_name, "广州市白云区机场路18号2楼", CUSTOMER.customer_phone,
            "开票日期", "2025年03月14日", "销售单号", sale.cash_slip.number,
            "滚筒洗衣机", "海尔", "EG100MATE5510公斤1400转", "白色", "洗衣机底座",
            "¥3,199.00", "¥89.90", "¥179.80",  # the real unit price after discount; 2 × 89.90
            "⊗叁仟叁佰柒拾捌元捌角整", "¥3,378.80",
            "开票人", "收款人", "李秀梅", "顾客签名", "91440101MA59DEMO0X",
        ):
            assert field in text, (label, field)
        assert "作废" not in text and "补开" not in text


def test_invoice_pdf_embeds_its_chinese_font(shop, settings, sale, tmp_path):
    doc = render(shop.uow(), settings, DocKind.INVOICE, sale.invoice.number)
    path = tmp_path / "i.pdf"
    path.write_bytes(doc.pdf)
    fonts = poppler("pdffonts", str(path))
    rows = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert rows and all(" yes " in row for row in rows)  # embedded, so any machine renders it


def test_void_invoice_is_marked_void_and_its_replacement_names_it(shop, settings, sale, tmp_path):
    void = pdf_pages(render(shop.uow(), settings, "invoice", sale.void.number).pdf, tmp_path)
    assert len(void) == 3
    for page in void:
        assert "作废" in flat(page) and "VOID" in page
        assert "客户名称写错" in flat(page)
    replacement = [flat(p) for p in pdf_pages(render(shop.uow(), settings, "invoice", sale.replacement.number).pdf, tmp_path)]
    assert all("代替作废发票00000002" in page and "VOID" not in page for page in replacement)


def test_late_invoice_says_reissued_with_the_sale_date(shop, settings, sale, tmp_path):
    pages = [flat(p) for p in pdf_pages(render(shop.uow(), settings, "invoice", sale.late.number).pdf, tmp_path)]
    assert all("补开(销售日期2025-03-14)" in page and "2025年03月16日" in page for page in pages)


def test_invoice_qr_code_holds_number_and_total(sale):
    payload = qr_payload(sale.invoice, Shop("店", "址", "电话", "TAX1"))
    assert "INV:00000001" in payload and "TOTAL:3378.80" in payload


def test_many_goods_continue_on_more_pages_with_the_total_on_the_last(
    store, settings, staff, products, tmp_path, monkeypatch,
):
    from counter.services import invoices, payments
    from counter.services.payments import TenderIn
    from models import Tender
    from receipts import invoice as invoice_doc

    slip = write(store.uow, staff["A01"], [(products[sku], 1) for sku in ("XYJ-1", "XYJ-2", "XYJ-3", "BX-1", "PJ-1", "DFB-1")])
    payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, slip.total)])
    many = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, CUSTOMER)
    monkeypatch.setattr(invoice_doc, "ROWS_PER_PAGE", 4)
    pages = [flat(p) for p in pdf_pages(render(store.uow(), settings, "invoice", many.number).pdf, tmp_path)]
    assert len(pages) == 6  # 3 copies × 2 pages
    assert "续下页" in pages[0] and "⊗" not in pages[0]
    assert "⊗" in pages[1] and "电饭煲" in pages[1]


def test_paid_slip_carries_the_paid_stamp_with_cashier_and_time(shop, settings, sale, tmp_path):
    paid = flat(pdf_pages(render(shop.uow(), settings, "slip", sale.cash_slip.number).pdf, tmp_path)[0])
    assert "收款专用章" in paid and "李秀梅" in paid and "2025-03-1410:30" in paid
    assert "现金实收¥3,400.00找零¥21.20" in paid
    assert "No.000001" in paid and "⊗叁仟叁佰柒拾捌元捌角整" in paid


def test_unpaid_slip_has_no_paid_stamp(store, settings, staff, products, tmp_path):
    waiting = write(store.uow, staff["A01"], [(products["XYJ-2"], 1)])
    unpaid = flat(pdf_pages(render(store.uow(), settings, "slip", waiting.number).pdf, tmp_path)[0])
    assert "收款专用章" not in unpaid and "待收款" in unpaid


def escpos_text(data: bytes) -> list[str]:
    """The printed lines of an ESC/POS job: commands stripped, the downloaded
    ⊗ put back, the rest decoded as GBK (what every Chinese printer has)."""
    import re

    otimes = receipt_doc.USER_CHARS_ON + receipt_doc.OTIMES_CODES + receipt_doc.USER_CHARS_OFF
    body = data.replace(receipt_doc._otimes_glyph(), b"").replace(otimes, b"\x00")
    body = re.sub(rb"\x1d!.|\x1bE.|\x1ba.|\x1b@|\x1c&|\x1bd.|\x1dV.|\x1bp...", b"", body, flags=re.S)
    return [line.replace("\x00", "⊗") for line in body.decode("gbk").split("\n")[:-1]]


@pytest.mark.parametrize("width", [58, 80])
def test_receipt_bytes_are_gb18030_with_full_width_yen_and_lines_that_fit(shop, settings, sale, width):
    doc = render(shop.uow(), settings, "receipt", sale.cash_slip.number, width=width, after_payment=True)
    assert "洗衣机".encode("gb18030") in doc.escpos
    assert b"\xa3\xa4" in doc.escpos  # ￥ as GB2312 A3A4
    assert "¥".encode("gb18030") not in doc.escpos  # the half-width yen prints garbled
    assert b"\x1c&" in doc.escpos  # Chinese mode on
    assert "⊗".encode("gb18030") not in doc.escpos  # not in GBK: sent as a downloaded glyph instead
    assert doc.escpos.count(receipt_doc.OTIMES_CODES) == 2  # defined once, printed once
    cols = receipt_doc.COLUMNS[width]
    printed = escpos_text(doc.escpos)
    assert printed[0].strip() == "演示电器商行"  # the double-width title
    assert columns.width(printed[0]) <= cols // 2
    assert all(columns.width(line) <= cols for line in printed), [line for line in printed if columns.width(line) > cols]
    text = "\n".join(printed)
    for part in ("￥3,199.00", "￥179.80", "￥3,378.80", "⊗叁仟叁佰柒拾捌元捌角整", "现金 实收", "￥3,400.00", "找零", "￥21.20"):
        assert part in text
    assert [line.strip() for line in doc.text.splitlines()] == [line.strip() for line in printed]


def test_receipt_amounts_line_up_at_the_right_edge(shop, settings, sale):
    lines = render(shop.uow(), settings, "receipt", sale.card_slip.number, width=58).text.splitlines()
    money = [line for line in lines if "￥" in line and not line.lstrip().startswith("大写")]
    assert money and all(columns.width(line) == 32 for line in money)


def test_drawer_kicks_after_a_cash_payment_only(shop, settings, sale):
    kick = b"\x1bp"
    cash = render(shop.uow(), settings, "receipt", sale.cash_slip.number, after_payment=True).escpos
    assert kick in cash and cash.index(kick) > cash.index(b"\x1dV")  # after the cut
    mobile = render(shop.uow(), settings, "receipt", sale.late_slip.number, after_payment=True).escpos
    assert kick not in mobile
    reprint = render(shop.uow(), settings, "receipt", sale.cash_slip.number).escpos
    assert kick not in reprint and "重印".encode("gb18030") in reprint


def test_unpaid_slip_has_no_receipt(store, settings, staff, products):
    from counter.errors import InvalidState

    waiting = write(store.uow, staff["A01"], [(products["XYJ-2"], 1)])
    with pytest.raises(InvalidState, match="has not been paid"):
        render(store.uow(), settings, "receipt", waiting.number)


def test_receipt_pdf_and_text_are_kept_in_the_documents_folder(shop, settings, sale, tmp_path):
    outcome = print_document(shop.uow(), settings, "receipt", sale.cash_slip.number, width=58)
    assert outcome.ok and outcome.printer == "folder"
    folder = Path(settings.documents_dir)
    assert outcome.path == folder / "receipt-000001-58mm.pdf" and outcome.path.exists()
    assert str(outcome.path) in outcome.message
    assert "￥3,378.80" in (folder / "receipt-000001-58mm.txt").read_text(encoding="utf-8")
    page = flat(pdf_pages(outcome.path.read_bytes(), tmp_path)[0])
    assert "收款小票" in page.replace(" ", "") and "￥3,378.80" in page


def test_a_missing_printer_says_so_and_the_document_stays(shop, settings, sale, tmp_path):
    gone = replace(settings, printers=Printers(receipt=f"escpos-file:{tmp_path}/no-such-dir/lp0"))
    outcome = print_document(shop.uow(), gone, "receipt", sale.cash_slip.number, after_payment=True)
    assert not outcome.ok
    assert "Cannot write to" in outcome.message and "A copy is kept at" in outcome.message
    assert outcome.path.exists() and str(outcome.path) in outcome.message
    again = print_document(shop.uow(), settings, "receipt", sale.cash_slip.number)  # reprint once fixed
    assert again.ok and again.path == outcome.path


def test_an_unreachable_network_printer_gives_a_clear_message(shop, settings, sale):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = replace(settings, printers=Printers(receipt=f"escpos-net:127.0.0.1:{port}"))
    outcome = print_document(shop.uow(), down, "receipt", sale.cash_slip.number)
    assert not outcome.ok and "Cannot reach the printer escpos-net:127.0.0.1" in outcome.message
    assert outcome.path.exists()


def test_a_cups_queue_that_fails_keeps_the_invoice(shop, settings, sale, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no lp on this path
    outcome = print_document(shop.uow(), replace(settings, printers=Printers(invoice="lp:FRONT")), "invoice", 1)
    assert not outcome.ok and "lp is not installed" in outcome.message
    assert outcome.path.name == "invoice-00000001.pdf" and outcome.path.exists()


def test_a_network_printer_gets_the_receipt_bytes(shop, settings, sale, escpos_server):
    port, received = escpos_server
    net = replace(settings, printers=Printers(receipt=f"escpos-net:127.0.0.1:{port}"))
    outcome = print_document(shop.uow(), net, "receipt", sale.cash_slip.number, after_payment=True)
    assert outcome.ok and "Sent to escpos-net" in outcome.message
    expected = render(shop.uow(), settings, "receipt", sale.cash_slip.number, after_payment=True).escpos
    assert received() == expected


def test_an_unwritable_documents_folder_is_reported_not_raised(shop, settings, sale, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    outcome = print_document(shop.uow(), replace(settings, documents_dir=str(blocker)), "slip", sale.cash_slip.number)
    assert not outcome.ok and outcome.path is None and "could not be saved" in outcome.message


def test_to_writes_the_form_its_suffix_names(shop, settings, sale, tmp_path):
    from counter.errors import BadInput

    esc = print_document(shop.uow(), settings, "receipt", sale.cash_slip.number, to=tmp_path / "r.escpos")
    assert esc.path.read_bytes().startswith(b"\x1b@")
    txt = print_document(shop.uow(), settings, "invoice", sale.invoice.number, to=tmp_path / "i.txt")
    assert "用户联" in txt.path.read_text(encoding="utf-8")
    with pytest.raises(BadInput, match="ending .pdf or .txt"):
        print_document(shop.uow(), settings, "slip", sale.cash_slip.number, to=tmp_path / "s.escpos")
    assert not (Path(settings.documents_dir)).exists()  # --to writes only there


def test_amounts_on_every_document_agree_with_the_store(shop, settings, sale, tmp_path):
    total = Decimal("3378.80")
    assert sale.cash_slip.total == total == sale.invoice.total
    for kind, number in (("invoice", 1), ("slip", sale.cash_slip.number), ("receipt", sale.cash_slip.number)):
        assert "3,378.80" in render(shop.uow(), settings, kind, number).text


def test_every_tender_has_its_chinese_name_on_paper():
    from models import Tender
    from receipts.shop import TENDER_ZH

    assert set(TENDER_ZH) == {str(t) for t in Tender}
