"""The tests hash PINs cheaply (tests/conftest.py); the app itself must not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argon2 import extract_parameters
from argon2.profiles import get_default_parameters

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_hashes_pins_at_argon2s_strong_default_cost():
    # A fresh interpreter: this process has the tests' cheap hasher.
    code = "from counter.auth import hash_pin; print(hash_pin('2222'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    used = extract_parameters(out.stdout.strip())
    assert used == get_default_parameters()
    assert used.memory_cost >= 64 * 1024 and used.time_cost >= 3
