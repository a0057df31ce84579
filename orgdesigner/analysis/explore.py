"""Where should MLOps sit? The current org and one alternative per placement, each analysed as
``check`` analyses a file, measured, and ranked under a priority the user picks.

No placement wins by fiat (the seed: it depends on what the company needs). Each priority
names the measured figure it ranks by first; ties on it fall to the same tail for every
priority (fewer errors, fewer gaps, fewer warnings, a higher stage, fewer reporting lines), and
options equal on every figure share a rank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgdesigner.analysis.alternatives import Alternative, Move, build_alternatives, consuming_teams
from orgdesigner.analysis.figures import KeyFigures, key_figures
from orgdesigner.analysis.findings import plural
from orgdesigner.analysis.graph import OrgIndex, build_index
from orgdesigner.analysis.mlops_placement import MlopsPlacement
from orgdesigner.analysis.report import AnalysisOptions, Report, analyse
from orgdesigner.model import Discipline, OrgTree

_INF = float("inf")


@dataclass(frozen=True, slots=True)
class Priority:
    """What matters most: its ``name`` (the ``--priority`` value), a ``label`` for sentences
    and what it ranks by."""

    name: str
    label: str
    ranks_by: str


PRIORITIES = {
    p.name: p
    for p in (
        Priority("balanced", "a balanced org", "fewest errors, then gaps, then warnings, then reporting lines"),
        Priority(
            "reliability",
            "infrastructure reliability",
            "fewest reporting lines between the MLOps step and the DevOps / SRE step of the ML project",
        ),
        Priority(
            "velocity",
            "data-science velocity",
            "fewest reporting lines from the data science step to the MLOps step of the ML project",
        ),
        Priority(
            "many-products",
            "serving many product teams",
            "most teams consuming MLOps work (data science, software and AI engineering) that the MLOps work "
            "reaches, by a dotted line or within its own top-level structure",
        ),
        Priority("fewest-handoffs", "fewest hand-offs", "fewest reporting lines crossed by the ML project in all"),
    )
}
DEFAULT_PRIORITY = "balanced"


@dataclass(frozen=True, slots=True)
class Measured:
    """An org measured for the choice: its key figures, its report, the catalogue's focus,
    strengths and risks for its placement, and the figures the priorities rank by:
    ``mlops_to_devops`` (the hand-off from the MLOps step to the DevOps / SRE step),
    ``science_to_mlops`` (from the data science step to the MLOps step; None when a step
    has no owner), ``served`` of ``consumers`` (teams consuming MLOps work that it reaches)."""

    figures: KeyFigures
    report: Report
    focus: str
    strengths: tuple[str, ...]
    risks: tuple[str, ...]
    mlops_to_devops: int | None
    science_to_mlops: int | None
    served: int
    consumers: int


@dataclass(frozen=True, slots=True)
class Option:
    """One alternative measured and ranked: ``rank`` (1 is best; equal options share a rank)
    and ``why``, one sentence."""

    alternative: Alternative
    measured: Measured
    rank: int
    why: str

    @property
    def placement(self) -> MlopsPlacement:
        """The placement the alternative was built for."""
        return self.alternative.placement

    @property
    def moves(self) -> tuple[Move, ...]:
        """What was moved or created, by node id."""
        return self.alternative.moves


@dataclass(frozen=True, slots=True)
class Exploration:
    """The current org measured, the options in placement order, and the priority they were
    ranked under."""

    current: Measured
    options: tuple[Option, ...]
    priority: Priority


def measure(org: OrgTree, options: AnalysisOptions | None = None, report: Report | None = None) -> Measured:
    """Analyse ``org`` as ``check`` does and measure what the priorities rank by."""
    index = build_index(org)
    report = report or analyse(org, options, index)
    figures = key_figures(org, report)
    steps = {s.step: s for s in report.handoffs.steps}
    hop = steps[7].distance if steps[6].owner is not None else None
    science: int | None = None
    if steps[4].owner is not None and steps[6].owner is not None:
        science = sum(steps[k].distance or 0 for k in (5, 6))
    served, consumers = _reach(index)
    p = report.placement
    return Measured(figures, report, p.focus, p.strengths, p.risks, hop, science, served, consumers)


def _reach(index: OrgIndex) -> tuple[int, int]:
    """How many teams consuming MLOps work the MLOps work reaches (by a dotted line to them or
    to a unit above them, or in the same top-level unit as a team doing MLOps work), and how
    many there are."""
    workers = set(index.doing(Discipline.MLOPS))
    consumers = consuming_teams(index, workers)
    if not consumers or not workers:
        return 0, len(consumers)
    tops = {index.top[w] for w in workers}
    targets = {index.pos[lk.target] for lk in index.org.links if index.pos[lk.source] in workers}
    reached = [False] * len(index)
    parent = index.parent
    for i in range(len(index)):
        reached[i] = i in targets or (i > 0 and reached[parent[i]])
    return sum(1 for t in consumers if reached[t] or (index.top[t] in tops and index.top[t] != 0)), len(consumers)


def _tail(m: Measured) -> tuple[float, ...]:
    f = m.figures
    return (f.errors, f.gaps, f.warnings, -f.stage, f.total_distance)


def _or_inf(value: int | None) -> float:
    return _INF if value is None else value


_KEYS: dict[str, Callable[[Measured], tuple[float, ...]]] = {
    "balanced": _tail,
    "reliability": lambda m: (_or_inf(m.mlops_to_devops), *_tail(m)),
    "velocity": lambda m: (_or_inf(m.science_to_mlops), *_tail(m)),
    "many-products": lambda m: (-m.served, *_tail(m)),
    "fewest-handoffs": lambda m: (m.figures.total_distance, *_tail(m)),
}


def explore(org: OrgTree, priority: str = DEFAULT_PRIORITY, options: AnalysisOptions | None = None) -> Exploration:
    """Measure ``org`` and its alternatives and rank the alternatives under ``priority``."""
    if priority not in PRIORITIES:
        raise ValueError(f"unknown priority {priority!r}; choose one of {', '.join(PRIORITIES)}")
    current = measure(org, options)
    alternatives = build_alternatives(org)
    measured = [measure(a.org, options) for a in alternatives]
    key = _KEYS[priority]
    keys = [key(m) for m in measured]
    ranks = [1 + sum(1 for other in keys if other < k) for k in keys]
    options_out = tuple(
        Option(a, m, r, why(priority, a, m, r, measured, alternatives))
        for a, m, r in zip(alternatives, measured, ranks, strict=True)
    )
    return Exploration(current, options_out, PRIORITIES[priority])


_LANDS = {
    MlopsPlacement.PLATFORM: "under Platform",
    MlopsPlacement.DATA_AI: "in Data & AI",
    MlopsPlacement.PRODUCT: "in Product",
    MlopsPlacement.CROSS_FUNCTIONAL: "as a cross-functional team",
    MlopsPlacement.MIXED: "split across structures",
    MlopsPlacement.NONE: "nowhere",
}
"""Where MLOps lands, in words for the sentence of an option that lands elsewhere."""


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _headline(priority: str, m: Measured) -> tuple[str, float | None]:
    """The priority's own figure in words, and the figure (None: it has no value)."""
    f = m.figures
    if priority == "reliability":
        if m.mlops_to_devops is None:
            return "no team owns the MLOps step or the DevOps / SRE step of the ML project", None
        return f"MLOps is {plural(m.mlops_to_devops, 'reporting line')} from DevOps / SRE", m.mlops_to_devops
    if priority == "velocity":
        if m.science_to_mlops is None:
            return "no team owns the data science step or the MLOps step of the ML project", None
        lines = plural(m.science_to_mlops, "reporting line")
        return f"models travel {lines} from data science to MLOps", m.science_to_mlops
    if priority == "many-products":
        return f"the MLOps work reaches {m.served} of the {m.consumers} teams that consume it", -m.served
    if priority == "fewest-handoffs":
        return f"the ML project crosses {plural(f.total_distance, 'reporting line')}", f.total_distance
    return (
        f"{plural(f.errors, 'error')}, {plural(f.gaps, 'gap')} and {plural(f.warnings, 'warning')}",
        None,
    )


