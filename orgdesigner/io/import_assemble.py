"""People in a reporting tree turned into the org the analysis judges: departments become
units, people become teams.

Departments: each person's department is their own, or their manager's when they have none.
Each department is one unit, led by its highest person, and placed under the unit of that
person's manager; so units nest as the reporting lines nest them. The top of the org is the
top person's department, or a unit named after the org (``top_name``) when the top person
has no department or a top was added above several people.

Teams (the default): within a unit, a manager's reports who manage nobody in the unit and
share a discipline become one team, "Data Engineering (Mia Chen)", with their summed
headcount; the manager joins the team of their own discipline (or their largest) as its
lead. A manager's other teams, and the teams of the managers below them, hang under that
team, so a unit's teams nest as its people report; the unit's own leader's teams hang
straight under the unit. A lone report stays a team of one under their own name; a manager
left alone (a CTO whose reports all lead departments or teams of their own) is a team of one
that owns no responsibilities, so the analysis does not count them as doing their
discipline's hands-on work (building the product, owning a step of the ML project). With
``people``, every person is a team of one instead, under their manager's team (or the unit).

Everything here is linear in the number of people (one pass per step, dictionaries for every
look-up), so that 50,000 rows take a second, not an hour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orgdesigner.io.csv_people import Person, UniqueIds, clean_name, clean_notes
from orgdesigner.io.unit_guess import StructureGuess, guess_structure, unit_key
from orgdesigner.model import Discipline, FlatNode, Node, Structure, Team, Unit, load_catalogue
from orgdesigner.model.text import slugify


@dataclass(frozen=True)
class UnitInfo:
    """A unit the import made: its node id, name, the department key it stands for, its
    structure and why, its lead, and how many people it holds directly."""

    node_id: str
    name: str
    key: str
    structure: Structure
    guess: StructureGuess
    lead: str | None
    people: int


@dataclass
class Shape:
    """The nodes in tree order, the node each person's row ended in, and the units made."""

    flat: list[FlatNode]
    node_of_row: dict[int, str]
    units: list[UnitInfo]


@dataclass
class _Unit:
    key: str
    name: str
    lead_row: int | None = None
    lead_depth: int = 1 << 30
    members: list[int] = field(default_factory=list)
    node_id: str = ""


def assemble(
    people: Sequence[Person],
    manager_of: Mapping[int, int | None],
    chosen: Mapping[int, Discipline],
    *,
    top_row: int | None,
    top_name: str,
    one_per_person: bool,
    structures: Mapping[str, Structure],
    ids: UniqueIds,
) -> Shape:
    """The org's nodes (see the module docstring). ``top_row`` is the one person at the top, or
    None when the people without a manager hang under a unit named ``top_name``;
    ``structures`` maps department keys (:func:`unit_key`) to the structure the user chose."""
    by_row = {p.row: p for p in people}
    kids: dict[int, list[int]] = {p.row: [] for p in people}
    roots: list[int] = []
    for p in people:
        manager = manager_of[p.row]
        if manager is None:
            roots.append(p.row)
        else:
            kids[manager].append(p.row)
    order, depth, dept = _walk(roots, kids, by_row, manager_of)
    top_dept = dept.get(top_row) if top_row is not None else None
    root = _Unit(top_dept or unit_key(top_name), _root_name(top_dept, by_row, top_row, top_name))
    units: dict[str, _Unit] = {root.key: root}
    for row in order:
        key = dept[row] or root.key
        unit = units.get(key)
        if unit is None:
            unit = units[key] = _Unit(key, by_row[row].department)
        unit.members.append(row)
        boss = manager_of[row]
        if depth[row] < unit.lead_depth and (boss is None or (dept[boss] or root.key) != key):
            unit.lead_row, unit.lead_depth = row, depth[row]
    # The top person leads the top unit; a top added above several people has no lead.
    root.lead_row = top_row
    for unit in units.values():
        unit.node_id = ids.make(slugify(unit.name, "unit"))
    unit_of = {row: units[dept[row] or root.key] for row in order}
    builder = _Builder(by_row, chosen, ids)
    infos: list[UnitInfo] = []
    for unit in units.values():
        parent = None
        name = unit.name
        if unit is not root:
            assert unit.lead_row is not None
            boss = manager_of[unit.lead_row]
            above = root if boss is None else unit_of[boss]
            parent = above.node_id
            name = _below_path(unit.name, above.name)
        lead = by_row[unit.lead_row].name if unit.lead_row is not None else None
        headcount: Counter[Discipline] = Counter()
        for row in unit.members:
            headcount[chosen[row]] += by_row[row].headcount
        override = structures.get(unit.key)
        if override is None and name != unit.name:  # "--unit Platform=..." for "R&D / Platform"
            override = structures.get(unit_key(name))
        guess = guess_structure(name, headcount, is_top=unit is root)
        if override is not None:
            guess = StructureGuess(override, "mapping", "set by --unit")
        node = Unit(id=unit.node_id, name=clean_name(name)[0] or unit.node_id, structure=guess.structure, lead=lead)
        builder.add(node, parent, unit.lead_row if unit.lead_row is not None else -1)
        department = clean_name(unit.name)[0] or node.name
        infos.append(UnitInfo(unit.node_id, department, unit.key, guess.structure, guess, lead, len(unit.members)))
    local = {row: _local_manager(row, manager_of, unit_of) for row in order}
    if one_per_person:
        for row in order:
            boss = local[row]
            builder.add_person(row, by_row[boss].node_id if boss is not None else unit_of[row].node_id)
    else:
        _group(order, kids, local, unit_of, builder)
    return Shape(builder.flat(), builder.node_of_row, infos)


