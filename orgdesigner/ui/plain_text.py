"""User text shown by Qt as the characters it holds, never as markup or mnemonics.

Qt guesses: a label, a tooltip or a message box whose text looks like HTML is rendered as
HTML (a name ``<img src=… width=30000>`` grew the window to 30,000 pixels), and an ``&`` in
an action's text marks a shortcut letter and disappears. Every text that can hold a name,
a path or a message goes through one of these.
"""

from __future__ import annotations

import html

import shiboken6
from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

MESSAGE_MAX = 2_000
"""A message box shows at most this many characters of a message (our messages cut each
echoed value short already; this is the last guard against a dialog that cannot lay out)."""


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is. Qt has no plain-text tooltip: it renders a tooltip
    as HTML when it looks like HTML, so the text is escaped inside markup of our own
    (``white-space: pre`` keeps its line breaks and spaces)."""
    return f"<p style='white-space:pre'>{html.escape(text, quote=False)}</p>" if text else ""


def action_text(text: str) -> str:
    """Text for a QAction, menu entry or button: ``&`` doubled, so Qt shows it instead of
    taking the next letter as the shortcut."""
    return text.replace("&", "&&")


def follow_undo_text(action: QAction, prefix: str, text_changed: SignalInstance) -> None:
    """Keep an undo or redo action's text (``&Undo Rename R&D``) and tooltip plain as the undo
    stack's text changes: QUndoStack sets the command's text as it is, so its ``&`` went and
    its tooltip was rendered as markup."""

    def follow(text: str) -> None:
        if not shiboken6.isValid(action):  # the stack outlives the window's actions as it closes
            return
        action.setText(f"{prefix} {action_text(text)}" if text else prefix)
        action.setIconText(prefix.replace("&", ""))  # the toolbar's button: short, whatever the name
        action.setToolTip(plain_tooltip(f"{prefix.replace('&', '')} {text}".strip()))

    text_changed.connect(follow)


def window_title(text: str) -> str:
    """Text for ``setWindowTitle``: a literal ``[*]`` doubled, so Qt does not take it for the
    modified marker's place."""
    return text.replace("[*]", "[*][*]")


def cut_message(text: str, limit: int = MESSAGE_MAX) -> str:
    """A message no longer than ``limit`` characters (with an ellipsis when cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A QMessageBox whose text and informative text are plain text (not yet shown)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(cut_message(text))
    if informative:
        box.setInformativeText(cut_message(informative))
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)  # the informative label too, in any Qt
    box.setStandardButtons(buttons)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Show a warning with an OK button, as ``QMessageBox.warning`` does, in plain text."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes / No question in plain text; True for Yes."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return box.exec() == QMessageBox.StandardButton.Yes
