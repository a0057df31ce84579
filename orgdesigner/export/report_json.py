"""The report as JSON, with the keys documented in the README (stable for tools)."""

from __future__ import annotations

import json
from typing import Any

from orgdesigner.analysis import Finding, Report


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: ``summary``, ``coverage``, ``dependencies``,
    ``mlops_structure``, ``maturity``, ``handoffs``, ``span``, ``suggestions``, ``findings``."""
    s = report.summary
    cov = report.coverage
    p = report.placement
    m = report.maturity
    h = report.handoffs
    st = report.structure
    return {
        "summary": {
            "name": s.name,
            "target_stage": s.target_stage,
            "stage": s.stage,
            "stage_name": s.stage_name,
            "mlops_structure": s.mlops_structure.value,
            "units": s.units,
            "teams": s.teams,
            "links": s.links,
            "headcount": s.headcount,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
        },
        "coverage": {
            "owners": {rid: list(ids) for rid, ids in cov.owners.items()},
            "gaps": list(cov.gaps),
            "overlaps": [
                {
                    "responsibility": o.responsibility,
                    "owners": list(o.owners),
                    "structures": [x.value for x in o.structures],
                }
                for o in cov.overlaps
            ],
            "unowned": list(cov.unowned),
            "required": {
                rid: {"stage": r.stage, "disciplines": [d.value for d in r.disciplines]}
                for rid, r in cov.required.items()
            },
        },
        "dependencies": [
            {
                "provider": d.provider.value,
                "consumer": d.consumer.value,
                "kind": d.kind,
                "via": list(d.via),
                "from_stage": d.from_stage,
                "provides": d.provides,
                "status": d.status.value,
                "providers": list(d.providers),
                "consumers": list(d.consumers),
            }
            for d in report.dependencies
        ],
        "mlops_structure": {
            "kind": p.kind.value,
            "name": p.name,
            "focus": p.focus,
            "strengths": list(p.strengths),
            "risks": list(p.risks),
            "teams": [
                {
                    "team": t.team,
                    "kind": t.kind.value,
                    "unit": t.unit,
                    "serves": [x.value for x in t.serves],
                    "reason": t.reason,
                    "owns": list(t.owns),
                }
                for t in p.teams
            ],
        },
        "maturity": {
            "stage": m.stage,
            "name": m.name,
            "target_stage": m.target_stage,
            "gap": m.gap,
            "floor_met": m.floor_met,
            "evidence": [
                {
                    "stage": e.stage,
                    "name": e.name,
                    "requirements": [
                        {"responsibility": r.responsibility, "title": r.title, "owners": list(r.owners)}
                        for r in e.requirements
                    ],
                }
                for e in m.evidence
            ],
            "next": None
            if m.next is None
            else {
                "stage": m.next.stage,
                "name": m.next.name,
                "missing": [{"responsibility": rid, "title": title} for rid, title in m.next.missing],
            },
        },
        "handoffs": {
            "steps": [
                {
                    "step": x.step,
                    "name": x.name,
                    "responsibility": x.responsibility,
                    "owner": x.owner,
                    "distance": x.distance,
                    "candidates": x.candidates,
                }
                for x in h.steps
            ],
            "total_distance": h.total_distance,
            "unowned": list(h.unowned),
        },
        "span": {
            "max_span": st.max_span,
            "widest": None
            if st.widest is None
            else {"node": st.widest.node, "direct_reports": st.widest.direct_reports},
            "over_limit": [{"node": x.node, "direct_reports": x.direct_reports} for x in st.over_span],
            "total_headcount": st.total_headcount,
            "headcount": dict(st.headcount),
            "empty_units": list(st.empty_units),
            "teams_without_headcount": list(st.teams_without_headcount),
        },
        "suggestions": [
            {
                "discipline": x.discipline.value,
                "name": x.name,
                "gaps": list(x.gaps),
                "needed_by": list(x.needed_by),
                "options": [
                    {
                        "from": o.source.value,
                        "teams": list(o.teams),
                        "knows": list(o.knows),
                        "learn": list(o.learn),
                        "note": o.note,
                    }
                    for o in x.options
                ],
            }
            for x in report.suggestions
        ],
        "findings": [finding_dict(f) for f in report.findings],
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as ``check``'s JSON holds it: ``severity``, ``code``, ``message``,
    ``nodes``, ``about``."""
    return {
        "severity": f.severity.value,
        "code": f.code,
        "message": f.message,
        "nodes": list(f.nodes),
        "about": f.about,
    }


def report_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8, no ASCII escaping)."""
    return json.dumps(report_dict(report), indent=indent, ensure_ascii=False)
