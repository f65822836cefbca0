"""The goods' search index kept on disk between runs.

Building the index reads every product (0.5-0.75 s for 100,000 goods, at
every start of the app); reading it back from this file takes a few
milliseconds. The file is only a copy: it is used when its key and its
checksum match, and otherwise rebuilt. The key is the catalogue's version,
the number of goods, the highest product id and the audit hash of the
newest goods added: that hash chains over the store's whole history, so a
store made again at the same place (the same goods count, other goods)
never matches a file left by the old one. A SQLite store keeps it beside
its file (`counter.db.search`); a server store in the user's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from counter.services.catalog import SearchIndex

MAGIC = b"COUNTER-SEARCH-1\n"
# The key; then blob bytes, rows, barcodes, barcode bytes and a crc32.
HEADER = struct.Struct("<3Q64s4QI")
Key = tuple[int, int, int, bytes]


def path_for(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        # A URI filename (sqlite:///file:PATH?mode=ro&uri=true) names PATH.
        return Path(url.database.removeprefix("file:") + ".search")
    from platformdirs import user_cache_path

    # One file per server store; the password never reaches the name.
    named = url.render_as_string(hide_password=True).encode()
    return user_cache_path("counter") / f"search-{hashlib.sha256(named).hexdigest()[:16]}.idx"


def save(index: SearchIndex, path: Path, key: Key) -> None:
    """Writes the index whole to a new file and swaps it in, so a reader
    never sees half of it. A failure to write only costs the next start."""
    # Barcodes are digits (check_barcode): one a line, their ids after.
    if any("\n" in code for code in index.barcodes):
        return
    codes = "\n".join(index.barcodes).encode() + array("q", index.barcodes.values()).tobytes()
    starts, ids = index.starts.tobytes(), index.ids.tobytes()
    crc = zlib.crc32(codes, zlib.crc32(ids, zlib.crc32(starts, zlib.crc32(index.blob))))
    header = HEADER.pack(*key, len(index.blob), len(index.ids), len(index.barcodes), len(codes), crc)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            for part in (MAGIC, header, index.blob, starts, ids, codes):
                f.write(part)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def load(index: SearchIndex, path: Path, key: Key) -> bool:
    """Fills `index` from the file if it holds the index for `key`, whole."""
    try:
        with open(path, "rb") as f:
            if f.read(len(MAGIC)) != MAGIC:
                return False
            raw = f.read(HEADER.size)
            if len(raw) != HEADER.size:
                return False
            *found, blob_len, rows, coded, codes_len, crc = HEADER.unpack(raw)
            if tuple(found) != key:
                return False
            blob = bytearray(blob_len)
            starts, ids = array("q"), array("q")
            if f.readinto(blob) != blob_len:
                return False
            parts = f.read(16 * rows), f.read(codes_len)
    except OSError:
        return False
    if len(parts[0]) != 16 * rows or len(parts[1]) != codes_len:
        return False
    if zlib.crc32(parts[1], zlib.crc32(parts[0], zlib.crc32(blob))) != crc:
        return False
    starts.frombytes(parts[0][: 8 * rows])
    ids.frombytes(parts[0][8 * rows :])
    try:
        coded_ids = array("q", parts[1][codes_len - 8 * coded :])
        names = parts[1][: codes_len - 8 * coded].decode().split("\n") if coded else []
        barcodes = dict(zip(names, coded_ids, strict=True))
    except ValueError:  # (UnicodeDecodeError is one)
        return False
    index.blob, index.starts, index.ids, index.barcodes = blob, starts, ids, barcodes
    return True


def forget(engine: Engine) -> None:
    """Drops the file (a restored store may hold other goods under the same key)."""
    path = path_for(engine)
    if path is not None:
        path.unlink(missing_ok=True)
