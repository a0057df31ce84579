"""The hand-off trace of the ML project flow: who owns each step, and how many reporting
lines each hand-off crosses, choosing the owners that make the whole trip shortest."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.graph import OrgIndex
from orgdesigner.model import Catalogue
from orgdesigner.model.catalogue import FlowStep

PRODUCTION_STAGE = 4
_INF = 1 << 60


@dataclass(frozen=True, slots=True)
class HandoffStep:
    """One step of the flow: its owner (None if nobody owns it), the reporting-line edges from
    the previous owner (None for the first owner and for unowned steps) and how many teams
    could have owned it."""

    step: int
    name: str
    responsibility: str | None
    owner: str | None
    distance: int | None
    candidates: int


@dataclass(frozen=True, slots=True)
class HandoffReport:
    """The trace: every step, the sum of the hand-off distances, and the unowned steps."""

    steps: tuple[HandoffStep, ...]
    total_distance: int
    unowned: tuple[int, ...]


def step_candidates(index: OrgIndex, step: FlowStep) -> list[int]:
    """Positions, in file order, of the nodes that can own a flow step."""
    if step.owner == "root":
        return [0] if len(index) else []
    if step.responsibility is None:
        return []
    return index.owners.get(step.responsibility, [])


def trace_handoffs(index: OrgIndex, cat: Catalogue, target_stage: int) -> tuple[HandoffReport, list[Finding]]:
    """Assign an owner to every step so the total distance is least (ties: owners earliest
    in file order, step by step); a step nobody owns is skipped and reported."""
    candidates = [step_candidates(index, s) for s in cat.flow]
    owned = [k for k, c in enumerate(candidates) if c]
    chosen = _best_assignment(index, [candidates[k] for k in owned])
    owner_of = dict(zip(owned, chosen, strict=True))
    hops = _hop_distances(index, chosen)
    hop_of = dict(zip(owned, hops, strict=True))
    steps: list[HandoffStep] = []
    findings: list[Finding] = []
    last: int | None = None
    for k, step in enumerate(cat.flow):
        owner = owner_of.get(k)
        if owner is None:
            findings.append(_unowned_finding(index, cat, step, last, target_stage))
            steps.append(HandoffStep(step.step, step.name, step.responsibility, None, None, 0))
            continue
        distance = hop_of[k] if last is not None else None
        steps.append(
            HandoffStep(step.step, step.name, step.responsibility, index.ids[owner], distance, len(candidates[k]))
        )
        last = owner
    total = sum(hops)
    unowned = tuple(s.step for s in steps if s.owner is None)
    return HandoffReport(tuple(steps), total, unowned), findings


def _best_assignment(index: OrgIndex, layers: list[list[int]]) -> list[int]:
    """One owner per layer minimising the summed tree distance between consecutive owners.

    A Viterbi pass run backwards: ``cost[c]`` is the least distance from candidate ``c`` to
    the end of the flow. Each layer's costs come from the next layer's by one tree walk up and
    one down (every node learns its nearest next-layer candidate, weighted by that candidate's
    own cost), so a layer costs O(nodes) however many candidates it has. Ties go to the
    candidate earliest in file order, which the walk carries as the second key.
    """
    if not layers:
        return []
    n = len(index)
    parent = index.parent
    nxt: list[dict[int, int]] = []
    cost_of: dict[int, int] = dict.fromkeys(layers[-1], 0)
    for layer in reversed(layers[:-1]):
        cost = [_INF] * n
        src = [n] * n
        for c, value in cost_of.items():
            cost[c] = value
            src[c] = c
        for i in range(n - 1, 0, -1):
            up = cost[i] + 1
            p = parent[i]
            if up < cost[p] or (up == cost[p] and src[i] < src[p]):
                cost[p] = up
                src[p] = src[i]
        for i in range(1, n):
            down = cost[parent[i]] + 1
            if down < cost[i] or (down == cost[i] and src[parent[i]] < src[i]):
                cost[i] = down
                src[i] = src[parent[i]]
        nxt.append({c: src[c] for c in layer})
        cost_of = {c: cost[c] for c in layer}
    nxt.reverse()
    first = min(layers[0], key=lambda c: (cost_of[c], c))
    chosen = [first]
    for step_next in nxt:
        chosen.append(step_next[chosen[-1]])
    return chosen


def _hop_distances(index: OrgIndex, chosen: list[int]) -> list[int]:
    """Tree distances between consecutive owners (0 for the first), by walking up from the
    deeper of each pair to their common ancestor."""
    depth, parent = index.depth, index.parent
    out = [0] * len(chosen)
    for k in range(1, len(chosen)):
        a, b = chosen[k - 1], chosen[k]
        steps = 0
        while depth[a] > depth[b]:
            a, steps = parent[a], steps + 1
        while depth[b] > depth[a]:
            b, steps = parent[b], steps + 1
        while a != b:
            a, b, steps = parent[a], parent[b], steps + 2
        out[k] = steps
    return out


def _unowned_finding(index: OrgIndex, cat: Catalogue, step: FlowStep, last: int | None, target_stage: int) -> Finding:
    if step.responsibility is None:
        message = f"Step {step.step} of the ML project flow ({step.name}) has no owner: the chart is empty."
        return Finding(Severity.ERROR, "handoff.unowned", message, about=str(step.step))
    title = cat.responsibility(step.responsibility).title
    message = f'Step {step.step} of the ML project flow ({step.name}) has no owner: nobody owns "{title}".'
    if last is not None:
        message += f" The work passes from {index.name(last)} straight to the next step."
    if target_stage < PRODUCTION_STAGE:
        message += f" The org is designed for stage {target_stage}, before ML in production, so this is expected."
        return Finding(Severity.INFO, "handoff.unowned", message, about=str(step.step))
    return Finding(Severity.ERROR, "handoff.unowned", message, about=str(step.step))
