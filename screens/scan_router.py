"""What the app says about a scan the screen on show did not take: what
was scanned, and where it is scanned (the screens' take_scan do the rest)."""

from __future__ import annotations

from counter.domain.scans import Scan, ScanKind
from counter.i18n import _


def channel_label(kind: ScanKind) -> str:
    """The payment channel as the reference names it (documents are Chinese)."""
    return {ScanKind.WECHAT: "微信", ScanKind.ALIPAY: "支付宝"}[kind]


def channel_name(kind: ScanKind) -> str:
    return {ScanKind.WECHAT: _("WeChat Pay"), ScanKind.ALIPAY: _("Alipay")}[kind]


def shown_code(scan: Scan) -> str:
    """A payment code is a bearer token for a minute: only its tail is shown."""
    return "…" + scan.code[-4:] if scan.payment else scan.code


def scan_elsewhere(scan: Scan, *, signed_in: bool) -> str:
    code = shown_code(scan)
    if not signed_in:
        return _("Scanned {code}: sign in first.").format(code=code)
    return {
        ScanKind.GOODS: _("Scanned goods barcode {code}: scan goods on the sale screen (Sell, F2)."),
        ScanKind.SLIP: _("Scanned slip number {code}: scan it at Take payment (F3) to open the slip."),
        ScanKind.WECHAT: _("Scanned a WeChat Pay code {code}: scan it at Take payment with the slip open."),
        ScanKind.ALIPAY: _("Scanned an Alipay code {code}: scan it at Take payment with the slip open."),
        ScanKind.OTHER: _("Scanned {code}: serial numbers are scanned at Hand over goods (F4)."),
    }[scan.kind].format(code=code)
