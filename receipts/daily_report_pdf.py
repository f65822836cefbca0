"""The daily sales report (销售日报) as a PDF: the figures, sales by hour and
by category as bar charts, then the breakdowns as tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from counter.i18n import _, in_language
from counter.money import fmt
from counter.services.payments import tender_label
from receipts.daily_report_text import categories, hours, phone_order_rows, range_label, return_rows, summary_rows
from receipts.text import checkpoint_line, signed

if TYPE_CHECKING:
    from counter.services.reports import DailyReport

BAR = "#3b6ea5"
BAR_ALT = "#d98c2b"


def short_money(yuan: float) -> str:
    """Axis and bar labels: ¥850, ¥12.5k, ¥1.2M: short enough to sit on a bar."""
    if yuan >= 1_000_000:
        return f"¥{yuan / 1_000_000:.1f}M"
    if yuan >= 10_000:
        return f"¥{yuan / 1000:.0f}k"
    if yuan >= 1000:
        return f"¥{yuan / 1000:.1f}".removesuffix(".0") + "k"
    return f"¥{yuan:.0f}"


def hour_chart(report: DailyReport, font: str, width: float, height: float):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    data = hours(report)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, _("Sales by hour"), fontName=font, fontSize=11))
    if not data:
        drawing.add(String(0, height / 2, _("No sales"), fontName=font, fontSize=10, fillColor=colors.grey))
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 48, 28, width - 60, height - 58
    # Whole yuan: the chart only needs the shape; exact amounts are in the tables.
    chart.data = [[int(amount) for _h, amount in data]]
    chart.categoryAxis.categoryNames = [h for h, _a in data]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = short_money
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = colors.HexColor(BAR)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: short_money(v) if v else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7 if len(data) <= 14 else 6
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(chart.x + chart.width / 2, 4, _("hour of payment"), fontName=font, fontSize=8,
                       textAnchor="middle", fillColor=colors.grey))
    return drawing


def category_chart(report: DailyReport, font: str, width: float):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    data = categories(report)
    bar_height = 16
    height = 40 + max(1, len(data)) * bar_height
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, _("Sales by category"), fontName=font, fontSize=11))
    if not data:
        drawing.add(String(0, height / 2 - 10, _("No sales"), fontName=font, fontSize=10, fillColor=colors.grey))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 90, 18
    chart.width, chart.height = width - 150, len(data) * bar_height
    # Largest first, read from the top down.
    chart.data = [[int(amount) for _c, amount in reversed(data)]]
    chart.categoryAxis.categoryNames = [c for c, _a in reversed(data)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = short_money
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = colors.HexColor(BAR_ALT)
    chart.bars[0].strokeColor = None
    chart.barWidth = bar_height * 0.7
    chart.barLabelFormat = lambda v: short_money(v) if v else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing


def daily_report_pdf(report: DailyReport, path: Path, shop_name: str = "", lang: str = "zh") -> Path:
    """The daily report as an A4 PDF with charts; in Chinese unless `lang` says otherwise, like every document."""
    with in_language(lang):
        return _daily_report_pdf(report, path, shop_name)


def _daily_report_pdf(report: DailyReport, path: Path, shop_name: str = "") -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from receipts.fonts import cjk_font_name

    font = cjk_font_name()
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24)
    sub = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, textColor=colors.grey)
    section = ParagraphStyle("section", fontName=font, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=11)
    page_width = A4[0] - 36 * mm

    def table(rows: list[list[object]], widths: list[float], numeric_from: int = 1) -> Table:
        # Plain strings in a Table are drawn as they are (no markup), so no escaping.
        t = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
        t.setStyle(
            TableStyle([
                ("FONT", (0, 0), (-1, -1), font, 9),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f5f8")]),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ])
        )
        return t

    def block(heading: str, rows: list[list[object]], widths: list[float], numeric_from: int = 1) -> KeepTogether:
        return KeepTogether([Paragraph(escape(heading), section), table(rows, widths, numeric_from)])

    story = [
        Paragraph(escape(_("Daily sales report")), title),
        Paragraph(escape(" · ".join(x for x in (shop_name, range_label(report)) if x)), sub),
        Spacer(1, 6),
    ]
    summary = summary_rows(report)
    half = (len(summary) + 1) // 2
    left, right = summary[:half], summary[half:] + [("", "")] * (2 * half - len(summary))
    figures = table([[a, b, c, d] for (a, b), (c, d) in zip(left, right, strict=True)],
                    [50 * mm, 32 * mm, 50 * mm, 32 * mm])
    figures.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "LEFT"), ("LEFTPADDING", (2, 0), (2, -1), 14),
                                 ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white)]))
    story.append(figures)
    story.append(Spacer(1, 8))
    story.append(hour_chart(report, font, page_width, 62 * mm))
    story.append(Spacer(1, 6))
    story.append(category_chart(report, font, page_width))

    story.append(block(_("Takings by tender"),
                       [[_("Tender"), _("Payments"), _("Amount")]]
                       + [[tender_label(r.key), str(r.count), fmt(r.amount)] for r in report.by_tender],
                       [70 * mm, 30 * mm, 40 * mm]))
    story.append(block(_("Sales by assistant"),
                       [[_("Assistant"), _("Slips"), _("Amount")]]
                       + [[f"{r.label} ({r.key})", str(r.count), fmt(r.amount)] for r in report.by_assistant],
                       [70 * mm, 30 * mm, 40 * mm]))
    story.append(block(_("Sales by category"),
                       [[_("Category"), _("Items"), _("Amount")]]
                       + [[r.label, str(r.count), fmt(r.amount)] for r in report.by_category],
                       [70 * mm, 30 * mm, 40 * mm]))
    story.append(block(_("Best sellers"),
                       [[_("Goods"), _("Brand / model"), _("Qty"), _("Amount")]]
                       + [[b.name, f"{b.brand} {b.model}".strip(), str(b.quantity), fmt(b.amount)]
                          for b in report.best_sellers],
                       [55 * mm, 55 * mm, 20 * mm, 34 * mm], numeric_from=2))
    if report.promotions:
        story.append(block(_("Promotions given"),
                           [[_("Promotion"), _("Slips"), _("Off")]]
                           + [[r.label, str(r.count), fmt(r.amount)] for r in report.promotions],
                           [70 * mm, 30 * mm, 40 * mm]))
    story.append(block(_("Phone orders"), [["", _("Qty")]] + [[a, b] for a, b in phone_order_rows(report)],
                       [70 * mm, 30 * mm]))
    story.append(block(_("Returns"), [["", _("Qty"), _("Amount")]]
                       + [[a, b, c] for a, b, c in return_rows(report)],
                       [70 * mm, 30 * mm, 40 * mm]))
    if report.voids:
        story.append(block(_("Invoices voided"),
                           [[_("Invoice"), _("Slip"), _("Reason"), _("Voided by"), _("Amount")]]
                           + [[f"{v.number:08d}", v.slip_number, Paragraph(escape(v.reason), cell), v.voided_by,
                               fmt(v.total)]
                              for v in report.voids],
                           [26 * mm, 22 * mm, 62 * mm, 24 * mm, 30 * mm], numeric_from=4))
    if report.cash_differences:
        story.append(block(_("Cash differences"),
                           [[_("Shift"), _("Cashier"), _("Closed"), _("Reason"), _("Signed off"), _("Difference")]]
                           # A long reason wraps in its cell instead of running over the next one.
                           + [[str(d.shift_id), d.cashier, f"{d.closed_at:%m-%d %H:%M}", Paragraph(escape(d.reason), cell), d.approved_by,
                               signed(d.difference)] for d in report.cash_differences],
                           [14 * mm, 22 * mm, 24 * mm, 56 * mm, 22 * mm, 26 * mm], numeric_from=5))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, _("Page {n}").format(n=doc.page))
        canvas.drawString(18 * mm, 10 * mm, f"{_('Daily sales report')} {range_label(report)}")
        canvas.restoreState()

    if report.checkpoint is not None:
        story += [Spacer(1, 8), Paragraph(escape(checkpoint_line(report.checkpoint)), cell)]
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=f"{_('Daily sales report')} {range_label(report)}",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
