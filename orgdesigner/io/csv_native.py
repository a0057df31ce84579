"""Reading back an orgdesigner CSV (see ``csv_write``): kinds, structures, disciplines and
headcounts are taken as written, and the writer's apostrophe escapes are undone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_read import Table, TableRow
from orgdesigner.io.csv_tree import TreeEntry, tree_problems
from orgdesigner.io.csv_write import LINK_ORDER_MARK, NATIVE_COLUMNS, unescape_cell
from orgdesigner.model import DEFAULT_TARGET_STAGE, FlatNode, Link, ModelError, Node, Organization
from orgdesigner.model.nodes import NODE_ADAPTER
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.text import parse_whole_number, shown
from orgdesigner.model.tree import check_responsibilities

REQUIRED_COLUMNS = ("id", "name", "parent", "kind")
_TEAM_ONLY = ("discipline", "headcount", "responsibilities")


def is_native_table(table: Table) -> bool:
    """True for a CSV written by orgdesigner: its ``id, name, parent, kind`` columns and a
    ``discipline`` or ``structure`` column."""
    return all(table.column(c) is not None for c in REQUIRED_COLUMNS) and (
        table.column("discipline") is not None or table.column("structure") is not None
    )


@dataclass
class _Rows:
    nodes: list[tuple[int, Node, str | None]] = field(default_factory=list)
    # (row, sort key, link): numbered links ("ds#3") by number, then the others in file order.
    links: list[tuple[int, tuple[int, int], Link]] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_native(table: Table, name: str | None, target_stage: int | None) -> tuple[Organization, list[str]]:
    """The org an orgdesigner CSV holds, and warnings; :class:`CsvImportError` if it is bad.
    The org's name and target stage are ``name`` and ``target_stage`` when given, else the
    file's ``org_name`` and ``target_stage`` (on its first row), else the file's name and 4."""
    columns = {c: table.column(c) for c in NATIVE_COLUMNS}
    rows = _Rows()
    file_name, file_stage = _org_cells(table, columns, rows)
    name = name if name is not None else file_name or _stem(table)
    target_stage = target_stage if target_stage is not None else file_stage or DEFAULT_TARGET_STAGE
    for row in table.rows:
        _read_row(row, columns, rows)
    _check_duplicates(rows)
    row_of = {node.id: number for number, node, _ in rows.nodes}
    entries = []
    for number, node, parent in rows.nodes:
        if parent is not None and parent not in row_of and parent != node.id:
            rows.problems.append(CsvProblem(number, f"parent {shown(parent)} is not the id of any row"))
            continue
        entries.append(TreeEntry(number, node.id, parent, node.name))
    rows.problems.extend(tree_problems(entries, "parent"))
    for number, _, link in rows.links:
        if link.target not in row_of:
            problem = f"serves {shown(link.target)}, which is not the id of any row"
            rows.problems.append(CsvProblem(number, problem))
    if rows.problems:
        raise CsvImportError(table.source, rows.problems)
    links = [link for _, _, link in sorted(rows.links, key=lambda entry: entry[1])]
    try:
        org = Organization.from_flat(name, target_stage, [FlatNode(n, p) for _, n, p in rows.nodes], links)
    except ModelError as exc:
        raise CsvImportError(table.source, [CsvProblem(row_of.get(exc.node_id or ""), exc.problem)]) from None
    return org, rows.warnings


def _org_cells(table: Table, columns: dict[str, int | None], rows: _Rows) -> tuple[str | None, int | None]:
    """The org's name and target stage from the first row's ``org_name`` and ``target_stage``."""
    first = table.rows[0]
    name_col, stage_col = columns["org_name"], columns["target_stage"]
    name = unescape_cell(first.raw(name_col)) if name_col is not None else None
    stage_text = unescape_cell(first.raw(stage_col)) if stage_col is not None else None
    stage = None
    if stage_text is not None:
        try:
            stage = parse_whole_number(stage_text)
        except ValueError:
            stage = 0
        if not 1 <= stage <= 5:
            rows.problems.append(CsvProblem(first.number, f"target_stage {shown(stage_text)} is not 1, 2, 3, 4 or 5"))
            stage = None
    if name is not None and not name.strip():
        name = None
    return name, stage


def _stem(table: Table) -> str:
    stem = " ".join(Path(table.source).stem.split())[:200]
    return stem if stem and not stem.startswith("<") else "Imported org"


def _read_row(row: TableRow, columns: dict[str, int | None], rows: _Rows) -> None:
    def value(name: str) -> str | None:
        index = columns[name]
        return unescape_cell(row.raw(index)) if index is not None else None

    kind = value("kind")
    record: dict[str, Any] = {"id": value("id") or "", "name": value("name") or "", "kind": kind}
    for key in ("lead", "notes"):
        if value(key) is not None:
            record[key] = value(key)
    if kind == "unit":
        if value("structure") is not None:
            record["structure"] = value("structure")
        ignored = [c for c in _TEAM_ONLY if value(c) is not None]
        if ignored:
            rows.warnings.append(f"row {row.number}: a unit has no {', '.join(ignored)}; ignored")
    elif kind == "team":
        record["discipline"] = value("discipline")
        headcount = value("headcount")
        if headcount is not None:
            record["headcount"] = int(headcount) if re.fullmatch(r"-?[0-9]+", headcount) else headcount
        responsibilities = value("responsibilities")
        if responsibilities is not None:
            record["responsibilities"] = tuple(responsibilities.split())
    try:
        node = NODE_ADAPTER.validate_python(record)
        check_responsibilities(node)
    except ValidationError as exc:
        rows.problems.append(CsvProblem(row.number, explain_validation(exc)))
        return
    except ModelError as exc:
        rows.problems.append(CsvProblem(row.number, f"{exc.field}: {exc.problem}"))
        return
    rows.nodes.append((row.number, node, value("parent")))
    _read_serves(row, node, value("serves"), rows)


def _read_serves(row: TableRow, node: Node, cell: str | None, rows: _Rows) -> None:
    for entry in (cell or "").split():
        target, mark, number = entry.partition(LINK_ORDER_MARK)
        if mark and not number.isdigit():
            rows.problems.append(CsvProblem(row.number, f"serves: {shown(entry)} is not ID or ID#NUMBER"))
            continue
        try:
            link = Link(source=node.id, target=target)
        except ValidationError as exc:
            rows.problems.append(CsvProblem(row.number, f"serves: {explain_validation(exc)}"))
            continue
        key = (0, int(number)) if mark else (1, len(rows.links))
        rows.links.append((row.number, key, link))


def _check_duplicates(rows: _Rows) -> None:
    first_row: dict[str, int] = {}
    unique = []
    for number, node, parent in rows.nodes:
        if node.id in first_row:
            problem = f"duplicate id {shown(node.id)} (also row {first_row[node.id]})"
            rows.problems.append(CsvProblem(number, problem))
        else:
            first_row[node.id] = number
            unique.append((number, node, parent))
    rows.nodes[:] = unique
