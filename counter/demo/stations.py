"""The demo's three stations: two cash desks and the service desk, each with
a receipt "printer" of its own (a folder beside the documents: the ESC/POS
bytes of its last receipt land there), and the weeks of history told apart
by station, so the daily report's takings by station have something to show.

    counter --station 收银台1     (or COUNTER_STATION=服务台 counter)
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from counter.auth import Actor
from counter.services import stations
from counter.services.stations import StationIn
from counter.store import Store
from models import Payment, PhoneOrder, Shift

# name, the cashier who works it in the demo's history (None: the service desk)
DEMO_STATIONS = (("收银台1", "C01"), ("收银台2", "C02"), ("服务台", None))


def add_stations(store: Store, staff: dict[str, Actor]) -> None:
    printers = Path(store.settings.documents_dir).parent / "printers"
    made = {}
    for name, cashier in DEMO_STATIONS:
        folder = printers / name
        folder.mkdir(parents=True, exist_ok=True)
        view = stations.add_station(
            store.uow(), staff["M01"],
            StationIn(name, receipt_printer=f"escpos-file:{folder / 'receipt.escpos'}", receipt_width=58 if name == "服务台" else 80,
                      # The cash desks' pole displays: the bytes of the last figure shown.
                      customer_display=f"escpos-file:{folder / 'display.escpos'}" if cashier else ""),
        )
        made[name] = view.id
    with store.uow() as uow:
        session = uow.session
        phone_slips = select(PhoneOrder.slip_id).where(col(PhoneOrder.slip_id).is_not(None))
        for name, cashier in DEMO_STATIONS:
            if cashier is None:
                session.execute(update(Payment).where(col(Payment.slip_id).in_(phone_slips)).values(station_id=made[name]))
                continue
            cashier_id = staff[cashier].id
            session.execute(
                update(Payment)
                .where(Payment.cashier_id == cashier_id, col(Payment.slip_id).not_in(phone_slips))
                .values(station_id=made[name])
            )
            session.execute(update(Shift).where(Shift.cashier_id == cashier_id).values(station_id=made[name]))
        uow.commit()
