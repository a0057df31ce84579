"""Reading a Backstage catalog (multi-document YAML) as an org: groups become units and teams,
users give headcount.

A group with child groups is a unit (unless its ``spec.type`` is ``team`` or ``squad``), a
group without is a team; a group's parent is its ``spec.parent``, else the group whose
``spec.children`` lists it, and siblings keep the order of their parent's ``children``. A
team's headcount is the number of users that are its members (``spec.members`` or a user's
``spec.memberOf``); its discipline is guessed from its name and its parent's, Software
Engineering when nothing matches (the teams of a developer portal build software). A unit's
direct members become a team of their own, ``<unit> (members)``. The ``orgdesigner/``
annotations (:mod:`~orgdesigner.io.backstage_catalog`), when present, override all of this.
Several groups without a parent are put under one top, as for a CSV. Entities of other
kinds (components, systems, locations...) are skipped, and counted in a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from orgdesigner.io import backstage_catalog as bc
from orgdesigner.io.backstage_catalog import EntityRef, GroupEntity, UserEntity
from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_import import ImportOptions, ImportResult, PersonGuess
from orgdesigner.io.csv_mapping import ColumnMapping
from orgdesigner.io.csv_people import UniqueIds, clean_name, clean_notes
from orgdesigner.io.csv_tree import TreeEntry, cycle_problems, several_tops_problem
from orgdesigner.io.csv_write import LINK_ORDER_MARK
from orgdesigner.io.discipline_guess import DisciplineGuess, Strength, guess_discipline
from orgdesigner.io.import_assemble import UnitInfo
from orgdesigner.io.title_table import parse_discipline, title_key
from orgdesigner.io.unit_guess import StructureGuess, guess_structure, unit_key
from orgdesigner.io.yaml_safe import load_documents
from orgdesigner.model import (
    DEFAULT_TARGET_STAGE,
    Discipline,
    FlatNode,
    Link,
    ModelError,
    Organization,
    Structure,
    Team,
    Unit,
)
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.text import ID_RE, parse_whole_number, shown, slugify

BACKSTAGE_FALLBACK = Discipline.SOFTWARE_ENGINEERING


@dataclass
class _Catalog:
    groups: dict[EntityRef, GroupEntity] = field(default_factory=dict)
    users: list[UserEntity] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[CsvProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_backstage(data: bytes, source: str, options: ImportOptions) -> ImportResult:
    """The org a catalog describes; :class:`CsvImportError` listing every problem (a row is a
    document's number, counting from 1)."""
    catalog = _read_entities(load_documents(data, source), source)
    if not catalog.groups and not catalog.problems:
        kinds = ", ".join(f"{n} {k}" for k, n in catalog.skipped.most_common(5)) or "nothing"
        catalog.problems.append(CsvProblem(None, f"no Group entity in the catalog (it holds {kinds})"))
    if catalog.problems:
        raise CsvImportError(source, catalog.problems)
    parent_of, problems, warnings = _tree(catalog, options.strict)
    if problems:
        raise CsvImportError(source, problems)
    return _build(catalog, parent_of, options, source, warnings)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _exact(value: object) -> str | None:
    """A text field as written (spaces kept), or None when absent or blank."""
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _read_entities(documents: list[object], source: str) -> _Catalog:
    catalog = _Catalog()
    for number, document in enumerate(documents, start=1):
        if document is None:
            continue
        if not isinstance(document, dict):
            catalog.problems.append(CsvProblem(number, "not a mapping of entity fields", "document"))
            continue
        kind = _text(document.get("kind"))
        if kind not in ("Group", "User"):
            catalog.skipped[kind or "untyped"] += 1
            continue
        metadata = document.get("metadata")
        spec = document.get("spec")
        metadata = metadata if isinstance(metadata, dict) else {}
        spec = spec if isinstance(spec, dict) else {}
        name = _text(metadata.get("name"))
        if name is None:
            catalog.problems.append(CsvProblem(number, f"a {kind} without metadata.name", "document"))
            continue
        namespace = _text(metadata.get("namespace")) or "default"
        ref = EntityRef(namespace.casefold(), name.casefold())
        raw_profile = spec.get("profile")
        profile: dict[str, Any] = raw_profile if isinstance(raw_profile, dict) else {}
        if kind == "User":
            catalog.users.append(UserEntity(ref, name, number, _strings(spec.get("memberOf"))))
            continue
        if ref in catalog.groups:
            first = catalog.groups[ref].document
            catalog.problems.append(
                CsvProblem(number, f"group {shown(name)} again (also document {first})", "document")
            )
            continue
        annotations = metadata.get("annotations")
        catalog.groups[ref] = GroupEntity(
            ref=ref,
            name=name,
            namespace=namespace,
            document=number,
            title=_exact(profile.get("displayName")) or _exact(metadata.get("title")),
            description=metadata.get("description") if isinstance(metadata.get("description"), str) else None,
            type=_text(spec.get("type")),
            parent=_text(spec.get("parent")),
            children=_strings(spec.get("children")),
            members=_strings(spec.get("members")),
            annotations={
                str(k): str(v)
                for k, v in (annotations or {}).items()
                if isinstance(annotations, dict) and v is not None
            },
        )
    if catalog.skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in catalog.skipped.most_common())
        catalog.warnings.append(f"entities that are not groups or users were skipped: {kinds}")
    return catalog


