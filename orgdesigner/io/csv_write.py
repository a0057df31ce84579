"""The orgdesigner CSV: one row per node, safe to open in a spreadsheet, read back exactly.

Columns: ``id, name, parent, kind, structure, discipline, headcount, lead, notes`` and two more
so that nothing is lost: ``responsibilities`` (space-separated ids; empty: the discipline's
defaults) and ``serves`` (the ids the node's dotted lines go to).

Cells are escaped so that a spreadsheet never runs them and the importer can undo it exactly:
a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed
(the OWASP list of formula triggers) gets a leading apostrophe, and so does a cell that
really starts with an apostrophe, has spaces at either end, or is present but empty (a lead of
""), so that the importer, which trims other cells and drops one leading apostrophe, reads back
the same text. Every cell is quoted. The file is UTF-8 with a BOM, which Excel needs.
"""

from __future__ import annotations

import csv
import io

from orgdesigner.model import Organization, Team, Unit

NATIVE_COLUMNS = (
    "id",
    "name",
    "parent",
    "kind",
    "structure",
    "discipline",
    "headcount",
    "lead",
    "notes",
    "responsibilities",
    "serves",
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
ESCAPE = "'"
# Marks a link's place in the org's link list when links are not grouped by source in tree order.
LINK_ORDER_MARK = "#"


def escape_cell(value: str | None) -> str:
    """A cell a spreadsheet shows as text and :func:`unescape_cell` turns back into ``value``."""
    if value is None:
        return ""
    if value == "" or value.startswith((*FORMULA_TRIGGERS, ESCAPE)) or value != value.strip():
        return ESCAPE + value
    return value


def unescape_cell(raw: str) -> str | None:
    """The value :func:`escape_cell` wrote: one leading apostrophe dropped (and nothing
    trimmed after it), else the trimmed cell; None for an empty cell."""
    if raw.startswith(ESCAPE):
        return raw[1:]
    text = raw.strip()
    return text or None


def csv_bytes(org: Organization) -> bytes:
    """The org as an orgdesigner CSV (UTF-8 with BOM, CRLF line ends, every cell quoted)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(NATIVE_COLUMNS)
    serves = _serves_cells(org)
    for flat in org.flat():
        node = flat.node
        structure = node.structure.value if isinstance(node, Unit) else None
        discipline = node.discipline.value if isinstance(node, Team) else None
        headcount = str(node.headcount) if isinstance(node, Team) else None
        responsibilities = None
        if isinstance(node, Team) and node.responsibilities is not None:
            responsibilities = " ".join(node.responsibilities)
        cells = (
            node.id,
            node.name,
            flat.parent,
            node.kind,
            structure,
            discipline,
            headcount,
            node.lead,
            node.notes,
            responsibilities,
            serves.get(node.id),
        )
        writer.writerow([escape_cell(c) for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _serves_cells(org: Organization) -> dict[str, str]:
    """Each source's targets; numbered with their place in the link list when reading them
    back source by source in tree order would not give the org's link order."""
    order = {nid: i for i, nid in enumerate(org.iter_preorder())}
    links = org.links
    grouped = sorted(range(len(links)), key=lambda i: (order[links[i].source], i))
    numbered = grouped != list(range(len(links)))
    cells: dict[str, list[str]] = {}
    for i, link in enumerate(links):
        entry = f"{link.target}{LINK_ORDER_MARK}{i + 1}" if numbered else link.target
        cells.setdefault(link.source, []).append(entry)
    return {source: " ".join(targets) for source, targets in cells.items()}
