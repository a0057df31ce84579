"""Building an org from a CSV table: people become teams grouped under their managers.

Every person becomes a team of one (headcount 1, or the row's headcount) with the discipline
guessed from their title and department; a person with reports is a team with children (the
model allows it), so that each row is one node and the org's headcount is the file's. With
``group_teams``, a manager's reports who have no reports of their own and share a discipline
become one team named after the discipline and the manager, with their summed headcount (a
lone report of a discipline stays a team of one). A CSV written by orgdesigner (its ``id,
name, parent, kind`` columns) is read back as it was written instead.

Nothing is half-imported: every problem found is collected, and :class:`CsvImportError` lists
them all with their rows; otherwise :func:`build_org` returns the whole org.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem, rows_phrase
from orgdesigner.io.csv_mapping import FIELD_LABELS, ColumnMapping, apply_overrides, guess_mapping
from orgdesigner.io.csv_native import is_native_table, read_native
from orgdesigner.io.csv_people import Person, clean_name, clean_notes, read_people, resolve_managers
from orgdesigner.io.csv_read import Table, read_table
from orgdesigner.io.csv_tree import TreeEntry, tree_problems
from orgdesigner.io.discipline_guess import FALLBACK_DISCIPLINE, DisciplineGuess
from orgdesigner.model import (
    DEFAULT_TARGET_STAGE,
    Discipline,
    FlatNode,
    ModelError,
    Organization,
    Team,
    load_catalogue,
)

DEFAULT_ORG_NAME = "Imported org"


@dataclass(frozen=True)
class PersonGuess:
    """One person's discipline: the guess, the discipline used, and the node they ended in."""

    row: int
    name: str
    title: str
    department: str
    guess: DisciplineGuess
    discipline: Discipline
    node_id: str

    @property
    def changed(self) -> bool:
        """True when the discipline used is not the guess (the user chose another)."""
        return self.discipline is not self.guess.discipline


@dataclass(frozen=True)
class ImportResult:
    """A finished import: the org, each person's discipline guess, and warnings worth showing.

    ``guesses`` is empty for an orgdesigner CSV, whose disciplines are read, not guessed.
    """

    org: Organization
    guesses: tuple[PersonGuess, ...]
    warnings: tuple[str, ...]
    mapping: ColumnMapping
    native: bool = False

    def members(self, node_id: str) -> tuple[PersonGuess, ...]:
        """The people a node stands for (one, or several for a grouped team)."""
        return tuple(g for g in self.guesses if g.node_id == node_id)


def import_csv(
    path: str | os.PathLike[str],
    overrides: Mapping[str, str | None] | None = None,
    group_teams: bool = False,
    name: str | None = None,
    target_stage: int = DEFAULT_TARGET_STAGE,
    keep_extra: bool = False,
) -> ImportResult:
    """Read a CSV and build its org; ``overrides`` remaps fields to columns (``--map``)."""
    table = read_table(path)
    mapping = apply_overrides(guess_mapping(table.headers), overrides or {}, table)
    return build_org(table, mapping, group_teams, name=name, target_stage=target_stage, keep_extra=keep_extra)


def default_org_name(table: Table) -> str:
    """The file's name without its suffix, or "Imported org"."""
    stem, _ = clean_name(Path(table.source).stem)
    return stem if stem and not stem.startswith("<") else DEFAULT_ORG_NAME


def build_org(
    table: Table,
    mapping: ColumnMapping | None = None,
    group_teams: bool = False,
    *,
    name: str | None = None,
    target_stage: int = DEFAULT_TARGET_STAGE,
    disciplines: Mapping[int, Discipline] | None = None,
    keep_extra: bool = False,
) -> ImportResult:
    """The org a table describes. ``mapping`` defaults to the recognised headers;
    ``disciplines`` overrides the guess per row number; ``keep_extra`` keeps the unmapped
    columns in each team's notes. Raises :class:`CsvImportError` listing every problem."""
    mapping = guess_mapping(table.headers) if mapping is None else mapping
    org_name = name if name is not None else default_org_name(table)
    if is_native_table(table):
        org, warnings = read_native(table, org_name, target_stage)
        return ImportResult(org, (), tuple(warnings), mapping, native=True)
    problems = mapping_problems(table, mapping)
    if problems:
        raise CsvImportError(table.source, problems)
    read = read_people(table, mapping, keep_extra)
    manager_of, manager_problems, manager_warnings = resolve_managers(table, mapping, read.people)
    problems = read.problems + manager_problems
    by_row = {p.row: p for p in read.people}
    entries = [
        TreeEntry(p.row, str(p.row), _key(manager_of.get(p.row)), p.name) for p in read.people if p.row in manager_of
    ]
    problems += tree_problems(entries)
    if problems:
        raise CsvImportError(table.source, problems)
    chosen = {p.row: (disciplines or {}).get(p.row, p.guess.discipline) for p in read.people}
    flat, node_of_row = _assemble(read.people, manager_of, chosen, group_teams)
    try:
        org = Organization.from_flat(org_name, target_stage, flat)
    except (ModelError, ValueError) as exc:
        raise CsvImportError(table.source, [CsvProblem(None, str(exc))]) from None
    guesses = tuple(
        PersonGuess(p.row, p.name, p.title, p.department, p.guess, chosen[p.row], node_of_row[p.row])
        for p in by_row.values()
    )
    warnings = read.warnings + manager_warnings + _fallback_warning(guesses)
    return ImportResult(org, guesses, tuple(warnings), mapping)


