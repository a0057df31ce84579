"""Building an org from a table of people (a CSV or d3-org-chart JSON): departments become
units, people become teams, disciplines are guessed from titles.

The steps: the people are read (:mod:`~orgdesigner.io.csv_people`), their managers found and
the file made one tree (:mod:`~orgdesigner.io.csv_managers`), each person's discipline guessed
from their title with their department as context (:mod:`~orgdesigner.io.discipline_guess`,
corrected by a titles table), and the nodes assembled (:mod:`~orgdesigner.io.import_assemble`).
A CSV written by orgdesigner (its ``id, name, parent, kind`` columns) is read back as it was
written instead.

Nothing is half-imported: every problem found is collected, and :class:`CsvImportError` lists
them all with their rows; otherwise :func:`build_org` returns the whole org.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_managers import resolve_managers, shape_tree
from orgdesigner.io.csv_mapping import FIELD_LABELS, ColumnMapping, apply_overrides, guess_mapping
from orgdesigner.io.csv_native import is_native_table, read_native
from orgdesigner.io.csv_people import Person, clean_name, read_people
from orgdesigner.io.csv_read import Table, read_table
from orgdesigner.io.discipline_guess import DisciplineGuess, Strength, guess_discipline
from orgdesigner.io.import_assemble import UnitInfo, assemble
from orgdesigner.io.title_table import title_key
from orgdesigner.io.unit_guess import unit_key
from orgdesigner.model import DEFAULT_TARGET_STAGE, Discipline, ModelError, Organization, Structure
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.text import shown

DEFAULT_ORG_NAME = "Imported org"
# How many column names a message lists before "and N more".
COLUMNS_SHOWN = 20


@dataclass(frozen=True)
class ImportOptions:
    """How to build the org: one node per person or teams (the default), strict or forgiving
    about the tree, the org's name, the name of a top added above several people, the target
    stage (None: 4, or what an orgdesigner CSV says), whether to keep unmapped columns in the
    notes, a titles table (title key -> discipline) and department structures (unit key ->
    structure)."""

    people: bool = False
    strict: bool = False
    name: str | None = None
    top: str | None = None
    target_stage: int | None = None
    keep_extra: bool = False
    titles: Mapping[str, Discipline] = field(default_factory=dict)
    structures: Mapping[str, Structure] = field(default_factory=dict)


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
    """A finished import: the org, each person's discipline guess, the units made from
    departments, warnings worth showing, and who reports to whom (row -> the manager's row).

    ``kind`` is ``people`` (a CSV or JSON of people), ``native`` (an orgdesigner CSV, read as
    written: no guesses, no units) or ``backstage`` (a catalog: ``guesses`` are its teams').
    """

    org: Organization
    guesses: tuple[PersonGuess, ...]
    warnings: tuple[str, ...]
    mapping: ColumnMapping
    native: bool = False
    units: tuple[UnitInfo, ...] = ()
    manager_of: Mapping[int, int | None] = field(default_factory=dict)
    kind: str = "people"

    def members(self, node_id: str) -> tuple[PersonGuess, ...]:
        """The people a node stands for (one, or several for a grouped team)."""
        by_node: dict[str, tuple[PersonGuess, ...]] | None = self.__dict__.get("_members")
        if by_node is None:
            grouped: dict[str, list[PersonGuess]] = {}
            for g in self.guesses:
                grouped.setdefault(g.node_id, []).append(g)
            by_node = {k: tuple(v) for k, v in grouped.items()}
            object.__setattr__(self, "_members", by_node)
        return by_node.get(node_id, ())


def import_csv(
    path: str | os.PathLike[str],
    overrides: Mapping[str, str | None] | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Read a CSV and build its org; ``overrides`` remaps fields to columns (``--map``)."""
    table = read_table(path)
    mapping = apply_overrides(guess_mapping(table.headers), overrides or {}, table)
    return build_org(table, mapping, options)


def default_org_name(table: Table) -> str:
    """The file's name without its suffix, or "Imported org"."""
    stem, _ = clean_name(Path(table.source).stem)
    return stem if stem and not stem.startswith("<") else DEFAULT_ORG_NAME


def build_org(
    table: Table,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
    *,
    disciplines: Mapping[int, Discipline] | None = None,
) -> ImportResult:
    """The org a table describes. ``mapping`` defaults to the recognised headers;
    ``disciplines`` overrides the discipline per row number (after the titles table). Raises
    :class:`CsvImportError` listing every problem."""
    with gc_paused():  # hundreds of thousands of small acyclic objects: the collector only slows it
        return _build(table, mapping, options or ImportOptions(), disciplines)


def _build(
    table: Table,
    mapping: ColumnMapping | None,
    options: ImportOptions,
    disciplines: Mapping[int, Discipline] | None,
) -> ImportResult:
    mapping = guess_mapping(table.headers) if mapping is None else mapping
    if is_native_table(table):
        org, warnings = read_native(table, options.name, options.target_stage)
        return ImportResult(org, (), table.warnings + tuple(warnings), mapping, native=True, kind="native")
    org_name = options.name if options.name is not None else default_org_name(table)
    problems = mapping_problems(table, mapping)
    if problems:
        raise CsvImportError(table.source, problems)
    read = read_people(table, mapping, options.keep_extra, options.strict)
    managers = resolve_managers(table, mapping, read.people, options.strict)
    problems = read.problems + managers.problems
    tree, tree_problems = shape_tree(read.people, managers, options.strict, _top(options, org_name))
    problems += tree_problems
    if problems or tree is None:
        raise CsvImportError(table.source, problems)
    guesses = _guesses(read.people, options.titles)
    chosen = {p.row: (disciplines or {}).get(p.row, guesses[p.row].discipline) for p in read.people}
    shape = assemble(
        read.people,
        tree.manager_of,
        chosen,
        top_row=tree.top,
        top_name=_top(options, org_name),
        one_per_person=options.people,
        structures=options.structures,
        ids=read.ids,
    )
    stage = options.target_stage if options.target_stage is not None else DEFAULT_TARGET_STAGE
    try:
        org = Organization.from_flat(org_name, stage, shape.flat)
    except (ModelError, ValueError) as exc:
        raise CsvImportError(table.source, [CsvProblem(None, str(exc))]) from None
    people = tuple(
        PersonGuess(p.row, p.name, p.title, p.department, guesses[p.row], chosen[p.row], shape.node_of_row[p.row])
        for p in read.people
    )
    warnings = [*table.warnings, *read.warnings, *managers.warnings, *tree.warnings]
    warnings += _mapping_warnings(mapping, options, shape.units, org)
    return ImportResult(org, people, tuple(warnings), mapping, units=tuple(shape.units), manager_of=tree.manager_of)


def _top(options: ImportOptions, org_name: str) -> str:
    return options.top if options.top is not None else org_name


def _guesses(people: Sequence[Person], titles: Mapping[str, Discipline]) -> dict[int, DisciplineGuess]:
    """Each row's guess: the titles table's discipline, else a guess, worked out once per
    distinct (title, department)."""
    cache: dict[tuple[str, str], DisciplineGuess] = {}
    out: dict[int, DisciplineGuess] = {}
    for p in people:
        key = (p.title, p.department)
        guess = cache.get(key)
        if guess is None:
            table_discipline = titles.get(title_key(p.title)) if p.title else None
            if table_discipline is not None:
                guess = DisciplineGuess(table_discipline, p.title, "table")
            else:
                guess = guess_discipline(p.title, p.department)
            cache[key] = guess
        out[p.row] = guess
    return out


def _mapping_warnings(
    mapping: ColumnMapping, options: ImportOptions, units: list[UnitInfo], org: Organization
) -> list[str]:
    warnings = []
    if mapping.title is None:
        warnings.append(
            "no job title column recognised (--map title=COLUMN names one): every discipline is guessed from the "
            "department, or is the default"
        )
    known = {u.key for u in units} | {unit_key(org.node(u.node_id).name) for u in units}
    unknown = [k for k in options.structures if k not in known]
    if unknown:
        names = ", ".join(shown(k) for k in unknown[:8])
        warnings.append(f"--unit names no department of this file: {names}")
    return warnings


def mapping_problems(table: Table, mapping: ColumnMapping) -> list[CsvProblem]:
    """What the mapping lacks to build an org (reported at the header row)."""
    problems = []
    for field_name, column in mapping.as_dict().items():
        if column is not None and table.column(column) is None:
            problem = f"{FIELD_LABELS[field_name]}: the file has no column {shown(column)}"
            problems.append(CsvProblem(table.header_row, problem))
    columns = ", ".join(shown(h) for h in table.headers[:COLUMNS_SHOWN])
    if len(table.headers) > COLUMNS_SHOWN:
        columns += f" and {len(table.headers) - COLUMNS_SHOWN:,} more"
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


def discipline_counts(result: ImportResult) -> Counter[Discipline]:
    """How many people each discipline has after the import."""
    return Counter(g.discipline for g in result.guesses)


def strength_of(person: PersonGuess) -> str:
    """How a person's discipline was decided: ``strong``, ``weak``, ``none``, ``table`` (the
    titles table), ``annotation`` (a Backstage group's own) or ``chosen`` (changed by the user)."""
    if person.changed:
        return "chosen"
    if person.guess.source in ("table", "annotation"):
        return person.guess.source
    return person.guess.strength.value


__all__ = [
    "DEFAULT_ORG_NAME",
    "ImportOptions",
    "ImportResult",
    "PersonGuess",
    "Strength",
    "build_org",
    "default_org_name",
    "discipline_counts",
    "import_csv",
    "mapping_problems",
    "strength_of",
]
