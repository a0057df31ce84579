"""A comparison as JSON, with the keys documented in the README: ``changes``, ``findings``
and ``metrics`` (stable for tools)."""

from __future__ import annotations

import json
from typing import Any

from orgdesigner.analysis.compare import Comparison, Metric
from orgdesigner.export.report_json import finding_dict
from orgdesigner.model import Link


def _metric(m: Metric) -> dict[str, Any]:
    return {"base": m.base, "other": m.other, "delta": m.delta}


def _link(lk: Link) -> dict[str, str]:
    return {"source": lk.source, "target": lk.target, "kind": lk.kind.value}


def metrics_dict(c: Comparison) -> dict[str, Any]:
    """Every key figure as ``{"base", "other", "delta"}`` (per step and per structure nested)."""
    out: dict[str, Any] = {}
    for key, value in c.metrics().items():
        out[key] = {k: _metric(v) for k, v in value.items()} if isinstance(value, dict) else _metric(value)
    return out


def comparison_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as plain data."""
    ch = c.changes
    return {
        "changes": {
            "added": [{"node": a.node, "kind": a.kind, "name": a.name, "parent": a.parent} for a in ch.added],
            "removed": [{"node": r.node, "kind": r.kind, "name": r.name, "parent": r.parent} for r in ch.removed],
            "moved": [
                {"node": m.node, "name": m.name, "old_parent": m.old_parent, "new_parent": m.new_parent}
                for m in ch.moved
            ],
            "renamed": [{"node": r.node, "old": r.old, "new": r.new} for r in ch.renamed],
            "fields": [
                {"node": f.node, "name": f.name, "field": f.field, "base": f.base, "other": f.other} for f in ch.fields
            ],
            "links_added": [_link(lk) for lk in ch.links_added],
            "links_removed": [_link(lk) for lk in ch.links_removed],
        },
        "findings": {
            "new": [finding_dict(f) for f in c.new],
            "resolved": [finding_dict(f) for f in c.resolved],
        },
        "metrics": metrics_dict(c),
    }


def comparison_json(c: Comparison, indent: int | None = 2) -> str:
    """The comparison as JSON text (UTF-8, no ASCII escaping)."""
    return json.dumps(comparison_dict(c), indent=indent, ensure_ascii=False)
