"""Every typed field in screens/ gets garbage in a Pilot test. The table
below is the coverage a reviewer reads: field (screen module : widget id)
-> the test that types garbage into it. A new Input, TextArea or
MaskedInput in screens/ fails test_every_field_in_the_screens_gets_garbage
until a garbage test covers it and it is listed here."""

from __future__ import annotations

import ast
from pathlib import Path

import tests.tui.test_garbage_back_office_screens as back_office
import tests.tui.test_garbage_counter_screens as counter_screens
import tests.tui.test_garbage_input as sign_in_and_approval
import tests.tui.test_garbage_order_screens as order_screens

SCREENS = Path(__file__).resolve().parents[2] / "screens"
FIELD_CLASSES = {"Input", "FixedInput", "CodeInput", "CountBox", "TextArea", "MaskedInput"}

C, O, B, S = counter_screens, order_screens, back_office, sign_in_and_approval
COVERED = {
    # sign-in and the manager's approval
    "sign_in:code": (S, "test_garbage_at_sign_in_gets_a_message_and_keeps_the_code"),
    "sign_in:pin": (S, "test_garbage_at_sign_in_gets_a_message_and_keeps_the_code"),
    "manager_pin:code": (S, "test_garbage_in_the_manager_approval_is_refused_until_a_manager_signs"),
    "manager_pin:pin": (S, "test_garbage_in_the_manager_approval_is_refused_until_a_manager_signs"),
    # selling: goods search, quantity, discount price, cancelling a slip
    "finder:search": (C, "test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it"),
    "finder:quantity": (C, "test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it"),
    "finder:price": (C, "test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it"),
    "finder:number": (C, "test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it"),
    "finder:reason": (C, "test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it"),
    # the slip's customer: search, and a new customer's name, phone, address
    "customer_picker:query": (C, "test_garbage_in_the_customer_picker_and_new_customer_form_adds_no_one"),
    "customer_picker:name": (C, "test_garbage_in_the_customer_picker_and_new_customer_form_adds_no_one"),
    "customer_picker:phone": (C, "test_garbage_in_the_customer_picker_and_new_customer_form_adds_no_one"),
    "customer_picker:address": (C, "test_garbage_in_the_customer_picker_and_new_customer_form_adds_no_one"),
    # payment: slip number, tender amount and reference, a rejected note's value
    "payment:number": (C, "test_garbage_at_payment_opens_no_slip_and_takes_no_money"),
    "payment:amount": (C, "test_garbage_at_payment_opens_no_slip_and_takes_no_money"),
    "payment:reference": (C, "test_garbage_at_payment_opens_no_slip_and_takes_no_money"),
    "reject_note:value": (C, "test_garbage_at_payment_opens_no_slip_and_takes_no_money"),
    # invoices: slip, invoice number, customer search and details, void reason
    "invoice:slip": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "invoice:lookup": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "invoice:find": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "invoice:name": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "invoice:address": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "invoice:phone": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    "void_reason:reason": (C, "test_garbage_at_invoices_issues_and_voids_nothing"),
    # hand-over: slip number, and a paid slip's delivery phone, address, date
    "hand_over:number": (C, "test_garbage_at_hand_over_opens_no_slip"),
    "hand_over:phone": (C, "test_garbage_in_the_delivery_form_hands_nothing_over"),
    "hand_over:address": (C, "test_garbage_in_the_delivery_form_hands_nothing_over"),
    "hand_over:date": (C, "test_garbage_in_the_delivery_form_hands_nothing_over"),
    # returns: slip number, reason, refund reference
    "returns:slip-number": (C, "test_garbage_at_returns_opens_no_slip_and_refunds_nothing"),
    "returns:reason": (C, "test_garbage_at_returns_opens_no_slip_and_refunds_nothing"),
    "returns:reference": (C, "test_garbage_at_returns_opens_no_slip_and_refunds_nothing"),
    # shifts: a count per note and coin (shift open and close), the difference's reason
    "denominations:d{}": (C, "test_garbage_counts_are_refused_at_shift_open"),
    "shift_close:reason": (C, "test_garbage_at_shift_close_needs_a_manager_and_closes_nothing"),
    "daily_report:go-to": (C, "test_garbage_dates_at_the_daily_report_are_refused_and_kept"),
    "documents:number": (C, "test_garbage_numbers_at_documents_are_refused_plainly"),
    "open_drawer:reason": (C, "test_a_blank_reason_opens_no_drawer_and_garbage_is_recorded_as_typed"),
    # phone orders: the call, the order, the board, and their dialogs
    "order_calls:phone": (O, "test_garbage_at_the_call_screen_logs_no_call"),
    "order_calls:name": (O, "test_garbage_at_the_call_screen_logs_no_call"),
    "order_calls:outcome": (O, "test_garbage_at_the_call_screen_logs_no_call"),
    "order_calls:address": (O, "test_garbage_at_the_call_screen_logs_no_call"),
    "order_entry:search": (O, "test_garbage_in_the_order_and_its_dialogs_changes_nothing"),
    "order_entry:address": (O, "test_garbage_in_the_order_and_its_dialogs_changes_nothing"),
    "order_entry:wished": (O, "test_garbage_in_the_order_and_its_dialogs_changes_nothing"),
    "order_entry:notes": (O, "test_garbage_in_the_order_and_its_dialogs_changes_nothing"),
    "ask:answer": (O, "test_garbage_in_the_order_and_its_dialogs_changes_nothing"),
    "order_fulfil:day": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_fulfil:address": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_fulfil:deliverer": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_dialogs:code": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_dialogs:pin": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_dialogs:amount": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_dialogs:reference": (O, "test_garbage_at_scheduling_and_order_payment_is_refused"),
    "order_board:filter": (O, "test_garbage_in_the_board_filter_is_kept_and_finds_nothing"),
    # back office
    "repayment:amount": (B, "test_garbage_amounts_at_accounts_are_asked_again_with_the_text_kept"),
    "repayment:reference": (B, "test_garbage_amounts_at_accounts_are_asked_again_with_the_text_kept"),
    "complaint_form:contact": (B, "test_garbage_complaints_are_refused_and_kept"),
    "complaint_form:slip": (B, "test_garbage_complaints_are_refused_and_kept"),
    "complaint_form:order": (B, "test_garbage_complaints_are_refused_and_kept"),
    "complaint_form:summary": (B, "test_garbage_complaints_are_refused_and_kept"),
    "audit_log:action": (B, "test_garbage_audit_filters_show_a_count_or_say_what_is_wrong"),
    "audit_log:person": (B, "test_garbage_audit_filters_show_a_count_or_say_what_is_wrong"),
    "audit_log:since": (B, "test_garbage_audit_filters_show_a_count_or_say_what_is_wrong"),
    "audit_log:until": (B, "test_garbage_audit_filters_show_a_count_or_say_what_is_wrong"),
    "printer_settings:{}-address": (B, "test_garbage_printer_addresses_are_named_and_nothing_is_saved"),
    "stations:display": (B, "test_garbage_in_a_new_station_is_refused_with_the_text_kept"),
    "stations:drawer": (B, "test_garbage_in_a_new_station_is_refused_with_the_text_kept"),
    "stations:name": (B, "test_garbage_in_a_new_station_is_refused_with_the_text_kept"),
    "stations:receipt": (B, "test_garbage_in_a_new_station_is_refused_with_the_text_kept"),
    "stations:width": (B, "test_garbage_in_a_new_station_is_refused_with_the_text_kept"),
    "hand_over:serial": (C, "test_garbage_serial_numbers_at_hand_over_and_warranty_are_refused_and_kept"),
    "warranty:serial": (C, "test_garbage_serial_numbers_at_hand_over_and_warranty_are_refused_and_kept"),
    # e-fapiao: the buyer form (its fields' ids come from one table) and the issued number
    "fapiao_buyer:None": (B, "test_garbage_in_an_e_fapiao_request_and_its_number_is_refused_and_kept"),
    "fapiao:number": (B, "test_garbage_in_an_e_fapiao_request_and_its_number_is_refused_and_kept"),
    "fapiao:red_form": (B, "test_garbage_in_an_e_fapiao_request_and_its_number_is_refused_and_kept"),
    "fapiao:file": (B, "test_garbage_in_an_e_fapiao_request_and_its_number_is_refused_and_kept"),
}


