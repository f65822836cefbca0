"""A scanner on a serial port (or a USB scanner in its serial/CDC mode):
one code per line. A 2D scanner reading a QR code that carries Chinese
sends its bytes as the code holds them, mostly UTF-8, from older labels
GBK; a keyboard wedge could not type those at all, so such codes come
this way. The app reads the port in a thread (CounterApp.read_scanner_port)
and feeds each code to the same router as a wedge scan."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from counter.errors import BadInput

DEFAULT_BAUD = 9600
# Longest line kept: a runaway port (wrong baud, noise) never fills memory.
MAX_CODE_BYTES = 4096


class Port(Protocol):
    def read(self, size: int = 1) -> bytes: ...


def parse_port(text: str) -> tuple[str, int]:
    """`DEVICE` or `DEVICE@BAUD` ([scanner].port) -> (device, baud)."""
    device, _, baud = text.strip().partition("@")
    if not device or (baud and not baud.isdigit()):
        raise BadInput(f"[scanner].port must be DEVICE or DEVICE@BAUD, e.g. /dev/ttyACM0@9600, got {text!r}")
    return device, int(baud or DEFAULT_BAUD)


def open_port(text: str):
    import serial

    device, baud = parse_port(text)
    # A short timeout: the reading thread looks now and then whether to stop.
    return serial.Serial(device, baud, timeout=0.2)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def codes(port: Port, stopped: Callable[[], bool]) -> Iterator[str]:
    """Each code the scanner sends (a line ended by CR, LF or both), until
    `stopped()`; blank lines are skipped."""
    line = bytearray()
    while not stopped():
        chunk = port.read(256)
        for byte in chunk:
            if byte in (0x0D, 0x0A):
                code = decode(bytes(line)).strip()
                line.clear()
                if code:
                    yield code
            elif len(line) < MAX_CODE_BYTES:
                line.append(byte)
