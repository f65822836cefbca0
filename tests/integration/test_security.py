"""Secrets stay secret: the store's files are the owner's alone, PINs are
never written anywhere in plain (audit log, logs, the database file), and a
customer's phone on paper for the customer is masked."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import select

from counter import audit
from counter.errors import NotPermitted, SignInFailed
from counter.services.customers import mask_phone, phone_key
from counter.services.staff import add_staff
from counter.store.engine import make_engine, upgrade
from models import AuditEvent, Staff


@pytest.mark.parametrize(
    "phone, masked",
    [("13800138000", "138****8000"), ("020-8888 0000", "020****0000"), ("+86 138 0013 8000", "861****8000"),
     ("1234567", "****"), ("", "****")],
)
def test_customer_phone_is_masked_for_customer_facing_paper(phone, masked):
    assert mask_phone(phone) == masked


@given(st.text(alphabet="0123456789 -+", max_size=24))
def test_masked_phone_never_shows_more_than_the_first_three_and_last_four_digits(phone):
    digits = phone_key(phone)
    masked = mask_phone(phone)
    shown = masked.replace("****", "")
    assert len(shown) <= 7
    if len(digits) >= 8:
        assert masked == digits[:3] + "****" + digits[-4:]


def test_store_file_and_its_wal_and_shm_are_owner_only(tmp_path):
    old = os.umask(0)  # even where the shell lets everyone read new files
    try:
        path = tmp_path / "shop.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        with engine.connect() as conn:  # keeps the -wal and -shm files open
            conn.execute(text("SELECT count(*) FROM staff")).scalar()
            for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert file.exists(), file
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        engine.dispose()
    finally:
        os.umask(old)


def test_pins_are_never_written_in_plain_anywhere(store, staff, caplog):
    """Sign-ins that work, fail and lock out, a manager's approval, a new
    staff member: none of the PINs typed appears in the audit log, in any
    log record, or anywhere in the store's files."""
    caplog.set_level(logging.DEBUG)
    secret, wrong = "731958", ["402861", "519733", "864209", "190284", "375510"]
    add_staff(store.uow(), staff["M01"], "K07", "钱七", "cashier", secret)
    assert store.sign_in("K07", secret).code == "K07"
    for pin in wrong:  # the fifth locks the code
        with pytest.raises(SignInFailed):
            store.sign_in("K07", pin)
    with pytest.raises(NotPermitted):
        store.verify_manager("C01", "2222")
    with store.uow() as uow:
        events = uow.session.exec(select(AuditEvent)).all()
        hashes = [s.pin_hash for s in uow.session.exec(select(Staff))]
        assert audit.verify_chain(uow.session) is None
    assert any(e.action == "staff.locked" for e in events)
    for pin in [secret, *wrong]:
        for event in events:
            assert pin not in f"{event.before} {event.after} {event.entity_id}", event.action
        assert pin not in caplog.text
        assert not any(pin in h for h in hashes)
    if store.settings.db_url.startswith("sqlite"):
        store.engine.dispose()
        database = Path(store.settings.db_url.removeprefix("sqlite:///"))
        for file in (database, Path(f"{database}-wal")):
            if file.exists():
                raw = file.read_bytes()
                for pin in [secret, *wrong]:
                    assert pin.encode() not in raw, f"{pin} in {file.name}"
