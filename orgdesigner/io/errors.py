"""The one error type every reader and writer raises for a bad file."""

from __future__ import annotations

import re

from orgdesigner.model.text import escape_controls

PATH_MAX = 240
PLACE_MAX = 200
PROBLEM_MAX = 600
_SPACES = re.compile("[ \t\r\n]+")


def one_line(text: str, limit: int, wrapped: bool = False) -> str:
    """``text`` as one printable line of at most ``limit`` characters: control characters
    escaped (a newline in a path shows as ``\\n``), the middle cut with an ellipsis when too
    long (a file name's end says most). ``wrapped``: text of our own that may be wrapped over
    lines, whose runs of spaces and line breaks become one space."""
    line = escape_controls(_SPACES.sub(" ", text).strip() if wrapped else text)
    if len(line) <= limit:
        return line
    head = limit * 2 // 5
    return line[:head] + "…" + line[len(line) - (limit - head - 1) :]


class OrgFileError(Exception):
    """A file that cannot be read or written: names the file, the place and the problem.

    ``str()`` gives one line, ``FILE: PLACE: PROBLEM`` (the place is left out when the problem
    concerns the whole file), which the CLI prints as it is. Whatever the parts hold (a path
    with a newline, a 20 MB value), the line is short and holds no control character.
    """

    def __init__(self, path: str, problem: str, place: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.place = place
        super().__init__(self.line())

    def line(self) -> str:
        """The error as one line."""
        path = one_line(self.path, PATH_MAX)
        problem = one_line(self.problem, PROBLEM_MAX, wrapped=True)
        return f"{path}: {one_line(self.place, PLACE_MAX)}: {problem}" if self.place else f"{path}: {problem}"
