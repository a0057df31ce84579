"""Standalone SVG 1.1 of a :class:`~orgdesigner.layout.Placement`, written directly as text.

Every node is a ``<g class="node team|unit discipline-ID|structure-ID" data-id="ID">`` holding
its ``<title>`` (the full name), its card ``<rect>`` and its text; reporting lines, ``serves``
links and the legend have groups of their own; all styling is in one ``<style>`` block. Every
piece of user text goes through :func:`escape`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from orgdesigner.export.svg_style import stylesheet
from orgdesigner.export.svg_subline import SubLines
from orgdesigner.layout import TEXT_PAD, LinkLine, Placement, category_styles
from orgdesigner.layout.cards import NAME_SIZE, SMALL_SIZE, baselines, hidden_label, people
from orgdesigner.layout.char_widths import LATIN1, UNITS_PER_EM
from orgdesigner.layout.text_fit import fit_line, fit_lines
from orgdesigner.model.gc_pause import gc_paused

_SPECIAL = re.compile("[&<>\"']")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_PATH_CHUNK = 2000
BADGE_W, BADGE_H = 26, 16
CARD_RADIUS = 5
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


def svg_text(placement: Placement, background: str | None = "#ffffff") -> str:
    """The SVG document of ``placement``; ``background`` None leaves it transparent."""
    with gc_paused():
        return _svg_text(placement, background)


def _svg_text(pl: Placement, background: str | None) -> str:
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
    if pl.links:
        out.append(_links(pl.links))
    out.append('<g class="nodes">\n')
    _nodes(pl, out)
    out.append("</g>\n</svg>\n")
    return "".join(out)


def svg_bytes(placement: Placement, background: str | None = "#ffffff") -> bytes:
    """:func:`svg_text` encoded as UTF-8."""
    return svg_text(placement, background).encode("utf-8")


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _describe(pl: Placement) -> str:
    arr = pl.arrays
    teams = sum(arr.is_team)
    units = len(arr) - teams
    heads = sum(hc for hc, team in zip(arr.headcount, arr.is_team, strict=True) if team)
    text = (
        f"Org chart of {arr.name}: {_count(units, 'unit')}, {_count(teams, 'team')}, {people(heads)}, "
        f"{_count(len(arr.links), 'serves link')}"
    )
    if pl.hidden_count:
        text += f"; {_count(pl.hidden_count, 'node')} folded into collapsed cards"
    return text + ". Drawn by orgdesigner."


def _nodes(pl: Placement, out: list[str]) -> None:
    arr = pl.arrays
    ids, names, leads, is_team, category = arr.ids, arr.names, arr.leads, arr.is_team, arr.category
    headcount = arr.headcount
    xs, ys = pl.xs, pl.ys
    styles = category_styles()
    classes = [
        f"node {'team' if s.color else 'unit'} {'discipline' if s.color else 'structure'}-{s.id}" for s in styles
    ]
    collapsed = pl.collapsed
    badges = pl.options.badges
    tw = pl.text_width
    name_lines = pl.options.sizes.name_lines
    heads_of = pl.rollup()[1]
    latin1 = LATIN1
    name_limit = tw * UNITS_PER_EM / NAME_SIZE
    # Shortcuts: a line of Latin-1 text this short fits without measuring (wider characters
    # exist outside Latin-1, so other text is always measured).
    name_fast = int(name_limit / max(LATIN1))
    small_limit = tw * UNITS_PER_EM / SMALL_SIZE
    small_fast = int(small_limit / max(LATIN1))

    def fits_small(line: str) -> bool:
        """True when ``line`` (Latin-1, single-spaced) fits a card's small-text room as it is."""
        if "  " in line or line[-1] == " ":
            return False
        try:
            return sum(line.encode("latin-1").translate(latin1)) <= small_limit
        except UnicodeEncodeError:
            return False

    card_h = float(pl.options.sizes.height)
    rect = f'<rect x="-{TEXT_PAD}" width="{_n(pl.card_width)}" height="{_n(card_h)}" rx="{CARD_RADIUS}"/>'
    y_name, y_sub, y_lead = (baselines(1, True, False, card_h)[k] for k in range(3))
    y_name_nl, y_sub_nl = baselines(1, False, False, card_h)[:2]
    # The fixed markup between a card's texts, for its two common shapes.
    open_nl = f'</title>{rect}<text class="n" y="{y_name_nl}">'
    open_lead = f'</title>{rect}<text class="n" y="{y_name}">'
    to_sub_nl = f'</text><text y="{y_sub_nl}">'
    to_sub_lead = f'</text><text y="{y_sub}">'
    to_lead = f'<tspan x="0" y="{y_lead}">'
    sub_lines = SubLines(tw, escape)
    subs, sub_line = sub_lines.made, sub_lines.get
    special = _SPECIAL.search
    pad_round = TEXT_PAD + 0.5  # int() of a coordinate plus a half rounds it (all are >= 0)
    append = out.append
    # One scan of all names (and leads) usually shows that none needs escaping.
    names_plain = special("".join(names)) is None
    leads_plain = special("".join(lead for lead in leads if lead)) is None
    drawn_in_full = set(collapsed)
    if badges:
        drawn_in_full.update(i for i, nid in enumerate(ids) if nid in badges)
    for i in pl.order:
        name = names[i]
        cat = category[i]
        heads = headcount[i] if is_team[i] else heads_of[i]
        sub = subs.get(heads * 16 + cat) or sub_line(cat, heads)
        esc = name if names_plain else escape(name)
        lead = leads[i]
        if i in drawn_in_full:
            append(_node(pl, i, classes[cat], esc, sub, name_lines))
            continue
        if name[0] == " " or name[-1] == " " or "  " in name:
            one_line = False
        elif len(name) <= name_fast and name.isascii():
            one_line = True
        else:
            try:
                one_line = sum(name.encode("latin-1").translate(latin1)) <= name_limit
            except UnicodeEncodeError:
                one_line = False
        if one_line:
            # The common cards: the hot loop of a large export.
            if lead is None:
                append(
                    f'<g class="{classes[cat]}" data-id="{ids[i]}" transform="translate({int(xs[i] + pad_round)},'
                    f'{int(ys[i] + 0.5)})"><title>{esc}{open_nl}{esc}{to_sub_nl}{sub}</text></g>\n'
                )
            else:
                line = "Lead: " + lead
                if (len(line) > small_fast or not line.isascii()) and not fits_small(line):
                    line = fit_line(line, tw, SMALL_SIZE)
                append(
                    f'<g class="{classes[cat]}" data-id="{ids[i]}" transform="translate({int(xs[i] + pad_round)},'
                    f'{int(ys[i] + 0.5)})"><title>{esc}{open_lead}{esc}{to_sub_lead}{sub}{to_lead}'
                    f"{line if leads_plain else escape(line)}</tspan></text></g>\n"
                )
            continue
        head = (
            f'<g class="{classes[cat]}" data-id="{ids[i]}" transform="translate('
            f'{int(xs[i] + pad_round)},{int(ys[i] + 0.5)})"><title>{esc}</title>{rect}'
        )
        lines = fit_lines(name, tw, NAME_SIZE, name_lines)
        ys_ = baselines(len(lines), lead is not None, False, card_h)
        parts = [f'{head}<text class="n" y="{ys_[0]}">{escape(lines[0])}']
        for k in range(1, len(lines)):
            parts.append(f'<tspan x="0" y="{ys_[k]}">{escape(lines[k])}</tspan>')
        k = len(lines)
        parts.append(f'</text><text y="{ys_[k]}">{sub}')
        if lead is not None:
            parts.append(f'<tspan x="0" y="{ys_[k + 1]}">{escape(fit_line("Lead: " + lead, tw, SMALL_SIZE))}</tspan>')
        parts.append("</text></g>\n")
        append("".join(parts))


