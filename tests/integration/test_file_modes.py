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


def test_another_local_user_cannot_read_the_shops_documents(tmp_path):
    """The modes above, tried as someone else on the machine: `nobody` can
    neither enter the shop's folders nor read a document in them."""
    import pwd
    import shutil
    import tempfile

    import pytest

    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root to act as another user")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user nobody here")
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)  # the place the shop lives is open to all; its own folders must not be
        home = base / "home"
        made = counter(home, "--db", str(home / "shop" / "counter.db"), "demo", "--yes", "--days", "2")
        assert made.returncode == 0, made.stderr
        assert counter(home, "--db", str(home / "shop" / "counter.db"), "print", "slip", "000001").returncode == 0
        pdf = next(home.rglob("slip-*.pdf"))

        def as_nobody(*command: str) -> subprocess.CompletedProcess:
            return subprocess.run(["runuser", "-u", "nobody", "--", *command], capture_output=True, text=True,
                                  timeout=30)

        assert as_nobody("ls", str(home)).returncode != 0
        assert as_nobody("cat", str(pdf)).returncode != 0
        for folder in [home, *pdf.relative_to(home).parents]:  # even with every folder on the way opened up
            (home / folder).chmod(0o755)
        refused = as_nobody("cat", str(pdf))
        assert refused.returncode != 0 and "Permission denied" in refused.stderr
        assert as_nobody("cat", str(home / "shop" / "counter.db")).returncode != 0
    finally:
        shutil.rmtree(base, ignore_errors=True)
