"""Standalone SVG 1.1 of a :class:`~orgdesigner.layout.Placement`, written directly as text.

Every node is a ``<g class="node team|unit discipline-ID|structure-ID" data-id="ID">`` holding
its ``<title>`` (the full name), its card ``<rect>`` and its text, written from the card's
:class:`~orgdesigner.layout.CardFace` (what the canvas and PNG/PDF paint too); reporting lines, ``serves``
links and the legend have groups of their own; all styling is in one ``<style>`` block. Every
piece of user text goes through :func:`escape`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from operator import add

from orgdesigner.export.svg_style import stylesheet
from orgdesigner.layout import TEXT_PAD, BadgeCounts, CardFrame, LinkLine, Placement, route_links
from orgdesigner.layout.cards import people
from orgdesigner.layout.faces import CORNER_RADIUS, STACK_OFFSET, badge_label, badge_rect
from orgdesigner.layout.palette import PAGE
from orgdesigner.layout.segments import connector_segments
from orgdesigner.model.gc_pause import gc_paused

_SPECIAL = re.compile("[&<>\"']")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_PATH_CHUNK = 2000
CARD_RADIUS = int(CORNER_RADIUS)
"""Corner radius, as an attribute: Inkscape 1.2 and Qt's SVG renderer ignore CSS ``rx``."""
MAX_SHOWN_SIDE = 32_000
"""``width``/``height`` never exceed this (the viewBox keeps the chart's own units), so that
renderers with a size limit (librsvg and cairo: 32,767 pixels) draw any chart at its default size."""


def escape(text: str) -> str:
    """``text`` safe inside XML character data and quoted attributes."""
    if _SPECIAL.search(text) is None:
        return text
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], text)


def _n(value: float) -> str:
    """A coordinate, rounded to a whole unit (all geometry sits on whole units or halves)."""
    return "%d" % (value + 0.5) if value >= 0 else "-%d" % (0.5 - value)  # noqa: UP031 (fastest)


def svg_text(placement: Placement, background: str | None = PAGE, links: Sequence[LinkLine] | None = None) -> str:
    """The SVG document of ``placement``; ``background`` None leaves it transparent. ``links``
    are its dotted lines as routed (routed here when not given)."""
    with gc_paused():
        return _svg_text(placement, background, route_links(placement) if links is None else links)


def _svg_text(pl: Placement, background: str | None, links: Sequence[LinkLine]) -> str:
    w, h = _n(math.ceil(pl.width)), _n(math.ceil(pl.height))
    shown_w, shown_h = w, h
    longest = max(pl.width, pl.height)
    if longest > MAX_SHOWN_SIDE:
        shown_w = str(max(1, round(pl.width * MAX_SHOWN_SIDE / longest)))
        shown_h = str(max(1, round(pl.height * MAX_SHOWN_SIDE / longest)))
    title = escape(pl.org_name)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{shown_w}" height="{shown_h}" '
        f'viewBox="0 0 {w} {h}">\n<title>{title}</title>\n<desc>{escape(_describe(pl))}</desc>\n'
        f"<style>\n{stylesheet()}\n</style>\n"
    ]
    if background:
        out.append(f'<rect class="background" width="{w}" height="{h}" fill="{escape(background)}"/>\n')
    if pl.legend is not None:
        out.append(_legend(pl))
    out.extend(_edges(pl))
    if links:
        out.append(_links(links))
    out.append('<g class="nodes">\n')
    _nodes(pl, out)
    out.append("</g>\n</svg>\n")
    return "".join(out)


def svg_bytes(placement: Placement, background: str | None = PAGE, links: Sequence[LinkLine] | None = None) -> bytes:
    """:func:`svg_text` encoded as UTF-8."""
    return svg_text(placement, background, links).encode("utf-8")


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _describe(pl: Placement) -> str:
    arr = pl.arrays
    teams, heads = (totals[0][pl.root], totals[1][pl.root]) if (totals := pl.rollup())[0] else (0, 0)
    units = len(pl.preorder) - teams
    text = (
        f"Org chart of {arr.name}: {_count(units, 'unit')}, {_count(teams, 'team')}, {people(heads)}, "
        f"{_count(len(arr.links), 'serves link')}"
    )
    if pl.hidden_count:
        text += f"; {_count(pl.hidden_count, 'node')} folded into collapsed cards"
    return text + ". Drawn by orgdesigner."


