"""Until the window shows scenarios, a file's scenarios survive opening, editing and saving it
in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template, read_chart, write_chart
from orgdesigner.model import ScenarioSet
from orgdesigner.ui.main_window import MainWindow


def test_scenarios_survive_an_edit_and_a_save_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    base = load_template("typical")
    platform = base.copy()
    platform.move_node("ml-eng-mlops", "platform")
    path = tmp_path / "chart.json"
    write_chart(ScenarioSet(base, [platform.copy()]), path)
    chart = read_chart(path)
    chart.rename(chart.names()[0], "MLOps under Platform")
    write_chart(chart, path)
    window = MainWindow(None, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.files.open_path(str(path), ask=False)
    window.doc.set_fields("data-eng", name="Data Platform")
    window.doc.save()
    back = read_chart(path)
    assert back.baseline.node("data-eng").name == "Data Platform"
    assert back.names() == ["MLOps under Platform"] and back.scenarios[0] == chart.scenarios[0]
    window.files.open_template("typical", ask=False)
    window.doc.save(str(tmp_path / "new.json"))
    assert len(read_chart(tmp_path / "new.json")) == 0, "a new chart does not inherit the last file's scenarios"
