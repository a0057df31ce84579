"""The catalogue as text for a terminal, and as the documented JSON."""

from __future__ import annotations

from typing import Any

from orgdesigner.model import Catalogue


def catalogue_json(cat: Catalogue) -> dict[str, Any]:
    """The catalogue's documented JSON shape."""
    dump = cat.model_dump(mode="json")
    return {
        "disciplines": dump["disciplines"],
        "responsibilities": dump["responsibilities"],
        "relationships": dump["relationships"],
        "stages": dump["stages"],
        "flow": dump["flow"],
        "career_paths": dump["career_paths"],
        "placements": dump["placements"],
        "structures": dump["structures"],
        "notes": {
            "typical_range": cat.typical_range,
            "flow": cat.flow_note,
            "placement": cat.placement_note,
            "bridge": cat.summary.bridge,
            "intersection": list(cat.summary.intersection),
        },
    }


def catalogue_text(cat: Catalogue) -> str:
    """The catalogue, readable in a terminal."""
    out: list[str] = []
    add = out.append
    title = {r.id: r.title for r in cat.responsibilities}
    add("DISCIPLINES\n")
    for d in cat.disciplines:
        add(f"\n{d.name} [{d.id}, {d.short}]\n  {d.summary}\n")
        add("  owns by default:" + ("\n" if d.responsibilities else " nothing\n"))
        for rid in d.responsibilities:
            home = cat.responsibility(rid).discipline
            shared = "" if home == d.id else f"  (shared; belongs to {cat.discipline(home).name})"
            add(f"    - {title[rid]} [{rid}]{shared}\n")
        add(f"  tools: {', '.join(d.tools)}\n")
        rels = [r for r in cat.relationships if d.id in (r.provider, r.consumer)]
        for rel in rels:
            if rel.provider == d.id:
                add(f"  provides {cat.discipline(rel.consumer).name}: {rel.provides}\n")
            else:
                add(f"  relies on {cat.discipline(rel.provider).name}: {rel.provides}\n")
    unowned = [r for r in cat.responsibilities if not any(r.id in d.responsibilities for d in cat.disciplines)]
    if unowned:
        add("\nCapabilities no discipline owns by default (a team must claim them):\n")
        for r in unowned:
            add(f"  - {r.title} [{r.id}], belongs to {cat.discipline(r.discipline).name}\n")
    add("\nMATURITY STAGES\n")
    for s in cat.stages:
        add(f"\n{s.stage}. {s.name}\n")
        for m in s.markers:
            add(f"   * {m}\n")
        add(f"   needs owned: {', '.join(s.requires)}\n")
    add(f"\n{cat.typical_range}\n")
    add("\nML PROJECT FLOW\n\n")
    for f in cat.flow:
        who = "the top of the org" if f.owner == "root" else f"owner of {f.responsibility}"
        add(f"{f.step}. {f.name}: {f.action} ({who})\n")
    add(f"{cat.flow_note}\n")
    add("\nCAREER PATHS\n\n")
    for p in cat.career_paths:
        add(f"{cat.discipline(p.source).name} -> {cat.discipline(p.target).name}: {p.note}\n")
        add(f"   knows: {', '.join(p.knows)}\n   learns: {', '.join(p.learn)}\n")
    add("\nWHERE MLOPS CAN SIT\n\n")
    for pl in cat.placements:
        add(f"{pl.name} [{pl.kind}]: focus {pl.focus}\n")
        for s_ in pl.strengths:
            add(f"   + {s_}\n")
        for r_ in pl.risks:
            add(f"   - {r_}\n")
    add(f"{cat.placement_note}\n{cat.summary.bridge}\n")
    return "".join(out)