def _nodes(pl: Placement, out: list[str]) -> None:
    """Every shown card, each written from its face: ``<g>`` with its title, rect(s), text lines
    and badge. The markup around a card's words is made once per :class:`CardFrame`."""
    arr = pl.arrays
    ids, xs, ys = arr.ids, pl.xs, pl.ys
    # One scan of all names and leads usually shows that no card's own text needs escaping.
    plain = _SPECIAL.search("".join(arr.names)) is None and (
        _SPECIAL.search("".join(lead for lead in arr.leads if lead)) is None
    )
    templates: dict[int, _Template] = {}
    escaped: dict[str, str] = {}
    special = _SPECIAL.search
    append = out.append
    pad = TEXT_PAD + 0.5  # int() of a coordinate plus a half rounds it (all are >= 0)

    openers: dict[int, tuple[str, ...]] = {}  # what opens each line after the first

    def template(frame: CardFrame) -> _Template:
        made, openers[frame.number] = _template(frame)
        templates[frame.number] = made
        return made

    texts: Sequence[str]
    for i, (frame, name, texts, lead, _, _, badge, _) in zip(pl.order, pl.faces(), strict=True):
        lines, sub_at, head, first, second, third, close = templates.get(frame.number) or template(frame)
        if not plain and (special(name) or (lead is not None and special(lead))):
            name, texts = escape(name), tuple(map(escape, texts))
        elif sub_at:  # the category's label needs escaping: the sub-line (shared by many cards)
            sub = texts[sub_at]
            texts = copy = list(texts)
            copy[sub_at] = escaped.get(sub) or escaped.setdefault(sub, escape(sub))
        x, y = int(xs[i] + pad), int(ys[i] + 0.5)
        # The common cards (three lines or two) in one f-string each.
        if lines == 3:
            a, b, c = texts
            card = f'{head}{ids[i]}" transform="translate({x},{y})"><title>{name}{first}{a}{second}{b}{third}{c}{close}'
        elif lines == 2:
            a, b = texts
            card = f'{head}{ids[i]}" transform="translate({x},{y})"><title>{name}{first}{a}{second}{b}{close}'
        else:
            more = "".join(map(add, openers[frame.number], texts[1:]))
            card = f'{head}{ids[i]}" transform="translate({x},{y})"><title>{name}{first}{texts[0]}{more}{close}'
        append(card if badge is None else card[:-5] + _badge(badge, frame) + "</g>\n")


_Template = tuple[int, int, str, str, str, str, str]
"""A frame's markup: its number of lines; the number of its sub-line if its category's label
needs escaping (else 0); the ``<g>`` up to the card's id; from the end of the title to the
first line's words; what opens the second and the third line; what closes the card."""


def _template(frame: CardFrame) -> tuple[_Template, tuple[str, ...]]:
    """The markup of a frame's cards around their id, place and words, and what opens each of
    its lines after the first."""
    team = frame.kind == "team"
    klass = f"node {frame.kind} {'discipline' if team else 'structure'}-{frame.category}"
    if frame.stacked:
        klass += " collapsed"
    size = f'width="{_n(frame.width)}" height="{_n(frame.height)}" rx="{CARD_RADIUS}"/>'
    title_end = "</title>"
    if frame.stacked:
        title_end += f'<rect x="{_n(STACK_OFFSET - TEXT_PAD)}" y="{_n(STACK_OFFSET)}" {size}'
    title_end += f'<rect x="-{TEXT_PAD}" {size}'
    openers = []
    roles, ys = frame.roles, frame.baselines
    in_tspan = False
    for k, role in enumerate(roles):
        ends = "</tspan>" if in_tspan else ""
        # Lines of one kind share a <text>: the name's lines; the sub-line and the lead.
        in_tspan = k > 0 and (role == roles[k - 1] == "name" or (role == "lead" and roles[k - 1] == "sub"))
        if in_tspan:
            openers.append(f'{ends}<tspan x="0" y="{_n(ys[k])}">')
        else:
            openers.append(f'{ends}{"</text>" if k else ""}<text{_TEXT_CLASS[role]} y="{_n(ys[k])}">')
    close = ("</tspan>" if in_tspan else "") + "</text></g>\n"
    sub_at = roles.index("sub") if escape(frame.short) != frame.short else 0
    second, third = (*openers[1:3], "", "")[:2]
    head = f'<g class="{klass}" data-id="'
    return (len(roles), sub_at, head, title_end + openers[0], second, third, close), tuple(openers[1:])


