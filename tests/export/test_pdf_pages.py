"""How a chart goes onto PDF pages: what each page shows, worked out once for the whole chart, and
refusals that name what would work."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.export import ExportError
from orgdesigner.export.pdf_pages import (
    CARD_REACH,
    MAX_PDF_PAGES,
    content_tiles,
    page_count,
    plan_pages,
)
from orgdesigner.layout import Bounds, LayoutOptions, Placement, connector_segments, layout, route_links
from tests.layout.test_tidy_layout import options, trees
from tests.layout.trees import org_from_parents
from tests.synthetic import make_chain, make_org


def _meets(tile: Bounds, x: float, y: float, w: float, h: float) -> bool:
    return x <= tile.right and tile.x <= x + w and y <= tile.bottom and tile.y <= y + h


def _brute_tiles(pl: Placement, tile_w: float, tile_h: float) -> list[Bounds]:
    """Every tile of the grid checked against the legend and every card."""
    rows, cols = -(-pl.height // tile_h), -(-pl.width // tile_w)
    out = []
    for r in range(int(rows)):
        for c in range(int(cols)):
            tile = Bounds(c * tile_w, r * tile_h, tile_w, tile_h)
            legend = pl.legend is not None and _meets(tile, 0, 0, pl.legend.width + 24, pl.legend.height + 24)
            cards = any(_meets(tile, pl.xs[i], pl.ys[i], pl.card_width, pl.heights[i]) for i in pl.order)
            if legend or cards:
                out.append(tile)
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), tile_w=st.sampled_from([150.0, 330.5, 1000.0]), tile_h=st.sampled_from([60.0, 250.0, 875.0]))
def test_the_pages_with_content_are_those_a_full_scan_finds(data: st.DataObject, tile_w: float, tile_h: float) -> None:
    parents = data.draw(trees())
    pl = layout(org_from_parents(parents), data.draw(options(len(parents))))
    assert content_tiles(pl, tile_w, tile_h) == _brute_tiles(pl, tile_w, tile_h)


@pytest.mark.parametrize("orientation", ["top-down", "left-right"])
def test_each_page_paints_what_reaches_into_it(orientation: str) -> None:
    org = make_org(400, "balanced", links=8)
    pl = layout(org, LayoutOptions(orientation=orientation))  # type: ignore[arg-type]
    links = route_links(pl)
    plan = plan_pages(pl, "A4", links)
    assert plan.tiled and len(plan.pages) == page_count(pl, "A4") > 1
    left, up, right, down = CARD_REACH
    segments = connector_segments(pl)
    for page in plan.pages:
        tile = page.tile
        reaching = [
            i
            for i in pl.order
            if _meets(tile, pl.xs[i] - left, pl.ys[i] - up, pl.card_width + left + right, pl.heights[i] + up + down)
        ]
        assert list(page.cards) == reaching
        assert list(page.segments) == [
            s for s in segments if _meets(tile, min(s[0], s[2]), min(s[1], s[3]), abs(s[2] - s[0]), abs(s[3] - s[1]))
        ]
        assert set(page.links) <= set(links)
        legend = pl.legend
        assert legend is not None and page.legend == _meets(tile, 0, 0, legend.width + 24, legend.height + 24)
    assert {i for page in plan.pages for i in page.cards} == set(pl.order)  # every card on some page


def test_a_chart_too_large_for_one_page_is_refused_naming_what_works() -> None:
    # 3,000 cards in a row: 684,000 units wide, text at 0.02 points on one page; A4 and Letter
    # would take more than 400 pages, A3 fewer.
    pl = layout(make_chain(3_000), LayoutOptions(orientation="left-right"))
    with pytest.raises(ExportError) as refused:
        plan_pages(pl, None, ())
    message = str(refused.value)
    assert "too small to read" in message and "\n" not in message
    assert "--page A4" not in message and "--page Letter" not in message
    a3 = int(re.search(r"--page A3 \(([\d,]+) pages\)", message).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert a3 == page_count(pl, "A3") <= MAX_PDF_PAGES
    assert len(plan_pages(pl, "A3", ()).pages) == a3  # the option it names works
    depth = int(re.search(r"--collapse-depth (\d+) \(one page\)", message).group(1))  # type: ignore[union-attr]
    folded = layout(pl.arrays, replace(pl.options, collapse_depth=depth))
    assert len(plan_pages(folded, None, ()).pages) == 1
    assert message.endswith("or export SVG (no size limit)")
    with pytest.raises(ExportError, match=r"would take [\d,]+ pages of A4, more than 400; add --page A3"):
        plan_pages(pl, "A4", ())


def test_a_chart_that_fits_nowhere_is_told_to_fold_or_use_svg() -> None:
    pl = layout(make_chain(6_000), LayoutOptions(orientation="left-right", collapse_depth=None))
    with pytest.raises(ExportError) as refused:
        plan_pages(pl, "A3", ())
    message = str(refused.value)
    assert "--page" not in message.split(";", 1)[1]
    assert re.search(r"; add --collapse-depth \d+ \(one page\) or export SVG \(no size limit\)$", message)


def test_a_readable_chart_is_one_page_its_own_size() -> None:
    pl = layout(make_org(300, "deep"))
    plan = plan_pages(pl, None, ())
    assert not plan.tiled and not plan.fitted and len(plan.pages) == 1
    assert (plan.width, plan.height) == pytest.approx((pl.width * plan.scale, pl.height * plan.scale))
