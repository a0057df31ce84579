"""The one error type every reader and writer raises for a bad file."""

from __future__ import annotations


class OrgFileError(Exception):
    """A file that cannot be read or written: names the file, the place and the problem.

    ``str()`` gives one line, ``FILE: PLACE: PROBLEM`` (the place is left out when the problem
    concerns the whole file), which the CLI prints as it is.
    """

    def __init__(self, path: str, problem: str, place: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.place = place
        super().__init__(self.line())

    def line(self) -> str:
        """The error as one line."""
        one_line = " ".join(self.problem.split())
        return f"{self.path}: {self.place}: {one_line}" if self.place else f"{self.path}: {one_line}"
