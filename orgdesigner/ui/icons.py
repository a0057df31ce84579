"""Icons drawn from the catalogue: a rounded swatch of a discipline's colour with its short label,
so that no entry is told apart by colour alone."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from orgdesigner.model import load_catalogue

UNIT_COLOR = "#4a5568"


def text_color_on(fill: str) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    c = QColor(fill)
    luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return QColor("#111111") if luminance > 0.5 else QColor("#ffffff")


def _swatch(fill: str, label: str, outline_only: bool = False, size: int = 32) -> QPixmap:
    pix = QPixmap(size * 2, size * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(1.5, 1.5, size - 3, size - 3)
    if outline_only:
        p.setPen(QPen(QColor(fill), 2.5))
        p.setBrush(QColor("#ffffff"))
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(fill))
    p.drawRoundedRect(rect, 6, 6)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, int(size * (0.34 if len(label) <= 3 else 0.24))))
    p.setFont(font)
    p.setPen(QColor(fill) if outline_only else text_color_on(fill))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    p.end()
    return pix


@cache
def discipline_icon(discipline: str) -> QIcon:
    """The icon of a discipline."""
    info = load_catalogue().discipline(discipline)
    return QIcon(_swatch(info.color, info.short))


@cache
def structure_icon(structure: str) -> QIcon:
    """The icon of a unit structure (outlined, to set units apart from teams)."""
    info = load_catalogue().structure(structure)
    return QIcon(_swatch(UNIT_COLOR, info.short[:4], outline_only=True))
