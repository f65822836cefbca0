"""The CJK font report PDFs are set in: the WenQuanYi Micro Hei vendored in
receipts/fonts/ (see pdfkit), so every machine embeds the same glyphs and no
system font package is needed."""

from __future__ import annotations


def cjk_font_name() -> str:
    """Registers the vendored font (once) and returns its name for
    `canvas.setFont` / paragraph styles."""
    from receipts.pdfkit import FONT, register_fonts

    register_fonts()
    return FONT
