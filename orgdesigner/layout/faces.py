"""A card's face: everything one card shows, decided once for every picture.

The canvas, the SVG, PNG and PDF exports and the thumbnails draw a card from its
:class:`CardFace` (handed out by :meth:`~orgdesigner.layout.Placement.face`), never from the org:
the fitted text lines and where they sit, the fill, border and ink, the stack behind a collapsed
card, the finding badge. A change to what a card shows is made here and seen everywhere.

Faces are cheap to make in bulk: what many cards share (their size, colours and line positions:
a :class:`CardFrame`; their second line, "MLOps · 12 people") is made once and shared, and a name
that fits on one line is not measured letter by letter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import count
from typing import Literal, NamedTuple

from orgdesigner.layout.arrays import FIRST_STRUCTURE, OrgArrays
from orgdesigner.layout.cards import NAME_SIZE, SMALL_SIZE, SubLines, baselines, hidden_label, people
from orgdesigner.layout.char_widths import LATIN1, UNITS_PER_EM
from orgdesigner.layout.geometry import TEXT_PAD, Bounds, CollapsedInfo, TextLine, TextRole
from orgdesigner.layout.legend import category_styles
from orgdesigner.layout.options import BadgeCounts, LayoutOptions
from orgdesigner.layout.palette import SEVERITY_COLORS, CardPaint, card_paint
from orgdesigner.layout.text_fit import fit_line, fit_lines

STACK_OFFSET = 4.0
"""How far the card drawn behind a collapsed card stands out (right and down)."""
CORNER_RADIUS = 5.0
BORDER_WIDTH = 1.5
STACKED_BORDER_WIDTH = 2.5
BADGE_WIDTH, BADGE_HEIGHT = 26.0, 16.0
BADGE_RIGHT_OVERHANG = 6.0
"""A badge sits on the card's top right corner: half above the top edge, 6 past the right."""
BADGE_MAX_COUNT = 999


_frame_numbers = count()


@dataclass(frozen=True, slots=True)
class CardFrame:
    """What the cards of one look share: kind and category, size, paint, and the role and
    baseline of each text line (every line starts :data:`~orgdesigner.layout.TEXT_PAD` in).

    Frames are made by :func:`card_frame` and shared, so that a thousand cards of one look hold
    one frame (and a renderer can prepare a frame's markup once)."""

    kind: Literal["team", "unit"]
    category: str
    """The team's discipline id or the unit's structure id."""
    short: str
    width: float
    height: float
    paint: CardPaint
    stacked: bool
    """A collapsed card: a second card is drawn behind it and its border is heavier."""
    roles: tuple[TextRole, ...]
    baselines: tuple[float, ...]
    number: int = field(default_factory=lambda: next(_frame_numbers), compare=False, repr=False)
    """Unique to this frame object (not part of its value): a cheap key for a renderer's
    per-frame cache."""

    @property
    def border_width(self) -> float:
        """The width of the card's border."""
        return STACKED_BORDER_WIDTH if self.stacked else BORDER_WIDTH


@cache
def card_frame(category: int, names: int, lead: bool, stacked: bool, width: float, height: float) -> CardFrame:
    """The shared frame of a card of category number ``category`` with ``names`` name lines,
    a lead line or not, collapsed (a "+3 teams" line) or not."""
    style = category_styles()[category]
    name_role: TextRole = "name"
    roles: list[TextRole] = [name_role] * names
    roles.append("sub")
    if lead:
        roles.append("lead")
    if stacked:
        roles.append("more")
    return CardFrame(
        kind="team" if category < FIRST_STRUCTURE else "unit",
        category=style.id,
        short=style.short,
        width=width,
        height=height,
        paint=card_paint(style.color),
        stacked=stacked,
        roles=tuple(roles),
        baselines=baselines(names, lead, stacked, height),
    )