def _tree(catalog: _Catalog, strict: bool) -> tuple[dict[EntityRef, EntityRef | None], list[CsvProblem], list[str]]:
    """Each group's parent group (None at the top)."""
    groups = catalog.groups
    problems: list[CsvProblem] = []
    warnings = list(catalog.warnings)
    listed_by: dict[EntityRef, EntityRef] = {}
    unknown: list[str] = []
    for group in groups.values():
        for text in group.children:
            child = EntityRef.parse(text)
            if child is None or child not in groups:
                unknown.append(f"{shown(text)} (a child of {shown(group.name)})")
                continue
            listed_by.setdefault(child, group.ref)
    parent_of: dict[EntityRef, EntityRef | None] = {}
    for group in groups.values():
        parent: EntityRef | None = None
        if group.parent is not None:
            parent = EntityRef.parse(group.parent)
            if parent is None or parent not in groups:
                unknown.append(f"{shown(group.parent)} (the parent of {shown(group.name)})")
                parent = None
        if parent is None:
            parent = listed_by.get(group.ref)
        if parent == group.ref:
            unknown.append(f"{shown(group.name)} (its own parent)")
            parent = None
        parent_of[group.ref] = parent
    if unknown:
        message = f"groups that are not in the catalog: {', '.join(unknown[:8])}" + (
            f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
        )
        if strict:
            problems.append(CsvProblem(None, message))
        else:
            warnings.append(message + "; left out")
    entries = [
        TreeEntry(g.document, f"{g.ref.namespace}/{g.ref.name}", _key(parent_of[g.ref]), g.title or g.name)
        for g in groups.values()
    ]
    problems += cycle_problems(entries)
    tops = [e for e in entries if e.parent is None]
    if strict and len(tops) > 1:
        problems.append(several_tops_problem(tops, "parent group"))
    if not tops and not problems:
        problems.append(CsvProblem(None, "every group has a parent: there is no top of the org"))
    return (
        parent_of,
        [CsvProblem(p.row, p.message.replace("row ", "document "), "document") for p in problems],
        warnings,
    )


def _key(ref: EntityRef | None) -> str | None:
    return None if ref is None else f"{ref.namespace}/{ref.name}"


