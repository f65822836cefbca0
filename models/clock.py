from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

_frozen: datetime | None = None


def now() -> datetime:
    """Local wall-clock time, to the second: what a shop writes on its papers."""
    return _frozen or datetime.now().replace(microsecond=0)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Runs services as if at `moment`: the demo writes past weeks this way,
    and tests use it for day boundaries (补开)."""
    global _frozen
    previous, _frozen = _frozen, moment.replace(microsecond=0)
    try:
        yield
    finally:
        _frozen = previous
