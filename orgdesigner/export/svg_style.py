"""The one ``<style>`` block of an exported SVG: classes a user can restyle with CSS.

The colours are the palette's (:mod:`orgdesigner.layout.palette`), so the SVG's cards are
painted as every other picture paints them.
"""

from __future__ import annotations

from functools import cache

from orgdesigner.layout import TEXT_STYLES, category_styles
from orgdesigner.layout.palette import (
    BADGE_INK,
    EDGE,
    INK,
    LINK,
    PAGE,
    SEVERITY_COLORS,
    UNIT_FILL,
    UNIT_INK,
    UNIT_STROKE,
    card_paint,
)

FONT_STACK = "'DejaVu Sans','Liberation Sans',Arial,Helvetica,sans-serif"
"""Widest first: text is fitted to DejaVu Sans, so every fallback draws it narrower."""


@cache
def stylesheet() -> str:
    """The CSS of every exported chart."""
    name_size = TEXT_STYLES["name"][0]
    small = TEXT_STYLES["sub"][0]
    rules = [
        f"svg{{font-family:{FONT_STACK}}}",
        f"text{{font-family:{FONT_STACK};font-size:{small}px;font-weight:normal;fill:{INK}}}",
        f".n{{font-size:{name_size}px;font-weight:bold}}",
        ".m{font-weight:bold}",
        ".node rect{stroke-width:1.5}",
        f".team rect{{fill:{PAGE};stroke:{EDGE}}}",
        f".unit rect{{fill:{UNIT_FILL};stroke:{UNIT_STROKE}}}",
        f".unit text{{fill:{UNIT_INK}}}",
        ".collapsed rect{stroke-width:2.5}",
        f".edges{{fill:none;stroke:{EDGE};stroke-width:1.5}}",
        f".links path{{fill:none;stroke:{LINK};stroke-width:1.5;stroke-dasharray:6,4}}",
        f".links path.arrows{{fill:{LINK};stroke:none}}",
        f".badge text{{font-weight:bold;fill:{BADGE_INK};text-anchor:middle}}",
        f".node .badge rect{{stroke:{BADGE_INK};stroke-width:1}}",
        ".legend text{font-size:11px}",
        f".legend path{{fill:none;stroke:{LINK};stroke-width:1.5;stroke-dasharray:6,4}}",
        ".legend text.heading{font-size:16px;font-weight:bold}",
    ]
    for style in category_styles():
        if style.color:
            paint = card_paint(style.color)
            rules.append(f".discipline-{style.id} rect{{fill:{paint.fill};stroke:{paint.border}}}")
            if paint.ink != INK:
                rules.append(f".discipline-{style.id} text{{fill:{paint.ink}}}")
    for severity, color in SEVERITY_COLORS.items():
        rules.append(f".badge.{severity} rect{{fill:{color}}}")
    return "\n".join(rules)
