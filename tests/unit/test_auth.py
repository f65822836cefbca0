"""Sign-in, PIN hashing, lockout and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from counter.auth import PERMISSIONS, hash_pin, may, require
from counter.errors import BadInput, NotPermitted, SignInFailed
from models import Staff
from models.clock import frozen_at, now
from tests.conftest import PINS


def test_pin_is_stored_as_a_salted_slow_hash_never_plain(store):
    with store.uow() as uow:
        staff = uow.session.exec(select(Staff).where(Staff.code == "C01")).one()
    assert PINS["C01"] not in staff.pin_hash
    assert staff.pin_hash.startswith("$argon2id$")
    assert hash_pin("2222") != hash_pin("2222")  # salted


@pytest.mark.parametrize("pin", ["", "12", "abcd", "１２３４", "123456789", "12 34"])
def test_bad_pin_format_is_refused(pin):
    with pytest.raises(BadInput, match="4 to 8 digits"):
        hash_pin(pin)


def test_sign_in_with_code_and_pin(store):
    actor = store.sign_in("c01", "2222")
    assert (actor.code, actor.role) == ("C01", "cashier")


def test_unknown_code_and_wrong_pin_are_refused(store):
    with pytest.raises(SignInFailed, match="Unknown staff code"):
        store.sign_in("ZZ9", "1111")
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        store.sign_in("A01", "0000")


def test_too_many_wrong_pins_lock_the_code_for_a_while(store):
    limit = store.settings.max_pin_failures
    for _ in range(limit - 1):
        with pytest.raises(SignInFailed, match="Wrong PIN"):
            store.sign_in("A01", "0000")
    with pytest.raises(SignInFailed, match="locked for"):
        store.sign_in("A01", "0000")
    with pytest.raises(SignInFailed, match="is locked"):
        store.sign_in("A01", PINS["A01"])  # even the right PIN waits
    with frozen_at(now() + timedelta(minutes=store.settings.lockout_minutes + 1)):
        assert store.sign_in("A01", PINS["A01"]).code == "A01"


def test_a_good_sign_in_forgets_earlier_failures(store):
    for _ in range(store.settings.max_pin_failures - 1):
        with pytest.raises(SignInFailed):
            store.sign_in("A01", "0000")
    store.sign_in("A01", PINS["A01"])
    with pytest.raises(SignInFailed, match="Wrong PIN for A01.$"):
        store.sign_in("A01", "0000")


def test_only_a_manager_approves(store):
    assert store.verify_manager("M01", "9999").role == "manager"
    with pytest.raises(NotPermitted, match="not a manager"):
        store.verify_manager("C01", "2222")


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
def test_every_role_rule_is_enforced(staff, action):
    for actor in staff.values():
        if may(actor, action):
            require(actor, action)
        else:
            with pytest.raises(NotPermitted, match="may not"):
                require(actor, action)


def test_manager_only_actions():
    for action in ("void_invoice", "release_unpaid", "approve_discount", "manage_staff"):
        assert {str(r) for r in PERMISSIONS[action]} == {"manager"}


def test_every_action_has_a_name_for_refusals():
    from counter.auth import ACTION_LABELS

    assert set(ACTION_LABELS) == set(PERMISSIONS)
