"""Which reader an imported file needs: a CSV (any HR system's export), d3-org-chart JSON (a
flat array of people) or a Backstage catalog (YAML), by its suffix and, for a suffix that
says nothing, its first bytes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.csv_import import ImportOptions, ImportResult, build_org
from orgdesigner.io.csv_mapping import apply_overrides, guess_mapping
from orgdesigner.io.csv_read import Table, parse_table
from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.fileformat import MAX_FILE_BYTES, read_bytes
from orgdesigner.model.gc_pause import gc_paused

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


def kind_of(path: str | os.PathLike[str], data: bytes) -> str:
    """``backstage``, ``json`` or ``csv``."""
    suffix = Path(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "backstage"
    if suffix in JSON_SUFFIXES:
        return "json"
    from orgdesigner.io.d3_json import looks_like_json_array

    if looks_like_json_array(data):
        return "json"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"apiVersion:", b"---", b"kind:")) and b"backstage.io/" in data[:65536]:
        return "backstage"
    return "csv"


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes (:class:`CsvImportError` when it is missing, unreadable or too big)."""
    try:
        return read_bytes(path, MAX_FILE_BYTES)
    except OrgFileError as exc:
        raise CsvImportError(str(path), [CsvProblem(None, exc.problem)]) from None


def people_table(path: str | os.PathLike[str], data: bytes | None = None) -> Table:
    """A CSV or d3-org-chart JSON file as a table of people."""
    data = read_source(path) if data is None else data
    with gc_paused():
        if kind_of(path, data) == "json":
            from orgdesigner.io.d3_json import parse_people_json

            return parse_people_json(data, str(path))
        return parse_table(data, str(path))


def import_file(
    path: str | os.PathLike[str],
    overrides: Mapping[str, str | None] | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Import any file orgdesigner reads people or groups from."""
    data = read_source(path)
    if kind_of(path, data) == "backstage":
        from orgdesigner.io.backstage_read import import_backstage

        return import_backstage(data, str(path), options or ImportOptions())
    table = people_table(path, data)
    mapping = apply_overrides(guess_mapping(table.headers), overrides or {}, table)
    return build_org(table, mapping, options)
