"""The hand-off trace kept between edits: each step of the backward Viterbi pass (one per pair
of consecutive owned flow steps) is walked again only when its candidates, their places in the
tree or the next step's costs changed; the trace is then read forward as
:func:`~orgdesigner.analysis.handoffs.trace_handoffs` reads it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.handoffs import (
    HandoffReport,
    HandoffStep,
    Places,
    SourceKeys,
    source_keys,
    target_keys,
    unowned_finding,
)
from orgdesigner.analysis.live.index import LiveIndex
from orgdesigner.model import Catalogue
from orgdesigner.model.catalogue import FlowStep


@dataclass(slots=True)
class _Walk:
    """One backward step: the costs and choices of ``targets`` towards ``sources``."""

    targets: tuple[str, ...]
    sources: tuple[str, ...]
    weights: list[int]
    cost: list[int]
    choice: list[int]
    keys: SourceKeys[str]
    of: tuple[str | None, int]  # the skeleton it was walked on


class LiveHandoffs:
    """The trace and its findings, with the backward walks it was read from."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self._walks: list[_Walk | None] = []
        self._steps: tuple[int, ...] = ()
        self._hops: dict[tuple[str, str], int] = {}
        self._skeleton: tuple[dict[str, int], list[int]] | None = None
        self._skeleton_of: tuple[str | None, int] = (None, -1)  # the root and inner list version it is of
        self._places: dict[tuple[str, ...], Places[str]] = {}
        self.report: HandoffReport | None = None
        self.findings: list[Finding] = []

    def update(self, index: LiveIndex) -> None:
        """Walk again what changed, then read the trace."""
        flow = self.cat.flow
        candidates = [_candidates(index, step) for step in flow]
        owned = tuple(k for k, c in enumerate(candidates) if c)
        layers = [candidates[k] for k in owned]
        moved = index.dirt.relocated
        if owned != self._steps:
            self._walks = [None] * max(0, len(layers) - 1)
            self._steps = owned
        touched = [not moved.isdisjoint(layer) for layer in layers] if moved else [False] * len(layers)
        of = (index.root, index.internal.version)
        if of != self._skeleton_of:
            self._skeleton, self._skeleton_of, self._places = None, of, {}
        places = self._places
        for layer, moved_here in zip(layers, touched, strict=True):
            if moved_here:
                places.pop(layer, None)  # a candidate may sit under another parent now
        if len(places) > 2 * len(layers) + 4:
            places.clear()
        weights = [0] * len(layers[-1]) if layers else []
        for k in range(len(layers) - 2, -1, -1):
            walk = self._walks[k]
            targets, sources = layers[k], layers[k + 1]
            same_sources = (
                walk is not None
                and walk.of == of
                and not touched[k + 1]
                and walk.weights == weights
                and walk.sources == sources
            )
            if walk is None or not same_sources:
                if self._skeleton is None:
                    self._skeleton = _skeleton(index)
                walk = self._walks[k] = _walk(index, self._skeleton, of, targets, sources, weights, places)
            elif touched[k] or walk.targets != targets:  # only the targets changed: read them again
                assert self._skeleton is not None
                walk = self._walks[k] = _read_targets(index, self._skeleton, walk, targets, places)
            weights = walk.cost
        if moved:
            self._hops = {pair: d for pair, d in self._hops.items() if pair[0] not in moved and pair[1] not in moved}
        self._read(index, flow, layers, owned)

    def _read(
        self, index: LiveIndex, flow: tuple[FlowStep, ...], layers: list[tuple[str, ...]], owned: tuple[int, ...]
    ) -> None:
        chosen: list[str] = []
        walks = [w for w in self._walks if w is not None]
        assert len(walks) == len(self._walks)
        if layers:
            cost = walks[0].cost if walks else [0] * len(layers[0])
            first = min(range(len(layers[0])), key=lambda c: (cost[c], c))
            chosen.append(layers[0][first])
            at = first
            for k, walk in enumerate(walks):
                at = walk.choice[at]
                chosen.append(layers[k + 1][at])
        owner_of = dict(zip(owned, chosen, strict=True))
        hops = [0] * bool(chosen) + [self._hop(index, a, b) for a, b in pairwise(chosen)]
        hop_of = dict(zip(owned, hops, strict=True))
        steps: list[HandoffStep] = []
        findings: list[Finding] = []
        last: str | None = None
        for k, step in enumerate(flow):
            owner = owner_of.get(k)
            if owner is None:
                name = None if last is None else index.nodes[last].name
                findings.append(unowned_finding(self.cat, step, name, index.target_stage))
                steps.append(HandoffStep(step.step, step.name, step.responsibility, None, None, 0))
                continue
            distance = hop_of[k] if last is not None else None
            count = len(layers[owned.index(k)])
            steps.append(HandoffStep(step.step, step.name, step.responsibility, owner, distance, count))
            last = owner
        unowned = tuple(s.step for s in steps if s.owner is None)
        self.report = HandoffReport(tuple(steps), sum(hops), unowned)
        self.findings = findings

    def _hop(self, index: LiveIndex, a: str, b: str) -> int:
        """Reporting-line edges between ``a`` and ``b``, walking up from the deeper one."""
        known = self._hops.get((a, b))
        if known is not None:
            return known
        depth, parent = index.depth, index.parent
        x: str | None = a
        y: str | None = b
        steps = 0
        while x is not None and y is not None and depth[x] > depth[y]:
            x, steps = parent[x], steps + 1
        while x is not None and y is not None and depth[y] > depth[x]:
            y, steps = parent[y], steps + 1
        while x != y and x is not None and y is not None:
            x, y, steps = parent[x], parent[y], steps + 2
        self._hops[(a, b)] = steps
        return steps


