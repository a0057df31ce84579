"""One card face for every picture: what the SVG writes, what the canvas card paints and what
the PNG/PDF painter paints are the face's lines, for every card of random charts."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml import ElementTree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from orgdesigner.export.raster import paint_placement
from orgdesigner.export.svg import svg_bytes
from orgdesigner.layout import TEXT_PAD, BadgeCounts, CardFace, LayoutOptions, Placement, category_styles, layout
from orgdesigner.layout.palette import SEVERITY_COLORS, card_paint, tint
from orgdesigner.model import Discipline, FlatNode, Organization, Structure, Team, Unit
from orgdesigner.ui.canvas.card_item import paint_card

SVG = "{http://www.w3.org/2000/svg}"

# Names that take every path of the fitting: short ASCII, long words, spaces to collapse,
# characters to escape, Latin-1, wide scripts and pictographs.
_WORDS = st.sampled_from(
    ["Data", "Platform", "ML", "&", "<b>", "Ünïcödé", "漢字データ", "😀", "W" * 18, "x", "", "Ops/SRE", "'q'"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=7).map(" ".join).filter(lambda t: t.strip() != "")
_DISCIPLINES = list(Discipline)
_STRUCTURES = list(Structure)


@st.composite
def charts(draw: st.DrawFn) -> tuple[Organization, LayoutOptions]:
    """A random org (units above, teams below, random names, leads, headcounts) and random
    options: orientation, collapsed nodes, badges."""
    n = draw(st.integers(1, 40))
    parents = [-1] + [draw(st.integers(0, i - 1)) for i in range(1, n)]
    has_child = {p for p in parents if p >= 0}
    flat = []
    for i, p in enumerate(parents):
        name = draw(_TEXT)
        lead = draw(st.none() | _TEXT)
        if i in has_child or draw(st.booleans()):
            node: Unit | Team = Unit(id=f"n{i}", name=name, lead=lead, structure=draw(st.sampled_from(_STRUCTURES)))
        else:
            heads = draw(st.sampled_from([0, 1, 7, 1_204, 999_999]))
            node = Team(
                id=f"n{i}", name=name, lead=lead, discipline=draw(st.sampled_from(_DISCIPLINES)), headcount=heads
            )
        flat.append(FlatNode(node, None if p < 0 else f"n{p}"))
    org = Organization.from_flat("Random chart", 4, flat)
    ids = [f"n{i}" for i in range(n)]
    badges = {
        nid: BadgeCounts(*draw(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 700))))
        for nid in draw(st.lists(st.sampled_from(ids), max_size=6, unique=True))
    }
    options = LayoutOptions(
        orientation=draw(st.sampled_from(["top-down", "left-right"])),
        collapsed=frozenset(draw(st.lists(st.sampled_from(ids), max_size=4))),
        collapse_depth=draw(st.none() | st.integers(0, 3)),
        badges=badges,
        compact_threshold=draw(st.none() | st.integers(1, 6)),
    )
    return org, options


def _svg_cards(pl: Placement) -> dict[str, Any]:
    root = ElementTree.fromstring(svg_bytes(pl))
    return {g.get("data-id"): g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}


def _svg_lines(card: Any) -> list[tuple[str, float]]:
    """The card's own lines (not its badge's) as (text, baseline), in document order."""
    out = []
    for text in card.findall(f"{SVG}text"):
        out.append((text.text or "", float(text.get("y"))))
        out.extend((span.text or "", float(span.get("y"))) for span in text.findall(f"{SVG}tspan"))
    return out


class _Recorder(QPainter):
    """A painter that notes each text it draws, where (in device coordinates) and in what."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.device_kept = device  # a painter must not outlive its device
        self.drawn: list[tuple[str, float, float]] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]
        if isinstance(args[0], QPointF):
            at, text = self.worldTransform().map(args[0]), args[1]
        else:  # (rect, flags, text): a badge's count, noted at its rectangle's centre
            at, text = self.worldTransform().map(QRectF(args[0]).center()), args[2]
        self.drawn.append((text, round(at.x(), 3), round(at.y(), 3)))
        super().drawText(*args)


def _face_texts(face: CardFace, x: float, y: float) -> list[tuple[str, float, float]]:
    out = [(line.text, round(x + line.x, 3), round(y + line.y, 3)) for line in face.lines]
    if face.badge is not None:
        rect = face.badge_rect
        out.append((face.badge_label, round(x + rect.x + rect.width / 2, 3), round(y + rect.y + rect.height / 2, 3)))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chart=charts())
