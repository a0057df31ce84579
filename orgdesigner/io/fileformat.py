"""The orgdesigner file format, version 1: read in two steps (record, then model), write atomically.

```
{"format": "orgdesigner", "version": 1, "name": "Acme", "target_stage": 4,
 "nodes": [{"id": "cto", "kind": "unit", "name": "CTO", "structure": "executive"}, ...],
 "links": [{"source": "mlops", "target": "ds", "kind": "serves"}]}
```
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.errors import OrgFileError
from orgdesigner.model import FlatNode, Link, ModelError, Node, Organization, Team, Unit
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.text import shown

FORMAT = "orgdesigner"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CONTAINERS = 3_000_000
"""More ``{`` and ``[`` than a chart of a million nodes needs: a file of little else (``{}{}{}…``)
is refused before Python's JSON parser builds millions of objects from it."""
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_TOP_KEYS = {"format", "version", "name", "target_stage", "nodes", "links"}

_NODES = TypeAdapter(list[Node])
_LINKS = TypeAdapter(list[Link])
_NODE: TypeAdapter[Node] = TypeAdapter(Node)
_LINK = TypeAdapter(Link)
_T = TypeVar("_T")

# Each migration turns a version-N record (a dict) into a version-N+1 record.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class OrgRecord:
    """Step one of reading: a file's content checked for shape and brought to the current
    version, before the model is built from it."""

    name: Any
    target_stage: Any
    nodes: list[dict[str, Any]]
    links: list[Any]


# Reading -----------------------------------------------------------------------------------


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing folders, missing files and files over ``limit``."""
    where = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise OrgFileError(where, "is a folder, not a file")
        size = p.stat().st_size
        if size > limit:
            raise OrgFileError(
                where,
                f"the file is {size / 2**20:.1f} MB; orgdesigner opens files of at most {limit / 2**20:.0f} MB",
            )
        # Non-blocking open: a FIFO with no writer would otherwise hang open() for ever; reads
        # block again, so a pipe that has a writer (``<(...)``) is still read to its end.
        with open(os.open(p, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0)), "rb") as fh:
            if _NONBLOCK:
                os.set_blocking(fh.fileno(), True)
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise OrgFileError(where, "no such file") from None
    except PermissionError:
        raise OrgFileError(where, "cannot read: permission denied") from None
    except OSError as exc:
        raise OrgFileError(where, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise OrgFileError(where, f"the file is larger than {limit / 2**20:.0f} MB")
    return data


def read_org(path: str | os.PathLike[str]) -> Organization:
    """Read an org file; raise :class:`OrgFileError` naming the place and problem if bad."""
    return parse_org(read_bytes(path), str(path))


def load_json(data: bytes | str, source: str) -> Any:
    """Decode JSON text strictly, turning every failure into an :class:`OrgFileError`."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise OrgFileError(source, "the file is not UTF-8 text", f"byte {exc.start}") from None
    else:
        text = data
    if not text.strip():
        raise OrgFileError(source, "the file is empty")
    containers = count_containers(text)
    if containers > MAX_CONTAINERS:
        problem = f"the file holds {containers:,} JSON objects and lists, more than a chart can use"
        raise OrgFileError(source, f"{problem} ({MAX_CONTAINERS:,})")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise OrgFileError(source, f"not valid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise OrgFileError(source, "the JSON is nested too deeply to read") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python's int_max_str_digits guard
            raise OrgFileError(source, "not valid JSON: a number has more than 4300 digits") from None
        raise OrgFileError(source, f"not valid JSON: {exc}") from None


def count_containers(text: str) -> int:
    """A quick bound on how many JSON objects and lists parsing ``text`` would build: its ``{``
    and ``[`` (those inside strings too), the count reading refuses above ``MAX_CONTAINERS``."""
    return text.count("{") + text.count("[")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def parse_org(data: bytes | str, source: str = "<input>") -> Organization:
    """Parse the text of an org file into an :class:`Organization`."""
    with gc_paused():
        return build_org(parse_record(load_json(data, source), source), source)


def parse_record(obj: Any, source: str) -> OrgRecord:
    """Step one: check the file's shape and version, migrating older versions."""
    if not isinstance(obj, dict):
        raise OrgFileError(source, f"expected a JSON object at the top, found {_json_type(obj)}")
    fmt = obj.get("format")
    if fmt != FORMAT:
        problem = (
            "not an orgdesigner file: the 'format' field is missing"
            if fmt is None
            else f"not an orgdesigner file: 'format' is {_short(fmt)}, expected 'orgdesigner'"
        )
        raise OrgFileError(source, problem, "format")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise OrgFileError(source, f"'version' must be a whole number, found {_short(version)}", "version")
    if version > VERSION or version < 1:
        raise OrgFileError(
            source, f"unknown version {version}; this orgdesigner reads versions 1 to {VERSION}", "version"
        )
    while version < VERSION:
        obj = MIGRATIONS[version](obj)
        version += 1
    unknown = sorted(set(obj) - _TOP_KEYS)
    if unknown:
        raise OrgFileError(source, f"unknown top-level field {shown(unknown[0])}")
    nodes = obj.get("nodes", [])
    links = obj.get("links", [])
    if not isinstance(nodes, list):
        raise OrgFileError(source, f"'nodes' must be a list, found {_json_type(nodes)}", "nodes")
    if not isinstance(links, list):
        raise OrgFileError(source, f"'links' must be a list, found {_json_type(links)}", "links")
    for i, raw in enumerate(nodes):
        if not isinstance(raw, dict):
            raise OrgFileError(source, f"a node must be an object, found {_json_type(raw)}", f"nodes[{i}]")
    if "name" not in obj:
        raise OrgFileError(source, "the org has no 'name'", "name")
    return OrgRecord(obj["name"], obj.get("target_stage", 4), nodes, links)


def build_org(record: OrgRecord, source: str) -> Organization:
    """Step two: validate the record's values and build the model."""
    if not isinstance(record.name, str):
        raise OrgFileError(source, f"'name' must be text, found {_json_type(record.name)}", "name")
    stage = record.target_stage
    if not isinstance(stage, int) or isinstance(stage, bool):
        raise OrgFileError(
            source, f"'target_stage' must be a whole number from 1 to 5, found {_short(stage)}", "target_stage"
        )
    parents: list[Any] = []
    bare: list[dict[str, Any]] = []
    for i, raw in enumerate(record.nodes):
        parent = raw.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise OrgFileError(
                source,
                f"'parent' must be a node id or null, found {_short(parent)}",
                _node_place(record.nodes, i, "parent"),
            )
        parents.append(parent)
        bare.append({k: v for k, v in raw.items() if k != "parent"} if "parent" in raw else raw)
    try:
        nodes = _validate_each(_NODES, _NODE, bare)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        index = loc[0] if loc and isinstance(loc[0], int) else 0
        field = next((str(p) for p in loc[1:] if p not in ("unit", "team") and not isinstance(p, int)), None)
        raise OrgFileError(source, _problem(exc, field), _node_place(record.nodes, index, field)) from None
    try:
        links = _validate_each(_LINKS, _LINK, record.links)
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        raise OrgFileError(
            source, explain_validation(exc).split(": ", 1)[-1], f"links[{loc[0] if loc else 0}]"
        ) from None
    try:
        return Organization.from_flat(
            record.name, stage, [FlatNode(n, p) for n, p in zip(nodes, parents, strict=True)], links
        )
    except ModelError as exc:
        raise OrgFileError(source, exc.problem, exc.place or None) from None


_CHUNK = 1000


def _validate_each(whole: TypeAdapter[list[_T]], one: TypeAdapter[_T], items: list[Any]) -> list[_T]:
    """Validate ``items`` and stop at the first bad one, raising the error that validating the
    list up to it gives (located by list index, as ``whole`` reports it).

    Items go to the validator a chunk at a time (one call per item costs twice as long); a
    chunk with a bad item is gone through one by one to find the first. Validating the whole
    list at once would collect an error for every bad item: for a hostile file of a million
    bad nodes that takes minutes and gigabytes to report only the first.
    """
    check, check_all = one.validate_python, whole.validate_python
    out: list[_T] = []
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        try:
            out.extend(check_all(chunk))
            continue
        except ValidationError:
            pass
        for i, item in enumerate(chunk, start):
            try:
                out.append(check(item))
            except ValidationError:
                check_all(items[: i + 1])
                raise
    return out


def _problem(exc: ValidationError, field: str | None) -> str:
    err = exc.errors()[0]
    if err["type"] == "union_tag_invalid":
        return f"kind must be 'unit' or 'team', found {_short(err['input'].get('kind'))}"
    if err["type"] == "union_tag_not_found":
        return "the node has no 'kind' ('unit' or 'team')"
    msg = str(err["msg"])
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


def _node_place(nodes: list[dict[str, Any]], index: int, field: str | None) -> str:
    nid = nodes[index].get("id") if index < len(nodes) else None
    where = f"node {shown(nid)}" if isinstance(nid, str) and len(nid) <= 64 else f"nodes[{index}]"
    return f"{where}, field {shown(field)}" if field else where


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    if isinstance(value, str):
        text = repr(value)
    else:  # JSON leaves bidi overrides, line separators and the like as they are: escape them
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 40 else text[:37] + "..."


# Writing -----------------------------------------------------------------------------------


def node_record(node: Node, parent: str | None) -> dict[str, Any]:
    """A node as the file stores it."""
    rec: dict[str, Any] = {"id": node.id, "kind": node.kind, "name": node.name}
    if parent is not None:
        rec["parent"] = parent
    if isinstance(node, Unit):
        rec["structure"] = node.structure.value
    elif isinstance(node, Team):
        rec["discipline"] = node.discipline.value
        rec["headcount"] = node.headcount
    if node.lead is not None:
        rec["lead"] = node.lead
    if isinstance(node, Team) and node.responsibilities is not None:
        rec["responsibilities"] = list(node.responsibilities)
    if node.notes is not None:
        rec["notes"] = node.notes
    return rec


def org_to_dict(org: Organization) -> dict[str, Any]:
    """The whole org as the file stores it."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": org.name,
        "target_stage": org.target_stage,
        "nodes": [node_record(f.node, f.parent) for f in org.flat()],
        "links": [{"source": lk.source, "target": lk.target, "kind": lk.kind.value} for lk in org.links],
    }


def dumps_org(org: Organization) -> str:
    """The file's text: one node and one link per line, so that diffs stay readable."""
    d = org_to_dict(org)

    def one(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    head = ", ".join(f"{one(k)}: {one(d[k])}" for k in ("format", "version", "name", "target_stage"))
    parts = ["{" + head + ",\n"]
    parts.append(
        ' "nodes": [' + ("\n  " + ",\n  ".join(one(n) for n in d["nodes"]) + "\n " if d["nodes"] else "") + "],\n"
    )
    parts.append(
        ' "links": [' + ("\n  " + ",\n  ".join(one(lk) for lk in d["links"]) + "\n " if d["links"] else "") + "]\n"
    )
    parts.append("}\n")
    return "".join(parts)


def unreadable_because(text: str, size: int) -> str | None:
    """Why a file of this text (``size`` bytes) would be refused by reading, or None."""
    if size > MAX_FILE_BYTES:
        return (
            f"the chart would make a file of {size / 2**20:.1f} MB, and orgdesigner opens files of at most "
            f"{MAX_FILE_BYTES / 2**20:.0f} MB"
        )
    containers = count_containers(text)
    if containers > MAX_CONTAINERS:
        return (
            f"the file would hold {containers:,} JSON objects and lists (braces and brackets in its texts "
            f"count too), and orgdesigner opens files of at most {MAX_CONTAINERS:,}"
        )
    return None


def encode_org(org: Organization, path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, when orgdesigner could open the file they make; else raise
    :class:`OrgFileError` (naming ``path``), so that nothing is written that would then be refused."""
    text = dumps_org(org)
    data = text.encode("utf-8")
    problem = unreadable_because(text, len(data))
    if problem:
        raise OrgFileError(str(path), f"not written: {problem}")
    return data


def write_org(org: Organization, path: str | os.PathLike[str]) -> None:
    """Save atomically: the file on disk is always the old version or the new one. A chart that
    would make a file orgdesigner refuses to open is not written (``OrgFileError``)."""
    write_atomic(path, encode_org(org, path))
