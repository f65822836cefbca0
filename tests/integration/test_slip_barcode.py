"""The printed slip carries its number as a Code 128 barcode the cashier
scans: read back here from the rendered page's pixels (pdftoppm), bar by
bar, with Code 128's table of bar patterns."""

from __future__ import annotations

import subprocess

from reportlab.graphics.barcode.code128 import _patterns, setb, setc
from reportlab.lib.units import mm

from counter.domain.scans import ScanKind, classify
from counter.printing import render
from counter.services.slips import SCAN_PATTERN
from tests.integration.documents_sale import write
from tests.integration.test_documents import poppler

DPI = 600
WIDTHS = {letter: i + 1 for i, letter in enumerate("abcd")} | {letter: i + 1 for i, letter in enumerate("ABCD")}
# A symbol's bar and space widths in modules -> its value.
SYMBOLS = {tuple(WIDTHS[c] for c in pattern): value for value, pattern in _patterns.items()}


def row_through_barcode(pdf: bytes, tmp_path) -> list[bool]:
    """One row of pixels across the barcode's middle (dark = True)."""
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    poppler("pdftoppm", "-v")  # skips without poppler
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True)
    [image] = tmp_path.glob("page*.pgm")
    data = image.read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    width = int(width)
    scale = DPI / 72
    y = round((12 * mm + 44) * scale)  # receipts/slip.py: the bars stand from top-53 to top-35
    x0, x1 = round((12 * mm - 6) * scale), round((12 * mm + 120) * scale)
    return [pixels[y * width + x] < 128 for x in range(x0, x1)]


def decode_code128(row: list[bool]) -> str:
    runs: list[int] = []
    dark = False
    for pixel in row:
        if pixel != dark or not runs:
            if pixel == dark and not runs:
                continue  # light before the first bar
            runs.append(0)
            dark = pixel
        runs[-1] += 1
    if not dark:
        runs.pop()  # light after the last bar
    values = []
    while len(runs) >= 6:
        group = runs[:6] if len(runs) > 7 else runs[:7]
        modules = 11 if len(group) == 6 else 13
        scale = sum(group) / modules
        values.append(SYMBOLS.get(tuple(round(r / scale) for r in group), -1))
        runs = runs[len(group):]
    start, *body, check, stop = values
    assert stop == 106 and start in (103, 104, 105)
    assert check == (start + sum(i * v for i, v in enumerate(body, 1))) % 103, "check symbol"
    b, c = {v: k for k, v in setb.items()}, {v: k for k, v in setc.items()}
    table, text = (c if start == 105 else b), ""
    for v in body:
        if v in (99, 100):  # Code C, Code B
            table = c if v == 99 else b
            continue
        text += table[v]
    return text


def test_the_slip_prints_a_barcode_of_its_number_that_scans_back(store, settings, staff, products, tmp_path):
    slip = write(store.uow, staff["A01"], [(products["XYJ-1"], 1)])
    pdf = render(store.uow(), settings, "slip", slip.number).pdf
    code = decode_code128(row_through_barcode(pdf, tmp_path))
    assert code == "S" + slip.number
    scan = classify(code, slip_pattern=SCAN_PATTERN)
    assert scan.kind == ScanKind.SLIP
