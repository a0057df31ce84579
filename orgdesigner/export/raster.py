"""PNG and PDF of a :class:`~orgdesigner.layout.Placement`, painted by Qt (the only Qt in export).

QtSvg renders SVG Tiny 1.2 and ignores the positioned ``<tspan>`` lines of the SVG export, so
PNG and PDF are painted with QPainter straight from the placement: the same boxes, lines,
colours and fitted text lines as the SVG. Works headless: without a display it uses Qt's
``offscreen`` platform.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
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
from orgdesigner.layout import TEXT_PAD, TEXT_STYLES, Bounds, CardFace, LinkLine, Placement, TextRole, route_links
from orgdesigner.layout.faces import CORNER_RADIUS, STACK_OFFSET
from orgdesigner.layout.palette import BADGE_INK, EDGE, INK, LINK, PAGE, card_paint
from orgdesigner.layout.segments import connector_segments

MAX_PNG_SIDE = 32_767
MAX_PNG_PIXELS = 400_000_000
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A3": QPageSize.PageSizeId.A3,
}
PageName = Literal["A4", "Letter", "A3"]
PT_PER_UNIT = 0.75
"""Chart units are CSS pixels: 96 to the inch, so 0.75 point each at full size."""
MIN_FIT_SCALE = 0.5
"""Below this share of full size a chart is tiled across pages rather than shrunk onto one."""
TILE_SCALE = 0.8
MAX_PDF_PAGES = 400
MAX_PAGE_PT = 14_400.0


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


def paint_placement(
    painter: QPainter, pl: Placement, region: Bounds | None = None, links: Sequence[LinkLine] | None = None
) -> None:
    """Paint ``pl`` in chart coordinates (the painter's transform maps them to the device);
    ``region`` limits the work to what meets that rectangle; ``links`` are the dotted lines as
    routed (routed here when not given)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if pl.legend is not None:
        _paint_legend(painter, pl)
    pen = QPen(QColor(EDGE), 1.5)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    for x1, y1, x2, y2 in connector_segments(pl):
        if region is None or _meets(region, min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)):
            painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    _paint_links(painter, route_links(pl) if links is None else links)
    xs, ys, cw, hs = pl.xs, pl.ys, pl.card_width, pl.heights
    shown: Sequence[int] = pl.order
    if region is not None:
        shown = [i for i in shown if _meets(region, xs[i] - 4, ys[i] - 10, cw + 10, hs[i] + 14)]
    for i, face in zip(shown, pl.faces_of(shown), strict=True):
        painter.save()
        painter.translate(xs[i], ys[i])
        paint_face(painter, face)
        painter.restore()


def _meets(region: Bounds, x: float, y: float, w: float, h: float) -> bool:
    return x <= region.right and region.x <= x + w and y <= region.bottom and region.y <= y + h


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


def _paint_links(painter: QPainter, links: Sequence[LinkLine]) -> None:
    if not links:
        return
    pen = QPen(QColor(LINK), 1.5)
    pen.setDashPattern([4.0, 8.0 / 3.0])
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


def _paint_legend(painter: QPainter, pl: Placement) -> None:
    legend = pl.legend
    assert legend is not None
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


def pdf_tiles(pl: Placement, page: PageName) -> tuple[QPageLayout.Orientation, float, list[Bounds]]:
    """How a chart goes onto pages of ``page``: orientation, scale (points per chart unit)
    and the chart rectangle each page shows (one page when it fits at a readable size)."""
    size = QPageSize(PAGE_SIZES[page]).size(QPageSize.Unit.Point)
    margin = 28.0
    best = None
    for orient, (pw, ph) in (
        (QPageLayout.Orientation.Portrait, (size.width(), size.height())),
        (QPageLayout.Orientation.Landscape, (size.height(), size.width())),
    ):
        fit = min((pw - 2 * margin) / pl.width, (ph - 2 * margin) / pl.height, PT_PER_UNIT)
        if best is None or fit > best[1]:
            best = (orient, fit, pw, ph)
    assert best is not None
    orient, fit, pw, ph = best
    if fit >= MIN_FIT_SCALE * PT_PER_UNIT:
        return orient, fit, [pl.bounds]
    scale = TILE_SCALE * PT_PER_UNIT
    landscape = pl.width >= pl.height
    orient = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    pw, ph = (
        (max(size.width(), size.height()), min(size.width(), size.height()))
        if landscape
        else (size.width(), size.height())
    )
    tile_w, tile_h = (pw - 2 * margin) / scale, (ph - 2 * margin - 14) / scale
    cols, rows = math.ceil(pl.width / tile_w), math.ceil(pl.height / tile_h)
    tiles = [Bounds(c * tile_w, r * tile_h, tile_w, tile_h) for r in range(rows) for c in range(cols)]
    tiles = [t for t in tiles if _has_content(pl, t)]
    if len(tiles) > MAX_PDF_PAGES:
        raise ExportError(
            f"this chart would take {len(tiles):,} pages of {page}; export SVG, or a PDF without --page "
            "(one page sized to the chart)"
        )
    return orient, scale, tiles


def _has_content(pl: Placement, tile: Bounds) -> bool:
    if pl.legend is not None and tile.y < pl.legend.height + 24 and tile.x < pl.legend.width + 24:
        return True
    return any(_meets(tile, pl.xs[i], pl.ys[i], pl.card_width, pl.heights[i]) for i in pl.order)


def pdf_bytes(pl: Placement, page: PageName | None = None) -> bytes:
    """A vector PDF of ``pl``: one page sized to the chart, or fitted to / tiled across pages of
    ``page``; the document title is the org's name."""
    ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(pl.org_name)
    writer.setCreator("orgdesigner")
    writer.setResolution(72)
    if page is None:
        scale = min(PT_PER_UNIT, MAX_PAGE_PT / pl.width, MAX_PAGE_PT / pl.height)
        writer.setPageSize(
            QPageSize(
                QSizeF(pl.width * scale, pl.height * scale),
                QPageSize.Unit.Point,
                "chart",
                QPageSize.SizeMatchPolicy.ExactMatch,
            )
        )
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        pages: list[Bounds] = [pl.bounds]
        margin = 0.0
    else:
        orient, scale, pages = pdf_tiles(pl, page)
        writer.setPageSize(QPageSize(PAGE_SIZES[page]))
        writer.setPageOrientation(orient)
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        margin = 28.0
    links = route_links(pl)  # once for every page
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start the PDF")
    try:
        for number, tile in enumerate(pages):
            if number:
                writer.newPage()
            painter.save()
            if len(pages) > 1:
                painter.setFont(role_font("sub"))
                painter.setPen(QColor(INK))
                painter.drawText(QPointF(margin, margin - 8), f"{pl.org_name} - page {number + 1} of {len(pages)}")
            if page is not None and len(pages) == 1:  # one page: the chart in its middle
                full = writer.pageLayout().fullRect(QPageLayout.Unit.Point)
                painter.translate((full.width() - pl.width * scale) / 2, (full.height() - pl.height * scale) / 2)
            else:
                painter.translate(margin, margin)
            painter.scale(scale, scale)
            painter.translate(-tile.x, -tile.y)
            clip = QPainterPath()
            clip.addRect(QRectF(tile.x, tile.y, tile.width, tile.height))
            painter.setClipPath(clip)
            paint_placement(painter, pl, None if len(pages) == 1 else tile, links)
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def iter_pages(pl: Placement, page: PageName) -> Iterator[Bounds]:
    """The chart rectangles the pages of a ``page``-sized PDF show, in order."""
    yield from pdf_tiles(pl, page)[2]
