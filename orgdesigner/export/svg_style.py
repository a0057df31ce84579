"""The one ``<style>`` block of an exported SVG: classes a user can restyle with CSS."""

from __future__ import annotations

from functools import cache

from orgdesigner.layout import TEXT_STYLES, category_styles

FONT_STACK = "'DejaVu Sans','Liberation Sans',Arial,Helvetica,sans-serif"
"""Widest first: text is fitted to DejaVu Sans, so every fallback draws it narrower."""

INK = "#1b1f24"
UNIT_FILL = "#34495e"
UNIT_STROKE = "#1f2d3a"
EDGE = "#8a939d"
LINK = "#4d5661"
SEVERITY_COLORS = {"error": "#b3261e", "warning": "#b35c00", "info": "#3465a4"}


def tint(color: str, amount: float = 0.18) -> str:
    """``color`` mixed with white: ``amount`` of the colour (a light card fill)."""
    r, g, b = (int(color[k : k + 2], 16) for k in (1, 3, 5))
    mixed = (round(255 - (255 - c) * amount) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mixed)


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
        f".team rect{{fill:#ffffff;stroke:{EDGE}}}",
        f".unit rect{{fill:{UNIT_FILL};stroke:{UNIT_STROKE}}}",
        ".unit text{fill:#ffffff}",
        ".collapsed rect{stroke-width:2.5}",
        f".edges{{fill:none;stroke:{EDGE};stroke-width:1.5}}",
        f".links path{{fill:none;stroke:{LINK};stroke-width:1.5;stroke-dasharray:6,4}}",
        f".links path.arrows{{fill:{LINK};stroke:none}}",
        ".badge text{font-weight:bold;fill:#ffffff;text-anchor:middle}",
        ".node .badge rect{stroke:#ffffff;stroke-width:1}",
        ".legend text{font-size:11px}",
        f".legend path{{fill:none;stroke:{LINK};stroke-width:1.5;stroke-dasharray:6,4}}",
        ".legend text.heading{font-size:16px;font-weight:bold}",
    ]
    for style in category_styles():
        if style.color:
            rules.append(f".discipline-{style.id} rect{{fill:{tint(style.color)};stroke:{style.color}}}")
    for severity, color in SEVERITY_COLORS.items():
        rules.append(f".badge.{severity} rect{{fill:{color}}}")
    return "\n".join(rules)
