"""Every file the app writes is the shop user's alone (issue 16: invoice,
receipt and report PDFs were 0644 in 0755 folders; config.toml too): the
command sets umask 077, so files are 0600 and folders 0700 whatever the
caller's umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def counter(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COUNTER_HOME": str(home), "COUNTER_CONFIG": str(home / "config.toml"),
           "COUNTER_STAFF": "C01", "COUNTER_PIN": "2222"}
    env.pop("COUNTER_AUDIT_KEY_FILE", None)
    return subprocess.run([sys.executable, "-m", "counter", *args], env=env, capture_output=True, text=True,
                          timeout=300, preexec_fn=lambda: os.umask(0o022))


def test_a_new_shops_files_and_folders_are_owner_only(tmp_path):
    home = tmp_path / "home"
    made = counter(home, "--db", str(home / "shop" / "counter.db"), "demo", "--yes", "--days", "2")
    assert made.returncode == 0, made.stderr
    printed = counter(home, "--db", str(home / "shop" / "counter.db"), "print", "slip", "000001")
    assert printed.returncode == 0, printed.stderr
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.name == "audit.key" for p in files)
    loose = [f"{p.relative_to(home)} {stat.filemode(p.stat().st_mode)}" for p in files
             if stat.S_IMODE(p.stat().st_mode) & 0o077]
    loose += [f"{p.relative_to(home)}/ {stat.filemode(p.stat().st_mode)}" for p in home.rglob("*")
              if p.is_dir() and stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert not loose, loose
