"""Who is printing: the shop's name, address, phone and tax number, and the
Chinese words documents use for tenders and statuses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shop:
    name: str
    address: str
    phone: str
    tax_id: str

    @classmethod
    def of(cls, settings) -> Shop:
        return cls(settings.shop_name, settings.shop_address, settings.shop_phone, settings.shop_tax_id)


TENDER_ZH = {"cash": "现金", "card": "银行卡", "mobile": "移动支付", "cheque": "支票", "account": "挂账",
             "subsidy": "以旧换新补贴"}

SLIP_STATUS_ZH = {
    "draft": "草稿",
    "held": "挂单",
    "written": "待收款",
    "awaiting_funds": "支票待到账",
    "paid": "已收款",
    "closed": "已提货",
    "cancelled": "已取消",
}

# Slips whose money is in: the 收款专用章 goes on these.
PAID_STATUSES = ("paid", "closed")


def tail(reference: str, keep: int = 4) -> str:
    """A card or payment reference on customer paper: only its last digits,
    after the channel a scanned payment code names ("微信 …", "支付宝 …")."""
    reference = reference.strip()
    channel, _, code = reference.partition(" ")
    if code and not any(c.isdigit() for c in channel):
        return f"{channel} {tail(code, keep)}"
    if len(reference) <= keep:
        return reference
    return "*" * 4 + reference[-keep:]
