"""Tree checks shared by the CSV readers: self-managers, reporting cycles and several roots,
each reported at a row, all of them at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.io.csv_errors import CsvProblem
from orgdesigner.model.text import shown

_CYCLE_SHOWN = 8


@dataclass(frozen=True)
class TreeEntry:
    """One row as a tree node: its key, its parent's key (None: no manager), a label for messages."""

    row: int
    key: str
    parent: str | None
    label: str


def tree_problems(entries: Sequence[TreeEntry], manager_word: str = "manager") -> list[CsvProblem]:
    """Problems that keep ``entries`` (unique keys, parents among them) from forming one tree."""
    problems: list[CsvProblem] = []
    for entry in entries:
        if entry.parent == entry.key:
            problems.append(CsvProblem(entry.row, f"{shown(entry.label)} is their own {manager_word}"))
    problems.extend(cycle_problems(entries))
    roots = [e for e in entries if e.parent is None]
    if len(roots) > 1:
        problems.append(several_tops_problem(roots, manager_word))
    elif entries and not roots and not problems:
        problems.append(CsvProblem(None, f"everyone has a {manager_word}: there is no top of the org"))
    return problems


def several_tops_problem(roots: Sequence[TreeEntry], manager_word: str) -> CsvProblem:
    """One problem for all the entries without a parent, at the first one's row."""
    named = ", ".join(f"{shown(e.label)} (row {e.row})" for e in roots[:_CYCLE_SHOWN])
    more = f" and {len(roots) - _CYCLE_SHOWN} more" if len(roots) > _CYCLE_SHOWN else ""
    hint = " (or import without --strict to put them under one top)" if manager_word == "manager" else ""
    return CsvProblem(
        roots[0].row,
        f"{len(roots)} people have no {manager_word}: {named}{more}; an org has one top: give all but one "
        f"of them a {manager_word}{hint}",
    )


def cycle_problems(entries: Sequence[TreeEntry]) -> list[CsvProblem]:
    """Each reporting cycle once (self-managers aside), at the row of its first member."""
    return _cycles(entries, {e.key: e for e in entries})


def _cycles(entries: Sequence[TreeEntry], by_key: dict[str, TreeEntry]) -> list[CsvProblem]:
    """Each reporting cycle once (self-managers aside), at the row of its first member."""
    done: set[str] = set()
    problems: list[CsvProblem] = []
    for start in entries:
        if start.key in done:
            continue
        path: list[TreeEntry] = []
        on_path: dict[str, int] = {}
        current: TreeEntry | None = start
        while current is not None and current.key not in done and current.key not in on_path:
            on_path[current.key] = len(path)
            path.append(current)
            parent = current.parent
            current = by_key.get(parent) if parent is not None and parent != current.key else None
        if current is not None and current.key in on_path:
            cycle = path[on_path[current.key] :]
            problems.append(_cycle_problem(cycle))
        done.update(on_path)
    return problems


def _cycle_problem(cycle: list[TreeEntry]) -> CsvProblem:
    first = min(cycle, key=lambda e: e.row)
    turn = cycle.index(first)
    ordered = cycle[turn:] + cycle[:turn]
    names = [f"{shown(e.label)} (row {e.row})" for e in ordered[:_CYCLE_SHOWN]]
    chain = " reports to ".join(names)
    more = f" ... ({len(ordered)} people)" if len(ordered) > _CYCLE_SHOWN else ""
    return CsvProblem(first.row, f"reporting cycle: {chain}{more} reports to {shown(first.label)} again")
