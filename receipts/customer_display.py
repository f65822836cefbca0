"""The customer display (顾客显示屏) a station may have: the 8-digit LED pole
display of Chinese counters, with four lamps under the figure — 单价, 总计,
收款, 找零 — on a serial, USB or network link like a receipt printer.

It takes the commands such displays share (ESC @ to reset, CLR, ESC s n for
the lamp, ESC Q A digits CR for the figure). The cashier's screen shows the
slip's total when it opens a slip, the cash received, and the change."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from counter.i18n import _
from receipts.printers import PrinterFailed, Target, parse_target, send_escpos

ESC, CLR, CR = b"\x1b", b"\x0c", b"\r"
DIGITS = 8  # LED digits; the point takes none


class Lamp(Enum):
    OFF = b"0"
    PRICE = b"1"  # 单价
    TOTAL = b"2"  # 总计
    RECEIVED = b"3"  # 收款
    CHANGE = b"4"  # 找零


def figure(amount: Decimal) -> bytes:
    """The amount as the display's digits: yuan and fen, or whole yuan when
    the fen would not fit eight digits (a ¥1,234,567.89 slip shows 1234567)."""
    text = f"{amount:.2f}"
    if len(text) - 1 > DIGITS:
        text = f"{amount:.0f}"
    return text[-(DIGITS + 1):].encode("ascii")


def frame(lamp: Lamp, amount: Decimal) -> bytes:
    return ESC + b"@" + CLR + ESC + b"s" + lamp.value + ESC + b"QA" + figure(amount) + CR


def check_target(text: str) -> Target:
    """A display's target: the ESC/POS links (not a folder or a CUPS queue)."""
    target = parse_target(text)
    if not target.escpos:
        raise ValueError(_("A customer display is on a serial, USB or network link: escpos-serial:/dev/ttyUSB0, "
                           "escpos-usb:VID:PID, escpos-net:HOST:PORT or escpos-file:PATH, not {text}.").format(text=text))
    return target


def show(target_text: str, lamp: Lamp, amount: Decimal) -> str | None:
    """Puts the figure on the display; what went wrong, in words, or None.
    Never raises: a display that is off must not stop a sale."""
    try:
        send_escpos(check_target(target_text), frame(lamp, amount))
    except (PrinterFailed, ValueError) as e:
        return _("Customer display: {why}").format(why=e)
    return None
