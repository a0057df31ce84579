"""Big orgs you can find your way in: a large chart opens collapsed to a depth that reads, and
View > Collapse to Depth shows one, two, three or every level."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from orgdesigner.layout import LayoutOptions, layout
from orgdesigner.ui.main_window import MainWindow
from orgdesigner.ui.view_state import LARGE_CHART, READABLE_WIDTH, nodes_at_depth, start_collapsed
from tests.synthetic import make_org
from tests.ui.test_main_window import close_without_asking


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=3_000),
    shape=st.sampled_from(["balanced", "deep", "wide", "random"]),
    seed=st.integers(0, 1_000),
)
def test_a_large_chart_starts_at_the_deepest_level_that_reads(n: int, shape: str, seed: int) -> None:
    org = make_org(n, shape, seed)
    collapsed = start_collapsed(org)
    if len(org) <= LARGE_CHART:
        assert collapsed == []
        return
    assert collapsed  # something is folded away
    depths = {org.depth(c) for c in collapsed}
    assert len(depths) == 1  # one cut across the whole chart
    depth = depths.pop()
    placement = layout(org, LayoutOptions(collapsed=frozenset(collapsed), show_legend=False))
    if depth > 1:  # deeper than the first level only when it fits
        assert placement.bounds.width <= READABLE_WIDTH and len(placement) <= LARGE_CHART
    deeper = nodes_at_depth(org, depth + 1)
    if deeper:
        wider = layout(org, LayoutOptions(collapsed=frozenset(deeper), show_legend=False))
        assert depth == 6 or wider.bounds.width > READABLE_WIDTH or len(wider) > LARGE_CHART


@pytest.fixture
def big_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(make_org(2_000, "balanced"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    yield w  # type: ignore[misc]
    close_without_asking(w)


def test_a_2000_node_chart_opens_readable(big_window: MainWindow) -> None:
    w = big_window
    assert w.view_state.collapsed
    assert len(w.scene.cards) <= LARGE_CHART
    assert any(card.box.collapsed is not None for card in w.scene.cards.values())


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_collapse_to_depth_from_the_view_menu(big_window: MainWindow, depth: int) -> None:
    w = big_window
    w.actions_.depth_actions[depth - 1].trigger()
    org = w.doc.org
    shown = {nid for nid in w.scene.cards}
    assert shown == {nid for nid in org.iter_preorder() if org.depth(nid) <= depth}
    assert w.actions_.depth_actions[depth - 1].shortcut().toString() == f"Ctrl+Alt+{depth}"


def test_all_levels_shows_every_card(big_window: MainWindow) -> None:
    big_window.actions_.depth_all.trigger()
    assert big_window.view_state.collapsed == frozenset()
    assert len(big_window.scene.cards) == len(big_window.doc.org)


def test_a_drop_keeps_the_view_on_what_the_user_works_on(big_window: MainWindow) -> None:
    from orgdesigner.model import Team
    from orgdesigner.ui.canvas.drop_target import nodes_mime
    from tests.ui.test_main_window import drag_to, view_point

    w = big_window
    w.actions_.depth_all.trigger()
    w.view.zoom_actual()
    org = w.doc.org
    teams = [t.id for t in org.teams()]
    moving = teams[0]
    target = next(p for p in (org.parent(t) for t in reversed(teams)) if p is not None and p != org.parent(moving))
    point = view_point(w, target, 0.99)  # centres the view on the target, then drops at its end
    before = w.view._viewport_pos(target)
    _, dropped = drag_to(w, nodes_mime([moving]), point)
    assert dropped and org.parent(moving) == target and isinstance(org.node(moving), Team)
    after = w.view._viewport_pos(target)
    assert before is not None and after is not None
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(w.scene.cards[moving].sceneBoundingRect())  # what was dropped is in sight
    assert seen.contains(w.scene.cards[target].sceneBoundingRect())  # and where it was dropped
    # The view moved only as far as showing the dropped card needs, not with the whole layout.
    assert abs(after.x() - before.x()) < w.view.viewport().width() / 2
    assert abs(after.y() - before.y()) < w.view.viewport().height() / 2


def test_zoomed_out_the_units_names_show_the_shape_of_the_org(big_window: MainWindow) -> None:
    w = big_window
    w.actions_.depth_all.trigger()
    w.view.fit_chart()
    w.view.zoom_by(0.03 / w.view.scale_factor())
    assert w.scene.low_detail
    w.view.viewport().repaint()
    drawn = w.scene._low_layer.labels_drawn
    units = {u.name for u in w.doc.org.units()}
    assert len(drawn) >= 3 and all(name in units or name.endswith("…") for name, _ in drawn)
    boxes = [box for _, box in drawn]
    assert not any(a.intersects(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])  # never on each other


def test_a_small_chart_fitted_to_the_window_shows_its_names(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    from orgdesigner.io import load_template

    w = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    for zoom in (0.3, 0.42, 0.6):
        w.view.zoom_by(zoom / w.view.scale_factor())
        image = w.view.viewport().grab().toImage()
        for nid in ("data-eng", "sre", "data-ai"):
            card = w.scene.cards[nid]
            w.view.ensureVisible(card)
            image = w.view.viewport().grab().toImage()
            box = w.view.mapFromScene(card.sceneBoundingRect().adjusted(10, 10, -10, -10)).boundingRect()
            fill = QColor(card.box.face.paint.fill)
            ink = QColor(card.box.face.paint.ink)
            inked = sum(
                1
                for x in range(box.left(), box.right(), 2)
                for y in range(box.top(), box.bottom(), 2)
                if _nearer(image.pixelColor(x, y), ink, fill)
            )
            assert inked >= 8, (nid, zoom)  # letters, not a blank box
    close_without_asking(w)


def _nearer(pixel: object, ink: object, fill: object) -> bool:
    from PySide6.QtGui import QColor

    assert isinstance(pixel, QColor) and isinstance(ink, QColor) and isinstance(fill, QColor)

    def dist(a: QColor, b: QColor) -> int:
        return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())

    return dist(pixel, ink) < dist(pixel, fill)
