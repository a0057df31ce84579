"""Pausing Python's cyclic garbage collector around bulk work on large orgs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic collector while building many small, acyclic objects (a load, a layout,
    an SVG): with a large org in memory its passes cost more than the work itself (60 % of a
    100,000-team load). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
