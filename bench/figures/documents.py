"""Invoice PDF and ESC/POS receipt: named slots until `receipts/` is merged.

At merge: time the invoice (3 copies, 10 lines) against reportlab drawing one
line of text to a PDF, and the receipt bytes against 2 ms.
"""

from __future__ import annotations

from bench.context import Run
from bench.harness import Figure, skipped

WAITING = "receipts not merged yet"


def invoice_and_receipt(run: Run) -> list[Figure]:
    return [
        skipped("invoice PDF, 3 copies, 10 lines", "reportlab: one line of text to a PDF", "≤ 30× floor", WAITING),
        skipped("ESC/POS receipt bytes", "—", "≤ 2 ms", WAITING),
    ]
