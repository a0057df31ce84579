"""PNG and PDF of a :class:`~orgdesigner.layout.Placement`, painted by Qt (the only Qt in export).

QtSvg renders SVG Tiny 1.2 and ignores the positioned ``<tspan>`` lines of the SVG export, so
PNG and PDF are painted with QPainter straight from the placement: the same boxes, lines,
colours and fitted text lines as the SVG. Works headless: without a display it uses Qt's
``offscreen`` platform.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from orgdesigner.export import ExportError
from orgdesigner.export.pdf_pages import PAGE_MARGIN, PageName, plan_pages
from orgdesigner.layout import (
    TEXT_PAD,
    TEXT_STYLES,
    CardFace,
    Legend,
    LinkLine,
    Placement,
    Segment,
    TextRole,
    route_links,
)
from orgdesigner.layout.faces import CORNER_RADIUS, STACK_OFFSET
from orgdesigner.layout.palette import BADGE_INK, EDGE, INK, LINK, PAGE, SEVERITY_COLORS, card_paint
from orgdesigner.layout.segments import connector_segments

MAX_PNG_SIDE = 32_767
MAX_PNG_PIXELS = 400_000_000
PAGE_SIZES: dict[PageName, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A3": QPageSize.PageSizeId.A3,
}


def ensure_app() -> QGuiApplication:
    """The running Qt application, created (offscreen when there is no display) if needed.

    A QApplication rather than a bare QGuiApplication, so that widgets can still be made later
    in the same process (the designer window, its tests)."""
    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication

        app = QApplication(["orgdesigner"])
    assert isinstance(app, QGuiApplication)
    return app


@cache
def role_font(role: TextRole) -> QFont:
    """The font of a kind of text line, sized in chart units as the SVG sizes it (the canvas
    and the PNG/PDF painter share it)."""
    size, bold = TEXT_STYLES[role]
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"])
    font.setPixelSize(size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def paint_placement(painter: QPainter, pl: Placement, links: Sequence[LinkLine] | None = None) -> None:
    """Paint ``pl`` in chart coordinates (the painter's transform maps them to the device);
    ``links`` are the dotted lines as routed (routed here when not given)."""
    links = route_links(pl) if links is None else links
    _paint(painter, pl, pl.order, connector_segments(pl), links, pl.legend is not None)


def _paint(
    painter: QPainter,
    pl: Placement,
    cards: Sequence[int],
    segments: Iterable[Segment],
    links: Sequence[LinkLine],
    legend: bool,
) -> None:
    """Paint these cards (node numbers), reporting line pieces and dotted lines of ``pl``, and
    its legend if ``legend``."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if legend:
        assert pl.legend is not None
        paint_legend(painter, pl.legend)
    pen = QPen(QColor(EDGE), 1.5)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    for x1, y1, x2, y2 in segments:
        painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    _paint_links(painter, links)
    xs, ys = pl.xs, pl.ys
    for i, face in zip(cards, pl.faces_of(cards), strict=True):
        painter.save()
        painter.translate(xs[i], ys[i])
        paint_face(painter, face)
        painter.restore()


def paint_face(painter: QPainter, face: CardFace, outline: QPen | None = None, text: bool = True) -> None:
    """Paint one card from its face with its corner at the painter's origin: the card (and the
    one behind a collapsed card), its text lines, its finding badge. The canvas and the PNG/PDF
    painter both draw cards with this. ``outline`` replaces the border's pen (the canvas marks
    a selected card so); ``text`` False leaves the words out (a card too small to read)."""
    frame = face.frame
    paint = frame.paint
    painter.setPen(outline if outline is not None else QPen(QColor(paint.border), frame.border_width))
    painter.setBrush(QBrush(QColor(paint.fill)))
    rect = QRectF(0, 0, frame.width, frame.height)
    if frame.stacked:
        painter.drawRoundedRect(rect.translated(STACK_OFFSET, STACK_OFFSET), CORNER_RADIUS, CORNER_RADIUS)
    painter.drawRoundedRect(rect, CORNER_RADIUS, CORNER_RADIUS)
    if text:
        painter.setPen(QColor(paint.ink))
        role = None
        for line, y, line_role in zip(face.texts, frame.baselines, frame.roles, strict=True):
            if line_role != role:
                role = line_role
                painter.setFont(role_font(role))
            painter.drawText(QPointF(TEXT_PAD, y), line)
    if face.badge is not None:
        b = face.badge_rect
        badge = QRectF(b.x, b.y, b.width, b.height)
        painter.setPen(QPen(QColor(BADGE_INK), 1))
        painter.setBrush(QColor(face.badge_fill))
        painter.drawRoundedRect(badge, b.height / 2, b.height / 2)
        painter.setFont(role_font("more"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, face.badge_label)


def paint_name_large(painter: QPainter, face: CardFace, size: float) -> None:
    """A card's name alone, ``size`` chart units high (at least the name line's own size), cut
    with "…" to the card's width and centred: what a card shows zoomed out, where its usual
    lines would be too small to read."""
    font = QFont(role_font("name"))
    font.setPixelSize(max(round(size), TEXT_STYLES["name"][0]))
    painter.setFont(font)
    painter.setPen(QColor(face.paint.ink))
    width = face.width - 2 * TEXT_PAD
    metrics = QFontMetricsF(font)
    lines = _two_lines(face.name, metrics, width) if metrics.height() * 2 <= face.height else []
    text = "\n".join(lines) or metrics.elidedText(face.name, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRectF(TEXT_PAD, 0, width, face.height), Qt.AlignmentFlag.AlignCenter, text)


def _two_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``text`` on at most two lines of ``width``, words kept whole, the second cut with "…"."""
    words = text.split()
    first: list[str] = []
    while words and metrics.horizontalAdvance(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    if not first:
        return []
    lines = [" ".join(first)]
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines


MANY_LINKS = 2_000
"""Past this many dotted lines they are drawn without antialiasing: antialiased dashes cost
0.2 ms a line (20,000 lines, most of a minute for a large PNG), aliased ones a third of that,
and a routed line is mostly horizontal and vertical stretches, which look the same either way."""


def _paint_links(painter: QPainter, links: Sequence[LinkLine]) -> None:
    if not links:
        return
    pen = QPen(QColor(LINK), 1.5)
    pen.setDashPattern([4.0, 8.0 / 3.0])
    if len(links) > MANY_LINKS:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for link in links:
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF([QPointF(px, py) for px, py in link.points]))
        (x1, y1), (x2, y2) = link.points[-2], link.points[-1]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        bx, by, px, py = x2 - ux * 9, y2 - uy * 9, -uy * 4.05, ux * 4.05
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(LINK))
        painter.drawPolygon(QPolygonF([QPointF(x2, y2), QPointF(bx + px, by + py), QPointF(bx - px, by - py)]))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # the cards drawn next are


def paint_legend(painter: QPainter, legend: Legend) -> None:
    """The chart's title and discipline legend, as every picture draws it (the canvas too)."""
    painter.setPen(QColor(INK))
    painter.setFont(role_font("heading"))
    painter.drawText(QPointF(legend.heading.x, legend.heading.y), legend.heading.text)
    for entry in legend.entries:
        sw = entry.swatch
        if entry.kind == "link":
            pen = QPen(QColor(LINK), 1.5)
            pen.setDashPattern([4.0, 8.0 / 3.0])
            painter.setPen(pen)
            painter.drawLine(QPointF(sw.x, sw.y + sw.height / 2), QPointF(sw.right, sw.y + sw.height / 2))
        elif entry.kind == "badge":
            pill = QRectF(sw.x, sw.y, sw.width, sw.height)
            painter.setPen(QPen(QColor(BADGE_INK), 1))
            painter.setBrush(QColor(SEVERITY_COLORS["warning"]))
            painter.drawRoundedRect(pill, sw.height / 2, sw.height / 2)
            painter.setFont(role_font("more"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, entry.short)
        else:
            swatch = card_paint(entry.color)
            painter.setPen(QPen(QColor(swatch.border), 1.5))
            painter.setBrush(QColor(swatch.fill))
            painter.drawRoundedRect(QRectF(sw.x, sw.y, sw.width, sw.height), 3, 3)
        painter.setPen(QColor(INK))
        painter.setFont(role_font("legend"))
        painter.drawText(QPointF(entry.text.x, entry.text.y), entry.text.text)


def png_bytes(pl: Placement, scale: float = 1.0, dpi: float | None = None, transparent: bool = False) -> bytes:
    """A PNG of ``pl`` at ``scale`` device pixels per chart unit (``dpi`` sets scale = dpi / 96)."""
    if dpi is not None:
        scale = dpi / 96.0
    if not scale > 0:
        raise ExportError("the scale must be more than 0")
    width, height = math.ceil(pl.width * scale), math.ceil(pl.height * scale)
    if max(width, height) > MAX_PNG_SIDE or width * height > MAX_PNG_PIXELS:
        fit = min(
            MAX_PNG_SIDE / pl.width,
            MAX_PNG_SIDE / pl.height,
            math.sqrt(MAX_PNG_PIXELS / (pl.width * pl.height)),
        )
        raise ExportError(
            f"a PNG of this chart at scale {scale:g} would be {width:,} x {height:,} pixels, more than "
            f"a PNG can hold ({MAX_PNG_SIDE:,} a side); use --scale {math.floor(fit * 1000) / 1000:g} "
            "or less, or export SVG or PDF"
        )
    ensure_app()
    image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for a {width:,} x {height:,} PNG; lower --scale")
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor(PAGE))
    dots_per_meter = round(96.0 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_placement(painter, pl)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # PySide6 takes str here
        raise ExportError("Qt could not encode the PNG")
    return bytes(buffer.data().data())


def pdf_bytes(pl: Placement, page: PageName | None = None) -> bytes:
    """A vector PDF of ``pl``: one page sized to the chart, or fitted to / tiled across pages of
    ``page`` (see :func:`~orgdesigner.export.pdf_pages.plan_pages`); the document title is the
    org's name."""
    plan = plan_pages(pl, page, route_links(pl))
    ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(pl.org_name)
    writer.setCreator("orgdesigner")
    writer.setResolution(72)
    if page is None:
        size = QPageSize(
            QSizeF(plan.width, plan.height), QPageSize.Unit.Point, "chart", QPageSize.SizeMatchPolicy.ExactMatch
        )
        writer.setPageSize(size)
    else:
        writer.setPageSize(QPageSize(PAGE_SIZES[page]))
        landscape = QPageLayout.Orientation.Landscape if plan.landscape else QPageLayout.Orientation.Portrait
        writer.setPageOrientation(landscape)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    margin = PAGE_MARGIN if page is not None else 0.0
    scale, pages = plan.scale, plan.pages
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start the PDF")
    try:
        for number, shown in enumerate(pages):
            if number:
                writer.newPage()
            tile = shown.tile
            painter.save()
            if plan.tiled:
                painter.setFont(role_font("sub"))
                painter.setPen(QColor(INK))
                painter.drawText(QPointF(margin, margin - 8), f"{pl.org_name} - page {number + 1} of {len(pages)}")
            if plan.fitted:  # one page: the chart in its middle
                painter.translate((plan.width - pl.width * scale) / 2, (plan.height - pl.height * scale) / 2)
            else:
                painter.translate(margin, margin)
            painter.scale(scale, scale)
            painter.translate(-tile.x, -tile.y)
            clip = QPainterPath()
            clip.addRect(QRectF(tile.x, tile.y, tile.width, tile.height))
            painter.setClipPath(clip)
            _paint(painter, pl, shown.cards, shown.segments, shown.links, shown.legend)
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
