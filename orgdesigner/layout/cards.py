"""What a card says and where its lines sit: name, discipline or structure, lead, hidden counts."""

from __future__ import annotations

from functools import lru_cache

from orgdesigner.layout.geometry import LINE_HEIGHTS, TEXT_PAD, TEXT_STYLES, TextLine
from orgdesigner.layout.text_fit import fit_line, fit_lines

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


def card_strings(
    name: str,
    short: str,
    is_team: bool,
    headcount: int,
    lead: str | None,
    hidden: tuple[int, int, int] | None,
    text_width: float,
    name_lines: int,
) -> tuple[tuple[str, ...], str, str | None, str | None]:
    """The fitted lines of a card: (name lines, sub label, lead line or None, hidden line or None).

    ``hidden`` is (teams, headcount, nodes) for a collapsed card.
    """
    names = fit_lines(name, text_width, NAME_SIZE, name_lines)
    sub = fit_line(f"{short} · {people(headcount)}", text_width, SMALL_SIZE)
    lead_line = fit_line(f"Lead: {lead}", text_width, SMALL_SIZE) if lead else None
    more = fit_line(hidden_label(*hidden), text_width, SMALL_SIZE) if hidden else None
    return names, sub, lead_line, more


def card_lines(
    strings: tuple[tuple[str, ...], str, str | None, str | None], card_height: float
) -> tuple[TextLine, ...]:
    """:func:`card_strings` placed on the card (relative to its top-left corner)."""
    names, sub, lead_line, more = strings
    ys = baselines(len(names), lead_line is not None, more is not None, card_height)
    out = [TextLine(text, TEXT_PAD, ys[k], "name") for k, text in enumerate(names)]
    k = len(names)
    out.append(TextLine(sub, TEXT_PAD, ys[k], "sub"))
    if lead_line is not None:
        k += 1
        out.append(TextLine(lead_line, TEXT_PAD, ys[k], "lead"))
    if more is not None:
        out.append(TextLine(more, TEXT_PAD, ys[k + 1], "more"))
    return tuple(out)
