"""The findings panel as a decision view: every line readable in full without hovering, repeats
said once with their count, the teams behind a group a click away, a larger view on F8."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from orgdesigner.analysis import analyse
from orgdesigner.io import load_template
from orgdesigner.io.csv_import import ImportOptions, import_csv
from orgdesigner.ui.findings_panel import CHILDREN_SHOWN, FindingsPanel

CODE = re.compile(r"\b(coverage|dependency|handoff|structure|maturity|mlops|staffing)\.[a-z_]+\b")


def shown(qtbot: QtBot, org: object, width: int = 360) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 700)
    panel.show()
    panel.show_report(analyse(org), org)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: panel.tree.viewport().width() > 0)
    return panel


def items(panel: FindingsPanel) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    stack = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(item.child(k) for k in range(item.childCount()))
    return out


def test_long_findings_wrap_to_the_panel_instead_of_ending_in_an_ellipsis(qtbot: QtBot) -> None:
    org = load_template("typical")
    org.remove_subtree("data-eng")
    panel = shown(qtbot, org, 320)
    tree = panel.tree
    line = tree.fontMetrics().height()
    gaps = tree.topLevelItem(0)
    first = gaps.child(0)
    assert len(first.text(0)) > 80  # far wider than 320 px on one line
    index: QModelIndex = tree.indexFromItem(first)
    rect = tree.visualRect(index)
    assert rect.height() >= 2 * line  # wrapped onto several lines
    assert rect.right() <= tree.viewport().width()
    assert tree.textElideMode() == Qt.TextElideMode.ElideNone
    panel.resize(900, 700)
    qtbot.wait(80)  # re-wrapped after the resize settles
    assert tree.visualRect(tree.indexFromItem(first)).height() < rect.height()


def test_codes_stay_out_of_what_a_person_reads(qtbot: QtBot) -> None:
    org = load_template("typical")
    org.remove_subtree("sre")
    panel = shown(qtbot, org)
    texts = [it.text(0) for it in items(panel)] + [it.toolTip(0) for it in items(panel)]
    assert not [t for t in texts if CODE.search(t)]


def test_an_imported_company_shows_one_entry_per_kind_of_problem(qtbot: QtBot, d3_sample_csv: Path) -> None:
    org = import_csv(d3_sample_csv, options=ImportOptions(people=True)).org
    panel = shown(qtbot, org)
    warnings = panel.tree.topLevelItem(1)
    assert warnings.text(0).startswith("Warnings (1,") or warnings.text(0).startswith("Warnings (1")
    assert warnings.childCount() <= 10
    groups = [warnings.child(k) for k in range(warnings.childCount())]
    group = max(groups, key=lambda g: len(g.data(0, Qt.ItemDataRole.UserRole)))
    count = len(group.data(0, Qt.ItemDataRole.UserRole))  # clicking it selects them all
    assert count > CHILDREN_SHOWN and group.text(0).startswith(f"▲ {count:,} Software Engineering teams")
    assert group.childCount() == 0  # lines are made when it is opened
    group.setExpanded(True)
    assert group.childCount() == CHILDREN_SHOWN + 1
    assert group.child(CHILDREN_SHOWN).text(0).startswith(f"… and {count - CHILDREN_SHOWN:,} more")


def test_many_mlops_teams_are_summed_up_per_placement(qtbot: QtBot) -> None:
    from tests.analysis.orgs import org_of, team, unit

    nodes = [unit("cto", None, "executive"), unit("plat", "cto", "platform"), unit("dai", "cto", "data_ai")]
    nodes += [team(f"p{i}", "plat", "mlops") for i in range(7)] + [team(f"d{i}", "dai", "mlops") for i in range(5)]
    panel = shown(qtbot, org_of(*nodes))
    section = next(it for it in items(panel) if it.text(0).startswith("Where MLOps sits"))
    lines = [section.child(k).text(0) for k in range(section.childCount())]
    assert "7 MLOps teams under Platform Engineering: p0, p1, p2 and 4 more" in lines
    assert "5 MLOps teams under Data & AI: d0, d1, d2 and 2 more" in lines
    assert not any(line.startswith("p3 ") for line in lines)


def test_f8_opens_the_findings_in_full_and_keeps_them_current(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from orgdesigner.ui.main_window import MainWindow
    from tests.ui.test_main_window import close_without_asking

    w = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    qtbot.waitExposed(w)
    assert w.actions_.findings_full.shortcut().toString() == "F8"
    w.actions_.findings_full.trigger()
    big = w.findings_window
    assert big.isVisible() and big.width() >= 900
    assert big.panel.headline.text() == w.findings.headline.text()
    w.doc.remove_nodes(["data-eng"])
    qtbot.waitUntil(lambda: not w.analysis.pending)  # the findings follow the canvas frame
    assert big.panel.headline.text() == w.findings.headline.text() and "0 errors" not in big.panel.headline.text()
    big.close()
    close_without_asking(w)
