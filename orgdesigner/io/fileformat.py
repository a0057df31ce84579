"""The orgdesigner file format, versions 1 and 2: read in two steps (record, then model),
written atomically.

```
{"format": "orgdesigner", "version": 2, "name": "Acme", "target_stage": 4,
 "nodes": [{"id": "cto", "kind": "unit", "name": "CTO", "structure": "executive"}, ...],
 "links": [{"source": "mlops", "target": "ds", "kind": "serves"}],
 "scenarios": [{"name": "MLOps under Platform", "target_stage": 4, "nodes": [...], "links": [...]}]}
```

The top level is the baseline; version 2 adds ``scenarios``, each a whole org under a unique
name (see :mod:`orgdesigner.model.scenarios`). A chart without scenarios is written as version
1, byte for byte what version 1 always wrote, so older orgdesigners keep reading it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.jsontext import (
    MAX_CONTAINERS,
    MAX_FILE_BYTES,
    count_containers,
    json_type,
    load_json,
    read_bytes,
    short,
)
from orgdesigner.model import FlatNode, Link, ModelError, Node, Organization, Team, Unit
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.scenarios import MAX_SCENARIOS, ScenarioSet, check_scenario_name, name_key
from orgdesigner.model.text import NAME_MAX, shown

__all__ = [
    "FORMAT",
    "MAX_CONTAINERS",
    "MAX_FILE_BYTES",
    "MIGRATIONS",
    "VERSION",
    "OrgRecord",
    "build_chart",
    "build_org",
    "chart_to_dict",
    "dumps_chart",
    "dumps_org",
    "encode_chart",
    "encode_org",
    "load_json",
    "node_record",
    "org_to_dict",
    "parse_chart",
    "parse_org",
    "parse_record",
    "read_bytes",
    "read_chart",
    "read_org",
    "write_chart",
    "write_org",
]

FORMAT = "orgdesigner"
VERSION = 2
SINGLE_ORG_VERSION = 1
"""The version a chart without scenarios is written as."""
_TOP_KEYS = {
    1: frozenset({"format", "version", "name", "target_stage", "nodes", "links"}),
    2: frozenset({"format", "version", "name", "target_stage", "nodes", "links", "scenarios"}),
}
_SCENARIO_KEYS = frozenset({"name", "target_stage", "nodes", "links"})

_NODES = TypeAdapter(list[Node])
_LINKS = TypeAdapter(list[Link])
_NODE: TypeAdapter[Node] = TypeAdapter(Node)
_LINK = TypeAdapter(Link)
_T = TypeVar("_T")


def _v1_to_v2(obj: dict[str, Any]) -> dict[str, Any]:
    # Version 2 only adds the optional scenarios: a version-1 record is a version-2 one.
    return {**obj, "version": 2}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""Each migration turns a version-N record (a dict) into a version-N+1 record."""


@dataclass(frozen=True)
class OrgRecord:
    """Step one of reading: one org's content checked for shape and brought to the current
    version, before the model is built from it. ``label`` says where a scenario's record is
    (``scenario 'X'``, or ``scenarios[3]`` while its name is unusable; None for the
    baseline); the baseline's record holds the scenarios' records."""

    name: Any
    target_stage: Any
    nodes: list[dict[str, Any]]
    links: list[Any]
    scenarios: tuple[OrgRecord, ...] = ()
    label: str | None = None

    def place(self, where: str | None = None) -> str | None:
        """``where`` inside this record, as an error names it: ``scenario 'X', node 'y'``."""
        if self.label is None:
            return where
        return f"{self.label}, {where}" if where else self.label


# Reading -----------------------------------------------------------------------------------


def read_org(path: str | os.PathLike[str]) -> Organization:
    """The baseline org of a file; raise :class:`OrgFileError` naming the place and problem if
    any part of the file (a scenario too) is bad."""
    return read_chart(path).baseline


