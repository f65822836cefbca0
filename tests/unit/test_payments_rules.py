"""Every refusal at the cashier's desk (收款), straight through the service."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotPermitted
from counter.services import payments, slips
from counter.services.payments import NoteRejected, SlipTampered, TenderIn
from models import Payment, RejectedNote, SlipLine, SlipStatus, Tender


def written_slip(store, staff, products, *items: tuple[str, int]):
    """A slip the assistant A01 wrote, waiting in the cashier's queue."""
    assistant = staff["A01"]
    draft = slips.current_draft(store.uow(), assistant)
    for sku, quantity in items:
        slips.add_line(store.uow(), assistant, draft.id, products[sku], quantity)
    return slips.write_slip(store.uow(), assistant, draft.id)


@pytest.fixture
def slip(store, staff, products):
    """One washing machine: ¥3,299.00."""
    return written_slip(store, staff, products, ("XYJ-1", 1))


def pay(store, staff, slip_id, *tenders, rejected=()):
    return payments.take_payment(store.uow(), staff["C01"], slip_id, list(tenders), list(rejected))


def cash(amount: str, counted: dict[int, int] | None = None) -> TenderIn:
    return TenderIn(Tender.CASH, Decimal(amount), counted=counted or {})


def nothing_recorded(store, slip_id) -> bool:
    with store.uow() as u:
        slip_row = slips.load_slip(u.session, slip_id)
        payments_rows = u.session.exec(select(Payment).where(Payment.slip_id == slip_id)).all()
        notes = u.session.exec(select(RejectedNote).where(RejectedNote.slip_id == slip_id)).all()
        return slip_row.status == SlipStatus.WRITTEN and not payments_rows and not notes


def test_cash_payment_records_received_and_change(store, staff, slip):
    result = pay(store, staff, slip.id, cash("3500"))
    assert (result.received, result.change, result.awaiting_funds) == (Decimal("3500"), Decimal("201.00"), False)
    assert result.slip.status == SlipStatus.PAID and result.slip.cashier == "李秀梅"
    [row] = payments.payments_of(store.uow(), slip.id)
    assert (row.amount, row.received, row.change) == (Decimal("3299.00"), Decimal("3500.00"), Decimal("201.00"))


def test_underpaid_slip_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match=r"Underpaid: the slip is ¥3,299.00, received ¥3,000.00; ¥299.00 more"):
        pay(store, staff, slip.id, cash("3000"))
    assert nothing_recorded(store, slip.id)


def test_split_that_falls_short_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match="Underpaid"):
        pay(store, staff, slip.id, TenderIn(Tender.CARD, Decimal("2000")), cash("1000"))
    assert nothing_recorded(store, slip.id)


@pytest.mark.parametrize("tender", [Tender.CARD, Tender.MOBILE, Tender.CHEQUE])
def test_card_mobile_or_cheque_may_not_pay_past_the_total(store, staff, slip, tender):
    with pytest.raises(BadInput, match="may not pay more than the slip's ¥3,299.00"):
        pay(store, staff, slip.id, TenderIn(tender, Decimal("3300"), reference="REF1"))
    assert nothing_recorded(store, slip.id)


def test_non_cash_tenders_together_may_not_pay_past_the_total(store, staff, slip):
    with pytest.raises(BadInput, match="may not pay more"):
        pay(store, staff, slip.id, TenderIn(Tender.CARD, Decimal("2000")), TenderIn(Tender.MOBILE, Decimal("1300"), "WX1"))


@pytest.mark.parametrize("tender", [Tender.MOBILE, Tender.CHEQUE])
def test_mobile_and_cheque_need_their_reference(store, staff, slip, tender):
    with pytest.raises(BadInput, match="needs its reference number"):
        pay(store, staff, slip.id, TenderIn(tender, Decimal("3299"), reference="  "))
    assert nothing_recorded(store, slip.id)


def test_card_reference_is_optional(store, staff, slip):
    assert pay(store, staff, slip.id, TenderIn(Tender.CARD, Decimal("3299"))).slip.status == SlipStatus.PAID


def test_a_tender_of_zero_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match="more than zero"):
        pay(store, staff, slip.id, TenderIn(Tender.CARD, Decimal("0")), cash("3299"))


def test_no_tender_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match="at least one tender"):
        pay(store, staff, slip.id)


def test_cash_on_top_of_a_full_card_payment_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match="take no cash"):
        pay(store, staff, slip.id, TenderIn(Tender.CARD, Decimal("3299")), cash("100"))


def test_count_by_note_must_match_the_amount(store, staff, slip):
    with pytest.raises(BadInput, match=r"come to ¥3,400.00, not ¥3,500.00"):
        pay(store, staff, slip.id, cash("3500", {10000: 34}))


def test_count_by_note_is_kept_with_the_payment(store, staff, slip):
    pay(store, staff, slip.id, cash("3350", payments.parse_counted("100x33 50x1")))
    [row] = payments.payments_of(store.uow(), slip.id)
    assert row.counted == "100.00x33 50.00x1" and row.change == Decimal("51.00")


@pytest.mark.parametrize("text", ["30x2", "100x3 7x1", "0.2x5"])
def test_a_denomination_we_do_not_count_is_refused(text):
    with pytest.raises(BadInput, match="is not a note or coin we count"):
        payments.parse_counted(text)


@pytest.mark.parametrize("text", ["100xx", "abc", "100x-1", "-100x1"])
def test_a_count_that_is_not_value_x_count_is_refused(text):
    with pytest.raises(BadInput):
        payments.parse_counted(text)