def _build(
    catalog: _Catalog,
    parent_of: Mapping[EntityRef, EntityRef | None],
    options: ImportOptions,
    source: str,
    warnings: list[str],
) -> ImportResult:
    groups = catalog.groups
    kids: dict[EntityRef, list[EntityRef]] = {ref: [] for ref in groups}
    for ref, parent in parent_of.items():
        if parent is not None:
            kids[parent].append(ref)
    for ref, children in kids.items():
        order = {EntityRef.parse(t): i for i, t in enumerate(groups[ref].children)}
        children.sort(key=lambda c: (order.get(c, len(order)), groups[c].document))
    members = _members(catalog, warnings)
    ids = _node_ids(groups)
    tops = [ref for ref, parent in parent_of.items() if parent is None]
    top_group = groups[tops[0]] if len(tops) == 1 else None
    org_name = (
        options.name
        or _annotated(top_group, bc.ORG_NAME)
        or (clean_name(_label(top_group))[0] if top_group else _default_name(source))
    )
    stage = options.target_stage or _stage(top_group, warnings) or DEFAULT_TARGET_STAGE
    flat: list[FlatNode] = []
    guesses: list[PersonGuess] = []
    units: list[UnitInfo] = []
    links: list[tuple[tuple[int, int], Link]] = []
    made = UniqueIds(set(ids.values()))
    top_id: str | None = None
    if top_group is None:
        top_name = options.top or org_name
        top_id = made.make(slugify(top_name, "top"))
        guess = StructureGuess(Structure.EXECUTIVE, "top", "the top added above the groups without a parent")
        flat.append(FlatNode(Unit(id=top_id, name=clean_name(top_name)[0], structure=Structure.EXECUTIVE), None))
        units.append(UnitInfo(top_id, clean_name(top_name)[0], unit_key(top_name), Structure.EXECUTIVE, guess, None, 0))
        names = ", ".join(shown(groups[r].title or groups[r].name) for r in tops[:8])
        warnings.append(
            f"{len(tops)} groups have no parent, so a top, {shown(top_name)}, was added above them: {names}"
        )
    problems: list[CsvProblem] = []
    stack = [(ref, top_id) for ref in reversed(tops)]
    while stack:
        ref, parent_id = stack.pop()
        group = groups[ref]
        try:
            node, extra = _node(group, ids[ref], kids[ref], members.get(ref, 0), options, parent_of, groups, made)
        except ValidationError as exc:
            problems.append(
                CsvProblem(group.document, f"group {shown(group.name)}: {explain_validation(exc)}", "document")
            )
            continue
        flat.append(FlatNode(node, parent_id))
        if isinstance(node, Team):
            guesses.append(_guess_of(group, node, parent_of, groups, options))
        else:
            units.append(_unit_info(group, node, parent_of[ref] is None, kids[ref], options))
        if extra is not None:
            flat.append(FlatNode(extra, node.id))
        links += _serves(group, node.id, warnings)
        stack.extend((child, node.id) for child in reversed(kids[ref]))
    if problems:
        raise CsvImportError(source, problems)
    known = {f.node.id for f in flat}
    kept = [link for _, link in sorted(links, key=lambda kl: kl[0]) if link.target in known]
    if len(kept) < len(links):
        warnings.append(f"{len(links) - len(kept)} dotted lines to nodes that are not in the catalog were left out")
    try:
        org = Organization.from_flat(org_name, stage, flat, kept)
    except (ModelError, ValueError) as exc:
        raise CsvImportError(source, [CsvProblem(None, str(exc))]) from None
    return ImportResult(org, tuple(guesses), tuple(warnings), ColumnMapping(), units=tuple(units), kind="backstage")