_TEXT_CLASS = {"name": ' class="n"', "sub": "", "lead": "", "more": ' class="m"'}


def _badge(badge: BadgeCounts, frame: CardFrame) -> str:
    """A card's finding badge (in the card's text coordinates)."""
    rect = badge_rect(frame.width)
    x = rect.x - TEXT_PAD
    return (
        f'<g class="badge {badge.worst}"><title>{badge.describe()}</title>'
        f'<rect x="{_n(x)}" y="{_n(rect.y)}" width="{_n(rect.width)}" height="{_n(rect.height)}" '
        f'rx="{_n(rect.height / 2)}"/><text x="{_n(x + rect.width / 2)}" y="{_n(rect.y + rect.height / 2 + 4)}">'
        f"{badge_label(badge)}</text></g>"
    )


def _edges(pl: Placement) -> Iterable[str]:
    # One format string and one argument tuple per path: %-formatting in C, not per segment.
    # Coordinates are >= 0, so int(v + 0.5) rounds; lengths are taken between rounded ends.
    vertical, horizontal = "M%d %dv%d", "M%d %dh%d"
    chunks = []
    forms: list[str] = []
    args: list[float] = []
    form, extend = forms.append, args.extend
    segments = connector_segments(pl)
    for first in range(0, len(segments), _PATH_CHUNK):
        for x1, y1, x2, y2 in segments[first : first + _PATH_CHUNK]:
            if x1 == x2:
                start = int(y1 + 0.5)
                form(vertical)
                extend((x1 + 0.5, start, int(y2 + 0.5) - start))
            else:
                start = int(x1 + 0.5)
                form(horizontal)
                extend((start, y1 + 0.5, int(x2 + 0.5) - start))
        chunks.append(f'<path d="{"".join(forms) % tuple(args)}"/>\n')
        forms.clear()
        args.clear()
    return ['<g class="edges">\n', *chunks, "</g>\n"]


def _arrowhead(x1: float, y1: float, x2: float, y2: float, size: float = 9.0) -> str:
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - ux * size, y2 - uy * size
    px, py = -uy * size * 0.45, ux * size * 0.45
    return f"M{x2:.1f} {y2:.1f}L{bx + px:.1f} {by + py:.1f}L{bx - px:.1f} {by - py:.1f}Z"


def _links(links: Iterable[LinkLine]) -> str:
    out = ['<g class="links">\n']
    heads = []
    for link in links:
        (x1, y1), (x2, y2) = link.points[-2], link.points[-1]
        d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in link.points)
        out.append(f'<path d="{d}"><title>{escape(link.source_id)} serves {escape(link.target_id)}</title></path>\n')
        heads.append(_arrowhead(x1, y1, x2, y2))
    out.append(f'<path class="arrows" d="{"".join(heads)}"/>\n</g>\n')
    return "".join(out)


def _legend(pl: Placement) -> str:
    legend = pl.legend
    assert legend is not None
    hd = legend.heading
    out = [
        '<g class="legend">\n',
        f'<text class="heading" x="{_n(hd.x)}" y="{_n(hd.y)}">{escape(hd.text)}</text>\n',
    ]
    for entry in legend.entries:
        sw, tx = entry.swatch, entry.text
        if entry.kind == "link":
            mark = f'<path d="M{_n(sw.x)} {_n(sw.y + sw.height / 2)}h{_n(sw.width)}"/>'
        elif entry.kind == "badge":
            mark = (
                f'<g class="badge warning"><rect x="{_n(sw.x)}" y="{_n(sw.y)}" width="{_n(sw.width)}" '
                f'height="{_n(sw.height)}" rx="{_n(sw.height / 2)}"/><text x="{_n(sw.x + sw.width / 2)}" '
                f'y="{_n(sw.y + sw.height - 3)}">{escape(entry.short)}</text></g>'
            )
        else:
            mark = f'<rect x="{_n(sw.x)}" y="{_n(sw.y)}" width="{_n(sw.width)}" height="{_n(sw.height)}" rx="3"/>'
        key = {"link": "link-key", "badge": "badge-key"}.get(entry.kind, f"discipline-{entry.key}")
        out.append(f'<g class="{key}">{mark}<text x="{_n(tx.x)}" y="{_n(tx.y)}">{escape(tx.text)}</text></g>\n')
    out.append("</g>\n")
    return "".join(out)
