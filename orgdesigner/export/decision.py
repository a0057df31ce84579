"""The decision report's content, the same for HTML, Markdown and PDF (plain unescaped strings:
each writer escapes them): per scenario its chart, key figures and the placement's trade-offs;
then the comparison table, the changes from the first scenario to each other one, and the
findings each opens or closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from orgdesigner.analysis import AnalysisOptions, Report
from orgdesigner.analysis.compare import Comparison, compare_orgs
from orgdesigner.analysis.explore import Measured, measure
from orgdesigner.analysis.figures import KeyFigures
from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.export.compare_common import PLACEMENT_LABELS, ChangeLine, change_lines, sentence
from orgdesigner.layout import LayoutOptions, Placement, layout
from orgdesigner.model import BASELINE, Organization, ScenarioSet, load_catalogue

CARDS_SHOWN = 80
"""A chart with more nodes than this is drawn collapsed at the deepest level that keeps it
within this many cards (a leadership meeting reads structure, not every team)."""
CHANGES_SHOWN = 40
FINDINGS_SHOWN = 40


@dataclass(frozen=True)
class Part:
    """One scenario of the report: its ``label`` (``Baseline`` or its name), org, report, key
    figures and chart; ``collapsed_at`` is the depth the chart is collapsed at (None: whole)."""

    label: str
    org: Organization
    measured: Measured
    chart: Placement
    collapsed_at: int | None

    @property
    def report(self) -> Report:
        """The analysis of the part's org, as ``check`` gives it."""
        return self.measured.report

    @property
    def figures(self) -> KeyFigures:
        """The part's key figures."""
        return self.measured.figures


@dataclass(frozen=True)
class Step:
    """From the first scenario to another: the comparison and its words."""

    target: Part
    comparison: Comparison
    sentence: str
    changes: list[ChangeLine]


@dataclass(frozen=True)
class Decision:
    """The whole report: its ``title`` (the organisation's name), the parts in the order asked
    for, and one :class:`Step` from the first part to each other one."""

    title: str
    parts: tuple[Part, ...]
    steps: tuple[Step, ...]

    @property
    def reference(self) -> Part:
        """The part every other is compared with."""
        return self.parts[0]


def chart_depth(org: Organization, limit: int = CARDS_SHOWN) -> int | None:
    """The depth to collapse ``org``'s chart at so that it shows at most ``limit`` cards (at
    least the top and its reports), or None when the whole chart fits."""
    if len(org) <= limit:
        return None
    per_depth: list[int] = []
    depth: dict[str, int] = {}
    for nid in org.iter_preorder():
        parent = org.parent(nid)
        d = 0 if parent is None else depth[parent] + 1
        depth[nid] = d
        if d == len(per_depth):
            per_depth.append(0)
        per_depth[d] += 1
    shown, best = 0, 1
    for d, count in enumerate(per_depth):
        shown += count
        if shown > limit:
            break
        best = d
    return max(best, 1)


def build_decision(
    chart: ScenarioSet, names: Sequence[str] | None = None, options: AnalysisOptions | None = None
) -> Decision:
    """The report on the scenarios ``names`` of ``chart`` (default: the baseline and every
    scenario, in file order); ``KeyError`` names a scenario the chart does not have."""
    wanted = list(names) if names else [BASELINE, *chart.names()]
    parts: list[Part] = []
    for name in wanted:
        org = chart.get(name)
        if org is None:
            raise KeyError(name)
        depth = chart_depth(org)
        label = "Baseline" if org is chart.baseline else org.name
        placement = layout(org, LayoutOptions(collapse_depth=depth))
        parts.append(Part(label, org, measure(org, options), placement, depth))
    first = parts[0]
    steps = []
    for part in parts[1:]:
        c = compare_orgs(first.org, part.org, options, first.report, part.report)
        said = sentence(c).removeprefix("This change ")
        steps.append(
            Step(
                part,
                c,
                said[:1].upper() + said[1:],
                change_lines(c.changes, first.org, part.org, CHANGES_SHOWN, ids=False),
            )
        )
    return Decision(chart.baseline.name, tuple(parts), tuple(steps))


