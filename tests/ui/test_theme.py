"""Light and dark: widgets follow the scheme, the chart's page stays light like the exports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template
from orgdesigner.ui.main_window import MainWindow
from orgdesigner.ui.theme import apply_theme, desk_color, is_dark, system_prefers_dark


@pytest.fixture
def app() -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    apply_theme(instance, dark=False)


def test_dark_theme_darkens_widgets_and_desk_not_page(app: QApplication, qtbot: QtBot, tmp_path: object) -> None:
    assert apply_theme(app, dark=True)
    assert is_dark(app)
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.3
    assert app.palette().color(QPalette.ColorRole.Text).lightnessF() > 0.7
    assert desk_color().lightnessF() < 0.3
    w = MainWindow(load_template("typical"), QSettings(str(tmp_path) + "/s.ini", QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1400, 900)  # the offscreen screen is small: the window would start compact
    w.show()
    image = w.view.viewport().grab().toImage()
    card = w.scene.cards["cto"]
    page_point = w.view.mapFromScene(card.box.x - 12, card.box.y + 4)
    assert image.pixelColor(page_point).lightnessF() > 0.95  # the chart's page stays white
    assert not apply_theme(app, dark=False)
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.7


def test_environment_chooses_the_scheme(monkeypatch: pytest.MonkeyPatch, app: QApplication) -> None:
    monkeypatch.setenv("ORGDESIGNER_THEME", "dark")
    assert system_prefers_dark()
    monkeypatch.setenv("ORGDESIGNER_THEME", "light")
    assert not system_prefers_dark()
