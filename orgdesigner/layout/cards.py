"""The words on a card and where its lines sit: headcounts in words, what a collapsed card hides,
the second lines of many cards made once, the baselines of a card's lines."""

from __future__ import annotations

from functools import lru_cache

from orgdesigner.layout.char_widths import UNITS_PER_EM
from orgdesigner.layout.geometry import LINE_HEIGHTS, TEXT_STYLES
from orgdesigner.layout.legend import category_styles
from orgdesigner.layout.text_fit import fit_line, text_units

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


class SubLines:
    """Card sub-lines ("MLOps · 1,204 people") for a text room ``text_width``, made once per
    category and headcount.

    Whether a line fits is worked out from widths known in advance: the category's label, the
    wider of " people" and " person", and at most the widest of the digits and the comma for
    each character of the number. Only a line that might not fit is measured and cut.
    """

    def __init__(self, text_width: float) -> None:
        self.text_width = text_width
        limit = text_width * UNITS_PER_EM / SMALL_SIZE
        words = max(text_units(" people"), text_units(" person"))
        self._labels = [f"{style.short} · " for style in category_styles()]
        self._room = [limit - text_units(label) - words for label in self._labels]
        self._figure = max(text_units(ch) for ch in "0123456789,")
        self.stride = len(self._labels)
        self.made: dict[int, str] = {}
        """The lines made so far, by ``headcount * stride + category``."""

    def get(self, category: int, headcount: int) -> str:
        """The sub-line of a card of ``category`` with ``headcount`` people."""
        return self.made.get(headcount * self.stride + category) or self.make(category, headcount)

    def make(self, category: int, headcount: int) -> str:
        """:meth:`get` for a line not made yet."""
        count = people(headcount)
        line = self._labels[category] + count
        if (len(str(headcount)) * 4 - 1) // 3 * self._figure > self._room[category]:  # digits and commas
            line = fit_line(line, self.text_width, SMALL_SIZE)
        self.made[headcount * self.stride + category] = line
        return line
