"""The error every verb raises for a command line it cannot carry out."""

from __future__ import annotations


class UsageError(Exception):
    """A command line that cannot be carried out; the message is printed as one line."""
