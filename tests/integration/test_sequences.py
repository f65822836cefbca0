"""A counter's first number, taken by two counters at once (a soak with 8
tills on PostgreSQL: both found no row, and the second insert failed with a
duplicate key that reached the till)."""

from __future__ import annotations

import threading
import time

from counter.store.sequences import bump, peek


def test_two_counters_taking_a_new_counters_first_number_get_1_and_2(store):
    start, got, failed = threading.Barrier(2), [], []

    def take() -> None:
        start.wait()
        try:
            with store.uow() as uow:
                got.append(bump(uow.session, "return"))
                time.sleep(0.2)  # the other counter comes in meanwhile
                uow.commit()
        except Exception as e:
            failed.append(e)

    tills = [threading.Thread(target=take) for _ in range(2)]
    for till in tills:
        till.start()
    for till in tills:
        till.join(30)
    assert failed == [] and sorted(got) == [1, 2]
    with store.uow() as uow:
        assert peek(uow.session, "return") == 2
