"""Spin boxes that read what a person types as ASCII digits only, as every number field does
(``parse_whole_number`` and ``parse_decimal_number``): Qt's own boxes follow the locale, so
under an Arabic locale ``١٢`` was read as 12, and they take group separators (``1,000``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget

from orgdesigner.model.text import parse_decimal_number, parse_whole_number

State = QValidator.State


def _check(
    text: str, pos: int, parse: Callable[[str], float], low: float, high: float, special: str, decimal: bool
) -> tuple[QValidator.State, str, int]:
    body = text.strip()
    if special and text == special:
        return State.Acceptable, text, pos
    # What a person is still typing: nothing, a sign, a number ending in its point.
    if body in ("", "+", "-") or (decimal and body in (".", "+.", "-.")):
        return State.Intermediate, text, pos
    try:
        value = parse(body[:-1] if decimal and body.endswith(".") else body)
    except ValueError:
        return State.Invalid, text, pos
    return (State.Acceptable if low <= value <= high else State.Intermediate), text, pos


class WholeNumberBox(QSpinBox):
    """A QSpinBox of whole numbers in ASCII digits; anything else is not taken."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale.c())  # shown in ASCII digits, without group separators
        self.setGroupSeparatorShown(False)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return _check(text, pos, parse_whole_number, self.minimum(), self.maximum(), self.specialValueText(), False)

    def valueFromText(self, text: str) -> int:
        if self.specialValueText() and text == self.specialValueText():
            return self.minimum()
        try:
            return parse_whole_number(text)
        except ValueError:
            return self.value()

    def textFromValue(self, value: int) -> str:
        return str(value)  # the special value text, where set, is Qt's to show


class DecimalNumberBox(QDoubleSpinBox):
    """A QDoubleSpinBox of numbers in ASCII digits with a point; anything else is not taken."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale.c())
        self.setGroupSeparatorShown(False)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return _check(text, pos, parse_decimal_number, self.minimum(), self.maximum(), self.specialValueText(), True)

    def valueFromText(self, text: str) -> float:
        try:
            return parse_decimal_number(text)
        except ValueError:
            return self.value()

    def textFromValue(self, value: float) -> str:
        return f"{value:.{self.decimals()}f}"