def _id_of(node: ast.expr) -> str | None:
    """A widget id as written: "x", or f"d{fen}" as "d{}"; None if computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
    return None


def typed_fields() -> set[str]:
    """module:id of every Input-like widget and every Ask Question in screens/."""
    found = set()
    for path in sorted(SCREENS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in FIELD_CLASSES:
                field_id = next((_id_of(k.value) for k in node.keywords if k.arg == "id"), None)
                # Ask's Input takes its id from each Question, found below.
                if field_id is not None or path.stem != "ask":
                    found.add(f"{path.stem}:{field_id}")
            elif name == "Question" and node.args and _id_of(node.args[0]):
                found.add(f"{path.stem}:{_id_of(node.args[0])}")
    return found


def test_every_field_in_the_screens_gets_garbage():
    fields = typed_fields()
    assert "sign_in:code" in fields and "denominations:d{}" in fields  # the scan sees them
    missing = sorted(fields - COVERED.keys())
    assert not missing, f"fields with no garbage test (add one, then list it in COVERED): {missing}"
    assert not sorted(COVERED.keys() - fields), "COVERED lists fields no screen has any more"


def test_each_listed_garbage_test_exists():
    for field, (module, test) in COVERED.items():
        assert callable(getattr(module, test, None)), f"{field}: {module.__name__}.{test} is missing"
