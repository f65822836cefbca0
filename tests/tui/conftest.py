"""Every screen test runs with a guard: a unit of work opened on the UI
thread by screen code fails the test. A store call there freezes every key
for as long as the store takes (a busy SQLite file, a slow server), so the
screens reach the store only from workers in threads (screens/base.py)."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

import pytest

from counter.store.uow import UnitOfWork

SCREENS = str(Path(__file__).resolve().parents[2] / "screens")
APP = str(Path(__file__).resolve().parents[2] / "counter" / "app.py")


def screen_frames() -> list[str]:
    """The screen code on the stack that asked for the store, if any."""
    return [
        f"{f.filename}:{f.lineno} {f.name}"
        for f in traceback.extract_stack()
        if f.filename.startswith(SCREENS) or f.filename == APP
    ]


@pytest.fixture(autouse=True)
def no_store_call_on_the_ui_thread(monkeypatch):
    seen: list[str] = []
    enter = UnitOfWork.__enter__

    def guarded(self: UnitOfWork) -> UnitOfWork:
        if threading.current_thread() is threading.main_thread():
            frames = screen_frames()
            if frames:
                seen.append(" <- ".join(reversed(frames)))
        return enter(self)

    monkeypatch.setattr(UnitOfWork, "__enter__", guarded)
    yield
    assert not seen, "store calls on the UI thread:\n" + "\n".join(sorted(set(seen)))
