"""A stand-in ESC/POS network printer on the loopback address."""

from __future__ import annotations

import queue
import socket
import threading

import pytest


@pytest.fixture
def escpos_server():
    """(port, received): received() returns the bytes of the next print job."""
    jobs: queue.Queue[bytes] = queue.Queue()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                jobs.put(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], lambda: jobs.get(timeout=10)
    stop.set()
    thread.join()
    server.close()
