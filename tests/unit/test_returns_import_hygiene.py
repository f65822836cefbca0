"""The services for returns, accounts, complaints and the audit log, and the
audit CLI, never pull in Textual: they serve the CLI and tests as well."""

from __future__ import annotations

import subprocess
import sys


def test_return_account_complaint_and_audit_services_do_not_import_textual():
    code = (
        "import sys, counter.services.returns, counter.services.accounts, counter.services.complaints, "
        "counter.services.audit_log, counter.cli.audit, counter.demo.returns; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
