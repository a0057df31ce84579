"""What every comparison writer shows, as plain unescaped strings (each writer escapes them for
its format): the one-sentence summary, the key-figure rows and the change lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.analysis.compare import Comparison, Metric
from orgdesigner.analysis.diff import FieldChange, OrgChanges
from orgdesigner.analysis.findings import Severity, plural
from orgdesigner.model import OrgTree, load_catalogue

CHANGES_SHOWN = 200
"""Text and Markdown list at most this many changes of each kind (JSON lists them all)."""

PLACE_FROM_TO = {
    "platform": "Platform",
    "data_ai": "Data & AI",
    "product": "Product",
    "cross_functional": "a cross-functional team",
    "mixed": "several structures",
}
PLACE_IN = {
    "platform": "under Platform",
    "data_ai": "in Data & AI",
    "product": "in Product",
    "cross_functional": "in a cross-functional team",
    "mixed": "across several structures",
}
PLACEMENT_LABELS = {
    "platform": "under Platform",
    "data_ai": "under Data & AI",
    "product": "in Product",
    "cross_functional": "cross-functional",
    "mixed": "split across structures",
    "none": "nobody does MLOps work",
}


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One row of the key-figures table: label, base value, other value, delta ("" if none)."""

    label: str
    base: str
    other: str
    delta: str


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One structural change: what kind (``added``, ``moved``...), a sentence about it, and the
    nodes it is about (the window selects them when the line is clicked)."""

    kind: str
    text: str
    nodes: tuple[str, ...] = ()


def mlops_change(base: str, other: str) -> str | None:
    """``moves MLOps from Data & AI to Platform``, or None when MLOps stays where it is."""
    if base == other:
        return None
    if other == "none":
        return "leaves nobody doing MLOps work"
    if base == "none":
        return f"puts MLOps {PLACE_IN[other]}"
    return f"moves MLOps from {PLACE_FROM_TO[base]} to {PLACE_FROM_TO[other]}"


def _signed(metric: Metric, up: str, down: str, unit: str, many: str | None = None) -> str | None:
    if not metric.delta:
        return None
    n = abs(metric.delta)
    return (up if metric.delta > 0 else down).format(what=plural(n, unit, many))


def sentence(c: Comparison) -> str:
    """The comparison in a sentence a pull request comment starts with: "This change moves
    MLOps from Data & AI to Platform, adds 2 reporting lines to the ML project and resolves 1
    gap." Only what changes is said."""
    m = c.metrics()
    parts: list[str] = []
    mlops = mlops_change(c.base.mlops.value, c.other.mlops.value)
    if mlops:
        parts.append(mlops)
    stage = m["stage"]
    if stage.delta:
        verb = "raises" if stage.delta > 0 else "lowers"
        parts.append(f"{verb} the maturity stage from {stage.base} to {stage.other}")
    lost, gained = _owner_changes(c)
    if lost or gained:
        # The totals count the hand-offs of owned steps only: a step that loses its owner takes
        # its lines off the total, which is no improvement, so the steps are said instead.
        if lost:
            parts.append(f"leaves {_steps(lost)} of the ML project without an owner")
        if gained:
            parts.append(f"gives {_steps(gained)} of the ML project an owner")
    else:
        lines = _signed(
            m["total_distance"], "adds {what} to the ML project", "takes {what} off the ML project", "reporting line"
        )
        if lines:
            parts.append(lines)
    gaps_new, gaps_gone = c.new_of("coverage.gap"), c.resolved_of("coverage.gap")
    if gaps_new:
        parts.append(f"opens {plural(gaps_new, 'gap')}")
    if gaps_gone:
        parts.append(f"resolves {plural(gaps_gone, 'gap')}")
    for severity in (Severity.ERROR, Severity.WARNING):
        unit = severity.value if severity is Severity.WARNING or not (gaps_new or gaps_gone) else "other error"
        new = sum(1 for f in c.new if f.severity is severity and f.code != "coverage.gap")
        gone = sum(1 for f in c.resolved if f.severity is severity and f.code != "coverage.gap")
        if new:
            parts.append(f"adds {plural(new, unit)}")
        if gone:
            parts.append(f"resolves {plural(gone, unit)}")
    if not parts:
        if c.changes:
            return f"This change {structure_summary(c.changes)}, but moves no key figure and no error or warning."
        return "This change changes nothing: the two charts are the same, node for node."
    if len(parts) == 1:
        return f"This change {parts[0]}."
    return f"This change {', '.join(parts[:-1])} and {parts[-1]}."


def _owner_changes(c: Comparison) -> tuple[list[int], list[int]]:
    """The steps of the ML project (after step 1, which the top owns) that have an owner in
    the base and none in the other org, and the other way round."""
    flow = load_catalogue().flow
    pairs = list(zip(flow, c.base.step_distances, c.other.step_distances, strict=True))[1:]
    lost = [s.step for s, b, o in pairs if b is not None and o is None]
    gained = [s.step for s, b, o in pairs if b is None and o is not None]
    return lost, gained


def _steps(numbers: list[int]) -> str:
    """``step 7 (DevOps / SRE)``, ``steps 3 (Data Engineering) and 7 (DevOps / SRE)``."""
    names = {s.step: s.name for s in load_catalogue().flow}
    each = [f"{n} ({names[n]})" for n in numbers]
    listed = each[0] if len(each) == 1 else f"{', '.join(each[:-1])} and {each[-1]}"
    return f"{'step' if len(each) == 1 else 'steps'} {listed}"


