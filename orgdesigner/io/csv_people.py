"""Rows of an HR-style CSV as people: cleaned names, ids, headcounts and notes; Odoo's
continuation rows joined to the row above."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from orgdesigner.io.csv_errors import CsvProblem, rows_phrase
from orgdesigner.io.csv_mapping import ColumnMapping
from orgdesigner.io.csv_read import Table, TableRow
from orgdesigner.model.text import ID_RE, NAME_MAX, NOTES_MAX, parse_whole_number, shown, slugify

MAX_HEADCOUNT = 1_000_000
# Line breaks and tabs become spaces; other control characters (C0, DEL, C1), lone surrogates
# and non-characters cannot be in a name at all.
_BREAKS_RE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOTES_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Person:
    """One row of the file as a person, before the tree is built."""

    row: int
    node_id: str
    name: str
    title: str
    department: str
    email: str
    headcount: int
    notes: str | None


@dataclass
class PeopleRead:
    """What reading the rows found: the people, the row problems, and the rows of each kind of
    warning (so that a thousand cleaned names make one line, not a thousand)."""

    people: list[Person]
    problems: list[CsvProblem]
    flagged: dict[str, list[int]] = field(default_factory=dict)
    # Rows of Odoo-style continuation lines, joined to the person above.
    continued: list[int] = field(default_factory=list)
    # The ids given out, for the units and teams made later to stay clear of them.
    ids: UniqueIds = field(default_factory=lambda: UniqueIds())

    def flag(self, warning: str, row: int) -> None:
        """Note that ``warning`` applies to ``row``."""
        self.flagged.setdefault(warning, []).append(row)

    @property
    def warnings(self) -> list[str]:
        """One line per kind of warning, with its rows."""
        return [f"{rows_phrase(rows)}: {warning}" for warning, rows in self.flagged.items()]


def clean_name(value: str, limit: int = NAME_MAX) -> tuple[str, bool]:
    """A one-line name the model accepts: control characters removed, spaces collapsed, at most
    ``limit`` characters. Returns it and whether anything but spacing had to change."""
    if len(value) <= limit and value.isprintable() and "  " not in value and value == value.strip():
        return value, False  # the usual case, in one pass of C
    text = _CONTROL_RE.sub("", _BREAKS_RE.sub(" ", value))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text, text != " ".join(value.split())


def clean_notes(value: str) -> str:
    """Free text the model accepts as notes (line breaks kept), cut to the notes' limit."""
    text = _NOTES_CONTROL_RE.sub("", value)
    return text if len(text) <= NOTES_MAX else text[: NOTES_MAX - 1] + "…"


CUT_NOTES = f"kept columns cut to fit the notes' {NOTES_MAX:,} characters"


def read_people(table: Table, mapping: ColumnMapping, keep_extra: bool, strict: bool = False) -> PeopleRead:
    """Every row as a :class:`Person`, with a problem for each row that cannot be one.

    A row where no column a field reads is filled but another is (Odoo writes one such line per
    extra value of a one-to-many field) continues the person above: its cells join that
    person's kept columns (``keep_extra``), and its row is noted. ``strict`` takes it as a
    person with an empty name instead, a problem."""
    col = {field: (table.column(header) if header else None) for field, header in mapping.as_dict().items()}
    used = mapping.used_columns()
    extra = [i for i, h in enumerate(table.headers) if h not in used] if keep_extra else []
    field_columns = [i for i in col.values() if i is not None]
    result = PeopleRead([], [])
    ids = _IdMaker(table, col["id"])
    extras: list[list[str]] = []
    for row in table.rows:

        def cell(field: str, row: TableRow = row) -> str:
            index = col[field]
            return row.get(index) if index is not None else ""

        if not strict and result.people and field_columns and not any(row.get(i) for i in field_columns):
            result.continued.append(row.number)
            extras[-1] += [f"{table.headers[i]}: {row.get(i)}" for i in extra if row.get(i)]
            continue
        name = _row_name(cell("name"), cell("first_name"), cell("last_name"), row.number, result)
        headcount = _headcount(cell("headcount"), row.number, result.problems)
        # A row with a problem stays in, under a stand-in name, so that rows naming it as their
        # manager are not also reported; its problem keeps the import from finishing.
        name = name or f"(row {row.number})"
        headcount = 1 if headcount is None else headcount
        title, department = clean_name(cell("title"))[0], clean_name(cell("department"))[0]
        email = cell("email")
        notes = [
            f"Title: {title}" if title else "",
            f"Department: {department}" if department else "",
            f"Email: {email}" if email else "",
        ]
        extras.append([n for n in notes if n] + [f"{table.headers[i]}: {row.get(i)}" for i in extra if row.get(i)])
        result.people.append(
            Person(row.number, ids.node_id(row, name, result), name, title, department, email, headcount, None)
        )
    for k, person in enumerate(result.people):
        if extras[k]:
            text = "\n".join(extras[k])
            note_text = clean_notes(text)
            if len(text) > NOTES_MAX:
                result.flag(CUT_NOTES, person.row)
            result.people[k] = replace(person, notes=note_text or None)
    if result.continued:
        joined = "joined to the person above" + (" (their cells kept in the notes)" if extra else "")
        what = f"continuation rows (only columns no field reads are filled, as Odoo writes them): {joined}"
        result.flagged[what] = result.continued
    result.ids = ids.ids
    return result


def _row_name(full: str, first: str, last: str, row: int, result: PeopleRead) -> str | None:
    raw = full or " ".join(p for p in (first, last) if p)
    name, changed = clean_name(raw)
    if not name:
        result.problems.append(CsvProblem(row, "empty name"))
        return None
    if changed:
        result.flag(f"names cleaned to fit one line of at most {NAME_MAX} characters", row)
    return name


def _headcount(text: str, row: int, problems: list[CsvProblem]) -> int | None:
    """A headcount in ASCII digits (``1_000`` and ``١٢``, which ``int()`` takes, are refused)."""
    if not text:
        return 1
    try:
        number = parse_whole_number(text)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_HEADCOUNT:
        problem = f"headcount {shown(text)} is not a whole number from 0 to {MAX_HEADCOUNT:,} in digits 0-9"
        problems.append(CsvProblem(row, problem))
        return None
    return number


class UniqueIds:
    """Hands out ids no other node has: ``base``, else ``base-2``, ``base-3``... Each base
    remembers the number it got to, so that 50,000 people called Sam take linear time."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        """A new unique id from ``base`` (at most 64 characters)."""
        base = base[:56]
        candidate, n = base, self._next.get(base, 2)
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self.taken.add(candidate)
        return candidate


class _IdMaker:
    """Node ids: the CSV's id when it is a valid node id, else a unique slug of the id or name."""

    def __init__(self, table: Table, id_column: int | None) -> None:
        self._column = id_column
        taken: set[str] = set()
        if id_column is not None:
            taken = {r.get(id_column) for r in table.rows if ID_RE.fullmatch(r.get(id_column))}
        self.ids = UniqueIds(taken)

    def node_id(self, row: TableRow, name: str, result: PeopleRead) -> str:
        raw = row.get(self._column) if self._column is not None else ""
        if raw and ID_RE.fullmatch(raw):
            return raw
        if self._column is not None:
            why = (
                "no id; one was made from the name"
                if not raw
                else "ids that are not valid node ids (1-64 letters, digits, '_', '.', '-') became slugs"
            )
            result.flag(why, row.number)
        return self.ids.make(slugify(raw or name, "person"))
