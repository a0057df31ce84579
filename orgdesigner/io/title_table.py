"""The title -> discipline table: what the import guessed for each job title, corrected by the
user and kept for the next import (``orgdesigner import --titles FILE``, the import dialog's
Save and Load).

The file is a CSV (UTF-8, a header row) with the columns ``title`` and ``discipline``; any
other column (the written file adds ``people`` and ``how``) is ignored on reading. A title is
matched ignoring case and repeated spaces; a discipline is its id (``data_science``) or its
name (``Data Science``); a row with an empty discipline is skipped, so a saved table can be
trimmed by blanking rows. Cells are escaped as in orgdesigner's CSV export, so that a
spreadsheet never runs a title as a formula.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_read import read_table
from orgdesigner.io.csv_write import escape_cell, unescape_cell
from orgdesigner.model import Discipline, load_catalogue
from orgdesigner.model.text import shown

HEADER = ("title", "discipline", "people", "how")


def title_key(title: str) -> str:
    """How titles are compared: case and repeated spaces ignored."""
    return " ".join(title.split()).casefold()


@dataclass(frozen=True)
class TitleRow:
    """One line of the table: a title as first written, its discipline, how many people hold
    it and how the discipline was decided (``strong``, ``weak``, ``none``, ``table`` or
    ``chosen``)."""

    title: str
    discipline: Discipline
    people: int
    how: str


def parse_discipline(text: str) -> Discipline | None:
    """A discipline named by id or by catalogue name (any case), else None."""
    wanted = " ".join(text.split()).casefold()
    for info in load_catalogue().disciplines:
        if wanted in (info.id.value, info.name.casefold(), info.short.casefold()):
            return info.id
    return None


def read_titles(path: str | os.PathLike[str]) -> dict[str, Discipline]:
    """The table in ``path`` as title key -> discipline; :class:`CsvImportError` listing every
    bad row (an unknown discipline, a title given two disciplines, a missing column)."""
    table = read_table(path)
    title_col, discipline_col = table.column("title"), table.column("discipline")
    if title_col is None or discipline_col is None:
        columns = ", ".join(shown(h) for h in table.headers[:12])
        problem = f"a titles table needs the columns 'title' and 'discipline'; this one has {columns}"
        raise CsvImportError(table.source, [CsvProblem(table.header_row, problem)])
    out: dict[str, Discipline] = {}
    first_row: dict[str, int] = {}
    problems: list[CsvProblem] = []
    for row in table.rows:
        title = unescape_cell(row.raw(title_col)) or ""
        value = (unescape_cell(row.raw(discipline_col)) or "").strip()
        if not title.strip() or not value:
            continue
        discipline = parse_discipline(value)
        if discipline is None:
            known = ", ".join(d.value for d in Discipline)
            problems.append(CsvProblem(row.number, f"unknown discipline {shown(value)}; the disciplines are: {known}"))
            continue
        key = title_key(title)
        if key in out and out[key] is not discipline:
            problems.append(
                CsvProblem(row.number, f"title {shown(title)} is given another discipline on row {first_row[key]}")
            )
            continue
        out[key] = discipline
        first_row.setdefault(key, row.number)
    if problems:
        raise CsvImportError(table.source, problems)
    return out


def titles_bytes(rows: Iterable[TitleRow]) -> bytes:
    """The table as a CSV file (UTF-8 with a BOM, for spreadsheets), most common titles first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in sorted(rows, key=lambda r: (-r.people, title_key(r.title))):
        writer.writerow([escape_cell(row.title), row.discipline.value, str(row.people), row.how])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def merge_titles(base: Mapping[str, Discipline], changes: Mapping[str, Discipline]) -> dict[str, Discipline]:
    """``base`` with ``changes`` on top (both keyed by :func:`title_key`)."""
    out = dict(base)
    out.update(changes)
    return out