def _members(catalog: _Catalog, warnings: list[str]) -> dict[EntityRef, int]:
    """How many distinct users belong to each group."""
    belongs: dict[EntityRef, set[EntityRef]] = {}
    for group in catalog.groups.values():
        for text in group.members:
            member = EntityRef.parse(text, "user")
            if member is not None:
                belongs.setdefault(group.ref, set()).add(member)
    for user in catalog.users:
        for text in user.member_of:
            ref = EntityRef.parse(text)
            if ref is not None and ref in catalog.groups:
                belongs.setdefault(ref, set()).add(user.ref)
    groups_of: dict[EntityRef, int] = {}
    for users in belongs.values():
        for member in users:
            groups_of[member] = groups_of.get(member, 0) + 1
    loose = sum(1 for user in catalog.users if user.ref not in groups_of)
    if loose:
        who = "1 user belongs" if loose == 1 else f"{loose:,} users belong"
        warnings.append(f"{who} to no group of the catalog and {'is' if loose == 1 else 'are'} not counted")
    several = sum(1 for n in groups_of.values() if n > 1)
    if several:
        who = "1 user belongs" if several == 1 else f"{several:,} users belong"
        warnings.append(
            f"{who} to several groups and {'is' if several == 1 else 'are'} counted in the headcount of each, "
            f"so the org's headcount is {sum(groups_of.values()) - len(groups_of):,} more than its "
            f"{len(groups_of):,} people"
        )
    return {ref: len(users) for ref, users in belongs.items()}


def _node_ids(groups: Mapping[EntityRef, GroupEntity]) -> dict[EntityRef, str]:
    """Each group's node id: its ``orgdesigner/id`` annotation, else its name (with its
    namespace when not the default), made unique."""
    out: dict[EntityRef, str] = {}
    taken: set[str] = set()
    wanted: list[tuple[EntityRef, str]] = []
    for ref, group in groups.items():
        annotated = group.annotations.get(bc.NODE_ID)
        base = annotated or (
            group.name if group.namespace.casefold() == "default" else f"{group.namespace}.{group.name}"
        )
        wanted.append((ref, base))
    ids = UniqueIds()
    for ref, base in wanted:
        if ID_RE.fullmatch(base) and base not in taken:
            out[ref] = base
            taken.add(base)
    ids.taken |= taken
    for ref, base in wanted:
        if ref not in out:
            out[ref] = ids.make(slugify(base, "group"))
    return out


def _annotated(group: GroupEntity | None, key: str) -> str | None:
    return group.annotations.get(key) if group is not None else None


def _stage(group: GroupEntity | None, warnings: list[str]) -> int | None:
    text = _annotated(group, bc.TARGET_STAGE)
    if text is None:
        return None
    try:
        stage = parse_whole_number(text)
    except ValueError:
        stage = 0
    if not 1 <= stage <= 5:
        warnings.append(f"{bc.TARGET_STAGE} {shown(text)} is not 1 to 5; the default {DEFAULT_TARGET_STAGE} is used")
        return None
    return stage


def _default_name(source: str) -> str:
    from pathlib import Path

    stem = clean_name(Path(source).name.split(".")[0])[0]
    return stem or "Imported org"


def _is_unit(group: GroupEntity, kids: list[EntityRef]) -> bool:
    kind = group.annotations.get(bc.KIND)
    if kind in ("unit", "team"):
        return kind == "unit"
    return bool(kids) and (group.type or "").casefold() not in bc.TEAM_TYPES


def _label(group: GroupEntity) -> str:
    """The group's display name, or its name with '-' and '_' as spaces."""
    return group.title or group.name.replace("-", " ").replace("_", " ")


def _node(
    group: GroupEntity,
    node_id: str,
    kids: list[EntityRef],
    member_count: int,
    options: ImportOptions,
    parent_of: Mapping[EntityRef, EntityRef | None],
    groups: Mapping[EntityRef, GroupEntity],
    made: UniqueIds,
) -> tuple[Unit | Team, Team | None]:
    """The group's node, and for a unit with members of its own, the team that holds them. A
    group orgdesigner wrote (it has the ``orgdesigner/kind`` annotation) is taken exactly."""
    ours = bc.KIND in group.annotations
    notes = group.description if ours else (clean_notes(group.description) if group.description else None)
    if not ours and notes is not None and not notes.strip():
        notes = None
    lead = group.annotations.get(bc.LEAD)
    name = (group.title if ours and group.title else clean_name(_label(group))[0]) or node_id
    if _is_unit(group, kids):
        structure = structure_guess(group, name, parent_of[group.ref] is None, options.structures).structure
        unit = Unit(id=node_id, name=name, structure=structure, lead=lead, notes=notes)
        extra = None
        if member_count:
            discipline = _discipline(group, name, parent_of, groups, options).discipline
            extra = Team(
                id=made.make(f"{node_id}-members"),
                name=clean_name(f"{name} (members)")[0],
                discipline=discipline,
                headcount=member_count,
            )
        return unit, extra
    discipline = _discipline(group, name, parent_of, groups, options).discipline
    headcount = member_count
    if bc.HEADCOUNT in group.annotations:
        try:
            headcount = parse_whole_number(group.annotations[bc.HEADCOUNT])
        except ValueError:
            headcount = member_count
    responsibilities = None
    if bc.RESPONSIBILITIES in group.annotations:
        responsibilities = tuple(group.annotations[bc.RESPONSIBILITIES].split())
    team = Team(
        id=node_id,
        name=name,
        discipline=discipline,
        headcount=headcount,
        lead=lead,
        notes=notes,
        responsibilities=responsibilities,
    )
    return team, None


