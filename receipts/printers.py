"""Where a document goes, and the back ends that take it there.

A target is written in the config file as one string:

    folder                     save in the documents folder only (default)
    lp  /  lp:QUEUE            the system printer through CUPS `lp`
    escpos-net:HOST[:PORT]     ESC/POS printer on the network (port 9100)
    escpos-usb:VID:PID         ESC/POS printer on USB, ids in hex (0416:5011)
    escpos-serial:DEVICE[@BAUD]  ESC/POS printer on a serial port (9600 baud)
    escpos-file:DEVICE         raw bytes to a device file (/dev/usb/lp0)

Every failure is a PrinterFailed whose message says what to check; the
caller keeps the document and says where it is.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from counter.i18n import _

KINDS = ("folder", "lp", "escpos-net", "escpos-usb", "escpos-serial", "escpos-file")
ESCPOS_PORT = 9100
TIMEOUT_S = 10


class PrinterFailed(Exception):
    """The printer could not take the document; `str(e)` says why."""


@dataclass(frozen=True)
class Target:
    kind: str
    address: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.address}" if self.address else self.kind

    @property
    def escpos(self) -> bool:
        return self.kind.startswith("escpos-")


def parse_target(text: str) -> Target:
    """A target from its config string; ValueError says what is wrong."""
    text = text.strip()
    kind, _sep, address = text.partition(":")
    kind = kind.lower()
    if kind not in KINDS:
        raise ValueError(
            f"{text!r} is not a printer: use folder, lp:QUEUE, escpos-net:HOST:PORT, "
            "escpos-usb:VID:PID, escpos-serial:/dev/ttyUSB0 or escpos-file:/dev/usb/lp0"
        )
    address = address.strip()
    if kind == "folder" and address:
        raise ValueError("folder takes no address: documents go to documents_dir")
    if kind == "lp" and address and not all(ch.isalnum() or ch in "-_.@" for ch in address):
        raise ValueError(f"{address!r} is not a CUPS queue name")
    if kind == "escpos-net":
        host, _sep, port = address.partition(":")
        if not _is_host(host) or (port and not (port.isdigit() and 0 < int(port) < 65536)):
            raise ValueError(
                f"escpos-net needs HOST or HOST:PORT (an IPv4 address or a host name, port 1-65535), got {address!r}"
            )
    if kind == "escpos-usb":
        _usb_ids(address)
    if kind == "escpos-serial":
        device, _sep, baud = address.partition("@")
        if not device or (baud and not baud.isdigit()):
            raise ValueError(f"escpos-serial needs DEVICE or DEVICE@BAUD, got {address!r}")
    if kind == "escpos-file" and not address:
        raise ValueError("escpos-file needs a device path, e.g. escpos-file:/dev/usb/lp0")
    return Target(kind, address)


def _is_host(host: str) -> bool:
    """An IPv4 address or a DNS host name (letters, digits, hyphens; dotted)."""
    try:
        ipaddress.IPv4Address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    # An all-digit last label is a mistyped address, never a name.
    return 0 < len(host) <= 253 and not labels[-1].isdigit() and all(
        0 < len(label) <= 63 and label.isascii() and label.replace("-", "").isalnum()
        and not label.startswith("-") and not label.endswith("-")
        for label in labels
    )


def _usb_ids(address: str) -> tuple[int, int]:
    vid, _sep, pid = address.partition(":")
    try:
        ids = int(vid, 16), int(pid, 16)
    except ValueError:
        raise ValueError(f"escpos-usb needs VENDOR:PRODUCT ids in hex, e.g. 0416:5011, got {address!r}") from None
    if not all(0 <= i <= 0xFFFF for i in ids):
        raise ValueError(f"USB ids are four hex digits, got {address!r}")
    return ids


def _why(error: BaseException) -> str:
    """What went wrong, in the screen's language for the failures a shop
    meets (the library's own words, in English, only for the rare rest).
    python-escpos wraps the system's error in its own: the cause is read."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    if type(error).__name__ == "USBNotFoundError":
        return _("no USB printer with those ids is plugged in")
    error = cause or error
    if isinstance(error, ConnectionRefusedError):
        return _("it refused the connection (off, or another port)")
    if isinstance(error, TimeoutError | socket.timeout):
        return _("no answer within {seconds} seconds").format(seconds=TIMEOUT_S)
    if isinstance(error, socket.gaierror):
        return _("no such address on the network")
    if isinstance(error, OSError) and error.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return _("the network cannot reach it")
    if isinstance(error, OSError) and error.errno in (errno.ECONNRESET, errno.EPIPE):
        return _("the connection broke")
    return " ".join(str(error).split()) or type(error).__name__


def send_lp(target: Target, data: bytes, title: str) -> None:
    """A PDF to a CUPS queue (the default one when no queue is named)."""
    command = ["lp", "-t", title] + (["-d", target.address] if target.address else [])
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=30, check=False)
    except FileNotFoundError:
        raise PrinterFailed(_("The CUPS command lp is not installed on this computer.")) from None
    except subprocess.TimeoutExpired:
        raise PrinterFailed(_("CUPS did not answer within 30 seconds.")) from None
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
        raise PrinterFailed(_("CUPS refused the job: {why}").format(why=why))


def send_escpos(target: Target, data: bytes) -> None:
    """Raw ESC/POS bytes to the printer, through python-escpos' connections."""
    if target.kind == "escpos-file":
        try:
            with open(target.address, "wb") as device:
                device.write(data)
        except OSError as e:
            raise PrinterFailed(
                _("Cannot write to {device}: {why}. Is the printer on and plugged in?").format(
                    device=target.address, why=e.strerror or e
                )
            ) from None
        return
    printer = _connect(target)
    try:
        printer._raw(data)
    except Exception as e:
        raise PrinterFailed(
            _("The printer {target} stopped taking data: {why}").format(target=target, why=_why(e))
        ) from None
    finally:
        try:
            printer.close()
        except Exception:  # closing a link that already broke tells us nothing new
            pass


def _connect(target: Target):
    from escpos import printer as escpos_printer

    try:
        if target.kind == "escpos-net":
            host, _sep, port = target.address.partition(":")
            p = escpos_printer.Network(host, int(port or ESCPOS_PORT), timeout=TIMEOUT_S)
            p.open()
        elif target.kind == "escpos-usb":
            vid, pid = _usb_ids(target.address)
            p = escpos_printer.Usb(vid, pid, timeout=TIMEOUT_S * 1000)
            p.open()
        else:
            device, _sep, baud = target.address.partition("@")
            if not Path(device).exists():
                raise PrinterFailed(_("There is no serial port {device}: is the printer plugged in?").format(device=device))
            p = escpos_printer.Serial(device, baudrate=int(baud or 9600), timeout=TIMEOUT_S)
            p.open()
    except PrinterFailed:
        raise
    except Exception as e:
        raise PrinterFailed(
            _("Cannot reach the printer {target}: {why}. Check that it is on, connected and the address is right.").format(
                target=target, why=_why(e)
            )
        ) from None
    return p
