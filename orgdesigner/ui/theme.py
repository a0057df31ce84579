"""Light or dark: the window follows the system's colour scheme (or ``ORGDESIGNER_THEME``).

The chart itself stays on a light page in both, so that what the canvas shows is what the SVG,
PNG and PDF exports show; the desk around the page and every widget follow the scheme.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def system_prefers_dark() -> bool:
    """True when ``ORGDESIGNER_THEME=dark``, or the platform reports a dark colour scheme."""
    forced = os.environ.get("ORGDESIGNER_THEME", "").strip().lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202327",
        QPalette.ColorRole.WindowText: "#e6e8eb",
        QPalette.ColorRole.Base: "#17191c",
        QPalette.ColorRole.AlternateBase: "#24282d",
        QPalette.ColorRole.ToolTipBase: "#2b3036",
        QPalette.ColorRole.ToolTipText: "#e6e8eb",
        QPalette.ColorRole.PlaceholderText: "#8b929a",
        QPalette.ColorRole.Text: "#e6e8eb",
        QPalette.ColorRole.Button: "#2a2e33",
        QPalette.ColorRole.ButtonText: "#e6e8eb",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#2f6fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8fe",
        QPalette.ColorRole.Mid: "#3a3f45",
        QPalette.ColorRole.Dark: "#15171a",
        QPalette.ColorRole.Light: "#3a3f45",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7178"))
    return p


def apply_theme(app: QApplication, dark: bool | None = None) -> bool:
    """Give the application the light or dark look; return True when dark."""
    use_dark = system_prefers_dark() if dark is None else dark
    app.setStyle("Fusion")
    style = app.style()
    app.setPalette(dark_palette() if use_dark else style.standardPalette())
    app.setProperty("orgdesigner_dark", use_dark)
    return use_dark


def is_dark(app: QApplication | None = None) -> bool:
    """True when the application wears the dark look."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    return bool(app is not None and app.property("orgdesigner_dark"))


def desk_color() -> QColor:
    """The colour around the chart's page."""
    return QColor("#2a2e33") if is_dark() else QColor("#e9ecf0")
