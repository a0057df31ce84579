"""The designer window: the Document, undo commands, canvas, docks and dialogs (PySide6)."""
