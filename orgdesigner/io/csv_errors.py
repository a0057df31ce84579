"""The error a bad CSV import raises: every problem found, each with its row number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.io.errors import OrgFileError

# How many problems the one-line message shows before "and N more".
SHOWN_IN_LINE = 10
ROWS_SHOWN = 12


def rows_phrase(rows: Sequence[int]) -> str:
    """``row 4`` or ``rows 4, 9, 12, ...`` (at most a dozen numbers)."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    shown = ", ".join(str(r) for r in rows[:ROWS_SHOWN])
    return f"rows {shown}{', ...' if len(rows) > ROWS_SHOWN else ''}"


@dataclass(frozen=True, order=True)
class CsvProblem:
    """One thing wrong with a CSV file; ``row`` counts the header as row 1 (None: the whole
    file). ``where`` says what ``row`` counts: a CSV's rows, a YAML file's ``line`` or a
    catalog's ``document``."""

    row: int | None
    message: str
    where: str = "row"

    @property
    def place(self) -> str | None:
        """``row 4``, ``line 12``, ``document 3``, or None for the whole file."""
        return f"{self.where} {self.row}" if self.row is not None else None

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.row is not None else self.message


class CsvImportError(OrgFileError):
    """A CSV that cannot become an org. ``problems`` lists each problem with its row number;
    ``str()`` is one line: ``FILE: 3 problems: row 4: ...; row 9: ...``."""

    def __init__(self, path: str, problems: Sequence[CsvProblem]) -> None:
        self.problems: tuple[CsvProblem, ...] = tuple(sorted(problems, key=lambda p: (p.row is not None, p.row or 0)))
        if len(self.problems) == 1:
            only = self.problems[0]
            super().__init__(path, only.message, only.place)
            return
        shown = "; ".join(str(p) for p in self.problems[:SHOWN_IN_LINE])
        more = len(self.problems) - SHOWN_IN_LINE
        tail = f"; and {more} more" if more > 0 else ""
        super().__init__(path, f"{len(self.problems)} problems: {shown}{tail}")

    def report(self) -> str:
        """Every problem, one per line, under a heading line naming the file."""
        count = len(self.problems)
        head = f"{self.path}: cannot import: {count} problem{'s' if count != 1 else ''}"
        return "\n".join([head] + [f"  {p}" for p in self.problems])
