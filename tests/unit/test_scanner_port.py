"""A serial-port scanner: codes read line by line from a real pseudo-terminal
pair through pyserial, and from a port object fed bytes (Chinese QR text in
UTF-8 and GBK)."""

from __future__ import annotations

import os
import threading

import pytest

from counter.errors import BadInput
from counter.scanner_port import MAX_CODE_BYTES, codes, open_port, parse_port


class FedPort:
    """A port that returns the chunks it was given, then nothing."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)

    def read(self, size: int = 1) -> bytes:
        return self.chunks.pop(0) if self.chunks else b""


def read_all(port) -> list[str]:
    return list(codes(port, lambda: not port.chunks))


def test_codes_end_at_cr_lf_or_both_and_blank_lines_are_skipped():
    port = FedPort(b"690123456", b"7892\r\nS000123\n\r\n", b"SN-1\r")
    assert read_all(port) == ["6901234567892", "S000123", "SN-1"]


def test_chinese_qr_text_in_utf8_or_gbk_arrives_as_text():
    text = "海尔 BCD-215 序列号 SN2024"
    port = FedPort(text.encode("utf-8") + b"\r\n", text.encode("gbk") + b"\r\n")
    assert read_all(port) == [text, text]


def test_a_runaway_line_is_cut_not_kept_whole():
    port = FedPort(b"x" * (MAX_CODE_BYTES * 3) + b"\n")
    [code] = read_all(port)
    assert len(code) == MAX_CODE_BYTES


@pytest.mark.parametrize(("text", "expected"), [("/dev/ttyACM0", ("/dev/ttyACM0", 9600)), ("COM3@115200", ("COM3", 115200))])
def test_port_setting(text, expected):
    assert parse_port(text) == expected


@pytest.mark.parametrize("text", ["", "@9600", "/dev/ttyS0@fast"])
def test_a_bad_port_setting_is_named(text):
    with pytest.raises(BadInput, match=r"\[scanner\].port must be DEVICE or DEVICE@BAUD"):
        parse_port(text)


def test_codes_through_a_real_serial_port_on_a_pty_pair():
    master, slave = os.openpty()
    stop = threading.Event()
    read: list[str] = []

    def first_code(port) -> None:
        for code in codes(port, stop.is_set):
            read.append(code)
            stop.set()

    try:
        with open_port(os.ttyname(slave) + "@9600") as port:
            reader = threading.Thread(target=first_code, args=(port,))
            reader.start()
            os.write(master, b"S000123\r\n")
            reader.join(timeout=10)
            stop.set()
        assert read == ["S000123"]
    finally:
        os.close(master)
        os.close(slave)