def read_chart(path: str | os.PathLike[str]) -> ScenarioSet:
    """The whole chart of a file: the baseline and its scenarios."""
    return parse_chart(read_bytes(path), str(path))


def parse_org(data: bytes | str, source: str = "<input>") -> Organization:
    """Parse the text of an org file into its baseline :class:`Organization`."""
    return parse_chart(data, source).baseline


def parse_chart(data: bytes | str, source: str = "<input>") -> ScenarioSet:
    """Parse the text of an org file into its :class:`ScenarioSet`."""
    with gc_paused():
        return build_chart(parse_record(load_json(data, source), source), source)


def parse_record(obj: Any, source: str) -> OrgRecord:
    """Step one: check the file's shape and version, migrating older versions."""
    if not isinstance(obj, dict):
        raise OrgFileError(source, f"expected a JSON object at the top, found {json_type(obj)}")
    fmt = obj.get("format")
    if fmt != FORMAT:
        problem = (
            "not an orgdesigner file: the 'format' field is missing"
            if fmt is None
            else f"not an orgdesigner file: 'format' is {short(fmt)}, expected 'orgdesigner'"
        )
        raise OrgFileError(source, problem, "format")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise OrgFileError(source, f"'version' must be a whole number, found {short(version)}", "version")
    if version > VERSION or version < 1:
        raise OrgFileError(
            source, f"unknown version {version}; this orgdesigner reads versions 1 to {VERSION}", "version"
        )
    unknown = sorted(set(obj) - _TOP_KEYS[version])
    if unknown:
        hint = " (scenarios need version 2)" if unknown[0] == "scenarios" else ""
        raise OrgFileError(source, f"unknown top-level field {shown(unknown[0])}{hint}", f"field {shown(unknown[0])}")
    while version < VERSION:
        obj = MIGRATIONS[version](obj)
        version += 1
    if "name" not in obj:
        raise OrgFileError(source, "the org has no 'name'", "name")
    nodes, links = _nodes_and_links(obj, source, None)
    stage = obj.get("target_stage", 4)
    raw = obj.get("scenarios", [])
    if not isinstance(raw, list):
        raise OrgFileError(source, f"'scenarios' must be a list, found {json_type(raw)}", "scenarios")
    if len(raw) > MAX_SCENARIOS:
        raise OrgFileError(
            source, f"the file has {len(raw):,} scenarios; orgdesigner opens at most {MAX_SCENARIOS:,}", "scenarios"
        )
    scenarios = tuple(_scenario_record(item, i, stage, source) for i, item in enumerate(raw))
    return OrgRecord(obj["name"], stage, nodes, links, scenarios)


def _scenario_record(item: Any, i: int, stage: Any, source: str) -> OrgRecord:
    if not isinstance(item, dict):
        raise OrgFileError(source, f"a scenario must be an object, found {json_type(item)}", f"scenarios[{i}]")
    name = item.get("name")
    label = f"scenario {shown(name)}" if isinstance(name, str) and 0 < len(name) <= NAME_MAX else f"scenarios[{i}]"
    unknown = sorted(set(item) - _SCENARIO_KEYS)
    if unknown:
        raise OrgFileError(source, f"unknown field {short(unknown[0])}", f"{label}, field {short(unknown[0])}")
    if "name" not in item:
        raise OrgFileError(source, "the scenario has no 'name'", f"{label}, field 'name'")
    nodes, links = _nodes_and_links(item, source, label)
    return OrgRecord(name, item.get("target_stage", stage), nodes, links, label=label)


def _nodes_and_links(obj: dict[str, Any], source: str, label: str | None) -> tuple[list[Any], list[Any]]:
    at = OrgRecord(None, None, [], [], label=label).place
    nodes = obj.get("nodes", [])
    links = obj.get("links", [])
    if not isinstance(nodes, list):
        raise OrgFileError(source, f"'nodes' must be a list, found {json_type(nodes)}", at("nodes"))
    if not isinstance(links, list):
        raise OrgFileError(source, f"'links' must be a list, found {json_type(links)}", at("links"))
    for i, raw in enumerate(nodes):
        if not isinstance(raw, dict):
            raise OrgFileError(source, f"a node must be an object, found {json_type(raw)}", at(f"nodes[{i}]"))
    return nodes, links


