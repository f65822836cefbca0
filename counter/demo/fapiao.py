"""Demo history for e-fapiao requests: the goods' tax details, and requests
from the last days' sales in every state — delivered, issued, exported,
waiting, refused by the platform, withdrawn and asked again, and a red
reversal after a partial return. All through the services.

The tax classification codes are illustrative (19 digits of the right
shape); a shop takes its own from the tax bureau's classification table.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from counter.demo.clock import demo_today, not_after_now
from counter.domain import uscc
from counter.services import fapiao, payments, returns, slips
from counter.services.goods_tax import TaxDetails
from models import BuyerType, SlipStatus, Tender
from models.clock import frozen_at

if TYPE_CHECKING:
    from counter.demo.build import DemoHistory

APPLIANCES = "日用家电设备"
TAX_BY_CATEGORY = {
    "冰箱": ("1090416010100000000", APPLIANCES, "台", 1),
    "洗衣机": ("1090416020100000000", APPLIANCES, "台", 1),
    "空调": ("1090416030100000000", APPLIANCES, "套", 2),
    "电视": ("1090512010100000000", "视频设备", "台", 2),
    "厨房电器": ("1090416050100000000", APPLIANCES, "台", 0),
    "小家电": ("1090416990000000000", APPLIANCES, "个", 0),
    "电脑": ("1090511010000000000", "计算机", "台", 0),
    "手机": ("1090513010200000000", "通信设备", "部", 0),
    "耳机音响": ("1090512990000000000", "音响设备", "副", 0),
    "配件": ("1090416990000000000", APPLIANCES, "件", 0),
}


def tax_for(category: str) -> TaxDetails:
    code, name, unit, energy = TAX_BY_CATEGORY.get(category, TAX_BY_CATEGORY["配件"])
    return TaxDetails(code, name, 1300, unit, energy)


def _code(body: str) -> str:
    return body + uscc.check_character(body)


BUSINESSES = [
    fapiao.Buyer(BuyerType.BUSINESS, "广州市明华贸易有限公司", _code("91440101MA5CK8T2X"), "广州市天河区天河北路233号 020-87654321",
                 "中国工商银行广州天河支行 3602000109001234567", email="finance@minghua.example.cn"),
    fapiao.Buyer(BuyerType.BUSINESS, "佛山市顺德区美佳酒店有限公司", _code("91440606MA4WL3R7Q"), email="caiwu@meijia-hotel.example.cn"),
    fapiao.Buyer(BuyerType.BUSINESS, "广州云帆科技有限公司", _code("91440106MA9UP4C1L"), email="fp@yunfan.example.cn"),
]
PEOPLE = [
    fapiao.Buyer(BuyerType.PERSON, "陈志强", phone="13922001188"),
    fapiao.Buyer(BuyerType.PERSON, "刘芳", email="liufang@example.com"),
    fapiao.Buyer(BuyerType.PERSON, "黄俊杰", phone="13711224455"),
]


def _recent_closed(history: DemoHistory, today: date) -> list[slips.SlipView]:
    """Counter sales of the last 10 days whose goods went home and stayed, newest first."""
    closed = slips.slips_with_status(history.uow(), SlipStatus.CLOSED, limit=10000)
    kept = [s for s in closed if s.paid_at and 1 <= (today - s.paid_at.date()).days <= 10]
    taken = {r.slip_id for r in fapiao.requests(history.uow(), history.manager)}
    mine = [s for s in kept if s.id not in taken and not _returned_or_on_account(history, s)]
    return sorted(mine, key=lambda s: s.paid_at, reverse=True)


def _returned_or_on_account(history: DemoHistory, slip: slips.SlipView) -> bool:
    if returns.returns_of_slip(history.uow(), history.manager, slip.id):
        return True
    return any(p.tender == Tender.ACCOUNT for p in payments.payments_of(history.uow(), slip.id))


def _number(day: date, n: int) -> str:
    # 20 digits: year, the tax bureau (44 Guangdong), channel 2, a serial.
    return f"{day:%y}442{n:015d}"


def add_requests(history: DemoHistory) -> None:
    today = demo_today()
    cashier = history.cashiers[0]
    recent = _recent_closed(history, today)
    if len(recent) < 8:
        return
    serial = 1_270_031

    def at(slip: slips.SlipView, minutes: int, days: int = 0) -> datetime:
        return slip.paid_at + timedelta(days=days, minutes=minutes)

    def ask(slip: slips.SlipView, buyer: fapiao.Buyer) -> fapiao.RequestView:
        with frozen_at(at(slip, 6)):
            return fapiao.request_fapiao(history.uow(), cashier, slip.id, buyer)

    def through(request: fapiao.RequestView, slip: slips.SlipView, to_state: str) -> None:
        nonlocal serial
        with frozen_at(not_after_now(datetime.combine(slip.paid_at.date(), time(18, 30)))):
            fapiao.mark_submitted(history.uow(), cashier, [request.id])
        if to_state == "submitted":
            return
        serial += 1
        with frozen_at(not_after_now(datetime.combine(slip.paid_at.date() + timedelta(days=1), time(9, 15)))):
            fapiao.record_issued(history.uow(), cashier, request.id, _number(slip.paid_at.date(), serial))
        if to_state == "delivered":
            with frozen_at(not_after_now(datetime.combine(slip.paid_at.date() + timedelta(days=1), time(9, 20)))):
                fapiao.mark_delivered(history.uow(), cashier, request.id)

    # Oldest first, so request numbers run in date order.
    delivered, issued, refused, withdrawn, exported, red, waiting, waiting_person = recent[7::-1]
    through(ask(delivered, BUSINESSES[0]), delivered, "delivered")
    through(ask(issued, PEOPLE[0]), issued, "issued")
    wrong = ask(refused, BUSINESSES[1])
    with frozen_at(at(refused, 30)):
        fapiao.send_back(history.uow(), cashier, wrong.id, "购买方名称与纳税人识别号不一致 (平台退回)")
    mistaken = ask(withdrawn, fapiao.Buyer(BuyerType.PERSON, "刘方", email="liufang@example.com"))
    with frozen_at(at(withdrawn, 20)):
        fapiao.withdraw(history.uow(), cashier, mistaken.id, "买方姓名写错: 刘芳")
    with frozen_at(at(withdrawn, 22)):
        fapiao.request_fapiao(history.uow(), cashier, withdrawn.id, PEOPLE[1])
    through(ask(exported, BUSINESSES[2]), exported, "submitted")
    _red_reversal(history, red, ask, through)
    ask(waiting, PEOPLE[2])
    ask(waiting_person, fapiao.Buyer(BuyerType.PERSON, "王建国", phone="13600136000"))


def _red_reversal(history: DemoHistory, slip: slips.SlipView, ask, through) -> None:
    """An issued invoice, then one unit of its last line comes back: the
    return asks for a red reversal of that unit, waiting for its 红字确认单."""
    blue = ask(slip, BUSINESSES[0])
    through(blue, slip, "delivered")
    line = slip.lines[-1]
    with frozen_at(not_after_now(datetime.combine(slip.paid_at.date() + timedelta(days=1), time(15, 10)))):
        returns.take_return(
            history.uow(), history.cashiers[0], slip.id, [returns.ReturnLineIn(line.line_no, 1)],
            "顾客退回一件, 包装完好", returns.RefundIn(Tender.MOBILE, "4200001111202512010077"), history.manager,
        )