def badge_rect(card_width: float) -> Bounds:
    """Where a finding badge goes on a card (relative to its corner): on the top right corner."""
    return Bounds(card_width + BADGE_RIGHT_OVERHANG - BADGE_WIDTH, -BADGE_HEIGHT / 2, BADGE_WIDTH, BADGE_HEIGHT)


def badge_label(badge: BadgeCounts) -> str:
    """The count a badge shows (at most 999)."""
    return str(min(badge.total, BADGE_MAX_COUNT))


class CardFace(NamedTuple):
    """Everything one card shows, wherever it stands (positions are relative to its top-left
    corner; the placement says where the corner goes).

    ``texts`` are the fitted lines, one per role of the frame: the name (1 to 4 lines), the
    discipline or structure with the headcount, the lead if any, and for a collapsed card what
    it hides. ``name``, ``lead`` and ``headcount`` are the card's own, uncut (for titles and
    tooltips). Two faces are equal exactly when the cards look the same.
    """

    frame: CardFrame
    name: str
    texts: tuple[str, ...]
    lead: str | None
    headcount: int
    hidden: CollapsedInfo | None
    """What a collapsed card stands for (None for a card that is not collapsed)."""
    badge: BadgeCounts | None
    """The finding counts shown on the card (None: no badge)."""
    expandable: bool
    """The node has children (the canvas puts a collapse toggle under it)."""

    @property
    def kind(self) -> Literal["team", "unit"]:
        """``team`` or ``unit``."""
        return self.frame.kind

    @property
    def width(self) -> float:
        """The card's width."""
        return self.frame.width

    @property
    def height(self) -> float:
        """The card's height."""
        return self.frame.height

    @property
    def paint(self) -> CardPaint:
        """Fill, border and ink."""
        return self.frame.paint

    @property
    def lines(self) -> tuple[TextLine, ...]:
        """The text lines with their positions and roles."""
        frame = self.frame
        return tuple(
            TextLine(text, TEXT_PAD, y, role)
            for text, y, role in zip(self.texts, frame.baselines, frame.roles, strict=True)
        )

    @property
    def badge_rect(self) -> Bounds:
        """Where the badge goes (relative to the card's corner)."""
        return badge_rect(self.frame.width)

    @property
    def badge_label(self) -> str:
        """The count on the badge (at most 999; empty without a badge)."""
        return badge_label(self.badge) if self.badge else ""

    @property
    def badge_fill(self) -> str:
        """The badge's colour: that of the worst severity it counts."""
        return SEVERITY_COLORS[self.badge.worst if self.badge else "info"]

    def tooltip(self) -> str:
        """The card in words, uncut: name, discipline or structure, lead, what it hides, findings."""
        frame = self.frame
        lines = [self.name, f"{frame.short} · {people(self.headcount)}" if frame.kind == "team" else frame.short]
        if self.lead:
            lines.append(f"Lead: {self.lead}")
        if self.hidden is not None:
            lines.append(f"Collapsed: {self.hidden.teams} teams, {self.hidden.headcount} people hidden")
        if self.badge is not None:
            lines.append(self.badge.describe())
        return "\n".join(lines)


def badge_of(
    i: int,
    ids: Sequence[str],
    badges: Mapping[str, BadgeCounts],
    collapsed: frozenset[int],
    subtree: Callable[[int], Iterable[int]],
) -> BadgeCounts | None:
    """The finding counts on node number ``i``'s card: its own, and for a collapsed card those
    of every node it hides as well (``subtree(i)``: the numbers of its subtree); None when there
    is nothing to count."""
    if not badges:
        return None
    if i not in collapsed:
        return badges.get(ids[i])
    found = [b for k in subtree(i) if (b := badges.get(ids[k])) is not None]
    if not found:
        return None
    return BadgeCounts(sum(b.errors for b in found), sum(b.warnings for b in found), sum(b.infos for b in found))


_new_face = tuple.__new__


