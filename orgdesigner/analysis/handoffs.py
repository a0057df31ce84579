"""The hand-off trace of the ML project flow: who owns each step, and how many reporting
lines each hand-off crosses, choosing the owners that make the whole trip shortest."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.graph import OrgIndex
from orgdesigner.model import Catalogue
from orgdesigner.model.catalogue import FlowStep

PRODUCTION_STAGE = 4
_INF = 1 << 62  # above any cost * (candidates + 1) + rank of a chart that fits in memory


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
            findings.append(unowned_finding(cat, step, None if last is None else index.name(last), target_stage))
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


Hashable_ = TypeVar("Hashable_", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Places(Generic[Hashable_]):
    """Where a layer's candidates sit in the skeleton (the root and every node with children,
    numbered in file order): ``inner[k]`` is candidate k's own number, None for a leaf, whose
    parent's number is ``outer[k]``; ``keys[k]`` tells leaves apart."""

    inner: list[int | None]
    outer: list[int | None]
    keys: Sequence[Hashable_]


@dataclass(frozen=True, slots=True)
class SourceKeys(Generic[Hashable_]):
    """What a layer's sources make of the skeleton: per number ``cost * r + rank`` of its best
    source (``r`` is the number of sources plus one), and each leaf source's own key."""

    key: list[int]
    own: dict[Hashable_, int]
    r: int


def source_keys(up: list[int], sources: Places[Hashable_], weights: list[int]) -> SourceKeys[Hashable_]:
    """Each skeleton number's best source: the least ``weight + tree distance``, ties to the
    lowest rank (the sources come in file order, so the earliest in the file wins). ``up`` is
    the skeleton (each number's parent number, -1 for the root at 0): one walk up and one down
    it, so a layer costs O(skeleton + candidates).

    The same least (cost, source) pair the full two-pass walk over every node finds: a leaf
    that is no candidate is never on a shortest path between two others.
    """
    r = len(sources.keys) + 1
    key = [_INF] * len(up)
    own: dict[Hashable_, int] = {}
    for rank, (inner, outer, leaf) in enumerate(zip(sources.inner, sources.outer, sources.keys, strict=True)):
        k = weights[rank] * r + rank
        if inner is not None:
            if k < key[inner]:
                key[inner] = k
        else:
            assert outer is not None
            if k < own.get(leaf, _INF):
                own[leaf] = k
            k += r
            if k < key[outer]:
                key[outer] = k
    for u in range(len(up) - 1, 0, -1):
        k = key[u] + r
        p = up[u]
        if k < key[p]:
            key[p] = k
    for u in range(1, len(up)):
        k = key[up[u]] + r
        if k < key[u]:
            key[u] = k
    return SourceKeys(key, own, r)


def target_keys(keys: SourceKeys[Hashable_], targets: Places[Hashable_]) -> list[int]:
    """For each target, ``cost * r + rank`` of its best source (see :func:`source_keys`)."""
    key, own, r = keys.key, keys.own, keys.r
    out: list[int] = []
    for inner, outer, leaf in zip(targets.inner, targets.outer, targets.keys, strict=True):
        if inner is not None:
            out.append(key[inner])
        else:
            assert outer is not None
            k = key[outer] + r
            mine = own.get(leaf, _INF)
            out.append(mine if mine < k else k)
    return out


def nearest_sources(
    up: list[int], sources: Places[Hashable_], weights: list[int], targets: Places[Hashable_]
) -> list[int]:
    """For each target, ``cost * (len(sources) + 1) + rank`` of its best source."""
    return target_keys(source_keys(up, sources, weights), targets)


def best_assignment(up: list[int], layers: list[Places[Hashable_]]) -> list[int]:
    """One candidate (its index in its layer) per layer minimising the summed tree distance
    between consecutive ones, ties to the earliest in file order step by step: a Viterbi pass
    run backwards, each layer's costs from the next layer's by :func:`nearest_sources`."""
    if not layers:
        return []
    cost = [0] * len(layers[-1].keys)
    nxt: list[list[int]] = []
    for k in range(len(layers) - 2, -1, -1):
        r = len(layers[k + 1].keys) + 1
        keys = nearest_sources(up, layers[k + 1], cost, layers[k])
        nxt.append([key % r for key in keys])
        cost = [key // r for key in keys]
    nxt.reverse()
    first = min(range(len(layers[0].keys)), key=lambda c: (cost[c], c))
    chosen = [first]
    for step_next in nxt:
        chosen.append(step_next[chosen[-1]])
    return chosen


def _best_assignment(index: OrgIndex, layers: list[list[int]]) -> list[int]:
    """The positions :func:`best_assignment` chooses, on the index's skeleton."""
    if not layers:
        return []
    counts, parent = index.child_count, index.parent
    number: list[int | None] = [None] * len(index)
    up: list[int] = []
    for i in range(len(index)):
        if i == 0 or counts[i]:
            number[i] = len(up)
            p = number[parent[i]] if i else -1
            assert p is not None
            up.append(p)

    def places(layer: list[int]) -> Places[int]:
        return Places([number[c] for c in layer], [number[parent[c]] if c else None for c in layer], layer)

    chosen = best_assignment(up, [places(layer) for layer in layers])
    return [layer[c] for layer, c in zip(layers, chosen, strict=True)]


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


def unowned_finding(cat: Catalogue, step: FlowStep, last: str | None, target_stage: int) -> Finding:
    """The finding for a flow step nobody owns; ``last`` names the owner of the step before."""
    if step.responsibility is None:
        message = f"Step {step.step} of the ML project flow ({step.name}) has no owner: the chart is empty."
        return Finding(Severity.ERROR, "handoff.unowned", message, about=str(step.step))
    title = cat.responsibility(step.responsibility).title
    message = f'Step {step.step} of the ML project flow ({step.name}) has no owner: nobody owns "{title}".'
    if last is not None:
        message += f" The work passes from {last} straight to the next step."
    if target_stage < PRODUCTION_STAGE:
        message += f" The org is designed for stage {target_stage}, before ML in production, so this is expected."
        return Finding(Severity.INFO, "handoff.unowned", message, about=str(step.step))
    return Finding(Severity.ERROR, "handoff.unowned", message, about=str(step.step))
