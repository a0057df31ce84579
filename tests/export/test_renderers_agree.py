"""One exported SVG, three renderers: librsvg, Inkscape and Chromium draw the same picture."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from orgdesigner.export.svg import svg_bytes
from orgdesigner.layout import BadgeCounts, LayoutOptions, Placement, layout
from orgdesigner.model import Discipline, FlatNode, Organization, Structure, Team, Unit
from tests.browser import chromium
from tests.conftest import require_tool
from tests.synthetic import make_org

pytestmark = pytest.mark.usefixtures("qapp")  # they paint and read images: Qt needs its application

RENDERERS = ("inkscape", "chromium")


def _placement(orientation: str) -> Placement:
    org = make_org(45, "random", seed=3)
    ids = list(org.iter_preorder())
    badges = {ids[3]: BadgeCounts(1, 0, 2), ids[10]: BadgeCounts(0, 3, 0)}
    return layout(org, LayoutOptions(orientation=orientation, collapsed=frozenset({ids[5]}), badges=badges))


def _render(renderer: str, svg: Path, out: Path, size: tuple[int, int]) -> QImage:
    env = {**os.environ, "HOME": str(out.parent)}
    if renderer == "rsvg":
        subprocess.run([require_tool("rsvg-convert"), str(svg), "-o", str(out)], check=True, timeout=60)
    elif renderer == "inkscape":
        command = [require_tool("inkscape"), str(svg), "--export-type=png", f"--export-filename={out}"]
        subprocess.run(command, check=True, timeout=120, env=env, capture_output=True)
    else:
        done = chromium(out.parent, f"--window-size={size[0]},{size[1]}", f"--screenshot={out}", svg.as_uri())
        assert out.is_file(), done.stderr[-2000:]
    image = QImage(str(out))
    assert not image.isNull(), f"{renderer} wrote no readable PNG"
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _far_apart_share(a: QImage, b: QImage) -> float:
    """The share of pixels whose colours differ by more than 96 in some channel."""
    width, height = a.width(), a.height()
    data_a = bytes(a.constBits())  # type: ignore[call-overload]
    data_b = bytes(b.constBits())  # type: ignore[call-overload]
    far = 0
    for start in range(0, width * height * 4, 4):
        if data_a[start : start + 3] != data_b[start : start + 3]:
            pa, pb = data_a[start : start + 3], data_b[start : start + 3]
            if max(abs(pa[0] - pb[0]), abs(pa[1] - pb[1]), abs(pa[2] - pb[2])) > 96:
                far += 1
    return far / (width * height)


def _from_white(color: QColor) -> int:
    return 765 - color.red() - color.green() - color.blue()


@pytest.mark.parametrize("orientation", ["top-down", "left-right"])
def test_inkscape_and_chromium_draw_what_librsvg_draws(orientation: str, tmp_path: Path) -> None:
    pl = _placement(orientation)
    svg = tmp_path / "chart.svg"
    svg.write_bytes(svg_bytes(pl))
    size = (int(-(-pl.width // 1)), int(-(-pl.height // 1)))
    reference = _render("rsvg", svg, tmp_path / "rsvg.png", size)
    assert (reference.width(), reference.height()) == size
    plain = [i for i in pl.order if i not in pl.collapsed and pl.arrays.ids[i] not in pl.options.badges]
    units = [i for i in plain if not pl.arrays.is_team[i]][:8]
    assert units
    for renderer in RENDERERS:
        image = _render(renderer, svg, tmp_path / f"{renderer}.png", size)
        assert (image.width(), image.height()) == size, renderer
        # Text is anti-aliased a little differently; cards, fills, lines and words must agree.
        assert _far_apart_share(image, reference) < 0.005, renderer
        for picture, name in ((image, renderer), (reference, "rsvg")):
            for i in units:
                left, top = int(pl.xs[i] + 9.5) - 9, int(pl.ys[i] + 0.5)
                corner = picture.pixelColor(left, top)
                side = picture.pixelColor(left, top + int(pl.heights[i] / 2))
                # Rounded corners: the outermost corner pixel stays (nearly) background.
                assert _from_white(corner) < 150 < _from_white(side), (name, pl.arrays.ids[i])


WIDE_TEXT = [
    "W" * 40,
    "M" * 12 + " " + "W" * 30,
    "ǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄǄ",
    "漢字" * 15,
    "😀" * 20,
    "\u2031" * 20,
    "@%&WMQ" * 6,
    "Wide Words Wrapping Where We Want Width",
]


def _wide_org() -> Organization:
    flat = [FlatNode(Unit(id="root", name="W" * 30, structure=Structure.EXECUTIVE, lead="M" * 30), None)]
    for k, text in enumerate(WIDE_TEXT):  # wide names, and short names with wide leads
        mlops = Discipline.MLOPS
        flat.append(FlatNode(Team(id=f"t{k}", name=text, discipline=mlops, headcount=999_990 + k), "root"))
        flat.append(FlatNode(Team(id=f"s{k}", name=f"S{k}", discipline=mlops, headcount=k, lead=text), "root"))
    return Organization.from_flat("Wide text", 4, flat)


@pytest.mark.parametrize("renderer", ["rsvg", *RENDERERS])
def test_no_text_spills_out_of_its_card(renderer: str, tmp_path: Path) -> None:
    """The widest characters, wrapped and cut, stay inside their cards in every renderer:
    the strip just right of each card (empty gap, no lines there) stays background."""
    pl = layout(_wide_org(), LayoutOptions(compact_threshold=None, show_legend=False))
    svg = tmp_path / "wide.svg"
    svg.write_bytes(svg_bytes(pl))
    size = (int(-(-pl.width // 1)), int(-(-pl.height // 1)))
    image = _render(renderer, svg, tmp_path / f"{renderer}.png", size)
    for i in pl.order:
        right = int(pl.xs[i] + 9.5) - 9 + int(pl.card_width)
        top = int(pl.ys[i] + 0.5)
        inked = [
            (x, y)
            for x in range(right + 2, right + 7)
            for y in range(top + 3, top + int(pl.heights[i]) - 3)
            if _from_white(image.pixelColor(x, y)) > 60
        ]
        assert not inked, (renderer, pl.arrays.names[i], inked[:5])