def face_maker(
    arrays: OrgArrays,
    options: LayoutOptions,
    heights: Sequence[float],
    collapsed: frozenset[int],
    totals: tuple[list[int], list[int], list[int]],
    badge_for: Callable[[int], BadgeCounts | None],
) -> Callable[[Iterable[int]], Iterator[CardFace]]:
    """The function that makes the faces of the given node numbers of a placement (its
    ``heights`` per node, its ``collapsed`` nodes, the subtree ``totals``: teams, headcount,
    nodes, and ``badge_for`` a node's card, see :func:`badge_of`); what cards share is made once for all its
    calls, and making a few costs little whatever the size of the chart."""
    names, leads, is_team, category, headcount = (
        arrays.names,
        arrays.leads,
        arrays.is_team,
        arrays.category,
        arrays.headcount,
    )
    ids = arrays.ids
    teams_below, heads_below, nodes_below = totals
    sizes = options.sizes
    width, card_h = float(sizes.width), float(sizes.height)
    text_width = width - 2 * TEXT_PAD
    name_lines = sizes.name_lines
    badges = options.badges
    sub_lines = SubLines(text_width)
    subs, sub_line, stride = sub_lines.made, sub_lines.make, sub_lines.stride
    latin1 = LATIN1
    name_limit = text_width * UNITS_PER_EM / NAME_SIZE
    small_limit = text_width * UNITS_PER_EM / SMALL_SIZE
    # A line of ASCII no longer than these fits without measuring (no character is wider than
    # max(LATIN1)); a line of Latin-1 is measured in one C call. Both give fit_lines()'s answer.
    name_fast = int(name_limit / max(LATIN1))
    small_fast = int(small_limit / max(LATIN1))
    frames: list[CardFrame | None] = [None] * (16 * len(category_styles()))
    kids = arrays.kids

    def fits(text: str, fast: int, limit: float) -> bool:
        """True when ``text`` is drawn as it is on one line of ``limit`` units."""
        if text[0] == " " or text[-1] == " " or "  " in text:
            return False  # fit_lines() would collapse the spaces
        if len(text) <= fast and text.isascii():
            return True
        try:
            return sum(text.encode("latin-1").translate(latin1)) <= limit
        except UnicodeEncodeError:
            return False

    def frame_of(key: int) -> CardFrame:
        """The frame of ``key`` = category * 16 + 2 * name lines + lead?"""
        frame = frames[key] = card_frame(key // 16, key % 16 // 2, bool(key % 2), False, width, card_h)
        return frame

    def make(numbers: Iterable[int]) -> Iterator[CardFace]:
        # The hot loop of a large export: everything it reads is a local.
        cats, names_, leads_, teams, heads_, below, kids_ = (
            category,
            names,
            leads,
            is_team,
            headcount,
            heads_below,
            kids,
        )
        frames_, subs_, latin, new_face, face_type = frames, subs, latin1, _new_face, CardFace
        folded, badged, ids_ = collapsed, badges, ids
        for i in numbers:
            cat = cats[i]
            heads = heads_[i] if teams[i] else below[i]
            sub = subs_.get(heads * stride + cat) or sub_line(cat, heads)
            if (folded and i in folded) or (badged and ids_[i] in badged):
                yield special(i, cat, heads, sub)
                continue
            name = names_[i]
            # fits(), written out for the name and the lead: most cards stop at its shortcuts.
            if name[0] == " " or name[-1] == " " or "  " in name:
                one_line = False
            elif len(name) <= name_fast and name.isascii():
                one_line = True
            else:
                try:
                    one_line = sum(name.encode("latin-1").translate(latin)) <= name_limit
                except UnicodeEncodeError:
                    one_line = False
            lead = leads_[i]
            texts: tuple[str, ...]
            if lead is None:
                if one_line:
                    key, texts = cat * 16 + 2, (name, sub)
                else:
                    fitted = fit_lines(name, text_width, NAME_SIZE, name_lines)
                    key, texts = cat * 16 + 2 * len(fitted), (*fitted, sub)
            else:
                line = "Lead: " + lead
                if line[-1] == " " or "  " in line:
                    line = fit_line(line, text_width, SMALL_SIZE)
                elif len(line) > small_fast or not line.isascii():
                    try:
                        if sum(line.encode("latin-1").translate(latin)) > small_limit:
                            line = fit_line(line, text_width, SMALL_SIZE)
                    except UnicodeEncodeError:
                        line = fit_line(line, text_width, SMALL_SIZE)
                if one_line:
                    key, texts = cat * 16 + 3, (name, sub, line)
                else:
                    fitted = fit_lines(name, text_width, NAME_SIZE, name_lines)
                    key, texts = cat * 16 + 2 * len(fitted) + 1, (*fitted, sub, line)
            yield new_face(
                face_type, (frames_[key] or frame_of(key), name, texts, lead, heads, None, None, kids_[i] != [])
            )

    def special(i: int, cat: int, heads: int, sub: str) -> CardFace:
        """A collapsed card, or a card with a badge."""
        name, lead = names[i], leads[i]
        fitted = (name,) if fits(name, name_fast, name_limit) else fit_lines(name, text_width, NAME_SIZE, name_lines)
        texts = (*fitted, sub) if lead is None else (*fitted, sub, fit_line("Lead: " + lead, text_width, SMALL_SIZE))
        hidden = None
        if i in collapsed:
            hidden = CollapsedInfo(nodes_below[i] - 1, teams_below[i], heads_below[i])
            more = hidden_label(hidden.teams, hidden.headcount, hidden.nodes)
            texts = (*texts, fit_line(more, text_width, SMALL_SIZE))
        frame = card_frame(cat, len(fitted), lead is not None, hidden is not None, width, float(heights[i]))
        badge = badge_for(i)
        if badge is not None and not badge.total:
            badge = None
        return CardFace(frame, name, texts, lead, heads, hidden, badge, kids[i] != [])

    return make


@dataclass(frozen=True, slots=True)
class NodeBox:
    """One card: which node, where its top-left corner is (chart coordinates), and its face.

    The face's lines are positioned relative to the corner.
    """

    id: str
    x: float
    y: float
    face: CardFace

    @property
    def w(self) -> float:
        """The card's width."""
        return self.face.frame.width

    @property
    def h(self) -> float:
        """The card's height."""
        return self.face.frame.height

    @property
    def kind(self) -> Literal["team", "unit"]:
        """``team`` or ``unit``."""
        return self.face.frame.kind

    @property
    def category(self) -> str:
        """The team's discipline id or the unit's structure id."""
        return self.face.frame.category

    @property
    def short(self) -> str:
        """The discipline's or structure's short label."""
        return self.face.frame.short

    @property
    def name(self) -> str:
        """The node's full name."""
        return self.face.name

    @property
    def lead(self) -> str | None:
        """The node's lead, uncut."""
        return self.face.lead

    @property
    def headcount(self) -> int:
        """The team's headcount, or the unit's rolled up."""
        return self.face.headcount

    @property
    def lines(self) -> tuple[TextLine, ...]:
        """The card's text lines (relative to its corner)."""
        return self.face.lines

    @property
    def collapsed(self) -> CollapsedInfo | None:
        """What the card hides, if it is collapsed."""
        return self.face.hidden

    @property
    def badge(self) -> BadgeCounts | None:
        """The finding counts on the card, if any."""
        return self.face.badge

    @property
    def bounds(self) -> Bounds:
        """The card's rectangle."""
        return Bounds(self.x, self.y, self.face.frame.width, self.face.frame.height)

    @property
    def center(self) -> tuple[float, float]:
        """The card's centre."""
        return (self.x + self.face.frame.width / 2, self.y + self.face.frame.height / 2)
