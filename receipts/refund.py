"""The refund slip (退款单) for a return, on the receipt printer's roll: what
came back, why, who approved it, and the money given back — the customer
signs the shop's copy and keeps one."""

from __future__ import annotations

from counter.money import fmt_capitals
from receipts import columns
from receipts.columns import yuan_wide
from receipts.receipt import Line, _pair, columns_for
from receipts.shop import TENDER_ZH, Shop, tail

DISPOSITION_ZH = {"restock": "退回库存", "write_off": "报损"}


def lines(view, shop: Shop, width_mm: int = 80) -> list[Line]:
    cols = columns_for(width_mm)
    out: list[Line] = []
    out += [Line(part, "bold", True) for part in columns.wrap(shop.name, cols)]
    out.append(Line(f"电话 {shop.phone}", centred=True))
    out.append(Line("退 款 单", "bold", True))
    out += _pair(f"退货单 {view.number}", f"原销售单 {view.slip_number}", cols)
    out += _pair(f"时间 {view.at:%Y-%m-%d %H:%M}", f"经办 {view.taken_by}", cols)
    out.append(Line(f"批准 {view.approved_by}"))
    out.append(Line("=" * cols))
    out.append(Line(columns.spread("退回商品 数量", "金额", cols)))
    out.append(Line("-" * cols))
    for line in view.lines:
        name = " ".join(p for p in (line.name, line.model) if p)
        out += [Line(part) for part in columns.wrap(f"{line.line_no}. {name}", cols, "   ")]
        out += _pair(f"   {line.quantity} 件 {DISPOSITION_ZH[str(line.disposition)]}", yuan_wide(line.amount), cols)
    out.append(Line("-" * cols))
    ref = f" {tail(view.reference)}" if view.reference else ""
    out += _pair(f"退款 {TENDER_ZH[str(view.tender)]}{ref}", yuan_wide(view.refund), cols, "big")
    out += [Line(part) for part in columns.wrap(f"大写 {fmt_capitals(view.refund)}", cols, "     ")]
    out += [Line(part) for part in columns.wrap(f"原因 {view.reason}", cols, "     ")]
    if view.voided_invoice:
        note = f"原发票 {view.voided_invoice:08d} 作废"
        if view.replacement_invoice:
            note += f"，重开 {view.replacement_invoice:08d}"
        out.append(Line(note))
    out.append(Line("=" * cols))
    out.append(Line(""))
    out.append(Line("顾客签字：" + "_" * max(cols - 12, 8)))
    return out
