"""The `[scanner]` table of config.toml: read, checked, and named when wrong."""

from __future__ import annotations

import pytest

from counter.config import Scanner, load_settings
from counter.errors import BadInput


def test_scanner_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[scanner]\nprefix = "\\u0002"\nsuffix = "\\u0003"\nmax_gap_ms = 40\nmin_length = 8\nport = "/dev/ttyACM0@115200"\n')
    assert load_settings(path).scanner == Scanner(prefix="\x02", suffix="\x03", max_gap_ms=40, min_length=8, port="/dev/ttyACM0@115200")
    assert load_settings(tmp_path / "none.toml").scanner == Scanner(max_gap_ms=30, min_length=6)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[scanner]\nmax_gap = 30\n", r"unknown key \[scanner\]\.max_gap \(use max_gap_ms, min_length, port, prefix, suffix\)"),
        ("[scanner]\nmax_gap_ms = 5000\n", r"\[scanner\]\.max_gap_ms must be from 0 to 1000"),
        ("[scanner]\nmin_length = 0\n", r"\[scanner\]\.min_length must be from 1 to 64"),
        ('[scanner]\nmin_length = "six"\n', r"\[scanner\]\.min_length must be a whole number"),
        ("[scanner]\nprefix = 2\n", r"\[scanner\]\.prefix must be text"),
        ('[scanner]\nport = "/dev/ttyS0@fast"\n', r"\[scanner\]\.port must be DEVICE or DEVICE@BAUD"),
        ('scanner = "usb"\n', r"\[scanner\] must be a table"),
    ],
)
def test_a_bad_scanner_setting_is_named(tmp_path, body, message):
    path = tmp_path / "config.toml"
    path.write_text(body)
    with pytest.raises(BadInput, match=message):
        load_settings(path)
