"""Rows of an HR-style CSV as people: cleaned names, ids, headcounts, notes and managers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from orgdesigner.io.csv_errors import CsvProblem, rows_phrase
from orgdesigner.io.csv_mapping import ColumnMapping
from orgdesigner.io.csv_read import Table, TableRow
from orgdesigner.io.discipline_guess import DisciplineGuess, guess_discipline
from orgdesigner.model.text import ID_RE, NAME_MAX, NOTES_MAX, slugify

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
    guess: DisciplineGuess


@dataclass
class PeopleRead:
    """What reading the rows found: the people, the row problems, and the rows of each kind of
    warning (so that a thousand cleaned names make one line, not a thousand)."""

    people: list[Person]
    problems: list[CsvProblem]
    flagged: dict[str, list[int]] = field(default_factory=dict)

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
    text = _CONTROL_RE.sub("", _BREAKS_RE.sub(" ", value))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text, text != " ".join(value.split())


def clean_notes(value: str) -> str:
    """Free text the model accepts as notes (line breaks kept)."""
    text = _NOTES_CONTROL_RE.sub("", value)
    return text if len(text) <= NOTES_MAX else text[: NOTES_MAX - 1] + "…"


def read_people(table: Table, mapping: ColumnMapping, keep_extra: bool) -> PeopleRead:
    """Every row as a :class:`Person`, with a problem for each row that cannot be one."""
    col = {field: (table.column(header) if header else None) for field, header in mapping.as_dict().items()}
    extra = [i for i, h in enumerate(table.headers) if h not in mapping.used_columns()] if keep_extra else []
    result = PeopleRead([], [])
    ids = _IdMaker(table, col["id"])
    for row in table.rows:

        def cell(field: str, row: TableRow = row) -> str:
            index = col[field]
            return row.get(index) if index is not None else ""

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
        notes += [f"{table.headers[i]}: {row.get(i)}" for i in extra if row.get(i)]
        note_text = clean_notes("\n".join(n for n in notes if n))
        result.people.append(
            Person(
                row.number,
                ids.node_id(row, name, result),
                name,
                title,
                department,
                email,
                headcount,
                note_text or None,
                guess_discipline(title, department),
            )
        )
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
    if not text:
        return 1
    try:
        number = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        number = -1.0
    if not number.is_integer() or not 0 <= number <= MAX_HEADCOUNT:
        problem = f"headcount {text[:40]!r} is not a whole number from 0 to {MAX_HEADCOUNT}"
        problems.append(CsvProblem(row, problem))
        return None
    return int(number)


class _IdMaker:
    """Node ids: the CSV's id when it is a valid node id, else a unique slug of the id or name."""

    def __init__(self, table: Table, id_column: int | None) -> None:
        self._column = id_column
        self._taken: set[str] = set()
        if id_column is not None:
            self._taken = {r.get(id_column) for r in table.rows if ID_RE.match(r.get(id_column))}

    def node_id(self, row: TableRow, name: str, result: PeopleRead) -> str:
        raw = row.get(self._column) if self._column is not None else ""
        if raw and ID_RE.match(raw):
            return raw
        if self._column is not None:
            why = (
                "no id; one was made from the name"
                if not raw
                else "ids that are not valid node ids (1-64 letters, digits, '_', '.', '-') became slugs"
            )
            result.flag(why, row.number)
        base = slugify(raw or name, "person")
        candidate, n = base, 2
        while candidate in self._taken:
            candidate, n = f"{base}-{n}", n + 1
        self._taken.add(candidate)
        return candidate


def resolve_managers(
    table: Table, mapping: ColumnMapping, people: list[Person]
) -> tuple[dict[int, int | None], list[CsvProblem], list[str]]:
    """Each person's manager, as row number -> the manager's row number (None: no manager).

    A manager id is looked up among the ids (also without a spreadsheet's trailing ".0"); one
    that is no id (or when there is no id column) is looked up among the names, also turned
    from "Last, First" into "First Last", then among the emails. A manager email is looked up
    among the emails, ignoring case. Duplicate ids (or emails used as keys) are problems.
    """
    problems: list[CsvProblem] = []
    warnings: list[str] = []
    rows = {r.number: r for r in table.rows}
    id_col = table.column(mapping.id) if mapping.id else None
    parent_col = table.column(mapping.parent) if mapping.parent else None
    boss_mail_col = table.column(mapping.manager_email) if mapping.manager_email else None
    by_id = _index(people, lambda p: rows[p.row].get(id_col) if id_col is not None else "", "id", problems)
    if boss_mail_col is not None:
        by_email = _index(people, lambda p: p.email.casefold(), "email", problems)
    else:
        by_email = {}
        for p in people:
            by_email.setdefault(p.email.casefold(), p.row)
    by_name: dict[str, list[int]] = defaultdict(list)
    for p in people:
        by_name[_name_key(p.name)].append(p.row)
    manager_of: dict[int, int | None] = {}
    matched_otherwise = 0
    for p in people:
        row = rows[p.row]
        ref = row.get(parent_col) if parent_col is not None else ""
        mail = row.get(boss_mail_col) if boss_mail_col is not None else ""
        manager: int | None = None
        if ref:
            manager = _by_id(ref, by_id) if id_col is not None else None
            if manager is None:
                mailed = by_email.get(ref.casefold())
                named = _by_name(ref, by_name) or ([mailed] if mailed is not None else [])
                if len(named) != 1:
                    problems.append(CsvProblem(p.row, _unknown_manager(ref, named, id_col is not None)))
                    continue
                manager = named[0]
                matched_otherwise += id_col is not None
        elif mail:
            manager = by_email.get(mail.casefold())
            if manager is None:
                problem = f"manager email {mail[:60]!r} is not the email of anyone in the file"
                problems.append(CsvProblem(p.row, problem))
                continue
        manager_of[p.row] = manager
    if matched_otherwise:
        managers = "1 manager was" if matched_otherwise == 1 else f"{matched_otherwise} managers were"
        warnings.append(f"{managers} not found by id but by name or email")
    return manager_of, problems, warnings


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _by_id(ref: str, by_id: dict[str, int]) -> int | None:
    found = by_id.get(ref)
    if found is None and re.fullmatch(r"[0-9]+\.0+", ref):
        found = by_id.get(ref.split(".")[0])
    return found


def _by_name(ref: str, by_name: dict[str, list[int]]) -> list[int]:
    found = by_name.get(_name_key(ref), [])
    if not found and ref.count(",") == 1:
        last, first = ref.split(",")
        found = by_name.get(_name_key(f"{first} {last}"), [])
    return found


def _unknown_manager(ref: str, named: list[int], by_id: bool) -> str:
    if named:
        shown = ", ".join(str(r) for r in named[:5])
        return f"manager {ref[:60]!r} is the name of several people (rows {shown})"
    known = "the id" if by_id else "the name"
    return f"manager {ref[:60]!r} is not {known} of anyone in the file"


def _index(
    people: list[Person], key_of: Callable[[Person], str], what: str, problems: list[CsvProblem]
) -> dict[str, int]:
    index: dict[str, int] = {}
    for p in people:
        key = key_of(p)
        if not key:
            continue
        if key in index:
            problems.append(CsvProblem(p.row, f"duplicate {what} {key[:60]!r} (also row {index[key]})"))
        else:
            index[key] = p.row
    return index
