"""``explore`` as JSON, with the keys documented in the README: ``priority``, ``current`` and
``options`` (stable for tools)."""

from __future__ import annotations

import json
from typing import Any

from orgdesigner.analysis.alternatives import Move
from orgdesigner.analysis.explore import Exploration, Measured


def measured_dict(m: Measured) -> dict[str, Any]:
    """The figures of one org: the keys ``current`` and every option share."""
    f = m.figures
    return {
        "placement": f.mlops.value,
        "stage": f.stage,
        "gaps": f.gaps,
        "errors": f.errors,
        "warnings": f.warnings,
        "total_distance": f.total_distance,
        "worst_hop": None if f.worst_hop is None else {"step": f.worst_hop[0], "distance": f.worst_hop[1]},
        "max_span": f.max_span,
        "mlops_to_devops": m.mlops_to_devops,
        "science_to_mlops": m.science_to_mlops,
        "served": m.served,
        "consumers": m.consumers,
        "focus": m.focus,
        "strengths": list(m.strengths),
        "risks": list(m.risks),
    }


def move_dict(move: Move) -> dict[str, Any]:
    """One move by node id: ``action`` and what it needs."""
    out: dict[str, Any] = {"action": move.action, "node": move.node, "name": move.name}
    if move.action == "create":
        out.update(kind=move.kind, parent=move.parent)
    elif move.action == "move":
        out.update({"from": move.old_parent, "to": move.parent})
    else:
        out["target"] = move.target
    return out


def exploration_dict(e: Exploration, files: dict[str, str] | None = None) -> dict[str, Any]:
    """The exploration as plain data; ``files`` maps placements to the files written for them."""
    options = []
    for o in e.options:
        d = measured_dict(o.measured)
        d = {
            "placement": o.placement.value,
            "title": o.alternative.title,
            "mlops_structure": d.pop("placement"),
            **d,
            "rank": o.rank,
            "why": o.why,
            "moves": [move_dict(m) for m in o.moves],
            "file": (files or {}).get(o.placement.value),
        }
        options.append(d)
    return {"priority": e.priority.name, "current": measured_dict(e.current), "options": options}


def exploration_json(e: Exploration, files: dict[str, str] | None = None) -> str:
    """The exploration as JSON text."""
    return json.dumps(exploration_dict(e, files), indent=2, ensure_ascii=False)