def why(
    priority: str,
    alternative: Alternative,
    m: Measured,
    rank: int,
    everyone: list[Measured],
    alternatives: list[Alternative],
) -> str:
    """One sentence: the option's rank under the priority, its figure against the others', and
    what the tie-breaking figures are."""
    label = PRIORITIES[priority].label
    text, value = _headline(priority, m)
    note = ""
    if value is not None:
        values = [_headline(priority, o)[1] for o in everyone]
        best = min(v for v in values if v is not None)
        ties = [a.title for a, v in zip(alternatives, values, strict=True) if v == value and a is not alternative]
        leaders = [a.title for a, v in zip(alternatives, values, strict=True) if v == best]
        if value == best and not ties:
            note = ", the best of the options"
        elif value == best:
            note = f", as good as {_names(ties)}"
        else:
            gap = int(value - best)
            unit = "team" if priority == "many-products" else "reporting line"
            more = "fewer" if priority == "many-products" else "more"
            note = f", {plural(gap, unit)} {more} than {_names(leaders)}"
    f = m.figures
    tail = (
        f"{plural(f.errors, 'error')}, {plural(f.gaps, 'gap')}, {plural(f.warnings, 'warning')}, "
        f"stage {f.stage}, {plural(f.total_distance, 'reporting line')} in all"
    )
    placed = ""
    if f.mlops is not alternative.placement:
        placed = (
            f" (MLOps lands {_LANDS[f.mlops]}, not {_LANDS[alternative.placement]}: the top of the org does "
            "MLOps work itself, and the top cannot move)"
        )
    if priority == "balanced":
        lines = plural(f.total_distance, "reporting line")
        return f"{_ordinal(rank)} for {label}: {text}, stage {f.stage}, {lines} in all{placed}."
    return f"{_ordinal(rank)} for {label}: {text}{note}; {tail}{placed}."


def _names(titles: list[str]) -> str:
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"