def _node(pl: Placement, i: int, klass: str, esc_name: str, sub: str, name_lines: int) -> str:
    """One card in full: wrapped name, collapsed stack and count, badge."""
    arr = pl.arrays
    tw = pl.text_width
    hh = pl.heights[i]
    lines = fit_lines(arr.names[i], tw, NAME_SIZE, name_lines)
    lead = arr.leads[i]
    hidden = pl.hidden(i)
    ys = baselines(len(lines), lead is not None, hidden is not None, hh)
    nid = arr.ids[i]
    parts = [
        f'<g class="{klass}{" collapsed" if hidden else ""}" data-id="{nid}" '
        f'transform="translate({_n(pl.xs[i] + TEXT_PAD)},{_n(pl.ys[i])})"><title>{esc_name}</title>'
    ]
    rect = f'width="{_n(pl.card_width)}" height="{_n(hh)}" rx="{CARD_RADIUS}"/>'
    if hidden:
        parts.append(f'<rect x="{4 - TEXT_PAD}" y="4" {rect}')
    parts.append(f'<rect x="-{TEXT_PAD}" {rect}<text class="n" y="{ys[0]}">{escape(lines[0])}')
    for k in range(1, len(lines)):
        parts.append(f'<tspan x="0" y="{ys[k]}">{escape(lines[k])}</tspan>')
    k = len(lines)
    parts.append(f'</text><text y="{ys[k]}">{sub}')
    if lead is not None:
        k += 1
        parts.append(f'<tspan x="0" y="{ys[k]}">{escape(fit_line("Lead: " + lead, tw, SMALL_SIZE))}</tspan>')
    parts.append("</text>")
    if hidden:
        more = fit_line(hidden_label(*hidden), tw, SMALL_SIZE)
        parts.append(f'<text class="m" y="{ys[k + 1]}">{escape(more)}</text>')
    badge = pl.badge(i)
    if badge is not None and badge.total:
        bx = pl.card_width - TEXT_PAD - BADGE_W + 6
        parts.append(
            f'<g class="badge {badge.worst}"><title>{badge.describe()}</title>'
            f'<rect x="{_n(bx)}" y="-8" width="{BADGE_W}" height="{BADGE_H}" rx="{BADGE_H // 2}"/>'
            f'<text x="{_n(bx + BADGE_W / 2)}" y="4">{min(badge.total, 999)}</text></g>'
        )
    parts.append("</g>\n")
    return "".join(parts)


