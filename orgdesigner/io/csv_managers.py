"""Who reports to whom in an HR export: each person's manager found by id, name or email, and
the files that are not one perfect tree made into one.

Real exports have several people without a manager, managers who are not in the file (an
export of one department; a manager who left), values that mean "no manager" (``NULL``, ``0``,
``N/A``, ``-``, SuccessFactors' ``NO_MGR``) and people who are their own manager. By default
each of these becomes a person with no manager, and :func:`shape_tree` gives the file one
top: the one person without a manager when there is exactly one, else a top added above them
all. ``strict`` refuses them instead, as a file that must be exact should be. A reporting
cycle is refused either way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from orgdesigner.io.csv_errors import CsvProblem
from orgdesigner.io.csv_mapping import ColumnMapping
from orgdesigner.io.csv_people import Person
from orgdesigner.io.csv_read import Table
from orgdesigner.io.csv_tree import TreeEntry, cycle_problems, several_tops_problem
from orgdesigner.model.text import shown

# Cell values that say "no manager" (compared ignoring case), unless they are someone's id.
NO_MANAGER_VALUES = frozenset(
    {"null", "none", "nil", "n/a", "na", "#n/a", "-", "--", "0", "no_mgr", "nomgr", "no manager", "(none)", "nan"}
)
# How many people a warning names before "and N more".
NAMED = 8


class TopReason(StrEnum):
    """Why a person has no manager in the tree."""

    EMPTY = "no manager"
    NO_MANAGER_VALUE = "a value that means no manager"
    SELF = "their own manager"
    MISSING = "a manager who is not in the file"


@dataclass(frozen=True)
class Managers:
    """Each person's manager (row -> the manager's row, None for none), why each person without
    one has none, and what was found wrong."""

    manager_of: dict[int, int | None]
    reasons: dict[int, tuple[TopReason, str]]
    problems: list[CsvProblem]
    warnings: list[str]


@dataclass(frozen=True)
class Tree:
    """The people as one tree: ``manager_of`` as in :class:`Managers`; ``top`` is the row of the
    one person at the top, or None when a top was added above ``attached`` (the people who
    had no manager)."""

    manager_of: dict[int, int | None]
    top: int | None
    attached: tuple[int, ...] = ()
    warnings: list[str] = field(default_factory=list)


def resolve_managers(table: Table, mapping: ColumnMapping, people: list[Person], strict: bool = False) -> Managers:
    """Each person's manager.

    A manager id is looked up among the ids (also without a spreadsheet's trailing ".0"); one
    that is no id (or when there is no id column) is looked up among the names, also turned
    from "Last, First" into "First Last", then among the emails. A manager email is looked up
    among the emails, ignoring case. Duplicate ids (or emails used as keys) are problems, and so
    is a name several people share. With ``strict``, a manager who is not in the file, a value
    meaning "no manager" and a person who is their own manager are problems too.
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
    reasons: dict[int, tuple[TopReason, str]] = {}
    matched_otherwise = matched_by_id = 0
    for p in people:
        row = rows[p.row]
        ref = row.get(parent_col) if parent_col is not None else ""
        mail = row.get(boss_mail_col) if boss_mail_col is not None else ""
        manager: int | None = None
        reason: tuple[TopReason, str] = (TopReason.EMPTY, "")
        if ref:
            manager = _by_id(ref, by_id) if id_col is not None else None
            matched_by_id += manager is not None
            if manager is None:
                mailed = by_email.get(ref.casefold())
                named = _by_name(ref, by_name) or ([mailed] if mailed is not None else [])
                if len(named) > 1:
                    problems.append(CsvProblem(p.row, _unknown_manager(ref, named, id_col is not None)))
                    continue
                if named:
                    manager = named[0]
                    matched_otherwise += id_col is not None
                elif ref.casefold() in NO_MANAGER_VALUES:
                    reason = (TopReason.NO_MANAGER_VALUE, ref)
                else:
                    reason = (TopReason.MISSING, ref)
        elif mail:
            manager = by_email.get(mail.casefold())
            if manager is None:
                reason = (TopReason.MISSING, mail)
        if manager == p.row:
            manager, reason = None, (TopReason.SELF, ref or mail)
        if manager is None and reason[0] is not TopReason.EMPTY and strict:
            problems.append(CsvProblem(p.row, _strict_problem(p, reason, id_col is not None, bool(mail))))
            continue
        manager_of[p.row] = manager
        if manager is None:
            reasons[p.row] = reason
    if matched_otherwise and matched_by_id:
        # A column of names (BambooHR's "Reports To") is no news; one that mixes ids and names is.
        managers = "1 manager was" if matched_otherwise == 1 else f"{matched_otherwise} managers were"
        warnings.append(
            f"{managers} not found by id but by name or email, and {matched_by_id:,} by id: "
            f"the {shown(mapping.parent)} column mixes them"
        )
    return Managers(manager_of, reasons, problems, warnings)


def shape_tree(
    people: Sequence[Person], managers: Managers, strict: bool, top_name: str
) -> tuple[Tree | None, list[CsvProblem]]:
    """The people as one tree, or the problems that keep them from being one (cycles; with
    ``strict``, several people without a manager or nobody without one)."""
    entries = [
        TreeEntry(p.row, str(p.row), _key(managers.manager_of[p.row]), p.name)
        for p in people
        if p.row in managers.manager_of
    ]
    problems = cycle_problems(entries)
    tops = [p for p in people if p.row in managers.manager_of and managers.manager_of[p.row] is None]
    if strict and len(tops) > 1:
        problems.append(several_tops_problem([TreeEntry(p.row, str(p.row), None, p.name) for p in tops], "manager"))
    if entries and not tops and not problems:
        problems.append(CsvProblem(None, "everyone has a manager: there is no top of the org"))
    if problems:
        return None, problems
    warnings = _reason_warnings(tops, managers.reasons)
    if len(tops) == 1:
        return Tree(dict(managers.manager_of), tops[0].row, (), warnings), []
    named = ", ".join(f"{shown(p.name)} (row {p.row})" for p in tops[:NAMED])
    more = f" and {len(tops) - NAMED} more" if len(tops) > NAMED else ""
    warnings.append(
        f"{len(tops)} people have no manager in the file, so a top, {shown(top_name)}, was added above them "
        f"(--top NAME names it; --strict refuses such a file): {named}{more}"
    )
    return Tree(dict(managers.manager_of), None, tuple(p.row for p in tops), warnings), []


def _reason_warnings(tops: Sequence[Person], reasons: dict[int, tuple[TopReason, str]]) -> list[str]:
    """One line per reason other than an empty cell, naming the people and the values."""
    grouped: dict[TopReason, list[str]] = {}
    for p in tops:
        reason, value = reasons.get(p.row, (TopReason.EMPTY, ""))
        if reason is TopReason.EMPTY:
            continue
        label = f"{shown(p.name)} (row {p.row}"
        label += f": {shown(value)})" if reason is not TopReason.SELF else ")"
        grouped.setdefault(reason, []).append(label)
    lines = []
    for reason, labels in grouped.items():
        more = f" and {len(labels) - NAMED} more" if len(labels) > NAMED else ""
        one = len(labels) == 1
        what = {
            TopReason.NO_MANAGER_VALUE: f"{'has' if one else 'have'} a value that means no manager; taken as none",
            TopReason.SELF: f"{'is' if one else 'are'} given as their own manager; taken as having none",
            TopReason.MISSING: f"{'has' if one else 'have'} a manager who is not in the file; taken as having none",
        }[reason]
        count = f"{len(labels)} {'person' if one else 'people'}"
        lines.append(f"{count} {what}: {', '.join(labels[:NAMED])}{more}")
    return lines


def _strict_problem(person: Person, reason: tuple[TopReason, str], by_id: bool, by_mail: bool) -> str:
    kind, value = reason
    if kind is TopReason.SELF:
        return f"{shown(person.name)} is their own manager"
    if kind is TopReason.NO_MANAGER_VALUE:
        return f"manager {shown(value)} is not {'the id' if by_id else 'the name'} of anyone in the file"
    if by_mail and not by_id:
        return f"manager email {shown(value)} is not the email of anyone in the file"
    return f"manager {shown(value)} is not {'the id' if by_id else 'the name'} of anyone in the file"


def _key(row: int | None) -> str | None:
    return None if row is None else str(row)


def _name_key(name: str) -> str:
    return (name if "  " not in name and name == name.strip() else " ".join(name.split())).casefold()


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
    shown_rows = ", ".join(str(r) for r in named[:5])
    return f"manager {shown(ref)} is the name of several people (rows {shown_rows})"


def _index(
    people: list[Person], key_of: Callable[[Person], str], what: str, problems: list[CsvProblem]
) -> dict[str, int]:
    index: dict[str, int] = {}
    for p in people:
        key = key_of(p)
        if not key:
            continue
        if key in index:
            problems.append(CsvProblem(p.row, f"duplicate {what} {shown(key)} (also row {index[key]})"))
        else:
            index[key] = p.row
    return index
