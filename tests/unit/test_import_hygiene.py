"""The layers point down: business rules and documents never load Textual,
and start-up does not pay for heavy libraries before they are needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "module",
    ["models", "counter.services.slips", "counter.services.payments", "counter.services.invoices", "counter.demo.build"],
)
def test_rules_and_tables_never_import_textual(module):
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded_after(f"import {module}"))


def test_the_app_shell_loads_no_database_pdf_or_migration_code_up_front():
    loaded = loaded_after("import counter.app")
    for heavy in ("sqlalchemy", "sqlmodel", "alembic", "reportlab", "pypinyin", "argon2"):
        assert heavy not in loaded, heavy


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
