"""PNG and PDF painted by Qt from the placement; the width table against real font metrics."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetricsF, QImage

from orgdesigner.export import ExportError
from orgdesigner.export.pdf_pages import page_count
from orgdesigner.export.raster import pdf_bytes, png_bytes
from orgdesigner.io import load_template
from orgdesigner.layout import LayoutOptions, layout, text_width
from tests.conftest import require_tool
from tests.synthetic import make_chain, make_org

pytestmark = pytest.mark.usefixtures("qapp")  # they paint and read images: Qt needs its application


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0])
def test_png_has_the_size_of_the_scale(scale: float) -> None:
    pl = layout(load_template("typical"))
    image = _image(png_bytes(pl, scale=scale))
    assert (image.width(), image.height()) == (math.ceil(pl.width * scale), math.ceil(pl.height * scale))


def test_dpi_sets_the_scale_and_the_resolution() -> None:
    pl = layout(load_template("typical"))
    image = _image(png_bytes(pl, dpi=192))
    assert image.width() == math.ceil(pl.width * 2)
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_background_white_or_transparent() -> None:
    pl = layout(load_template("typical"))
    assert _image(png_bytes(pl)).pixelColor(1, 1).name() == "#ffffff"
    clear = _image(png_bytes(pl, transparent=True))
    assert clear.pixelColor(1, 1).alpha() == 0
    box = pl.box(0)
    assert clear.pixelColor(int(box.x + box.w / 2), int(box.y + box.h - 4)).alpha() == 255


def test_too_big_for_a_png_says_what_to_do() -> None:
    pl = layout(make_chain(5000))
    with pytest.raises(ExportError, match="--scale"):
        png_bytes(pl)
    with pytest.raises(ExportError) as err:
        png_bytes(pl)
    fit = float(str(err.value).split("--scale ")[1].split()[0])
    assert _image(png_bytes(pl, scale=fit)).height() <= 32_767


def test_pdf_is_one_vector_page_titled_with_the_org(tmp_path: Path) -> None:
    org = load_template("typical")
    data = pdf_bytes(layout(org))
    assert data.startswith(b"%PDF")
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    info = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == org.name and fields["Pages"].strip() == "1"
    subprocess.run(
        [require_tool("pdftoppm"), "-r", "30", "-png", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    assert len(list(tmp_path.glob("page*.png"))) == 1
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True).stdout
    assert "Data Engineering" in text


def test_big_chart_is_tiled_across_pages(tmp_path: Path) -> None:
    pl = layout(make_org(400, "balanced"))
    pages = page_count(pl, "A4")
    assert pages > 1
    path = tmp_path / "tiled.pdf"
    path.write_bytes(pdf_bytes(pl, "A4"))
    subprocess.run(
        [require_tool("pdftoppm"), "-r", "20", "-png", str(path), str(tmp_path / "p")],
        check=True,
        timeout=120,
    )
    assert len(list(tmp_path.glob("p*.png"))) == pages
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True).stdout
    assert f"page {pages} of {pages}" in text
    # Every card is drawn on some page: its name's first words are in the PDF's text.
    words = set(re.findall(r"(?:Team|Unit) \d+\b", text))
    assert all(" ".join(name.split()[:2]) in words for name in pl.arrays.names[1:])
    small = layout(load_template("typical"))
    assert page_count(small, "Letter") == 1


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F, blacklist_categories=("Cs", "Cc")),
        min_size=1,
        max_size=60,
    )
)
def test_width_table_is_never_narrower_than_the_fonts(text: str) -> None:
    for family in ("DejaVu Sans", "Liberation Sans"):
        for bold in (False, True):
            font = QFont(family)
            font.setPixelSize(12)
            font.setBold(bold)
            assert QFontMetricsF(font).horizontalAdvance(text) <= text_width(text, 12) + 1e-6


def test_left_right_and_collapsed_render() -> None:
    pl = layout(make_org(120, "skewed", links=4), LayoutOptions(orientation="left-right", collapse_depth=2))
    image = _image(png_bytes(pl, scale=0.5))
    assert image.width() == math.ceil(pl.width * 0.5)


@pytest.mark.parametrize("template", ["mlops-cross-functional", "stage-1"])
def test_a_chart_fitted_to_one_page_sits_in_its_middle(template: str, tmp_path: Path) -> None:
    path = tmp_path / "fitted.pdf"
    path.write_bytes(pdf_bytes(layout(load_template(template)), "A4"))
    subprocess.run(
        [require_tool("pdftoppm"), "-r", "40", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    page = _image((tmp_path / "page.png").read_bytes())
    inked = [
        (x, y)
        for y in range(page.height())
        for x in range(0, page.width(), 2)
        if page.pixelColor(x, y).lightness() < 235
    ]
    left, right = min(x for x, _ in inked), page.width() - 1 - max(x for x, _ in inked)
    top, bottom = min(y for _, y in inked), page.height() - 1 - max(y for _, y in inked)
    assert abs(left - right) <= 0.1 * page.width() and abs(top - bottom) <= 0.1 * page.height()


def test_many_dotted_lines_are_drawn_aliased_and_the_cards_still_smooth() -> None:
    from PySide6.QtGui import QImage, QPainter

    from orgdesigner.export.raster import MANY_LINKS, _paint_links
    from orgdesigner.layout import LinkLine

    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    few = [LinkLine("a", "b", "a", "b", ((0.0, 0.0), (10.0, 10.0)))]
    _paint_links(painter, few)
    assert painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    _paint_links(painter, few * (MANY_LINKS + 1))
    assert painter.testRenderHint(QPainter.RenderHint.Antialiasing)  # set back for the cards
    painter.end()