def build_chart(record: OrgRecord, source: str) -> ScenarioSet:
    """Step two for the whole file: the baseline and every scenario, each held to the same
    rules, and the scenarios' names to theirs."""
    baseline = build_org(record, source)
    scenarios: list[Organization] = []
    taken: dict[str, str] = {}  # name_key -> name: a thousand scenarios stay quick
    for rec in record.scenarios:
        if not isinstance(rec.name, str):
            raise OrgFileError(source, f"'name' must be text, found {json_type(rec.name)}", rec.place("field 'name'"))
        key = name_key(rec.name)
        try:
            check_scenario_name(rec.name, [taken[key]] if key in taken else [])
        except ValueError as exc:
            raise OrgFileError(source, str(exc), rec.place("field 'name'")) from None
        taken[name_key(rec.name)] = rec.name
        scenarios.append(build_org(rec, source))
    try:
        return ScenarioSet(baseline, scenarios)
    except ModelError as exc:  # pragma: no cover - the names were checked above
        raise OrgFileError(source, exc.problem, "scenarios") from None


def build_org(record: OrgRecord, source: str) -> Organization:
    """Step two: validate one record's values and build its model (the baseline's record
    builds the baseline only; :func:`build_chart` builds the scenarios too)."""
    at = record.place
    if not isinstance(record.name, str):
        raise OrgFileError(source, f"'name' must be text, found {json_type(record.name)}", at("field 'name'"))
    stage = record.target_stage
    if not isinstance(stage, int) or isinstance(stage, bool):
        problem = f"'target_stage' must be a whole number from 1 to 5, found {short(stage)}"
        raise OrgFileError(source, problem, at("field 'target_stage'"))
    parents: list[Any] = []
    bare: list[dict[str, Any]] = []
    for i, raw in enumerate(record.nodes):
        parent = raw.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise OrgFileError(
                source,
                f"'parent' must be a node id or null, found {short(parent)}",
                at(_node_place(record.nodes, i, "parent")),
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
        raise OrgFileError(source, _problem(exc, field), at(_node_place(record.nodes, index, field))) from None
    try:
        links = _validate_each(_LINKS, _LINK, record.links)
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        raise OrgFileError(
            source, explain_validation(exc).split(": ", 1)[-1], at(f"links[{loc[0] if loc else 0}]")
        ) from None
    try:
        return Organization.from_flat(
            record.name, stage, [FlatNode(n, p) for n, p in zip(nodes, parents, strict=True)], links
        )
    except ModelError as exc:
        problem = exc.problem
        if record.label is not None and exc.field == "name":
            problem = problem.replace("organisation name", "scenario name")
        raise OrgFileError(source, problem, at(exc.place or None)) from None


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
        return f"kind must be 'unit' or 'team', found {short(err['input'].get('kind'))}"
    if err["type"] == "union_tag_not_found":
        return "the node has no 'kind' ('unit' or 'team')"
    msg = str(err["msg"])
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


def _node_place(nodes: list[dict[str, Any]], index: int, field: str | None) -> str:
    nid = nodes[index].get("id") if index < len(nodes) else None
    where = f"node {shown(nid)}" if isinstance(nid, str) and len(nid) <= 64 else f"nodes[{index}]"
    return f"{where}, field {shown(field)}" if field else where


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
        "version": SINGLE_ORG_VERSION,
        "name": org.name,
        "target_stage": org.target_stage,
        "nodes": [node_record(f.node, f.parent) for f in org.flat()],
        "links": [{"source": lk.source, "target": lk.target, "kind": lk.kind.value} for lk in org.links],
    }


