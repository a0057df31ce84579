"""The words on a card and where its lines sit: headcounts in words, what a collapsed card hides,
the baselines of a card's lines."""

from __future__ import annotations

from functools import lru_cache

from orgdesigner.layout.geometry import LINE_HEIGHTS, TEXT_STYLES

NAME_SIZE = TEXT_STYLES["name"][0]
SMALL_SIZE = TEXT_STYLES["sub"][0]
_NAME_LH = LINE_HEIGHTS["name"]
_SMALL_LH = LINE_HEIGHTS["sub"]


def people(count: int) -> str:
    """``1 person``, ``1,200 people``."""
    return "1 person" if count == 1 else f"{count:,} people"


def hidden_label(teams: int, headcount: int, nodes: int) -> str:
    """A collapsed card's extra line: ``+12 teams · 80 people``."""
    if teams:
        return f"+{teams:,} team{'' if teams == 1 else 's'} · {people(headcount)}"
    return f"+{nodes:,} unit{'' if nodes == 1 else 's'}"


@lru_cache(maxsize=256)
def baselines(name_count: int, has_lead: bool, has_more: bool, card_height: float) -> tuple[float, ...]:
    """Baseline y of each line (names, sub, lead?, more?) for a card of ``card_height``,
    the block of lines centred vertically."""
    heights = [_NAME_LH] * name_count + [_SMALL_LH] * (1 + has_lead + has_more)
    top = round((card_height - sum(heights)) / 2)
    out = []
    for i, lh in enumerate(heights):
        size = NAME_SIZE if i < name_count else SMALL_SIZE
        out.append(top + round(size * 0.95))
        top += lh
    return tuple(out)
