"""The band above the chart: the org's name and a legend of the disciplines it shows."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache

from orgdesigner.layout.arrays import CATEGORY_IDS, FIRST_STRUCTURE, OrgArrays
from orgdesigner.layout.geometry import LINE_HEIGHTS, TEXT_STYLES, Bounds, LegendEntry, TextLine
from orgdesigner.layout.options import LayoutOptions
from orgdesigner.layout.text_fit import fit_line, text_width
from orgdesigner.model import load_catalogue

SWATCH = 14
ENTRY_GAP = 20
ROW_HEIGHT = 22
MIN_BAND_WIDTH = 640


@dataclass(frozen=True, slots=True)
class CategoryStyle:
    """Display facts of a discipline or structure: its short label, name and colour."""

    id: str
    short: str
    name: str
    color: str | None


@cache
def category_styles() -> tuple[CategoryStyle, ...]:
    """One entry per category number (see :data:`~orgdesigner.layout.arrays.CATEGORY_IDS`)."""
    cat = load_catalogue()
    out = []
    for k, cid in enumerate(CATEGORY_IDS):
        if k < FIRST_STRUCTURE:
            d = cat.discipline(cid)
            out.append(CategoryStyle(cid, d.short, d.name, d.color))
        else:
            s = cat.structure(cid)
            out.append(CategoryStyle(cid, s.short, s.name, None))
    return tuple(out)


BADGE_LEGEND = "findings about the card (its colour: the worst, error, warning or note)"
"""What the legend says of the finding badges, wherever cards carry them."""


@dataclass(frozen=True, slots=True)
class Legend:
    """The heading and legend entries, positioned, and the band's size."""

    heading: TextLine
    entries: tuple[LegendEntry, ...]
    width: float
    height: float


def build_legend(
    arrays: OrgArrays,
    order: Sequence[int],
    collapsed: Set[int],
    options: LayoutOptions,
    chart_width: float,
    categories: Set[int] | None = None,
) -> Legend:
    """Lay out the band for the disciplines among the shown teams (and ``serves`` if any link);
    ``categories``: the category numbers of the shown cards, when the caller knows them."""
    margin = options.sizes.margin
    room = max(chart_width - 2 * margin, MIN_BAND_WIDTH)
    size, _ = TEXT_STYLES["heading"]
    heading = TextLine(fit_line(arrays.name, room, size), margin, margin + round(size * 0.95), "heading")
    if categories is not None:
        shown = categories
    else:
        shown = set(arrays.category) if not collapsed else {arrays.category[i] for i in order}
    styles = category_styles()
    items: list[tuple[str, str, str, str, str | None]] = [
        ("discipline", styles[k].id, styles[k].short, styles[k].name, styles[k].color)
        for k in sorted(c for c in shown if c < FIRST_STRUCTURE)
    ]
    if arrays.links:
        items.append(("link", "serves", "- -", "serves (dotted line)", None))
    if options.badges:
        items.append(("badge", "badge", "3", BADGE_LEGEND, None))
    legend_size, _ = TEXT_STYLES["legend"]
    top = margin + LINE_HEIGHTS["heading"] + 8
    x = float(margin)
    row = 0
    entries = []
    widest = heading.x + text_width(heading.text, size)
    for kind, key, short, name, color in items:
        label = name if kind in ("link", "badge") or short == name else f"{short} · {name}"
        label = fit_line(label, room - SWATCH - 6, legend_size)
        w = SWATCH + 6 + text_width(label, legend_size)
        if x > margin and x + w > margin + room:
            row += 1
            x = float(margin)
        y = top + row * ROW_HEIGHT
        swatch = Bounds(x, y, SWATCH, SWATCH)
        text = TextLine(label, x + SWATCH + 6, y + SWATCH - 3, "legend")
        entries.append(LegendEntry(kind, key, short, label, color, swatch, text))  # type: ignore[arg-type]
        widest = max(widest, x + w)
        x += w + ENTRY_GAP
    rows = row + 1 if entries else 0
    height = LINE_HEIGHTS["heading"] + 8 + rows * ROW_HEIGHT + 12
    return Legend(heading, tuple(entries), widest - margin, height)
