"""The orgdesigner CSV: one row per node, safe to open in a spreadsheet, read back exactly.

Columns: ``id, name, parent, kind, structure, discipline, headcount, lead, notes``, two more
so that nothing is lost: ``responsibilities`` (space-separated ids; empty: the discipline's
defaults) and ``serves`` (the ids the node's dotted lines go to), and ``org_name`` and
``target_stage``, filled on the first row only, so that an import needs no ``--name`` or
``--target-stage`` to give back the same org.

Cells are escaped so that a spreadsheet never runs them and the importer can undo it exactly.
A spreadsheet may start a cell at the start of ours, but also after a ``;`` or a tab (locales
that split on semicolons or tabs read our commas as text) and at the start of each line of a
multi-line cell (when it does not honour the quotes). At each of those places, a text that
starts with ``=``, ``+``, ``-`` or ``@`` (the OWASP formula triggers; spaces before them
count) gets an apostrophe in front, and so does one that really starts with an apostrophe.
A whole cell that starts with a tab, a carriage return or a line feed gets one too, and so
does a cell with spaces at either end or present but empty (a lead of ""), so that the
importer, which trims other cells and drops each of these apostrophes, reads back the same
text. Every cell is quoted. The file is UTF-8 with a BOM, which Excel needs.
"""

from __future__ import annotations

import csv
import io
import re

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
    "org_name",
    "target_stage",
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
ESCAPE = "'"
# Marks a link's place in the org's link list when links are not grouped by source in tree order.
LINK_ORDER_MARK = "#"
# Inside a cell: after a semicolon, a tab or a line break (and any spaces), a formula trigger or
# an apostrophe gets an apostrophe in front; reading drops the apostrophe at each such place.
_INNER_ESCAPE = re.compile(r"([;\t\r\n] *)(?=[=+\-@'])")
_INNER_UNESCAPE = re.compile(r"([;\t\r\n] *)'")
_LEADING = re.compile(r" *[=+\-@']")


def escape_cell(value: str | None) -> str:
    """A cell a spreadsheet shows as text and :func:`unescape_cell` turns back into ``value``."""
    if value is None:
        return ""
    text = _INNER_ESCAPE.sub(r"\1" + ESCAPE, value)
    if value == "" or value.startswith(FORMULA_TRIGGERS) or _LEADING.match(value) or value != value.strip():
        return ESCAPE + text
    return text


def unescape_cell(raw: str) -> str | None:
    """The value :func:`escape_cell` wrote: one leading apostrophe dropped (and nothing
    trimmed after it), else the trimmed cell, and the apostrophes inside undone; None for
    an empty cell."""
    if raw.startswith(ESCAPE):
        text = raw[1:]
    else:
        text = raw.strip()
        if not text:
            return None
    return _INNER_UNESCAPE.sub(r"\1", text) if ESCAPE in text else text


def csv_bytes(org: Organization) -> bytes:
    """The org as an orgdesigner CSV (UTF-8 with BOM, CRLF line ends, every cell quoted)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(NATIVE_COLUMNS)
    serves = serves_cells(org)
    first = True
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
            org.name if first else None,
            str(org.target_stage) if first else None,
        )
        first = False
        writer.writerow([escape_cell(c) for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def serves_cells(org: Organization) -> dict[str, str]:
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
