"""How a chart goes onto PDF pages (no Qt: the painter in :mod:`orgdesigner.export.raster`
follows the plan).

One page the chart's own size, shrunk as far as a PDF page allows (14,400 points a side); or
fitted to one page of A4, Letter or A3; or, where that would shrink it below half size, tiled
across numbered pages at 80% size, pages without any of the chart left out. What each page shows
is worked out once for the whole chart, by putting every card and line into the pages it
meets: time linear in the chart's size, whatever the number of pages. A chart too large for
any of that is refused with a message naming the options that would work.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from orgdesigner.export import ExportError
from orgdesigner.layout import TEXT_STYLES, Bounds, LinkLine, Placement, Segment, connector_segments, layout

PageName = Literal["A4", "Letter", "A3"]
PAGE_POINTS: dict[PageName, tuple[float, float]] = {
    "A4": (595.0, 842.0),
    "Letter": (612.0, 792.0),
    "A3": (842.0, 1191.0),
}
"""Portrait width and height in points (as Qt rounds them)."""
PT_PER_UNIT = 0.75
"""Chart units are CSS pixels: 96 to the inch, so 0.75 point each at full size."""
MIN_FIT_SCALE = 0.5
"""Below this share of full size a chart is tiled across pages rather than shrunk onto one."""
TILE_SCALE = 0.8
PAGE_MARGIN = 28.0
HEADER = 14.0
"""Room above a tiled page's chart for its "name - page 3 of 12" line."""
MAX_PDF_PAGES = 400
MAX_PAGE_PT = 14_400.0
"""The largest page a PDF may have (200 inches), in points."""
MIN_TEXT_PT = 1.0
"""A one-page PDF that would draw its smallest text below this (in points, at 100%) is refused:
unreadable, even zoomed in as far as viewers go."""
SMALLEST_TEXT = min(size for size, _ in TEXT_STYLES.values())
FOLD_TRIES = 8
"""How many collapse depths (1, 2, ...) a refusal tries, to name the deepest that fits one page."""
CARD_REACH = (4.0, 10.0, 6.0, 4.0)
"""How far a card's drawing reaches beyond its rectangle: left, up and right (its badge), down
(the card behind a collapsed one)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page: the chart rectangle it shows and what to paint there (card numbers, reporting
    line pieces, dotted lines, whether the legend)."""

    tile: Bounds
    cards: Sequence[int]
    segments: Sequence[Segment]
    links: Sequence[LinkLine]
    legend: bool


@dataclass(frozen=True, slots=True)
class PagePlan:
    """A PDF's pages: their size in points (landscape or portrait as chosen), the scale in
    points per chart unit, and the pages in order. ``fitted`` is a chart fitted to one page of
    a paper size (drawn in its middle); ``tiled`` pages carry a header."""

    width: float
    height: float
    scale: float
    pages: Sequence[Page]
    fitted: bool
    tiled: bool

    @property
    def landscape(self) -> bool:
        """The pages are wider than high."""
        return self.width > self.height


def one_page_scale(pl: Placement) -> float:
    """Points per chart unit of a PDF of one page the chart's own size (shrunk to fit a PDF page)."""
    return min(PT_PER_UNIT, MAX_PAGE_PT / pl.width, MAX_PAGE_PT / pl.height)


def plan_pages(pl: Placement, page: PageName | None, links: Sequence[LinkLine]) -> PagePlan:
    """The pages of a PDF of ``pl`` (``links``: its routed dotted lines) on paper ``page``,
    or one page the chart's size when ``page`` is None; ``ExportError`` when there would be
    more than :data:`MAX_PDF_PAGES`, or the one page would be unreadable."""

    def everything() -> Page:
        return Page(pl.bounds, pl.order, connector_segments(pl), links, pl.legend is not None)

    if page is None:
        scale = one_page_scale(pl)
        if scale * SMALLEST_TEXT < MIN_TEXT_PT:
            raise ExportError(
                f"a one-page PDF of this chart ({pl.width:,.0f} x {pl.height:,.0f} units; a PDF page is at most "
                f"{MAX_PAGE_PT:,.0f} points a side) would draw its text at {scale * SMALLEST_TEXT:.2g} points, "
                f"too small to read; {_what_works(pl)}"
            )
        return PagePlan(pl.width * scale, pl.height * scale, scale, [everything()], fitted=False, tiled=False)
    orient_w, orient_h, fit = _fitted(pl, page)
    if fit >= MIN_FIT_SCALE * PT_PER_UNIT:
        return PagePlan(orient_w, orient_h, fit, [everything()], fitted=True, tiled=False)
    width, height, tile_w, tile_h = _tile_size(pl, page)
    tiles = content_tiles(pl, tile_w, tile_h)
    if len(tiles) > MAX_PDF_PAGES:
        raise ExportError(
            f"this chart would take {len(tiles):,} pages of {page}, more than {MAX_PDF_PAGES}; "
            + _what_works(pl, {page: len(tiles)})
        )
    pages = _fill(pl, tiles, tile_w, tile_h, connector_segments(pl), links)
    return PagePlan(width, height, TILE_SCALE * PT_PER_UNIT, pages, fitted=False, tiled=True)


def page_count(pl: Placement, page: PageName) -> int:
    """How many pages of ``page`` a PDF of ``pl`` takes (1 when it fits on one)."""
    if _fitted(pl, page)[2] >= MIN_FIT_SCALE * PT_PER_UNIT:
        return 1
    _, _, tile_w, tile_h = _tile_size(pl, page)
    return len(content_tiles(pl, tile_w, tile_h))