def _edges(pl: Placement) -> Iterable[str]:
    # One format string and one argument tuple per path: %-formatting in C, not per segment.
    # Coordinates are >= 0, so int(v + 0.5) rounds; lengths are taken between rounded ends.
    vertical, horizontal = "M%d %dv%d", "M%d %dh%d"
    chunks = []
    forms: list[str] = []
    args: list[float] = []
    form, extend = forms.append, args.extend
    for x1, y1, x2, y2 in pl.segments():
        if x1 == x2:
            start = int(y1 + 0.5)
            form(vertical)
            extend((x1 + 0.5, start, int(y2 + 0.5) - start))
        else:
            start = int(x1 + 0.5)
            form(horizontal)
            extend((start, y1 + 0.5, int(x2 + 0.5) - start))
        if len(forms) == _PATH_CHUNK:
            chunks.append(f'<path d="{"".join(forms) % tuple(args)}"/>\n')
            forms.clear()
            args.clear()
    if forms:
        chunks.append(f'<path d="{"".join(forms) % tuple(args)}"/>\n')
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
        else:
            mark = f'<rect x="{_n(sw.x)}" y="{_n(sw.y)}" width="{_n(sw.width)}" height="{_n(sw.height)}" rx="3"/>'
        key = "link-key" if entry.kind == "link" else f"discipline-{entry.key}"
        out.append(f'<g class="{key}">{mark}<text x="{_n(tx.x)}" y="{_n(tx.y)}">{escape(tx.text)}</text></g>\n')
    out.append("</g>\n")
    return "".join(out)
