"""Documents never pull in Textual: the CLI prints without the TUI, and a
printer back end can run in a worker thread without the screen's modules."""

from __future__ import annotations

import subprocess
import sys


def test_documents_and_printing_do_not_import_textual():
    code = (
        "import sys\n"
        "import counter.printing, counter.services.drawer, counter.cli.documents\n"
        "import receipts.invoice, receipts.slip, receipts.receipt, receipts.printers, receipts.pdfkit\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
