"""d3-org-chart JSON: a flat array of objects, each with an id and its parent's id, read as a
table of people so that it is mapped like a CSV's columns.

d3-org-chart and its sample data (``id``, ``parentId``, ``name``, ``positionName``, ``area``...)
write one such object per person. The columns are the objects' keys in the order they first
appear; numbers and booleans become text, ``null`` an empty cell, nested values their JSON
text. A row's number is its object's place in the array (1 = the first); a problem with the
JSON itself names its line.
"""

from __future__ import annotations

import json
from bisect import bisect_right

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_read import Table, TableRow, decode_text, table_from_records
from orgdesigner.io.fileformat import MAX_CONTAINERS
from orgdesigner.model.text import shown

_WHITESPACE = " \t\n\r"


def looks_like_json_array(data: bytes) -> bool:
    """True when the file's first non-blank character (after a BOM) opens a JSON array."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"[")


def parse_people_json(data: bytes, source: str = "<input>") -> Table:
    """The array's objects as a :class:`Table`; :class:`CsvImportError` naming the line of the
    first problem (not JSON, not an array of objects, too many values)."""
    text, encoding = decode_text(data, source)
    text = text.lstrip("\ufeff")
    starts = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset - 1) + 1

    def at(offset: int, problem: str) -> CsvImportError:
        return CsvImportError(source, [CsvProblem(None, f"line {line_of(offset)}: {problem}")])

    containers = text.count("{") + text.count("[")
    if containers > MAX_CONTAINERS:
        problem = f"more than {MAX_CONTAINERS:,} JSON objects and lists: too many to be an org chart"
        raise CsvImportError(source, [CsvProblem(None, problem)])
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise at(pos, "not a JSON array of people (it must start with '[')")
    pos = _skip(text, pos + 1)
    headers: dict[str, int] = {}
    objects: list[tuple[int, dict[str, object]]] = []
    while pos < len(text) and text[pos] != "]":
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise at(exc.pos, f"not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise at(pos, "JSON nested too deeply") from None
        if not isinstance(value, dict):
            raise at(pos, f"each element must be an object with an id and a parent id, not {shown(value)}")
        for key in value:
            headers.setdefault(str(key), len(headers))
        objects.append((len(objects) + 1, value))
        pos = _skip(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
        elif pos < len(text) and text[pos] != "]":
            raise at(pos, "not valid JSON: expecting ',' or ']'")
    if pos >= len(text):
        raise at(len(text), "not valid JSON: the array is not closed")
    if _skip(text, pos + 1) < len(text):
        raise at(pos + 1, "not valid JSON: text after the array")
    if not objects:
        raise CsvImportError(source, [CsvProblem(None, "the array is empty: no people")])
    names = tuple(headers)
    records = [TableRow(0, names, 0)]
    records += [TableRow(place, tuple(_cell(obj.get(name)) for name in names), place) for place, obj in objects]
    table = table_from_records(records, source, ",", f"{encoding} JSON")
    return Table(table.source, table.headers, table.rows, ",", table.encoding, 0, table.warnings)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)
