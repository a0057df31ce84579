"""Writing an org as a Backstage catalog: one ``Group`` entity per node, in tree order, as
multi-document YAML that ``orgdesigner import`` reads back into the same org.

Each group's ``metadata.name`` is the node's id when Backstage accepts it as a name (letters
and digits joined by single ``-``, ``_`` or ``.``, at most 63, unique ignoring case), else a
slug of it, with the id kept in the ``orgdesigner/id`` annotation; its ``spec.profile.displayName``
is the node's name, ``metadata.description`` its notes; ``spec.type`` is ``organization`` for
the root, ``department`` for another unit and ``team`` for a team; ``spec.parent`` and
``spec.children`` give the tree (children in order). Everything else is an ``orgdesigner/``
annotation (:mod:`~orgdesigner.io.backstage_catalog`). No ``User`` entity is written: the
people are not in the org, their number is (``orgdesigner/headcount``).
"""

from __future__ import annotations

from typing import Any

import yaml

from orgdesigner.io import backstage_catalog as bc
from orgdesigner.io.csv_write import serves_cells
from orgdesigner.model import Organization, Team, Unit

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def backstage_names(org: Organization) -> dict[str, str]:
    """Each node id's Backstage name: the id itself when valid and not yet taken (ignoring
    case), else a unique slug of it."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    pending = []
    for node_id in org.iter_preorder():
        if bc.valid_name(node_id) and node_id.casefold() not in taken:
            out[node_id] = node_id
            taken.add(node_id.casefold())
        else:
            pending.append(node_id)
    for node_id in pending:
        base = "-".join(part for part in _parts(node_id) if part)[: bc.NAME_MAX - 8] or "node"
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}-{n}", n + 1
        out[node_id] = name
        taken.add(name.casefold())
    return out


def _parts(node_id: str) -> list[str]:
    out, current = [], []
    for ch in node_id:
        if ch.isascii() and ch.isalnum():
            current.append(ch)
        else:
            out.append("".join(current))
            current = []
    out.append("".join(current))
    return out


def catalog_entities(org: Organization) -> list[dict[str, Any]]:
    """The org's groups, as the dictionaries the YAML is written from."""
    names = backstage_names(org)
    serves = serves_cells(org)
    root = org.root
    entities = []
    for node_id in org.iter_preorder():
        node = org.node(node_id)
        annotations: dict[str, str] = {bc.KIND: node.kind}
        if names[node_id] != node_id:
            annotations[bc.NODE_ID] = node_id
        if isinstance(node, Team):
            annotations[bc.DISCIPLINE] = node.discipline.value
            annotations[bc.HEADCOUNT] = str(node.headcount)
            if node.responsibilities is not None:
                annotations[bc.RESPONSIBILITIES] = " ".join(node.responsibilities)
        if isinstance(node, Unit):
            annotations[bc.STRUCTURE] = node.structure.value
        if node.lead is not None:
            annotations[bc.LEAD] = node.lead
        if node_id in serves:
            annotations[bc.SERVES] = serves[node_id]
        if node_id == root:
            annotations[bc.ORG_NAME] = org.name
            annotations[bc.TARGET_STAGE] = str(org.target_stage)
        metadata: dict[str, Any] = {"name": names[node_id]}
        if node.notes is not None:
            metadata["description"] = node.notes
        metadata["annotations"] = annotations
        spec: dict[str, Any] = {
            "type": "organization" if node_id == root else ("team" if isinstance(node, Team) else "department"),
            "profile": {"displayName": node.name},
        }
        parent = org.parent(node_id)
        if parent is not None:
            spec["parent"] = names[parent]
        spec["children"] = [names[c] for c in org.children(node_id)]
        entities.append({"apiVersion": bc.API_VERSION, "kind": "Group", "metadata": metadata, "spec": spec})
    return entities


HEADER = (
    "# A Backstage catalog written by orgdesigner: one Group per node of the org. What Backstage\n"
    "# has no field for travels in the orgdesigner/ annotations; `orgdesigner import` reads it back.\n"
)


def backstage_text(org: Organization) -> str:
    """The catalog's YAML text."""
    body = yaml.dump_all(
        catalog_entities(org),
        Dumper=_DUMPER,
        explicit_start=True,
        allow_unicode=True,
        sort_keys=False,
        width=1 << 20,
        default_flow_style=False,
    )
    return HEADER + body


def backstage_bytes(org: Organization) -> bytes:
    """The catalog as UTF-8 bytes (a ``.yaml`` file)."""
    return backstage_text(org).encode("utf-8")
