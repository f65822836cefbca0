"""Stations: the shop's named counters, registered in the store.

A till started as a station (`--station NAME`, COUNTER_STATION) prints to
that station's receipt printer and drawer instead of the machine's
config.toml [printers], and records the station on what it takes (payments,
shifts, drawer openings). A station's printer left empty keeps the
machine's own: config.toml stays the default.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func
from sqlmodel import col, select

from counter import audit
from counter.auth import Actor, require
from counter.config import Settings, check_printers
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import _
from counter.store.uow import StationRef, UnitOfWork, retrying
from models import Payment, Shift, Station
from models.ids import id_of
from receipts.customer_display import check_target

RECEIPT_WIDTHS = (58, 80)


@dataclass(frozen=True)
class StationView:
    id: int
    name: str
    receipt_printer: str
    drawer: str
    receipt_width: int
    customer_display: str


@dataclass(frozen=True)
class StationIn:
    name: str
    receipt_printer: str = ""
    drawer: str = ""
    receipt_width: int = 80
    customer_display: str = ""


def _view(station: Station) -> StationView:
    return StationView(
        id_of(station), station.name, station.receipt_printer, station.drawer, station.receipt_width, station.customer_display
    )


def _checked(new: StationIn) -> StationIn:
    name = " ".join(new.name.split())
    if not name:
        raise BadInput(_("Give the station a name, e.g. Counter 2."))
    if new.receipt_width not in RECEIPT_WIDTHS:
        raise BadInput(_("The receipt width is 58 or 80 (mm), not {width}.").format(width=new.receipt_width))
    receipt, drawer = new.receipt_printer.strip(), new.drawer.strip()
    # The same checks as config.toml's [printers], with the same messages.
    check_printers({"receipt": receipt} if receipt else {}, _("station {name}").format(name=name))
    check_printers({"receipt": drawer} if drawer else {}, _("station {name}, drawer").format(name=name))
    display = new.customer_display.strip()
    if display:
        try:
            check_target(display)
        except ValueError as e:
            raise BadInput(_("station {name}, customer display: {why}").format(name=name, why=e)) from None
    return StationIn(name, receipt, drawer, new.receipt_width, display)


def list_stations(uow: UnitOfWork) -> list[StationView]:
    with uow:
        return [_view(s) for s in uow.session.exec(select(Station).order_by(col(Station.name)))]


def _by_name(uow: UnitOfWork, name: str) -> Station:
    station = uow.session.exec(select(Station).where(Station.name == " ".join(name.split()))).first()
    if station is None:
        raise NotFound(_("No station named {name}: add it with `counter stations add`.").format(name=name.strip()))
    return station


def get_station(uow: UnitOfWork, name: str) -> StationView:
    with uow:
        return _view(_by_name(uow, name))


@retrying
def add_station(uow: UnitOfWork, actor: Actor, new: StationIn) -> StationView:
    require(actor, "manage_stations")
    new = _checked(new)
    with uow:
        if uow.session.exec(select(Station.id).where(Station.name == new.name)).first() is not None:
            raise InvalidState(_("There is already a station named {name}.").format(name=new.name))
        station = Station(**vars(new))
        uow.session.add(station)
        uow.session.flush()
        audit.record(uow.session, actor.id, "station.added", "station", station.id, after=vars(new))
        view = _view(station)
        uow.commit()
        return view


@retrying
def edit_station(uow: UnitOfWork, actor: Actor, name: str, new: StationIn) -> StationView:
    """Renames or re-equips the station `name`; a till running as it takes
    the new printers when next started."""
    require(actor, "manage_stations")
    new = _checked(new)
    with uow:
        station = _by_name(uow, name)
        clash = uow.session.exec(select(Station.id).where(Station.name == new.name, Station.id != station.id)).first()
        if clash is not None:
            raise InvalidState(_("There is already a station named {name}.").format(name=new.name))
        before = vars(StationIn(station.name, station.receipt_printer, station.drawer, station.receipt_width, station.customer_display))
        for key, value in vars(new).items():
            setattr(station, key, value)
        uow.session.add(station)
        audit.record(uow.session, actor.id, "station.edited", "station", station.id, before=before, after=vars(new))
        view = _view(station)
        uow.commit()
        return view


@retrying
def remove_station(uow: UnitOfWork, actor: Actor, name: str) -> None:
    """Removes a station that never took money; one that did stays in the books."""
    require(actor, "manage_stations")
    with uow:
        station = _by_name(uow, name)
        session = uow.session
        used = session.exec(select(func.count()).select_from(Payment).where(Payment.station_id == station.id)).one()
        used += session.exec(select(func.count()).select_from(Shift).where(Shift.station_id == station.id)).one()
        if used:
            raise InvalidState(
                _("Station {name} has taken payments or shifts: it stays, so the books can name it.").format(name=station.name)
            )
        session.delete(station)
        audit.record(session, actor.id, "station.removed", "station", station.id, before={"name": station.name})
        uow.commit()


def station_settings(uow: UnitOfWork, settings: Settings) -> tuple[StationRef, Settings]:
    """The station `settings.station` names, and the settings a till running
    as it uses: its receipt printer, drawer and width over the machine's."""
    station = get_station(uow, settings.station)
    printers = settings.printers
    if station.receipt_printer:
        printers = replace(printers, receipt=station.receipt_printer)
    printers = replace(printers, receipt_width=station.receipt_width)
    return StationRef(station.id, station.name, station.drawer, station.customer_display), replace(settings, printers=printers)
