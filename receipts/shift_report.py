"""The shift report (交班报告): takings by tender and the drawer count, as a
receipt for the till printer (plain text, 58/80 mm) and as a PDF page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from counter.i18n import _, in_language
from counter.money import fmt
from receipts.text import WIDTH_58MM, centre, checkpoint_line, rule, signed, spread, wrap

if TYPE_CHECKING:
    from counter.services.shifts import DrawerCount, ShiftReport


def _tender(tender: str) -> str:
    return {"cash": _("cash"), "card": _("bank card"), "mobile": _("mobile"), "cheque": _("cheque")}[str(tender)]


def _kind(kind: str) -> str:
    return {"refund": _("refund"), "payout": _("payout")}[str(kind)]


def _out(amount: Decimal) -> str:
    return "-" + fmt(amount) if amount else fmt(amount)


def drawer_rows(d: DrawerCount) -> list[tuple[str, str]]:
    """The drawer reconciliation as (label, amount) rows, shared by the
    receipt, the PDF and the close screen."""
    rows = [
        (_("Float"), fmt(d.float)),
        (_("Cash received"), fmt(d.cash_received)),
        (_("Change given"), _out(d.change)),
        (_("Cash refunds"), _out(d.refunds)),
        (_("Payouts"), _out(d.payouts)),
        (_("Expected in drawer"), fmt(d.expected)),
    ]
    if d.counted is not None:
        rows += [(_("Counted"), fmt(d.counted)), (_("Difference"), signed(d.difference))]
    return rows


def _heading(report: ShiftReport) -> list[str]:
    s = report.shift
    lines = [
        _("Shift {id} · {cashier}").format(id=s.id, cashier=s.cashier),
        _("Opened {time}").format(time=s.opened_at.strftime("%Y-%m-%d %H:%M")),
    ]
    if s.closed_at:
        lines.append(_("Closed {time} by {name}").format(time=s.closed_at.strftime("%Y-%m-%d %H:%M"), name=s.closed_by))
    else:
        lines.append(_("Still open: figures so far"))
    return lines


def shift_report_text(report: ShiftReport, width: int = WIDTH_58MM) -> str:
    """The receipt: plain lines of at most `width` printer cells."""
    s = report.shift
    lines = [centre(_("Shift report"), width)]
    for line in _heading(report):
        lines += wrap(line, width)
    lines += [rule(width), _("Takings by tender")]
    for t in report.takings:
        lines.append(spread(f" {_tender(t.tender)} ×{t.payments}", fmt(t.amount), width))
        if t.uncleared:
            lines.append(spread("   " + _("not yet cleared"), fmt(t.uncleared), width))
    lines.append(spread(" " + _("Total ({n} slips)").format(n=report.slips_paid), fmt(report.total_takings), width))
    lines += [rule(width), _("Drawer")]
    lines += [spread(" " + label, amount, width) for label, amount in drawer_rows(report.drawer)]
    if s.difference:
        lines += wrap(_("Reason: {reason}").format(reason=s.difference_reason), width, " ")
        lines += wrap(_("Signed off by {name}").format(name=s.approved_by), width, " ")
    if s.counted_text:
        lines += [rule(width), *wrap(_("Counted: {notes}").format(notes=s.counted_text), width)]
    if report.movements:
        lines += [rule(width), _("Cash out")]
        for m in report.movements:
            lines.append(spread(f" {m.at:%H:%M} {_kind(m.kind)} {m.reason}", fmt(m.amount), width))
            lines += wrap(_("approved by {name}").format(name=m.approved_by), width, "   ")
    if report.checkpoint is not None:
        lines += [rule(width), *wrap(checkpoint_line(report.checkpoint), width)]
    if s.closed_at:
        lines += [rule(width), "", _("Cashier signature") + ": ____________", "", _("Manager signature") + ": ____________"]
    return "\n".join(lines) + "\n"


def shift_report_pdf(report: ShiftReport, path: Path, lang: str = "zh") -> Path:
    """The shift report as an A4 PDF; in Chinese unless `lang` says otherwise, like every document."""
    with in_language(lang):
        return _shift_report_pdf(report, path)


def _shift_report_pdf(report: ShiftReport, path: Path) -> Path:
    """An A4 page with the same figures, set in a CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from receipts.fonts import cjk_font_name

    font = cjk_font_name()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    section = ParagraphStyle("section", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    s = report.shift

    def table(rows: list[list[str]], widths: list[float], numeric_from: int = 1) -> Table:
        t = Table(rows, colWidths=widths, hAlign="LEFT")
        t.setStyle(
            TableStyle([
                ("FONT", (0, 0), (-1, -1), font, 10),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ])
        )
        return t

    story = [Paragraph(_("Shift report"), title)]
    story += [Paragraph(escape(line), body) for line in _heading(report)]
    story.append(Paragraph(_("Takings by tender"), section))
    takings = [[_("Tender"), _("Payments"), _("Amount")]]
    takings += [[_tender(t.tender), str(t.payments), fmt(t.amount)] for t in report.takings]
    takings.append([_("Total ({n} slips)").format(n=report.slips_paid), "", fmt(report.total_takings)])
    story.append(table(takings, [70 * mm, 30 * mm, 40 * mm]))
    story.append(Paragraph(_("Drawer"), section))
    story.append(table([[_("Item"), _("Amount")], *[[a, b] for a, b in drawer_rows(report.drawer)]], [100 * mm, 40 * mm]))
    if s.counted_text:
        story.append(Spacer(1, 4))
        story.append(Paragraph(escape(_("Counted: {notes}").format(notes=s.counted_text)), body))
    if s.difference:
        story.append(Paragraph(escape(_("Reason: {reason}").format(reason=s.difference_reason)), body))
        story.append(Paragraph(escape(_("Signed off by {name}").format(name=s.approved_by)), body))
    if report.movements:
        story.append(Paragraph(_("Cash out"), section))
        rows = [[_("Time"), _("Kind"), _("Reason"), _("Approved by"), _("Amount")]]
        # A long reason wraps in its cell instead of running over the approver's name.
        rows += [[f"{m.at:%H:%M}", _kind(m.kind), Paragraph(escape(m.reason), body), m.approved_by, fmt(m.amount)]
                 for m in report.movements]
        story.append(table(rows, [20 * mm, 20 * mm, 60 * mm, 30 * mm, 30 * mm], numeric_from=4))
    if s.closed_at:
        story += [Spacer(1, 24), Paragraph(_("Cashier signature") + ": ______________    "
                                          + _("Manager signature") + ": ______________", body)]
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=_("Shift report"), leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm)
    if report.checkpoint is not None:
        story.append(Paragraph(escape(checkpoint_line(report.checkpoint)), body))
    doc.build(story)
    return path