def test_svg_canvas_and_painter_show_each_face(qapp: QApplication, chart: tuple[Organization, LayoutOptions]) -> None:
    org, options = chart
    pl = layout(org, options)
    faces = list(pl.faces())
    cards = _svg_cards(pl)
    assert set(cards) == set(pl.ids)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painted = _Recorder(image)
    paint_placement(painted, pl)
    painted.end()
    drawn_by_painter = set(painted.drawn)
    for i, face in zip(pl.order, faces, strict=True):
        nid = pl.arrays.ids[i]
        assert face == pl.face(i)
        # The SVG: the face's title, lines and baselines, at the card's corner.
        card = cards[nid]
        assert card.find(f"{SVG}title").text == face.name == pl.arrays.names[i]
        assert _svg_lines(card) == [(line.text, line.y) for line in face.lines]
        move = card.get("transform").removeprefix("translate(").removesuffix(")").split(",")
        assert (int(move[0]), int(move[1])) == (int(pl.xs[i] + TEXT_PAD + 0.5), int(pl.ys[i] + 0.5))
        classes = card.get("class").split()
        assert ("collapsed" in classes) == face.frame.stacked == (i in pl.collapsed)
        badge = [g for g in card.iter(f"{SVG}g") if "badge" in (g.get("class") or "")]
        if face.badge is None:
            assert not badge
        else:
            assert "".join(badge[0].find(f"{SVG}text").itertext()) == face.badge_label
            assert badge[0].get("class") == f"badge {face.badge.worst}"
        # The canvas card paints the same lines at the same places, in the face's colours.
        recorder = _Recorder(QImage(8, 8, QImage.Format.Format_ARGB32))
        paint_card(recorder, face, 1.0, None)  # as the canvas's card layer paints it at 100%
        recorder.end()
        assert recorder.drawn == _face_texts(face, 0.0, 0.0)
        # The PNG/PDF painter too, at the card's place on the chart.
        assert set(_face_texts(face, pl.xs[i], pl.ys[i])) <= drawn_by_painter


def test_a_face_is_decided_once_from_the_org() -> None:
    """The face holds what the card shows: colours from the one palette rule, the lines fitted,
    the hidden counts and badge of a collapsed card."""
    flat = [
        FlatNode(Unit(id="root", name="Data & AI", structure=Structure.DATA_AI, lead="Ada"), None),
        FlatNode(Team(id="t", name="MLOps", discipline=Discipline.MLOPS, headcount=3), "root"),
        FlatNode(Team(id="u", name="Data Eng", discipline=Discipline.DATA_ENGINEERING, headcount=4), "root"),
    ]
    org = Organization.from_flat("Faces", 4, flat)
    pl = layout(org, LayoutOptions(collapsed=frozenset({"root"}), badges={"t": BadgeCounts(1, 0, 0)}))
    (face,) = pl.faces()
    assert face.texts == ("Data & AI", "D&AI · 7 people", "Lead: Ada", "+2 teams · 7 people")
    assert face.hidden is not None and (face.hidden.teams, face.hidden.headcount) == (2, 7)
    assert face.badge == BadgeCounts(1, 0, 0) and face.badge_fill == SEVERITY_COLORS["error"]
    assert face.paint == card_paint(None) and face.frame.stacked and face.frame.border_width == 2.5
    team = layout(org).face(1)
    mlops = next(style for style in category_styles() if style.id == "mlops")
    assert team.paint == card_paint(mlops.color) and team.paint.fill == tint(mlops.color or "")
    assert team.kind == "team" and not team.expandable and team.texts == ("MLOps", "MLOps · 3 people")


@pytest.mark.parametrize("orientation", ["top-down", "left-right"])
def test_an_unchanged_card_has_an_equal_face_in_a_new_layout(orientation: str) -> None:
    """The canvas keeps a card whose face is equal; any change to what it shows changes the face."""
    flat = [
        FlatNode(Unit(id="root", name="Root", structure=Structure.EXECUTIVE), None),
        FlatNode(Team(id="a", name="Alpha", discipline=Discipline.MLOPS, headcount=3, lead="Ada"), "root"),
        FlatNode(Team(id="b", name="Beta", discipline=Discipline.MLOPS, headcount=3), "root"),
    ]
    org = Organization.from_flat("Same", 4, flat)
    options = LayoutOptions(orientation=orientation)  # type: ignore[arg-type]
    before = {b.id: b.face for b in layout(org, options).boxes()}
    assert {b.id: b.face for b in layout(org.copy(), options).boxes()} == before
    org.set_fields("b", headcount=4)
    after = {b.id: b.face for b in layout(org, options).boxes()}
    assert after["a"] == before["a"] and after["b"] != before["b"]
    assert after["root"] != before["root"]  # its rolled-up headcount changed