def figure_lines(part: Part) -> list[tuple[str, str]]:
    """A part's key figures, label and value."""
    f = part.figures
    hop = "-" if f.worst_hop is None else f"{f.worst_hop[1]} reporting lines, into step {f.worst_hop[0]}"
    widest = "-" if f.widest is None else f"{f.max_span} direct reports ({part.org.label(f.widest)})"
    return [
        ("Maturity stage", f"{f.stage} of 5, {f.stage_name} (target: stage {f.target_stage})"),
        ("Where MLOps sits", PLACEMENT_LABELS[f.mlops.value]),
        ("Coverage gaps", str(f.gaps)),
        ("Errors / warnings", f"{f.errors} / {f.warnings}"),
        ("Reporting lines crossed by the ML project", str(f.total_distance)),
        ("Worst hand-off", hop),
        ("Widest span", widest),
        ("People", f"{f.total_headcount:,}"),
    ]


def tradeoffs(part: Part) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """The placement's name, focus, strengths and risks (the catalogue's)."""
    p = part.report.placement
    return p.name, p.focus, p.strengths, p.risks


def chart_note(part: Part) -> str:
    """What the chart shows, when it does not show every card."""
    if part.collapsed_at is None:
        return ""
    hidden = len(part.org) - len(part.chart.order)
    return (
        f"The chart shows the top {part.collapsed_at + 1} levels; each card at the last of them stands for "
        f"what reports to it ({hidden:,} more nodes)."
    )


def comparison_rows(d: Decision) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The comparison table: a header (one column per part) and one row per key figure, short
    values."""
    header = ("", *(p.label for p in d.parts))

    def row(label: str, get: Callable[[Part], object]) -> tuple[str, ...]:
        return (label, *(str(get(p)) for p in d.parts))

    def lines(value: int | None) -> str:
        return "no owner" if value is None else str(value)

    def hop(p: Part) -> str:
        h = p.figures.worst_hop
        return "-" if h is None else f"{h[1]} (into step {h[0]})"

    def span(p: Part) -> str:
        f = p.figures
        return "-" if f.widest is None else f"{f.max_span} ({p.org.label(f.widest)})"

    rows = [
        row("Maturity stage", lambda p: f"{p.figures.stage} of 5 (target {p.figures.target_stage})"),
        row("Where MLOps sits", lambda p: PLACEMENT_LABELS[p.figures.mlops.value]),
        row("Coverage gaps", lambda p: p.figures.gaps),
        row("Errors", lambda p: p.figures.errors),
        row("Warnings", lambda p: p.figures.warnings),
        row("Reporting lines, ML project", lambda p: p.figures.total_distance),
        row("MLOps to DevOps / SRE", lambda p: lines(p.measured.mlops_to_devops)),
        row("Data science to MLOps", lambda p: lines(p.measured.science_to_mlops)),
        row("Teams consuming MLOps work reached", lambda p: f"{p.measured.served:,} of {p.measured.consumers:,}"),
        row("Worst hand-off", hop),
        row("Widest span", span),
        row("People", lambda p: f"{p.figures.total_headcount:,}"),
    ]
    for structure in _structures(d):
        name = load_catalogue().structure(structure).name
        rows.append(row(f"People in {name}", _people_in(structure)))
    return header, rows


def _people_in(structure: str) -> Callable[[Part], object]:
    return lambda p: f"{p.figures.headcount.get(structure, 0):,}"


def _structures(d: Decision) -> list[str]:
    from orgdesigner.analysis.figures import STRUCTURE_ORDER

    present = {k for p in d.parts for k in p.figures.headcount}
    return [k for k in STRUCTURE_ORDER if k in present]


def finding_groups(step: Step) -> list[tuple[str, list[Finding], int]]:
    """The findings a step opens and closes, errors first: (title, shown, how many in all)."""
    out = []
    for title, found in (("opens", step.comparison.new), ("closes", step.comparison.resolved)):
        ordered = sorted(found, key=lambda f: f.severity.rank)
        out.append((title, ordered[:FINDINGS_SHOWN], len(ordered)))
    return out


SEVERITY_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