def mapping_problems(table: Table, mapping: ColumnMapping) -> list[CsvProblem]:
    """What the mapping lacks to build an org (reported at the header row)."""
    problems = []
    for field, column in mapping.as_dict().items():
        if column is not None and table.column(column) is None:
            problems.append(CsvProblem(table.header_row, f"{FIELD_LABELS[field]}: the file has no column {column!r}"))
    columns = ", ".join(repr(h) for h in table.headers)
    if not (mapping.name or mapping.first_name or mapping.last_name):
        problems.append(
            CsvProblem(
                table.header_row,
                f"no name column recognised; map one (--map name=COLUMN). The columns are: {columns}",
            )
        )
    if len(table.rows) > 1 and not (mapping.parent or mapping.manager_email):
        problems.append(
            CsvProblem(
                table.header_row,
                "no manager column recognised; map one (--map parent=COLUMN or manager_email=COLUMN). "
                f"The columns are: {columns}",
            )
        )
    if mapping.manager_email and not mapping.email:
        problems.append(
            CsvProblem(
                table.header_row,
                "managers are given by email, but no column holds people's own email (--map email=COLUMN)",
            )
        )
    return problems


def _key(row: int | None) -> str | None:
    return None if row is None else str(row)


def _assemble(
    people: list[Person],
    manager_of: Mapping[int, int | None],
    chosen: Mapping[int, Discipline],
    group_teams: bool,
) -> tuple[list[FlatNode], dict[int, str]]:
    """The flat node list (file order) and the node each row ended in."""
    by_row = {p.row: p for p in people}
    reports: dict[int, list[int]] = {}
    for row, manager in manager_of.items():
        if manager is not None:
            reports.setdefault(manager, []).append(row)
    node_of_row = {p.row: p.node_id for p in people}
    grouped: dict[int, list[int]] = {}
    if group_teams:
        grouped = _groups(people, manager_of, reports, chosen)
    in_group = {row for rows in grouped.values() for row in rows}
    taken = set(node_of_row.values())
    flat: list[FlatNode] = []
    for p in people:
        manager = manager_of[p.row]
        parent = None if manager is None else by_row[manager].node_id
        if p.row in grouped:
            assert manager is not None
            members = [by_row[r] for r in grouped[p.row]]
            team = _group_team(members, by_row[manager], chosen[p.row], taken)
            flat.append(FlatNode(team, parent))
            for member in members:
                node_of_row[member.row] = team.id
            continue
        if p.row in in_group:
            continue
        team = Team(id=p.node_id, name=p.name, discipline=chosen[p.row], headcount=p.headcount, notes=p.notes)
        flat.append(FlatNode(team, parent))
    return flat, node_of_row


def _groups(
    people: list[Person],
    manager_of: Mapping[int, int | None],
    reports: Mapping[int, list[int]],
    chosen: Mapping[int, Discipline],
) -> dict[int, list[int]]:
    """First member's row -> rows of a manager's childless reports sharing a discipline (2+)."""
    groups: dict[tuple[int, Discipline], list[int]] = {}
    for p in people:
        manager = manager_of[p.row]
        if manager is not None and p.row not in reports:
            groups.setdefault((manager, chosen[p.row]), []).append(p.row)
    return {rows[0]: rows for rows in groups.values() if len(rows) > 1}


def _group_team(members: list[Person], manager: Person, discipline: Discipline, taken: set[str]) -> Team:
    label = load_catalogue().discipline(discipline).name
    name, _ = clean_name(f"{label} ({manager.name})")
    base = f"{manager.node_id}-{discipline.value}"[:56]
    node_id, n = base, 2
    while node_id in taken:
        node_id, n = f"{base}-{n}", n + 1
    taken.add(node_id)
    roster = ", ".join(f"{m.name} ({m.title})" if m.title else m.name for m in members)
    return Team(
        id=node_id,
        name=name,
        discipline=discipline,
        headcount=sum(m.headcount for m in members),
        notes=clean_notes(f"{len(members)} people: {roster}"),
    )


def _fallback_warning(guesses: tuple[PersonGuess, ...]) -> list[str]:
    unmatched = [g.row for g in guesses if not g.guess.matched and not g.changed]
    if not unmatched:
        return []
    label = load_catalogue().discipline(FALLBACK_DISCIPLINE).name
    return [f"{rows_phrase(unmatched)}: no discipline keyword in the title or department; {label} by default"]


def discipline_counts(result: ImportResult) -> Counter[Discipline]:
    """How many people each discipline has after the import."""
    return Counter(g.discipline for g in result.guesses)
