"""The decision report as a PDF, painted by Qt: vector, A4, paginated, the organisation's name
as the document title. Text is laid out by QTextDocument (from markup we write, every user text
escaped); each chart is painted by :func:`orgdesigner.export.raster.paint_placement`, the same
painter as the PNG and PDF exports."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument

from orgdesigner.export import ExportError
from orgdesigner.export.decision import (
    SEVERITY_WORDS,
    Decision,
    Part,
    chart_note,
    comparison_rows,
    figure_lines,
    finding_groups,
    tradeoffs,
)
from orgdesigner.export.pdf_pages import PT_PER_UNIT
from orgdesigner.export.raster import ensure_app, paint_placement
from orgdesigner.export.report_html import esc

MARGIN = 42.0
FOOTER = 18.0
CHART_SHARE = 0.56
"""How much of a scenario's page its chart may take; the figures and trade-offs get the rest."""
_CSS = (
    "body { font-size: 9pt; color: #1d1d1f; } h1 { font-size: 18pt; } h2 { font-size: 13pt; } "
    "h3 { font-size: 10.5pt; } th { background-color: #eef1f4; text-align: left; } "
    "td, th { padding: 3px; } p.note { color: #555555; font-size: 8pt; }"
)
Painter = Callable[[QPainter], None]


def _document(html: str, width: float, device: QPdfWriter) -> QTextDocument:
    doc = QTextDocument()
    layout = doc.documentLayout()
    assert layout is not None
    layout.setPaintDevice(device)  # point sizes laid out for the PDF's 72 dpi, not the screen's
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"])
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_CSS)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = ['<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse">']
    out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
    out += ["<tr><th>" + esc(r[0]) + "</th>" + "".join(f"<td>{esc(c)}</td>" for c in r[1:]) + "</tr>" for r in rows]
    return "".join(out) + "</table>"


def _cover_html(d: Decision) -> str:
    n = len(d.parts)
    out = [f"<h1>Where should MLOps sit? {esc(d.title)}</h1>"]
    out.append(
        f"<p>Decision report: {'1 scenario' if n == 1 else f'{n} scenarios'}, each compared with "
        f"{esc(d.reference.label)}.</p><h2>At a glance</h2><ul>"
    )
    f = d.reference.figures
    out.append(
        f"<li><b>{esc(d.reference.label)}</b>: stage {f.stage}, {f.gaps} gaps, {f.errors} errors, "
        f"{f.warnings} warnings, {f.total_distance} reporting lines for the ML project.</li>"
    )
    out += [f"<li><b>{esc(s.target.label)}</b>: {esc(s.sentence)}</li>" for s in d.steps]
    out.append("</ul><h2>Comparison</h2>")
    out.append(_table(*comparison_rows(d)))
    return "".join(out)


def _part_html(part: Part) -> str:
    name, focus, strengths, risks = tradeoffs(part)
    note = chart_note(part)
    out = [f'<p class="note">{esc(note)}</p>' if note else ""]
    out.append('<table width="100%" cellspacing="0" cellpadding="0"><tr><td width="52%">')
    out.append("<h3>Key figures</h3>")
    out.append(
        _table(("Key figure", ""), list(figure_lines(part))).replace("<tr><th>Key figure</th><th></th></tr>", "")
    )
    out.append(f'</td><td width="4%"></td><td width="44%"><h3>Trade-offs: {esc(name)}</h3>')
    out.append(f"<p>Focus: {esc(focus)}.</p>")
    tight = '<p style="margin-top: 2px; margin-bottom: 2px">'
    out += [f"{tight}+ {esc(s)}</p>" for s in strengths] + [f"{tight}&#8722; {esc(r)}</p>" for r in risks]
    out.append("</td></tr></table>")
    return "".join(out)


