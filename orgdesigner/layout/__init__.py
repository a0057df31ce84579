"""Tidy-tree placement of an org chart: pure geometry, no Qt.

``layout(org, LayoutOptions(...))`` returns the :class:`Placement` that the designer's canvas,
the SVG, PNG and PDF exports and the template thumbnails all draw, so that every picture of a
chart is the same picture.
"""

from orgdesigner.layout.arrays import CATEGORY_IDS, OrgArrays, org_arrays
from orgdesigner.layout.engine import collapsed_nodes, layout
from orgdesigner.layout.faces import CardFace, CardFrame, NodeBox
from orgdesigner.layout.geometry import (
    LINE_HEIGHTS,
    TEXT_PAD,
    TEXT_STYLES,
    Bounds,
    CollapsedInfo,
    Edge,
    LegendEntry,
    LinkLine,
    Point,
    Segment,
    TextLine,
    TextRole,
)
from orgdesigner.layout.legend import CategoryStyle, Legend, category_styles
from orgdesigner.layout.link_router import route_links
from orgdesigner.layout.options import ORIENTATIONS, BadgeCounts, CardSizes, LayoutOptions, Orientation, badge_counts
from orgdesigner.layout.placement import Placement
from orgdesigner.layout.segments import connector_segments
from orgdesigner.layout.text_fit import ELLIPSIS, fit_line, fit_lines, text_units, text_width

__all__ = [
    "CATEGORY_IDS",
    "ELLIPSIS",
    "LINE_HEIGHTS",
    "ORIENTATIONS",
    "TEXT_PAD",
    "TEXT_STYLES",
    "BadgeCounts",
    "Bounds",
    "CardFace",
    "CardFrame",
    "CardSizes",
    "CategoryStyle",
    "CollapsedInfo",
    "Edge",
    "LayoutOptions",
    "Legend",
    "LegendEntry",
    "LinkLine",
    "NodeBox",
    "OrgArrays",
    "Orientation",
    "Placement",
    "Point",
    "Segment",
    "TextLine",
    "TextRole",
    "badge_counts",
    "category_styles",
    "collapsed_nodes",
    "connector_segments",
    "fit_line",
    "fit_lines",
    "layout",
    "org_arrays",
    "route_links",
    "text_units",
    "text_width",
]
