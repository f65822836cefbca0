"""Tenders at the cash desk: what is still due, the change, whole ¥100 notes,
and a tender too large to be meant."""

from __future__ import annotations

from collections.abc import Iterable

HUNDRED_FEN = 100_00


def remaining_fen(due_fen: int, tendered: Iterable[int]) -> int:
    """What is left to pay after the tenders listed (never below zero)."""
    return max(due_fen - sum(tendered), 0)


def change_fen(due_fen: int, tendered: Iterable[int]) -> int:
    """Change given back: what the tenders pass the due amount by."""
    return max(sum(tendered) - due_fen, 0)


def round_up_to_notes(amount_fen: int, note_fen: int = HUNDRED_FEN) -> int:
    """What a customer hands over in whole notes: ¥3,478.80 is ¥3,500."""
    return -(-amount_fen // note_fen) * note_fen


def is_over_tender(due_fen: int, tendered_fen: int) -> bool:
    """A tender a cashier should be asked about again before the drawer opens:
    the change would be a whole ¥100 note or more AND the tender more than
    twice what is due. ¥500 for ¥399 (change ¥101) passes, as does ¥4,000
    for ¥3,478.80; ¥1,000 for ¥399, ¥200 for ¥12 or ¥40,000 for ¥399 ask
    again: they are a slipped key or a digit too many far more often than
    a customer paying with a fistful of notes."""
    change = tendered_fen - due_fen
    return change >= HUNDRED_FEN and tendered_fen > 2 * due_fen