def _candidates(index: LiveIndex, step: FlowStep) -> tuple[str, ...]:
    """The nodes that can own a flow step, in file order (as ``step_candidates``)."""
    if step.owner == "root":
        return () if index.root is None else (index.root,)
    if step.responsibility is None:
        return ()
    return tuple(index.owners[step.responsibility].items)


def _skeleton(index: LiveIndex) -> tuple[dict[str, int], list[int]]:
    """The root and every node with children, numbered in file order, and their parents'
    numbers (-1 for the root)."""
    root = index.root
    assert root is not None
    inner = index.internal.items
    nodes = inner if inner and inner[0] == root else [root, *inner]
    number = dict(zip(nodes, range(len(nodes)), strict=True))
    parent = index.parent
    up = [-1] + [number[p] for p in map(parent.__getitem__, nodes[1:]) if p is not None]
    return number, up


def _places(index: LiveIndex, number: dict[str, int], layer: tuple[str, ...]) -> Places[str]:
    parent = index.parent
    return Places(list(map(number.get, layer)), list(map(number.get, map(parent.__getitem__, layer))), layer)  # type: ignore[arg-type]


def _walk(
    index: LiveIndex,
    skeleton: tuple[dict[str, int], list[int]],
    of: tuple[str | None, int],
    targets: tuple[str, ...],
    sources: tuple[str, ...],
    weights: list[int],
    places: dict[tuple[str, ...], Places[str]],
) -> _Walk:
    number, up = skeleton
    if sources not in places:
        places[sources] = _places(index, number, sources)
    keys = source_keys(up, places[sources], weights)
    walk = _Walk(targets, sources, list(weights), [], [], keys, of)
    return _read_targets(index, skeleton, walk, targets, places)


def _read_targets(
    index: LiveIndex,
    skeleton: tuple[dict[str, int], list[int]],
    walk: _Walk,
    targets: tuple[str, ...],
    places: dict[tuple[str, ...], Places[str]],
) -> _Walk:
    if targets not in places:
        places[targets] = _places(index, skeleton[0], targets)
    r = walk.keys.r
    found = target_keys(walk.keys, places[targets])
    return _Walk(
        targets, walk.sources, walk.weights, [k // r for k in found], [k % r for k in found], walk.keys, walk.of
    )