def _below_path(name: str, parent: str) -> str:
    """A department's name under its parent unit: Odoo writes a department with its path
    ("Research & Development / Platform"), which the chart's nesting already shows."""
    prefix = f"{parent} / "
    return name[len(prefix) :] if name.startswith(prefix) and len(name) > len(prefix) else name


def _walk(
    roots: list[int], kids: dict[int, list[int]], by_row: Mapping[int, Person], manager_of: Mapping[int, int | None]
) -> tuple[list[int], dict[int, int], dict[int, str | None]]:
    """Pre-order rows (iterative), each row's depth, and each row's department key (their
    own, else their manager's)."""
    order: list[int] = []
    depth: dict[int, int] = {}
    dept: dict[int, str | None] = {}
    stack = list(reversed(roots))
    while stack:
        row = stack.pop()
        order.append(row)
        manager = manager_of[row]
        own = by_row[row].department
        depth[row] = 0 if manager is None else depth[manager] + 1
        dept[row] = unit_key(own) if own else (dept[manager] if manager is not None else None)
        stack.extend(reversed(kids[row]))
    return order, depth, dept


def _root_name(top_dept: str | None, by_row: Mapping[int, Person], top_row: int | None, top_name: str) -> str:
    if top_dept is not None and top_row is not None:
        return by_row[top_row].department or top_name
    return top_name


def _local_manager(row: int, manager_of: Mapping[int, int | None], unit_of: Mapping[int, _Unit]) -> int | None:
    """The person's manager when the manager is in the same unit, else None."""
    manager = manager_of[row]
    return manager if manager is not None and unit_of[manager] is unit_of[row] else None


