"""The running store: settings, engine and units of work for one process.

Entry points (CLI, TUI, tests, benchmarks) make one `Store` and pass its
`uow()` to services; nothing opens a session on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from counter.config import Settings
from counter.store.engine import open_store
from counter.store.uow import StationRef, UnitOfWork


@dataclass
class Store:
    settings: Settings
    engine: Engine
    # The counter this till runs as (settings.station), if any.
    station: StationRef | None = None

    @classmethod
    def open(cls, settings: Settings) -> Store:
        engine = open_store(settings.db_url, settings.busy_timeout_ms)
        if not settings.station:
            return cls(settings, engine)
        from counter.services.stations import station_settings

        station, settings = station_settings(UnitOfWork(engine), settings)
        return cls(settings, engine, station)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.station)

    def sign_in(self, code: str, pin: str):
        from counter.auth import sign_in

        return sign_in(self.uow(), code, pin)

    def verify_manager(self, code: str, pin: str):
        from counter.auth import verify_manager

        return verify_manager(self.uow(), code, pin)
