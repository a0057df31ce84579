"""The canvas's context menu: add, rename, delete, collapse, dotted lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from orgdesigner.model import Team, load_catalogue
from orgdesigner.ui.icons import discipline_icon, structure_icon
from orgdesigner.ui.palette import PALETTE_STRUCTURES
from orgdesigner.ui.plain_text import action_text

if TYPE_CHECKING:
    from orgdesigner.ui.main_window import MainWindow


def build_context_menu(window: MainWindow, node_id: str | None) -> QMenu:
    """The menu for a card (or the background when ``node_id`` is None)."""
    menu = QMenu(window)
    a = window.actions_
    doc = window.doc
    cat = load_catalogue()
    if node_id is None:
        for act in (a.zoom_fit, a.expand_all, a.trace):
            menu.addAction(act)
        return menu
    org = doc.org
    add_team = menu.addMenu("Add &Team")
    for d in cat.disciplines:
        act = add_team.addAction(discipline_icon(d.id.value), d.name)
        act.triggered.connect(lambda _c=False, v=d.id.value: window._edit(lambda: doc.add_team(v, node_id)))
    add_unit = menu.addMenu("Add &Unit")
    for s in PALETTE_STRUCTURES:
        info = cat.structure(s)
        act = add_unit.addAction(structure_icon(s.value), info.name)
        act.triggered.connect(lambda _c=False, v=s.value: window._edit(lambda: doc.add_unit(v, node_id)))
    menu.addSeparator()
    menu.addAction(a.rename)
    menu.addAction(a.delete)
    if org.child_count(node_id):
        menu.addAction(a.collapse)
    menu.addSeparator()
    if isinstance(org.get(node_id), Team):
        menu.addAction(a.link)
    for link in org.links_of(node_id):
        other = link.target if link.source == node_id else link.source
        text = (
            f"Remove Dotted Line to {org.label(other)}"
            if link.source == node_id
            else f"Remove Dotted Line from {org.label(other)}"
        )
        act = menu.addAction(action_text(text))
        act.triggered.connect(lambda _c=False, lk=link: window._edit(lambda: doc.remove_link(lk)))
    return menu