class _Builder:
    """Collects nodes with a parent and a sort key (the row that placed them), then lays them
    out parents first, siblings in file order."""

    def __init__(self, by_row: Mapping[int, Person], chosen: Mapping[int, Discipline], ids: UniqueIds) -> None:
        self.by_row = by_row
        self.chosen = chosen
        self.ids = ids
        self.nodes: dict[str, tuple[Node, str | None]] = {}
        self.children: dict[str | None, list[tuple[int, str]]] = {}
        self.node_of_row: dict[int, str] = {}

    def add(self, node: Node, parent: str | None, key: int) -> None:
        self.nodes[node.id] = (node, parent)
        self.children.setdefault(parent, []).append((key, node.id))

    def add_person(self, row: int, parent: str, manages: bool = False) -> str:
        """A team of one for ``row``; ``manages``: a manager alone, who owns no responsibilities."""
        p = self.by_row[row]
        team = Team(
            id=p.node_id,
            name=p.name,
            discipline=self.chosen[row],
            headcount=p.headcount,
            notes=p.notes,
            responsibilities=() if manages else None,
        )
        self.add(team, parent, row)
        self.node_of_row[row] = team.id
        return team.id

    def add_group(
        self, rows: list[int], lead: int | None, discipline: Discipline, parent: str, owner: tuple[str, str]
    ) -> str:
        """One team for ``rows`` (plus ``lead``, who leads it), named after the lead, else
        after ``owner`` (the name and id of their manager or unit)."""
        members = ([lead] if lead is not None else []) + rows
        if len(members) == 1:
            return self.add_person(members[0], parent)
        label = load_catalogue().discipline(discipline).name
        head, base = (self.by_row[lead].name, self.by_row[lead].node_id) if lead is not None else owner
        roster = ", ".join(_listed(self.by_row[r]) for r in members)
        team = Team(
            id=self.ids.make(f"{base}-{discipline.value}"),
            name=clean_name(f"{label} ({head})")[0],
            discipline=discipline,
            headcount=sum(self.by_row[r].headcount for r in members),
            lead=self.by_row[lead].name if lead is not None else None,
            notes=clean_notes(f"{len(members)} people: {roster}"),
        )
        self.add(team, parent, min(members))
        for r in members:
            self.node_of_row[r] = team.id
        return team.id

    def flat(self) -> list[FlatNode]:
        out: list[FlatNode] = []
        stack: list[str] = [nid for _, nid in sorted(self.children.get(None, []), reverse=True)]
        while stack:
            nid = stack.pop()
            node, parent = self.nodes[nid]
            out.append(FlatNode(node, parent))
            stack.extend(child for _, child in sorted(self.children.get(nid, []), reverse=True))
        return out


def _listed(person: Person) -> str:
    return f"{person.name} ({person.title})" if person.title else person.name


def _group(
    order: list[int],
    kids: Mapping[int, list[int]],
    local: Mapping[int, int | None],
    unit_of: Mapping[int, _Unit],
    builder: _Builder,
) -> None:
    """Teams of a manager's reports who manage nobody in the unit, by discipline (see the
    module docstring). ``order`` is pre-order, so a manager's place exists before their reports'."""
    chosen = builder.chosen
    local_reports: dict[int, list[int]] = {row: [] for row in order}
    for row in order:
        boss = local[row]
        if boss is not None:
            local_reports[boss].append(row)
    place: dict[int, str] = {}
    unit_groups: dict[tuple[str, Discipline], list[int]] = {}
    for row in order:
        unit = unit_of[row]
        boss = local[row]
        reports = local_reports[row]
        if not reports:
            if boss is None:
                unit_groups.setdefault((unit.key, chosen[row]), []).append(row)
            continue
        groups: dict[Discipline, list[int]] = {}
        for r in reports:
            if not local_reports[r]:
                groups.setdefault(chosen[r], []).append(r)
        above = place[boss] if boss is not None else unit.node_id
        home = chosen[row] if chosen[row] in groups else max(groups, key=lambda d: len(groups[d]), default=None)
        person = builder.by_row[row]
        if home is None:
            home_id = builder.add_person(row, above, manages=True)
        else:
            home_id = builder.add_group(groups[home], row, home, above, (person.name, person.node_id))
        place[row] = unit.node_id if boss is None else home_id
        for discipline, rows in groups.items():
            if discipline is not home:
                builder.add_group(rows, None, discipline, place[row], (person.name, person.node_id))
    for (_, discipline), rows in unit_groups.items():
        unit = unit_of[rows[0]]
        if len(rows) == 1 and kids[rows[0]]:  # a unit's leader whose reports all lead units of their own
            builder.add_person(rows[0], unit.node_id, manages=True)
            continue
        builder.add_group(rows, None, discipline, unit.node_id, (unit.name, unit.node_id))
