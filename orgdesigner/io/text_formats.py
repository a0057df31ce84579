"""Writers for other tools' formats, by file suffix (GraphML, Mermaid, DOT, draw.io, CSV).

``orgdesigner export`` and the window's Export menu look a suffix up in :data:`TEXT_WRITERS`
when it is not one of the drawn formats (SVG, PNG, PDF).
"""

from __future__ import annotations

from collections.abc import Callable

from orgdesigner.model import Organization

# suffix (with the dot, lower case) -> function returning the file's bytes
TEXT_WRITERS: dict[str, Callable[[Organization], bytes]] = {}