def structure_guess(group: GroupEntity, name: str, is_top: bool, structures: Mapping[str, Structure]) -> StructureGuess:
    """A unit group's structure: a ``--unit`` mapping, its annotation, else a guess from its
    name (the top, or a group of type ``organization``, is the executive)."""
    mapped = structures.get(unit_key(name)) or structures.get(unit_key(group.name))
    if mapped is not None:
        return StructureGuess(mapped, "mapping", "set by --unit")
    annotated = group.annotations.get(bc.STRUCTURE)
    if annotated in {s.value for s in Structure}:
        return StructureGuess(Structure(annotated), "mapping", f"its {bc.STRUCTURE} annotation")
    return guess_structure(name, {}, is_top=is_top or (group.type or "").casefold() == "organization")


def _discipline(
    group: GroupEntity,
    name: str,
    parent_of: Mapping[EntityRef, EntityRef | None],
    groups: Mapping[EntityRef, GroupEntity],
    options: ImportOptions,
) -> DisciplineGuess:
    annotated = group.annotations.get(bc.DISCIPLINE)
    if annotated is not None and (found := parse_discipline(annotated)) is not None:
        return DisciplineGuess(found, annotated, "annotation")
    table = options.titles.get(title_key(name))
    if table is not None:
        return DisciplineGuess(table, name, "table")
    parent = parent_of.get(group.ref)
    context = _label(groups[parent]) if parent is not None else ""
    guess = guess_discipline(f"{name} {(group.description or '')[:200]}", context)
    if guess.strength is Strength.NONE:
        return DisciplineGuess(BACKSTAGE_FALLBACK, None, None, note="a developer portal's team")
    return guess


def _guess_of(
    group: GroupEntity,
    team: Team,
    parent_of: Mapping[EntityRef, EntityRef | None],
    groups: Mapping[EntityRef, GroupEntity],
    options: ImportOptions,
) -> PersonGuess:
    guess = _discipline(group, team.name, parent_of, groups, options)
    return PersonGuess(group.document, team.name, team.name, "", guess, team.discipline, team.id)


def _unit_info(group: GroupEntity, unit: Unit, is_top: bool, kids: list[EntityRef], options: ImportOptions) -> UnitInfo:
    guess = structure_guess(group, unit.name, is_top, options.structures)
    return UnitInfo(unit.id, unit.name, unit_key(unit.name), unit.structure, guess, unit.lead, len(kids))


def _serves(group: GroupEntity, source_id: str, warnings: list[str]) -> list[tuple[tuple[int, int], Link]]:
    out: list[tuple[tuple[int, int], Link]] = []
    for entry in group.annotations.get(bc.SERVES, "").split():
        target, mark, number = entry.partition(LINK_ORDER_MARK)
        try:
            link = Link(source=source_id, target=target)
        except ValidationError:
            warnings.append(f"group {shown(group.name)}: {bc.SERVES} {shown(entry)} is not a node id; left out")
            continue
        key = (0, int(number)) if mark and number.isdigit() else (1, group.document)
        out.append((key, link))
    return out