def _fitted(pl: Placement, page: PageName) -> tuple[float, float, float]:
    """The page (portrait or landscape, whichever shows the chart larger) and the scale of the
    chart fitted to it."""
    pw, ph = PAGE_POINTS[page]
    best = (pw, ph, -1.0)
    for w, h in ((pw, ph), (ph, pw)):
        fit = min((w - 2 * PAGE_MARGIN) / pl.width, (h - 2 * PAGE_MARGIN) / pl.height, PT_PER_UNIT)
        if fit > best[2]:
            best = (w, h, fit)
    return best


def _tile_size(pl: Placement, page: PageName) -> tuple[float, float, float, float]:
    """A tiled page (landscape for a wide chart) and the chart rectangle each page shows."""
    pw, ph = PAGE_POINTS[page]
    width, height = (max(pw, ph), min(pw, ph)) if pl.width >= pl.height else (pw, ph)
    scale = TILE_SCALE * PT_PER_UNIT
    return width, height, (width - 2 * PAGE_MARGIN) / scale, (height - 2 * PAGE_MARGIN - HEADER) / scale


def _cells(x: float, y: float, w: float, h: float, tile_w: float, tile_h: float) -> Iterable[tuple[int, int]]:
    """The tiles (row, column) a rectangle meets, edges included."""
    for r in range(max(0, math.ceil(y / tile_h) - 1), math.floor((y + h) / tile_h) + 1):
        for c in range(max(0, math.ceil(x / tile_w) - 1), math.floor((x + w) / tile_w) + 1):
            yield r, c


def content_tiles(pl: Placement, tile_w: float, tile_h: float) -> list[Bounds]:
    """The tiles of a grid of ``tile_w`` x ``tile_h`` that hold a card or the legend, row by
    row: each card put into the few tiles it meets, not each tile checked against every card."""
    rows, cols = math.ceil(pl.height / tile_h), math.ceil(pl.width / tile_w)
    full: set[tuple[int, int]] = set()
    if pl.legend is not None:
        full.update(_cells(0.0, 0.0, pl.legend.width + 24, pl.legend.height + 24, tile_w, tile_h))
    xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
    add = full.add
    for i in pl.order:
        x, y = xs[i], ys[i]
        # _cells(), written out: most cards lie inside one tile (coordinates are >= 0).
        r0, r1 = max(0, int(-(-y // tile_h)) - 1), int((y + hs[i]) // tile_h)
        c0, c1 = max(0, int(-(-x // tile_w)) - 1), int((x + cw) // tile_w)
        if r0 == r1 and c0 == c1:
            add((r0, c0))
        else:
            full.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    return [Bounds(c * tile_w, r * tile_h, tile_w, tile_h) for r, c in sorted(full) if r < rows and c < cols]


def _fill(
    pl: Placement,
    tiles: list[Bounds],
    tile_w: float,
    tile_h: float,
    all_segments: Sequence[Segment],
    links: Sequence[LinkLine],
) -> list[Page]:
    """What each tile paints: the cards, line pieces and dotted lines that reach into it."""
    at = {(round(t.y / tile_h), round(t.x / tile_w)): k for k, t in enumerate(tiles)}
    cards: list[list[int]] = [[] for _ in tiles]
    segments: list[list[Segment]] = [[] for _ in tiles]
    dotted: list[list[LinkLine]] = [[] for _ in tiles]
    left, up, right, down = CARD_REACH
    xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
    for i in pl.order:
        for cell in _cells(xs[i] - left, ys[i] - up, cw + left + right, hs[i] + up + down, tile_w, tile_h):
            if (k := at.get(cell)) is not None:
                cards[k].append(i)
    for seg in all_segments:
        x1, y1, x2, y2 = seg
        for cell in _cells(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), tile_w, tile_h):
            if (k := at.get(cell)) is not None:
                segments[k].append(seg)
    for link in links:
        px, py = [x for x, _ in link.points], [y for _, y in link.points]
        for cell in _cells(min(px) - 9, min(py) - 9, max(px) - min(px) + 18, max(py) - min(py) + 18, tile_w, tile_h):
            if (k := at.get(cell)) is not None:
                dotted[k].append(link)
    legend = pl.legend
    return [
        Page(
            tile,
            cards[k],
            segments[k],
            dotted[k],
            legend is not None and tile.y <= legend.height + 24 and tile.x <= legend.width + 24,
        )
        for k, tile in enumerate(tiles)
    ]


def _what_works(pl: Placement, known: Mapping[PageName, int] | None = None) -> str:
    """The options under which this chart can be exported: SVG always; the paper sizes whose
    tiling stays within the page limit; collapsing at a depth whose chart fits on one page."""
    ways = [
        f"add --page {name} ({count:,} pages)"
        for name in PAGE_POINTS
        if (count := page_count(pl, name)) <= MAX_PDF_PAGES
    ]
    deepest = None
    current = pl.options.collapse_depth
    for depth in range(1, min(current if current is not None else FOLD_TRIES + 1, FOLD_TRIES + 1)):
        folded = layout(pl.arrays, replace(pl.options, collapse_depth=depth))
        if one_page_scale(folded) * SMALLEST_TEXT < MIN_TEXT_PT:
            break
        deepest = depth
    if deepest is not None:
        ways.append(f"add --collapse-depth {deepest} (one page)")
    ways.append("export SVG (no size limit)")
    return ", ".join(ways[:-1]) + (", or " if len(ways) > 2 else " or ") + ways[-1] if len(ways) > 1 else ways[0]
