"""The CJK font PDFs are set in: a TrueType font found on this machine.

reportlab embeds (a subset of) a TrueType font, so Chinese renders in any
viewer and `pdftotext` reads it back. CFF-outline OpenType fonts (Noto Sans
CJK .ttc) cannot be embedded by reportlab and are skipped.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
# Built into reportlab: renders where the viewer has Adobe's Chinese fonts.
FALLBACK = "STSong-Light"


def _installed() -> list[str]:
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(line.strip().rstrip(":") for line in out.splitlines() if line.strip())


@functools.cache
def cjk_font_name() -> str:
    """Registers the first usable CJK TrueType font and returns its name for
    `canvas.setFont` / paragraph styles."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path in (*CANDIDATES, *_installed()):
        if not Path(path).is_file() or not path.lower().endswith((".ttf", ".ttc")):
            continue
        try:
            pdfmetrics.registerFont(TTFont("CounterCJK", path, subfontIndex=0))
        except TTFError:
            continue
        return "CounterCJK"
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return FALLBACK
