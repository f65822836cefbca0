"""Done when (issue 15): real app processes, one store. A slip written at
station A appears in station B's cashier queue by itself, and its total
changes there when a line is changed at A; a slip B opened
for payment is refused at C, naming B; cancelled at A, it leaves B's queue.
On SQLite, and on PostgreSQL when COUNTER_TEST_DB names one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter.money import fmt
from counter.services import slips, stations
from counter.services.stations import StationIn

ROOT = Path(__file__).resolve().parents[2]


class Till:
    def __init__(self, db_url: str, station: str, code: str, pin: str, key: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.till", "--db", db_url, "--station", station, "--code", code,
             "--pin", pin, "--key", key],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=os.environ | {"COUNTER_HOME": str(Path(db_url.split("///")[-1]).parent) if "///" in db_url else "/tmp"},
        )
        self.ready = self._read()

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"the till stopped (exit {self.proc.wait()})")
        return json.loads(line)

    def ask(self, command: str):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._read()["answer"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def shop(store, staff):
    for name in ("Counter 1", "Counter 2", "Counter 3"):
        stations.add_station(store.uow(), staff["M01"], StationIn(name))
    return store


@pytest.mark.postgres
def test_a_slip_written_at_one_station_shows_and_is_claimed_across_stations(shop, db_url, staff, products):
    store = shop
    tills = []
    try:
        a = Till(db_url, "Counter 1", "A01", "1111", "f2")
        tills.append(a)
        b = Till(db_url, "Counter 2", "C01", "2222", "f3")
        tills.append(b)
        c = Till(db_url, "Counter 3", "M01", "9999", "f3")
        tills.append(c)
        assert a.ready == {"ready": "FinderScreen"} and b.ready == c.ready == {"ready": "PaymentScreen"}

        a.ask("sell XYJ-1")
        number = a.ask("write")
        seen = b.ask(f"wait-row {number}")
        assert seen["ok"], seen
        assert seen["seconds"] < 2

        # Changed at A (改单): it leaves B's queue while A changes it, and is back
        # with its new total, same number, once A writes it again.
        assert number in a.ask(f"change {number}")
        assert b.ask(f"wait-gone {number}")["ok"]
        a.ask("qty 2")
        assert a.ask("write") == number
        total = fmt(slips.get_slip(store.uow(), number=number).total)
        changed = b.ask(f"wait-row {total}")
        assert changed["ok"] and any(number in r and total in r for r in changed["rows"]), changed

        # B opens it for payment: C sees the claim in its queue, and is refused it.
        assert "checked" in b.ask(f"open {number}")
        claimed = c.ask("wait-row Counter")
        assert claimed["ok"] and any(number in r and "being paid at Counter 2" in r for r in claimed["rows"]), claimed
        refused = c.ask(f"open {number}")
        assert "being paid at Counter 2" in refused and "not taken" in refused
        # Nor can A change it while B is taking its payment.
        assert "being paid at Counter 2" in a.ask(f"change {number}")

        # Cancelled where it was written: it leaves the cashier's queue by itself.
        slip = slips.get_slip(store.uow(), number=number)
        slips.cancel_slip(store.uow(), staff["A01"], slip.id, "customer left")
        gone = c.ask(f"wait-gone {number}")
        assert gone["ok"], gone
    finally:
        for till in tills:
            till.close()