def structure_summary(ch: OrgChanges) -> str:
    """``adds 1 team, moves 3 nodes and removes 2 dotted lines``: the changes counted."""
    parts = []
    for verb, items in (("adds", ch.added), ("removes", ch.removed)):
        if items:
            kinds = {i.kind for i in items}
            noun = "team" if kinds == {"team"} else "unit" if kinds == {"unit"} else "node"
            parts.append(f"{verb} {plural(len(items), noun)}")
    if ch.moved:
        parts.append(f"moves {plural(len(ch.moved), 'node')}")
    if ch.renamed:
        parts.append(f"renames {plural(len(ch.renamed), 'node')}")
    if ch.fields:
        parts.append(f"changes {plural(len(ch.fields), 'field')}")
    if ch.links_added:
        parts.append(f"adds {plural(len(ch.links_added), 'dotted line')}")
    if ch.links_removed:
        parts.append(f"removes {plural(len(ch.links_removed), 'dotted line')}")
    if not parts:
        return "changes nothing in the structure"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _hop(v: object) -> str:
    return "no owner" if v is None else str(v)


def _delta(metric: Metric) -> str:
    if metric.delta is None:
        return "" if metric.base == metric.other else "changed"
    return f"{metric.delta:+d}" if metric.delta else "0"


def figure_rows(c: Comparison, base_org: OrgTree, other_org: OrgTree) -> list[FigureRow]:
    """The key figures side by side, one row each, in reading order."""
    m = c.metrics()
    cat = load_catalogue()
    rows = [
        FigureRow(
            "Maturity stage",
            f"{c.base.stage} ({c.base.stage_name})",
            f"{c.other.stage} ({c.other.stage_name})",
            _delta(m["stage"]),
        ),
        FigureRow(
            "Where MLOps sits",
            PLACEMENT_LABELS[c.base.mlops.value],
            PLACEMENT_LABELS[c.other.mlops.value],
            _delta(m["mlops_structure"]),
        ),
        FigureRow("Coverage gaps", str(c.base.gaps), str(c.other.gaps), _delta(m["gaps"])),
        FigureRow("Errors", str(c.base.errors), str(c.other.errors), _delta(m["errors"])),
        FigureRow("Warnings", str(c.base.warnings), str(c.other.warnings), _delta(m["warnings"])),
        FigureRow(
            "Reporting lines crossed by the ML project",
            str(c.base.total_distance),
            str(c.other.total_distance),
            _delta(m["total_distance"]),
        ),
    ]
    for step in cat.flow[1:]:
        metric = m["step_distance"][str(step.step)]
        rows.append(
            FigureRow(f"  step {step.step}, to {step.name}", _hop(metric.base), _hop(metric.other), _delta(metric))
        )
    for key, metric in m["headcount"].items():
        rows.append(
            FigureRow(f"Headcount, {cat.structure(key).name}", str(metric.base), str(metric.other), _delta(metric))
        )
    rows.append(
        FigureRow(
            "Widest span",
            _span(c.base.max_span, c.base.widest, base_org),
            _span(c.other.max_span, c.other.widest, other_org),
            _delta(m["max_span"]),
        )
    )
    return rows


def _span(span: int, node: str | None, org: OrgTree) -> str:
    if node is None:
        return "-"
    found = org.get(node)
    return f"{span} ({found.name if found is not None else node})"


def _name(org: OrgTree, node_id: str | None) -> str:
    if node_id is None:
        return "nothing (the top)"
    node = org.get(node_id)
    return node_id if node is None else node.name


def change_lines(
    ch: OrgChanges, base: OrgTree, other: OrgTree, limit: int = CHANGES_SHOWN, ids: bool = True
) -> list[ChangeLine]:
    """Each change as a sentence, at most ``limit`` of each kind (then how many more); ``ids``
    adds each node's id after its name."""
    out: list[ChangeLine] = []

    def emit(kind: str, lines: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        out.extend(ChangeLine(kind, text, nodes) for text, nodes in lines[:limit])
        if len(lines) > limit:
            out.append(ChangeLine(kind, f"and {len(lines) - limit:,} more"))

    def who(name: str, node: str) -> str:
        return f"{name} ({node})" if ids else name

    emit("added", [(f"{a.kind} {who(a.name, a.node)} under {_name(other, a.parent)}", (a.node,)) for a in ch.added])
    emit(
        "removed",
        [(f"{r.kind} {who(r.name, r.node)} from under {_name(base, r.parent)}", (r.node,)) for r in ch.removed],
    )
    emit(
        "moved",
        [
            (f"{who(m.name, m.node)}: from {_name(base, m.old_parent)} to {_name(other, m.new_parent)}", (m.node,))
            for m in ch.moved
        ],
    )
    emit("renamed", [(f"{who(r.old, r.node)} is now {r.new}", (r.node,)) for r in ch.renamed])

    def field_line(f: FieldChange) -> tuple[str, tuple[str, ...]]:
        subject = "the org" if f.node is None else who(f.name, f.node)
        return f"{subject}: {f.field} {_field(f.base)} → {_field(f.other)}", () if f.node is None else (f.node,)

    emit("changed", [field_line(f) for f in ch.fields])
    emit(
        "linked",
        [
            (f"{_name(other, lk.source)} now serves {_name(other, lk.target)}", (lk.source, lk.target))
            for lk in ch.links_added
        ],
    )
    emit(
        "unlinked",
        [
            (f"{_name(base, lk.source)} no longer serves {_name(base, lk.target)}", (lk.source, lk.target))
            for lk in ch.links_removed
        ],
    )
    return out


def _field(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