def _steps_html(d: Decision) -> str:
    out = ["<h2>Changes between the scenarios</h2>"]
    for s in d.steps:
        out.append(f"<h3>From {esc(d.reference.label)} to {esc(s.target.label)}</h3><p>{esc(s.sentence)}</p>")
        if s.changes:
            out.append("<ul>" + "".join(f"<li>{esc(c.kind)}: {esc(c.text)}</li>" for c in s.changes) + "</ul>")
    out.append("<h2>Findings each scenario opens or closes</h2>")
    for s in d.steps:
        out.append(f"<h3>{esc(s.target.label)}, against {esc(d.reference.label)}</h3>")
        for title, shown, total in finding_groups(s):
            found = "no finding" if not total else "1 finding" if total == 1 else f"{total:,} findings"
            out.append(f"<p>It {title} <b>{found}</b>{':' if total else '.'}</p>")
            if shown:
                out.append(
                    "<ul>"
                    + "".join(f"<li><b>{SEVERITY_WORDS[f.severity]}</b> {esc(f.message)}</li>" for f in shown)
                    + "</ul>"
                )
            if total > len(shown):
                out.append(f'<p class="note">and {total - len(shown):,} more.</p>')
    return "".join(out)


class _Pages:
    """The report as a list of page painters, laid out before anything is painted so that
    every footer can say how many pages there are."""

    def __init__(self, width: float, height: float, device: QPdfWriter) -> None:
        self.width, self.height, self.device = width, height, device
        self.body = QRectF(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN - FOOTER)
        self.pages: list[Painter] = []

    def flow(self, doc: QTextDocument, first_top: float = 0.0) -> None:
        """Add ``doc`` paginated to the body (starting ``first_top`` down the next page)."""
        body = self.body
        doc.setPageSize(QSizeF(body.width(), body.height()))
        for k in range(doc.pageCount()):

            def page(painter: QPainter, k: int = k) -> None:
                painter.save()
                painter.translate(body.x(), body.y() - k * body.height())
                doc.drawContents(painter, QRectF(0, k * body.height(), body.width(), body.height()))
                painter.restore()

            self.pages.append(page)

    def part(self, n: int, part: Part) -> None:
        """One scenario: its heading and chart, then its figures and trade-offs."""
        body = self.body
        heading = _document(f"<h2>{n}. {esc(part.label)}</h2>", body.width(), self.device)
        details = _document(_part_html(part), body.width(), self.device)
        top = heading.size().height() + 4
        chart_h = min(body.height() * CHART_SHARE, body.height() - top - details.size().height() - 8)
        chart_h = max(chart_h, body.height() * 0.3)
        pl = part.chart
        scale = min((body.width() - 8) / pl.width, (chart_h - 8) / pl.height, PT_PER_UNIT)
        chart_h = pl.height * scale + 8  # the frame hugs the chart
        fits = top + chart_h + 8 + details.size().height() <= body.height()

        def page(painter: QPainter) -> None:
            painter.save()
            painter.translate(body.x(), body.y())
            heading.drawContents(painter)
            painter.setPen(QPen(QColor("#d8dde3"), 0.5))
            painter.drawRect(QRectF(0, top, body.width(), chart_h))
            painter.save()
            painter.translate((body.width() - pl.width * scale) / 2, top + (chart_h - pl.height * scale) / 2)
            painter.scale(scale, scale)
            paint_placement(painter, pl)
            painter.restore()
            if fits:
                painter.translate(0, top + chart_h + 8)
                details.drawContents(painter)
            painter.restore()

        self.pages.append(page)
        if not fits:
            self.flow(details)


def decision_pdf(d: Decision) -> bytes:
    """The decision report as the bytes of a PDF."""
    ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(d.title)
    writer.setCreator("orgdesigner")
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    full = writer.pageLayout().fullRect(QPageLayout.Unit.Point)
    pages = _Pages(full.width(), full.height(), writer)
    pages.flow(_document(_cover_html(d), pages.body.width(), writer))
    for n, part in enumerate(d.parts, 1):
        pages.part(n, part)
    if d.steps:
        pages.flow(_document(_steps_html(d), pages.body.width(), writer))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start the PDF")
    try:
        footer_font = QFont()
        footer_font.setFamilies(["DejaVu Sans", "Liberation Sans", "Arial"])
        footer_font.setPointSizeF(7)
        for number, paint in enumerate(pages.pages, 1):
            if number > 1:
                writer.newPage()
            paint(painter)
            painter.setFont(footer_font)
            painter.setPen(QColor("#666666"))
            foot = QRectF(MARGIN, full.height() - MARGIN - FOOTER + 6, full.width() - 2 * MARGIN, FOOTER)
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft), f"{d.title}: where should MLOps sit?")
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignRight), f"page {number} of {len(pages.pages)}")
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


__all__ = ["decision_pdf"]
