"""Sign-in, PIN hashing, lockout and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from counter.auth import PERMISSIONS, hash_pin, may, require
from counter.errors import BadInput, NotPermitted, SignInFailed
from counter.services import policy
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
    # The same words for both: a guess learns nothing of which codes exist.
    with pytest.raises(SignInFailed, match=r"^Wrong staff code or PIN\.$"):
        store.sign_in("ZZ9", "1111")
    with pytest.raises(SignInFailed, match=r"^Wrong staff code or PIN\.$"):
        store.sign_in("A01", "0000")


def test_too_many_wrong_pins_lock_the_code_for_a_while(store):
    limit = policy.current(store.uow()).max_pin_failures
    for _ in range(limit - 1):
        with pytest.raises(SignInFailed, match="Wrong staff code or PIN"):
            store.sign_in("A01", "0000")
    with pytest.raises(SignInFailed, match="locked for"):
        store.sign_in("A01", "0000")
    with pytest.raises(SignInFailed, match="is locked"):
        store.sign_in("A01", PINS["A01"])  # even the right PIN waits
    with frozen_at(now() + timedelta(minutes=policy.current(store.uow()).lockout_minutes + 1)):
        assert store.sign_in("A01", PINS["A01"]).code == "A01"


def test_a_good_sign_in_forgets_earlier_failures(store):
    for _ in range(policy.current(store.uow()).max_pin_failures - 1):
        with pytest.raises(SignInFailed):
            store.sign_in("A01", "0000")
    store.sign_in("A01", PINS["A01"])
    with pytest.raises(SignInFailed, match=r"^Wrong staff code or PIN\.$"):
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


def test_the_sign_in_policy_lives_in_the_store_and_only_a_manager_changes_it(store, staff, monkeypatch):
    from counter.errors import BadInput, NotPermitted

    monkeypatch.setenv("COUNTER_MAX_PIN_FAILURES", "100")  # the environment is not asked any more
    with pytest.raises(NotPermitted):
        policy.set_policy(store.uow(), staff["C01"], max_pin_failures=100)
    with pytest.raises(BadInput, match="max_pin_failures is from 1 to 100"):
        policy.set_policy(store.uow(), staff["M01"], max_pin_failures=0)
    assert policy.set_policy(store.uow(), staff["M01"], max_pin_failures=2).max_pin_failures == 2
    with pytest.raises(SignInFailed, match="Wrong staff code or PIN"):
        store.sign_in("A01", "0000")
    with pytest.raises(SignInFailed, match="locked for 5 minutes"):
        store.sign_in("A01", "0000")


def test_real_staff_pins_are_at_least_six_digits(store, staff):
    from counter.errors import BadInput
    from counter.services.staff import add_staff

    with pytest.raises(BadInput, match="at least 6 digits"):
        add_staff(store.uow(), staff["M01"], "A09", "钱多多", "assistant", "1234")
    add_staff(store.uow(), staff["M01"], "A09", "钱多多", "assistant", "123456")
    assert store.sign_in("A09", "123456").code == "A09"


def test_the_right_pin_is_refused_if_the_code_locked_while_it_was_being_checked(store, monkeypatch):
    """Wrong PINs on other counters lock the code during this counter's slow
    PIN check: the right PIN then waits too (issue 16: 15 sign-ins at once
    let the right one in after the code had locked)."""
    from counter import auth

    real = auth._hasher

    class LockedMeanwhile:
        def verify(self, pin_hash, pin):
            with store.uow() as u:
                row = u.session.exec(select(Staff).where(Staff.code == "A01")).one()
                row.locked_until = now() + timedelta(minutes=5)
                u.session.add(row)
                u.commit()
            return real.verify(pin_hash, pin)

        def check_needs_rehash(self, pin_hash):
            return real.check_needs_rehash(pin_hash)

    monkeypatch.setattr(auth, "_hasher", LockedMeanwhile())
    with pytest.raises(SignInFailed, match="is locked"):
        store.sign_in("A01", PINS["A01"])
