"""Tree checks shared by both CSV readers: self-managers, reporting cycles and several roots,
each reported at a row, all of them at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.io.csv_errors import CsvProblem

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
    by_key = {e.key: e for e in entries}
    problems: list[CsvProblem] = []
    for entry in entries:
        if entry.parent == entry.key:
            problems.append(CsvProblem(entry.row, f"{entry.label!r} is their own {manager_word}"))
    problems.extend(_cycles(entries, by_key))
    roots = [e for e in entries if e.parent is None]
    if roots:
        top = roots[0]
        for other in roots[1:]:
            problems.append(
                CsvProblem(
                    other.row,
                    f"{other.label!r} has no {manager_word}, and neither has {top.label!r} (row {top.row}); "
                    f"an org has one top: give all but one of them a {manager_word}",
                )
            )
    elif entries and not problems:
        problems.append(CsvProblem(None, f"everyone has a {manager_word}: there is no top of the org"))
    return problems


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
    shown = [f"{e.label!r} (row {e.row})" for e in ordered[:_CYCLE_SHOWN]]
    chain = " reports to ".join(shown)
    more = f" ... ({len(ordered)} people)" if len(ordered) > _CYCLE_SHOWN else ""
    return CsvProblem(first.row, f"reporting cycle: {chain}{more} reports to {first.label!r} again")
