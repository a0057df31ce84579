"""The canvas's context menu: add, rename, delete, collapse, dotted lines."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from orgdesigner.model import Team, load_catalogue
from orgdesigner.ui.actions import WindowActions
from orgdesigner.ui.canvas.edits import CanvasEdits
from orgdesigner.ui.icons import discipline_icon, structure_icon
from orgdesigner.ui.palette import PALETTE_STRUCTURES
from orgdesigner.ui.plain_text import action_text


def build_context_menu(parent: QWidget, actions: WindowActions, edits: CanvasEdits, node_id: str | None) -> QMenu:
    """The menu for a card (or the background when ``node_id`` is None)."""
    menu = QMenu(parent)
    a = actions
    org = edits.doc.org
    cat = load_catalogue()
    if node_id is None:
        for act in (a.zoom_fit, a.expand_all, a.trace):
            menu.addAction(act)
        return menu
    add_team = menu.addMenu("Add &Team")
    for d in cat.disciplines:
        act = add_team.addAction(discipline_icon(d.id.value), action_text(d.name))
        act.triggered.connect(lambda _c=False, v=d.id.value: edits.add_from_palette("team", v, node_id))
    add_unit = menu.addMenu("Add &Unit")
    for s in PALETTE_STRUCTURES:
        info = cat.structure(s)
        act = add_unit.addAction(structure_icon(s.value), action_text(info.name))
        act.triggered.connect(lambda _c=False, v=s.value: edits.add_from_palette("unit", v, node_id))
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
        where = "to" if link.source == node_id else "from"
        act = menu.addAction(action_text(f"Remove Dotted Line {where} {org.label(other)}"))
        act.triggered.connect(lambda _c=False, lk=link: edits.remove_link(lk))
    return menu
