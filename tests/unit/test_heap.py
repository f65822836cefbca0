"""counter/heap.py: full collections wait for a quiet moment, and the
collector is given back as it was."""

from __future__ import annotations

import gc

import pytest

from counter.heap import FULL_AFTER, OVERDUE_S, QUIET_S, Heap


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def heap():
    clock = Clock()
    heap = Heap(clock)
    before = gc.get_threshold()
    yield heap, clock
    heap.release()
    assert gc.get_threshold() == before


def full_collection_due() -> None:
    """As many young collections as Python lets pass before a full one."""
    for _ in range(FULL_AFTER + 1):
        gc.collect(1)


def test_settling_freezes_the_heap_and_stops_full_collections_on_their_own(heap):
    heap, _ = heap
    threshold = gc.get_threshold()
    heap.settle()
    assert heap.settled and gc.get_freeze_count() > 0
    assert gc.get_threshold()[:2] == threshold[:2] and gc.get_threshold()[2] > 10**6
    heap.release()
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0


def test_a_due_collection_waits_while_someone_types_and_runs_once_they_stop(heap):
    heap, clock = heap
    heap.settle()
    full_collection_due()
    heap.key()
    clock.now += QUIET_S / 2
    assert not heap.tick()  # a key half a beat ago: not now
    clock.now += QUIET_S
    assert heap.tick()
    assert gc.get_count()[2] == 0
    assert not heap.tick()  # nothing due any more


def test_a_collection_that_is_not_due_never_runs(heap):
    heap, clock = heap
    heap.settle()
    gc.collect()
    clock.now += 10 * QUIET_S
    assert not heap.tick()


def test_typing_without_a_pause_delays_a_due_collection_only_so_long(heap):
    heap, clock = heap
    heap.settle()
    full_collection_due()
    for _ in range(int(OVERDUE_S / 0.1) - 1):
        clock.now += 0.1
        heap.key()
        assert not heap.tick()
    clock.now += 0.2
    heap.key()
    assert heap.tick()


def test_an_app_not_yet_signed_in_leaves_the_collector_alone(heap):
    heap, clock = heap
    full_collection_due()
    clock.now += 10 * QUIET_S
    assert not heap.tick() and not heap.settled
