"""The outbox against a platform that refuses, is down, then issues; and the
batch-import workbook written, read back and the requests marked."""

from __future__ import annotations

import stat
from datetime import date
from decimal import Decimal

from counter.domain.fapiao import State
from counter.fapiao_export import export_requests
from counter.services import fapiao
from counter.services.fapiao_outbox import Issued, ManualProvider, Refused, Unavailable, drain
from models.clock import now
from receipts.fapiao_export import INVOICES, LINES, read_export
from tests.unit.test_fapiao_requests import BUSINESS, PERSON, ask, taxed  # noqa: F401


class Platform:
    """A platform double: refuses one buyer, can be down, issues on collect."""

    name = "test"
    automatic = True

    def __init__(self):
        self.down = False
        self.sent: list[str] = []
        self.serial = 25442000000000000000

    def submit(self, request):
        if self.down:
            raise Unavailable("timeout")
        if request.buyer.name == "拒绝公司":
            raise Refused("购买方名称与纳税人识别号不符")
        self.sent.append(request.number)

    def collect(self, request):
        if self.down:
            raise Unavailable("timeout")
        self.serial += 1
        return Issued(str(self.serial))


def test_the_outbox_sends_collects_and_keeps_what_was_refused(store, staff, sell, taxed, tmp_path):  # noqa: F811
    c = staff["C01"]
    good = ask(store, staff, sell({"XYJ-1": 1}))
    bad = ask(store, staff, sell({"PJ-1": 1}), fapiao.Buyer(BUSINESS.type, "拒绝公司", BUSINESS.tax_id, phone="13800138000"))
    platform = Platform()
    platform.down = True
    assert drain(store, c, platform, tmp_path).unavailable
    assert {r.state for r in fapiao.requests(store.uow(), c)} == {State.REQUESTED}
    platform.down = False
    done = drain(store, c, platform, tmp_path)
    assert (done.submitted, done.refused, done.issued) == (1, 1, 1)
    assert fapiao.get_request(store.uow(), c, good.number).fapiao_number == "25442000000000000001"
    refused = fapiao.get_request(store.uow(), c, bad.number)
    assert (refused.state, refused.last_error) == (State.REQUESTED, "购买方名称与纳税人识别号不符")
    assert drain(store, c, platform, tmp_path).submitted == 0  # a person corrects it first
    assert platform.sent == [good.number]


def test_the_manual_provider_leaves_the_outbox_to_a_person(store, staff, sell, taxed, tmp_path):  # noqa: F811
    ask(store, staff, sell({"XYJ-1": 1}))
    assert drain(store, staff["C01"], ManualProvider(), tmp_path).submitted == 0
    assert [r.state for r in fapiao.requests(store.uow(), staff["C01"])] == [State.REQUESTED]


def test_the_export_is_read_back_as_written_and_marks_what_it_carries(store, settings, staff, sell, taxed, tmp_path):  # noqa: F811
    c = staff["C01"]
    one = ask(store, staff, sell({"XYJ-1": 1, "PJ-1": 2}), BUSINESS)
    two = ask(store, staff, sell({"PJ-1": 1}), PERSON)
    exported = export_requests(store, settings, c, now().date(), tmp_path / "out.xlsx")
    assert (exported.requests, exported.marked) == (2, 2)
    assert stat.S_IMODE(exported.path.stat().st_mode) == 0o600
    back = read_export(exported.path)
    assert [(r["发票流水号"], r["购买方名称"], r["购买方纳税人识别号"], r["受票方自然人标识"]) for r in back[INVOICES]] == [
        (one.number, BUSINESS.name, BUSINESS.tax_id, "否"), (two.number, "张伟", None, "是")]
    lines = [(r["发票流水号"], r["项目名称"], r["数量"], Decimal(str(r["金额"])), r["税率"], Decimal(str(r["税额"])))
             for r in back[LINES]]
    assert lines == [
        (one.number, "*家用电器*海尔滚筒洗衣机", 1, Decimal("3299"), "13%", Decimal("379.53")),
        (one.number, "*家用电器*海尔洗衣机底座", 2, Decimal("179.8"), "13%", Decimal("20.68")),
        (two.number, "*家用电器*海尔洗衣机底座", 1, Decimal("89.9"), "13%", Decimal("10.34")),
    ]
    assert {r.state for r in fapiao.requests(store.uow(), c)} == {State.SUBMITTED}
    # Exported again the same day (an upload that failed): carried again, not marked twice.
    again = export_requests(store, settings, c, now().date(), tmp_path / "again.xlsx")
    assert (again.requests, again.marked) == (2, 0)
    assert export_requests(store, settings, c, date(2020, 1, 1), tmp_path / "old.xlsx").path is None
