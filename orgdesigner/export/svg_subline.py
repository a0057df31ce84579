"""The second line of an exported card ("MLOps · 1,204 people"), made once per kind and count."""

from __future__ import annotations

from collections.abc import Callable

from orgdesigner.layout import category_styles
from orgdesigner.layout.cards import SMALL_SIZE, people
from orgdesigner.layout.char_widths import UNITS_PER_EM
from orgdesigner.layout.text_fit import fit_line, text_units


class SubLines:
    """Card sub-lines for a text room ``text_width``, cached by category and headcount and
    passed through ``escape``.

    Whether a line fits is worked out from widths known in advance: the category's label, the
    wider of " people" and " person", and at most the widest of the digits and the comma for
    each character of the number. Only a line that might not fit is measured and cut.
    """

    def __init__(self, text_width: float, escape: Callable[[str], str]) -> None:
        self.text_width = text_width
        self._escape = escape
        limit = text_width * UNITS_PER_EM / SMALL_SIZE
        words = max(text_units(" people"), text_units(" person"))
        self._labels = [f"{style.short} · " for style in category_styles()]
        self._room = [limit - text_units(label) - words for label in self._labels]
        self._figure = max(text_units(ch) for ch in "0123456789,")
        self.made: dict[int, str] = {}
        """The lines made so far, by ``headcount * 16 + category``."""

    def get(self, category: int, headcount: int) -> str:
        """The (escaped) sub-line of a card of ``category`` with ``headcount`` people."""
        key = headcount * 16 + category
        line = self.made.get(key)
        if line is None:
            count = people(headcount)
            line = self._labels[category] + count
            if len(count.split(" ", 1)[0]) * self._figure > self._room[category]:
                line = fit_line(line, self.text_width, SMALL_SIZE)
            line = self.made[key] = self._escape(line)
        return line