def dumps_org(org: Organization) -> str:
    """The file's text (version 1): one node and one link per line, so that diffs stay readable."""
    return "".join(_top_text(org_to_dict(org))) + "\n}\n"


def _top_text(d: dict[str, Any]) -> list[str]:
    head = ", ".join(f"{_one(k)}: {_one(d[k])}" for k in ("format", "version", "name", "target_stage"))
    return [
        "{" + head + ",\n",
        ' "nodes": [' + _lines(d["nodes"], "  ", " ") + "],\n",
        ' "links": [' + _lines(d["links"], "  ", " ") + "]",
    ]


def write_org(org: Organization, path: str | os.PathLike[str]) -> None:
    """Save one org atomically, as version 1: the file on disk is always the old version or
    the new one. A chart that would make a file orgdesigner refuses to open is not written
    (``OrgFileError``)."""
    write_atomic(path, encode_text(dumps_org(org), path))


def chart_to_dict(chart: ScenarioSet) -> dict[str, Any]:
    """The whole chart as the file stores it (version 1 when it has no scenarios)."""
    d = org_to_dict(chart.baseline)
    if len(chart):
        d["version"] = VERSION
        d["scenarios"] = [_scenario_dict(org) for org in chart]
    return d


def _scenario_dict(org: Organization) -> dict[str, Any]:
    d = org_to_dict(org)
    return {k: d[k] for k in ("name", "target_stage", "nodes", "links")}


def dumps_chart(chart: ScenarioSet) -> str:
    """The file's text: exactly :func:`dumps_org` of the baseline when there are no
    scenarios, else version 2 with each scenario's nodes and links one per line too."""
    problem = chart.problem()
    if problem is not None:
        raise ValueError(f"the chart's scenarios break a rule: {problem}")
    if not len(chart):
        return dumps_org(chart.baseline)
    d = org_to_dict(chart.baseline)
    d["version"] = VERSION
    scenarios = ",\n".join(_scenario_text(org) for org in chart)
    return "".join(_top_text(d)) + ',\n "scenarios": [\n' + scenarios + "\n ]\n}\n"


def _scenario_text(org: Organization) -> str:
    d = _scenario_dict(org)
    head = ", ".join(f"{_one(k)}: {_one(d[k])}" for k in ("name", "target_stage"))
    return (
        "  {" + head + ",\n"
        + '   "nodes": [' + _lines(d["nodes"], "    ", "   ") + "],\n"
        + '   "links": [' + _lines(d["links"], "    ", "   ") + "]}"
    )  # fmt: skip


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _lines(items: list[Any], indent: str, close: str) -> str:
    return ("\n" + indent + (",\n" + indent).join(_one(x) for x in items) + "\n" + close) if items else ""


def write_chart(chart: ScenarioSet, path: str | os.PathLike[str]) -> None:
    """Save the whole chart atomically (version 1 when it has no scenarios); refused, with
    nothing written, when the file would be one orgdesigner refuses to open."""
    write_atomic(path, encode_chart(chart, path))


def encode_chart(chart: ScenarioSet, path: str | os.PathLike[str]) -> bytes:
    """The file's bytes for the whole chart, when orgdesigner could open the file they make;
    else :class:`OrgFileError` naming ``path``."""
    return encode_text(dumps_chart(chart), path)


def encode_org(org: Organization, path: str | os.PathLike[str]) -> bytes:
    """The bytes of a version-1 file of ``org``, when orgdesigner could open it (else
    :class:`OrgFileError` naming ``path``), so that nothing is written that would be refused."""
    return encode_text(dumps_org(org), path)


def encode_text(text: str, path: str | os.PathLike[str]) -> bytes:
    """``text`` as UTF-8, or :class:`OrgFileError` when reading it back would be refused."""
    data = text.encode("utf-8")
    problem = unreadable_because(text, len(data))
    if problem:
        raise OrgFileError(str(path), f"not written: {problem}")
    return data


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