@given(st.dictionaries(st.sampled_from(payments.DENOMINATIONS_FEN), st.integers(0, 500), min_size=1))
def test_a_count_written_out_reads_back_to_the_same_value(counted):
    text = " ".join(f"{Decimal(d) / 100}x{n}" for d, n in counted.items())
    assert payments.count_cash(payments.parse_counted(text)) == payments.count_cash(counted)


def test_rejected_note_of_a_denomination_we_do_not_count_is_refused(store, staff, slip):
    with pytest.raises(BadInput, match="is not a note or coin we count"):
        pay(store, staff, slip.id, cash("3299"), rejected=[NoteRejected(3000, "suspect")])
    assert nothing_recorded(store, slip.id)


def test_rejected_note_needs_a_reason(store, staff, slip):
    with pytest.raises(BadInput, match="Say why the note is rejected"):
        pay(store, staff, slip.id, cash("3299"), rejected=[NoteRejected(10000, " ")])


def test_rejected_note_is_recorded_and_not_counted(store, staff, slip):
    result = pay(store, staff, slip.id, cash("3300"), rejected=[NoteRejected(10000, "suspect")])
    assert (result.received, result.change) == (Decimal("3300"), Decimal("1.00"))
    with store.uow() as u:
        [note] = u.session.exec(select(RejectedNote).where(RejectedNote.slip_id == slip.id)).all()
    assert (note.denomination_fen, note.reason, note.cashier_id) == (10000, "suspect", staff["C01"].id)


def test_a_draft_slip_cannot_be_paid(store, staff, products):
    draft = slips.current_draft(store.uow(), staff["A01"])
    slips.add_line(store.uow(), staff["A01"], draft.id, products["PJ-1"], 1)
    with pytest.raises(InvalidState, match="is draft: only a written slip"):
        pay(store, staff, draft.id, cash("100"))
    with pytest.raises(InvalidState, match="only a written slip"):
        payments.verify_slip(store.uow(), staff["C01"], draft.id)


def test_a_cancelled_slip_cannot_be_paid(store, staff, slip):
    slips.cancel_slip(store.uow(), staff["A01"], slip.id, "customer left")
    with pytest.raises(InvalidState, match="is cancelled"):
        pay(store, staff, slip.id, cash("3299"))
    with pytest.raises(InvalidState, match="is cancelled"):
        payments.verify_slip(store.uow(), staff["C01"], slip.id)


def test_a_paid_slip_cannot_be_paid_twice(store, staff, slip):
    pay(store, staff, slip.id, cash("3299"))
    with pytest.raises(InvalidState, match="is paid"):
        pay(store, staff, slip.id, cash("3299"))
    assert len(payments.payments_of(store.uow(), slip.id)) == 1


def test_a_slip_awaiting_a_cheque_cannot_be_paid_again(store, staff, slip):
    pay(store, staff, slip.id, TenderIn(Tender.CHEQUE, Decimal("3299"), "CHQ 0042"))
    with pytest.raises(InvalidState, match="is awaiting funds"):
        pay(store, staff, slip.id, cash("3299"))


def test_only_cashier_or_manager_takes_payment(store, staff, slip):
    with pytest.raises(NotPermitted):
        payments.take_payment(store.uow(), staff["A01"], slip.id, [cash("3299")])
    with pytest.raises(NotPermitted):
        payments.verify_slip(store.uow(), staff["A01"], slip.id)


def tamper(store, slip_id, **changes) -> None:
    with store.uow() as u:
        line = u.session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id)).first()
        for name, value in changes.items():
            setattr(line, name, value)
        u.session.add(line)
        u.commit()


def test_a_line_whose_amount_is_not_quantity_times_price_is_refused(store, staff, slip):
    tamper(store, slip.id, amount_fen=100)
    with pytest.raises(SlipTampered, match="line 1: amount is not quantity × unit price"):
        payments.verify_slip(store.uow(), staff["C01"], slip.id)
    with pytest.raises(SlipTampered):
        pay(store, staff, slip.id, cash("3299"))
    assert nothing_recorded(store, slip.id)


def test_a_slip_changed_since_it_was_written_is_refused(store, staff, slip):
    # Consistent on its face (amount = qty × price) but cheaper than written.
    tamper(store, slip.id, unit_price_fen=100, amount_fen=100)
    with pytest.raises(SlipTampered, match="has changed since it was written"):
        payments.verify_slip(store.uow(), staff["C01"], slip.id)


def test_check_tenders_lets_a_split_be_listed_before_it_is_complete():
    cash_part, other = payments.check_tenders(Decimal("3299"), [TenderIn(Tender.CARD, Decimal("2000"))])
    assert (cash_part, other) == (Decimal(0), Decimal("2000"))


def test_cheque_awaits_funds_until_cleared(store, staff, slip):
    result = pay(store, staff, slip.id, TenderIn(Tender.CHEQUE, Decimal("3299"), "CHQ 0042"))
    assert result.awaiting_funds and result.slip.status == SlipStatus.AWAITING_FUNDS
    assert not payments.payments_of(store.uow(), slip.id)[0].cleared
    assert payments.clear_cheque(store.uow(), staff["C01"], slip.id).status == SlipStatus.PAID
    assert payments.payments_of(store.uow(), slip.id)[0].cleared
    with pytest.raises(InvalidState, match="no cheque awaiting funds"):
        payments.clear_cheque(store.uow(), staff["C01"], slip.id)
